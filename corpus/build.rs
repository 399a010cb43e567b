//! Finds every world of the corpus — the WIT that wasmtime-wasi and
//! wasmtime-wasi-http ship, each package under `wit/`, and each file under
//! `regressions/` — and writes one `bindgen!` per world and option set (the
//! option matrix, [`OPTION_SETS`]): the defaults into `$OUT_DIR/corpus.rs`
//! (the library), the other columns into `$OUT_DIR/matrix.rs`
//! (`tests/option_matrix.rs`). A new world is in every column without
//! editing any test. Also writes the interop test's bindings
//! (`$OUT_DIR/interop.rs`).

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use wit_parser::{InterfaceId, Resolve, Stability, TypeDefKind, WorldId, WorldItem, WorldKey};

/// The macro's identifier mangling, so that the paths written here to
/// generated items are the ones the macro generates.
#[allow(dead_code)]
#[path = "../macro/src/names.rs"]
mod names;

/// Where each crate keeps its WIT, relative to its manifest, and the module
/// the corpus puts its worlds in: WASI 0.2, and WASI 0.3 (`async func`,
/// `stream`, `future`).
const SOURCES: &[(&str, &str, &str)] = &[
    ("wasmtime-wasi", "src/p2/wit", "wasmtime_wasi"),
    ("wasmtime-wasi-http", "wit", "wasmtime_wasi_http"),
    ("wasmtime-wasi", "src/p3/wit", "wasmtime_wasi_p3"),
    ("wasmtime-wasi-http", "src/p3/wit", "wasmtime_wasi_http_p3"),
];

/// One column of the option matrix: every corpus world is generated with
/// these options, in a module named after the world plus `suffix`.
struct OptionSet {
    suffix: &'static str,
    /// The `bindgen!` options besides `path` and `world`.
    options: &'static str,
    /// Also use the imports' dyn companions (`DynHost`,
    /// `Dyn<World>Imports`): see [`dyn_hosts`].
    dyn_hosts: bool,
}

/// The option matrix's columns (issue 13). The first, the defaults, is the
/// library; the others are `tests/option_matrix.rs`, which only compiles.
const OPTION_SETS: &[OptionSet] = &[
    // The defaults.
    OptionSet {
        suffix: "",
        options: "",
        dyn_hosts: false,
    },
    // Every import and export async, and every dyn companion in use.
    OptionSet {
        suffix: "_async",
        options: "imports: { default: async }, exports: { default: async }",
        dyn_hosts: true,
    },
    // Async, with every import trappable and traced.
    OptionSet {
        suffix: "_async_trappable_tracing",
        options: "imports: { default: async | trappable | tracing }, exports: { default: async }",
        dyn_hosts: true,
    },
    // Every import reaching the store (`HostWithStore`), and trappable.
    OptionSet {
        suffix: "_store_trappable",
        options: "imports: { default: store | trappable }",
        dyn_hosts: false,
    },
];

/// Files of wasmtime's `bindgen!` tests (`tests/codegen`) that the
/// wit-parser hostgen uses refuses, and the text its error must contain:
/// any other failure to parse one fails the build.
const CODEGEN_REFUSED: &[(&str, &str)] = &[
    // wasmtime 48's and 49's copies of these six files declare a `flags` of
    // 64 members or an empty `record`, which their wit-parser still took.
    // The component model allows neither since, and wit-parser refuses both
    // (0.261, in wasmtime 50's own `bindgen!`, and 0.263 here); wasmtime
    // 50's copies drop them, and compile here in full.
    ("flags.wit", "cannot have more than 32 flags"),
    ("records.wit", "empty record"),
    ("simple-wasi.wit", "empty record"),
    ("use-paths.wit", "empty record"),
    ("variants.wit", "empty record"),
    ("worlds-with-types.wit", "empty record"),
];

/// Cells of the matrix left out: (world, option set's suffix, why). Empty
/// when every world compiles under every option set.
const EXCLUDED: &[(&str, &str, &str)] = &[];

/// One world of the corpus and how `bindgen!` finds it.
struct CorpusWorld {
    /// The world's module (before an option set's suffix).
    name: String,
    /// `ns:pkg/world@version`.
    id: String,
    /// What names the world in the matrix (`MATRIX`, `EXCLUDED`): its `id`
    /// where that is unique in the corpus (the WASI worlds, of which
    /// wasmtime-wasi-http ships copies that count once), else the file and
    /// the id (wasmtime's test files reuse `foo:foo/the-world`).
    key: String,
    /// The `path` option, as Rust tokens.
    path: String,
    /// What [`dyn_hosts`] writes for it.
    dyn_hosts: String,
    /// Where the world comes from, for its doc comment.
    from: String,
}

/// The worlds of one source, in a module of their own.
struct Group {
    module: &'static str,
    worlds: Vec<CorpusWorld>,
    /// Option sets besides the matrix's that this group's worlds get in the
    /// library.
    extra: &'static [OptionSet],
}

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let mut groups = Vec::new();

    // The WIT wasmtime ships.
    for (krate, sub, module) in SOURCES {
        let dir = crate_dir(krate).join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut resolve = all_items();
        resolve
            .push_path(&dir)
            .unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
        let worlds = resolve.worlds.iter().map(|(id, world)| {
            let pkg = &resolve.packages[world.package.unwrap()].name;
            let name = format!("{}_{}_{}", pkg.namespace, pkg.name, world.name)
                .replace([':', '-', '.'], "_");
            CorpusWorld {
                name,
                id: world_id(&resolve, id),
                key: world_id(&resolve, id),
                path: format!("{dir:?}"),
                dyn_hosts: dyn_hosts(&resolve, id),
                from: format!("{krate}'s `{sub}`"),
            }
        });
        groups.push(Group {
            module,
            worlds: worlds.collect(),
            extra: &[],
        });
    }

    // Each package under `wit/` (a folder per package), which may use the
    // WASI 0.2 packages wasmtime-wasi ships: those are passed along.
    let wasi = crate_dir("wasmtime-wasi").join("src/p2/wit");
    let local = manifest.join("wit");
    println!("cargo:rerun-if-changed={}", local.display());
    let mut worlds = Vec::new();
    for dir in sorted_entries(&local, |p| p.is_dir()) {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut resolve = all_items();
        resolve.push_path(&wasi).unwrap();
        let pkg = resolve
            .push_path(&dir)
            .unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()))
            .0;
        let rel = format!("wit/{}", file_name(&dir));
        for (id, world) in &resolve.worlds {
            if world.package != Some(pkg) {
                continue;
            }
            let pkg = &resolve.packages[pkg].name;
            worlds.push(CorpusWorld {
                name: format!("{}_{}_{}", pkg.namespace, pkg.name, world.name).replace('-', "_"),
                id: world_id(&resolve, id),
                key: world_id(&resolve, id),
                path: format!("[{wasi:?}, {rel:?}]"),
                dyn_hosts: dyn_hosts(&resolve, id),
                from: format!("`{rel}`"),
            });
        }
    }
    groups.push(Group {
        module: "local",
        worlds,
        extra: &[],
    });

    // Worlds that once broke hostgen, most found by hostgen-fuzz: every
    // world of every `regressions/*.wit`, also with the options the fuzzer
    // found them with.
    let regressions = manifest.join("regressions");
    println!("cargo:rerun-if-changed={}", regressions.display());
    let mut worlds = Vec::new();
    for file in sorted_entries(&regressions, |p| p.extension().is_some_and(|e| e == "wit")) {
        println!("cargo:rerun-if-changed={}", file.display());
        let mut resolve = all_items();
        resolve
            .push_file(&file)
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        let rel = format!("regressions/{}", file_name(&file));
        let stem = module_stem(&file);
        for (id, world) in &resolve.worlds {
            worlds.push(CorpusWorld {
                name: format!("{stem}_{}", world.name.replace('-', "_")),
                id: world_id(&resolve, id),
                key: format!("{rel} {}", world_id(&resolve, id)),
                path: format!("{rel:?}"),
                dyn_hosts: dyn_hosts(&resolve, id),
                from: format!("`{rel}`"),
            });
        }
    }
    groups.push(Group {
        module: "regressions",
        worlds,
        extra: &[OptionSet {
            suffix: "_fuzzed",
            options: "all_features: true, imports: { default: tracing }",
            dyn_hosts: false,
        }],
    });

    // The WIT of wasmtime's own `bindgen!` tests (`tests/codegen` of
    // wasmtime-internal-component-macro, at the selected wasmtime's
    // version): a file or a folder (with `deps/`) per package, every world
    // of that package.
    let codegen = crate_dir("wasmtime-internal-component-macro").join("tests/codegen");
    println!("cargo:rerun-if-changed={}", codegen.display());
    let mut worlds = Vec::new();
    let mut refused = Vec::new();
    let mut unexpected = Vec::new();
    for entry in sorted_entries(&codegen, |p| {
        p.is_dir() || p.extension().is_some_and(|e| e == "wit")
    }) {
        let mut resolve = all_items();
        let pkg = match resolve.push_path(&entry) {
            Ok((pkg, _)) => pkg,
            Err(e) => {
                let name = file_name(&entry);
                let error = format!("{e:#}");
                match CODEGEN_REFUSED.iter().find(|(f, _)| *f == name) {
                    Some((_, expected)) if error.contains(expected) => {
                        refused.push(format!("({name:?}, {error:?})"));
                        continue;
                    }
                    _ => unexpected.push(format!("{}: {error}", entry.display())),
                }
                continue;
            }
        };
        let stem = module_stem(&entry);
        for (id, world) in &resolve.worlds {
            if world.package != Some(pkg) {
                continue;
            }
            worlds.push(CorpusWorld {
                name: format!("{stem}_{}", world.name.replace('-', "_")),
                id: world_id(&resolve, id),
                key: format!(
                    "tests/codegen/{} {}",
                    file_name(&entry),
                    world_id(&resolve, id)
                ),
                path: format!("{entry:?}"),
                dyn_hosts: dyn_hosts(&resolve, id),
                from: format!("wasmtime's `tests/codegen/{}`", file_name(&entry)),
            });
        }
    }
    assert!(
        unexpected.is_empty(),
        "wasmtime's bindgen! test WIT that hostgen's wit-parser refuses:\n{}",
        unexpected.join("\n")
    );
    groups.push(Group {
        module: "wasmtime_codegen",
        worlds,
        extra: &[],
    });
    let refused = format!(
        "/// wasmtime's `bindgen!` test files that hostgen's wit-parser refuses:\n\
         /// (file, its error).\n\
         pub const WASMTIME_CODEGEN_REFUSED: &[(&str, &str)] = &[{}];\n",
        refused.join(", ")
    );

    let (mut lib, matrix) = generate(&groups);
    lib.push_str(&refused);
    std::fs::write(out.join("corpus.rs"), lib).unwrap();
    std::fs::write(out.join("matrix.rs"), matrix).unwrap();

    // The interop test's bindings: a custom interface using WASI's stream
    // type, with every WASI package mapped to wasmtime-wasi's bindings.
    // Their `add_to_linker::<T, D>` links the mapped interfaces too, through
    // wasmtime-wasi's, which need `T: Send` (as with wasmtime's `bindgen!`).
    let interop = format!(
        "/// WASI 0.2 WIT as shipped in wasmtime-wasi.\n\
         pub const WASI_WIT: &str = {wasi:?};\n\
         hostgen::bindgen!({{\n\
             path: [{wasi:?}, \"wit/interop\"],\n\
             world: \"test:interop/app\",\n\
             require_store_data_send: true,\n\
             with: {{\n\
                 \"wasi:io\": crate::wasmtime_wasi::p2::bindings::io,\n\
                 \"wasi:cli\": crate::wasmtime_wasi::p2::bindings::cli,\n\
             }},\n\
         }});\n\
         /// The same world with async imports and exports, for\n\
         /// `wasmtime_wasi::p2::add_to_linker_async`.\n\
         pub mod asynchronous {{\n\
         hostgen::bindgen!({{\n\
             path: [{wasi:?}, \"wit/interop\"],\n\
             world: \"test:interop/app\",\n\
             imports: {{ default: async }},\n\
             exports: {{ default: async }},\n\
             with: {{\n\
                 \"wasi:io\": crate::wasmtime_wasi::p2::bindings::io,\n\
                 \"wasi:cli\": crate::wasmtime_wasi::p2::bindings::cli,\n\
             }},\n\
         }});\n\
         }}\n\
         /// `app-net`: `@unstable` items gated when linking, and the\n\
         /// world's `LinkOptions` converting into wasmtime-wasi's.\n\
         pub mod net {{\n\
         hostgen::bindgen!({{\n\
             path: [{wasi:?}, \"wit/interop\"],\n\
             world: \"test:interop/app-net\",\n\
             require_store_data_send: true,\n\
             with: {{\n\
                 \"wasi:io\": crate::wasmtime_wasi::p2::bindings::io,\n\
                 \"wasi:cli\": crate::wasmtime_wasi::p2::bindings::cli,\n\
                 \"wasi:sockets\": crate::wasmtime_wasi::p2::bindings::sockets,\n\
             }},\n\
         }});\n\
         }}\n\
         /// `intercept`: WASI interfaces whose `*Delegate` traits forward to\n\
         /// wasmtime-wasi's own implementations.\n\
         pub mod intercept {{\n\
         hostgen::bindgen!({{\n\
             path: [{wasi:?}, \"wit/interop\"],\n\
             world: \"test:interop/intercept\",\n\
             imports: {{ default: trappable }},\n\
             delegate: {{\n\
                 \"wasi:random/random\": crate::wasmtime_wasi::p2::bindings::random::random,\n\
                 \"wasi:clocks/wall-clock\": crate::wasmtime_wasi::p2::bindings::clocks::wall_clock,\n\
             }},\n\
         }});\n\
         }}\n\
         /// `intercept-net`: `wasi:sockets/tcp` with the flags and error type\n\
         /// of wasmtime-wasi's bindings, delegated to them.\n\
         pub mod intercept_net {{\n\
         hostgen::bindgen!({{\n\
             path: [{wasi:?}, \"wit/interop\"],\n\
             world: \"test:interop/intercept-net\",\n\
             imports: {{\n\
                 \"wasi:sockets/tcp.[method]tcp-socket.start-bind\": async | trappable,\n\
                 \"wasi:sockets/tcp.[method]tcp-socket.start-listen\": async | trappable,\n\
                 default: trappable,\n\
             }},\n\
             trappable_error_type: {{\n\
                 \"wasi:sockets/network.error-code\" => crate::wasmtime_wasi::p2::SocketError,\n\
             }},\n\
             with: {{\n\
                 \"wasi:io\": crate::wasmtime_wasi::p2::bindings::io,\n\
                 \"wasi:clocks\": crate::wasmtime_wasi::p2::bindings::clocks,\n\
                 \"wasi:sockets/network\": crate::wasmtime_wasi::p2::bindings::sockets::network,\n\
             }},\n\
             delegate: {{\n\
                 \"wasi:sockets/tcp\": crate::wasmtime_wasi::p2::bindings::sockets::tcp,\n\
             }},\n\
         }});\n\
         }}\n"
    );
    std::fs::write(out.join("interop.rs"), interop).unwrap();
}

/// The library's code (`corpus.rs`: every world with the defaults, the
/// groups' extra option sets, and the matrix's description) and the
/// matrix's (`matrix.rs`: every other column). A world that an earlier
/// group holds too, by the same `ns:pkg/world@version` (wasmtime-wasi-http
/// ships copies of wasmtime-wasi's WASI packages), gets the defaults only:
/// the matrix holds each world once.
fn generate(groups: &[Group]) -> (String, String) {
    let mut lib = String::new();
    let mut matrix = String::new();
    let mut seen = HashSet::new();
    // (world, option set) of every cell, and the exclusions that matched.
    let mut cells: Vec<(&str, &str)> = Vec::new();
    let mut excluded = HashSet::new();
    let mut without_dyn = Vec::new();
    for group in groups {
        writeln!(lib, "pub mod {} {{", group.module).unwrap();
        writeln!(matrix, "pub mod {} {{", group.module).unwrap();
        for world in &group.worlds {
            let first = seen.insert(world.key.as_str());
            if first && world.dyn_hosts.is_empty() {
                without_dyn.push(format!("{:?}", world.key));
            }
            for (i, set) in OPTION_SETS.iter().enumerate() {
                if i > 0 && !first {
                    continue;
                }
                let skip = EXCLUDED
                    .iter()
                    .find(|(key, suffix, _)| *key == world.key && *suffix == set.suffix);
                let code = if i == 0 { &mut lib } else { &mut matrix };
                if let Some((id, suffix, why)) = skip {
                    excluded.insert((*id, *suffix));
                    writeln!(code, "    // `{id}` × `{suffix}` left out: {why}").unwrap();
                    continue;
                }
                if first {
                    cells.push((&world.key, set.suffix));
                }
                cell(code, world, set);
            }
            for set in group.extra {
                cell(&mut lib, world, set);
            }
        }
        writeln!(lib, "}}").unwrap();
        writeln!(matrix, "}}").unwrap();
    }
    for (world, suffix, _) in EXCLUDED {
        assert!(
            excluded.contains(&(*world, *suffix)),
            "EXCLUDED names world `{world}` × `{suffix}`, which is not in the matrix"
        );
    }
    let count = |name: &str| {
        let group = groups.iter().find(|g| g.module == name);
        group.map_or(0, |g| g.worlds.len())
    };
    let wasi: usize = SOURCES.iter().map(|(_, _, m)| count(m)).sum();
    let sets: Vec<String> = OPTION_SETS
        .iter()
        .map(|s| format!("({:?}, {:?})", s.suffix, s.options))
        .collect();
    let cells: Vec<String> = cells.iter().map(|c| format!("{c:?}")).collect();
    let excluded: Vec<String> = EXCLUDED
        .iter()
        .map(|(w, s, why)| format!("({w:?}, {s:?}, {why:?})"))
        .collect();
    write!(
        lib,
        "/// How many worlds wasmtime's WIT holds (WASI 0.2 and 0.3).\n\
         pub const WORLDS: usize = {wasi};\n\
         /// How many worlds the packages under `wit/` hold.\n\
         pub const LOCAL_WORLDS: usize = {};\n\
         /// How many regression worlds the corpus holds.\n\
         pub const REGRESSION_WORLDS: usize = {};\n\
         /// How many worlds wasmtime's own `bindgen!` tests hold.\n\
         pub const WASMTIME_CODEGEN_WORLDS: usize = {};\n\
         /// How many distinct worlds (`ns:pkg/world@version`) the corpus holds:\n\
         /// the option matrix's rows.\n\
         pub const DISTINCT_WORLDS: usize = {};\n\
         /// The option matrix's columns: module suffix and `bindgen!` options.\n\
         pub const OPTION_SETS: &[(&str, &str)] = &[{}];\n\
         /// Every cell of the option matrix that is generated: (world, suffix).\n\
         pub const MATRIX: &[(&str, &str)] = &[{}];\n\
         /// Cells left out: (world, suffix, why).\n\
         pub const EXCLUDED: &[(&str, &str, &str)] = &[{}];\n\
         /// Worlds with no dyn companion (`DynHost`) to use.\n\
         pub const WITHOUT_DYN_HOSTS: &[&str] = &[{}];\n",
        count("local"),
        count("regressions"),
        count("wasmtime_codegen"),
        seen.len(),
        sets.join(", "),
        cells.join(", "),
        excluded.join(", "),
        without_dyn.join(", "),
    )
    .unwrap();
    (lib, matrix)
}

/// The module of `world` × `set`: the `bindgen!`, and the dyn hosts in use.
fn cell(code: &mut String, world: &CorpusWorld, set: &OptionSet) {
    let CorpusWorld {
        name,
        id,
        key: _,
        path,
        dyn_hosts,
        from,
    } = world;
    let suffix = set.suffix;
    let (options, with) = match set.options {
        "" => (String::new(), String::new()),
        o => (format!(", {o}"), format!(", with `{o}`")),
    };
    let dyn_hosts = if set.dyn_hosts {
        dyn_hosts.as_str()
    } else {
        ""
    };
    writeln!(
        code,
        "    /// `{id}` from {from}{with}\n    pub mod {name}{suffix} {{\n        \
         hostgen::bindgen!({{ path: {path}, world: {id:?}{options} }});\n{dyn_hosts}    }}"
    )
    .unwrap();
}

/// What uses the dyn companions of `world`'s imports (with every import
/// async), so that a broken companion fails to compile, as the README's
/// Async section uses `DynHost`: a `DynHosts` struct with a
/// `Box<dyn DynHost>` per import a dyn host can serve on its own (an
/// interface, or the world's own imports, with a function or resource and
/// no WIT `async func`), and its `add_to_linker` linking each through its
/// box. An import with an `async func` links with a `HasData` marker
/// implementing `HostWithStore`, which a dyn host does not provide; for
/// those, that `dyn DynHost` implements `Host` is checked instead. Empty
/// when the world has no companion.
///
/// `add_to_linker` is generic over the store data, so it is type-checked
/// but not code-generated (that would take minutes for the corpus).
fn dyn_hosts(resolve: &Resolve, world_id: WorldId) -> String {
    let world = &resolve.worlds[world_id];
    let versions = conflicting_versions(resolve, world_id);
    let mut fields = names::NameSet::default();
    let mut modules = HashSet::new();
    // (field, companion, linker function and its options argument) per
    // import served by a box; (trait, companion) per import only checked.
    let mut served: Vec<(String, String, String)> = Vec::new();
    let mut checked: Vec<(String, String)> = Vec::new();
    for (key, item) in &world.imports {
        let WorldItem::Interface { id, .. } = item else {
            continue;
        };
        let path = interface_path(resolve, key, *id, &versions);
        if !modules.insert(path.clone()) {
            continue;
        }
        let iface = &resolve.interfaces[*id];
        let resources = iface.types.values().copied();
        let module = path.join("::");
        match companion(resolve, iface.functions.values(), resources) {
            Companion::None => {}
            Companion::Checked => {
                checked.push((format!("{module}::Host"), format!("{module}::DynHost")));
            }
            Companion::Served => {
                let options = if interface_features(resolve, *id) {
                    "&Default::default(), "
                } else {
                    ""
                };
                served.push((
                    fields.claim(path.join("_")),
                    format!("{module}::DynHost"),
                    format!("{module}::add_to_linker_mut(linker, {options}"),
                ));
            }
        }
    }
    let funcs = world.imports.values().filter_map(|item| match item {
        WorldItem::Function(f) => Some(f),
        _ => None,
    });
    let types = world.imports.values().filter_map(|item| match item {
        WorldItem::Type { id, .. } => Some(*id),
        _ => None,
    });
    let own = companion(resolve, funcs, types);
    if own != Companion::None {
        // The world's names, claimed in the order the macro claims them.
        let base = names::camel(&world.name);
        let mut root = names::NameSet::with_reserved(names::reserved::ROOT);
        let world_ty = root.claim(base.clone());
        root.claim(format!("{base}Pre"));
        root.claim(format!("{base}Indices"));
        let imports = root.claim(format!("{base}Imports"));
        let dyn_imports = root.claim(format!("Dyn{base}Imports"));
        if own == Companion::Checked {
            checked.push((imports, dyn_imports));
        } else {
            let options = if world_features(resolve, world_id) {
                "&Default::default(), "
            } else {
                ""
            };
            served.push((
                fields.claim("imports".to_string()),
                dyn_imports,
                format!("{world_ty}::add_to_linker_imports_mut(linker, {options}"),
            ));
        }
    }
    let mut code = String::new();
    for (host, dyn_host) in &checked {
        writeln!(
            code,
            "        const _: fn() = {{ fn host<H: ?Sized + {host}>() {{}} host::<dyn {dyn_host}> }};"
        )
        .unwrap();
    }
    if served.is_empty() {
        return code;
    }
    code.push_str(
        "        /// A dyn host for every import one can serve on its own.\n        \
         pub struct DynHosts {\n",
    );
    for (field, dyn_host, _) in &served {
        writeln!(code, "            pub {field}: Box<dyn {dyn_host}>,").unwrap();
    }
    code.push_str(
        "        }\n        impl DynHosts {\n            \
         /// Links each import to its dyn host in the `DynHosts` `get` returns.\n            \
         pub fn add_to_linker<T: Send + 'static>(\n                \
         linker: &mut ::hostgen::wasmtime::component::Linker<T>,\n                \
         get: fn(&mut T) -> &mut Self,\n            \
         ) -> ::hostgen::wasmtime::Result<()> {\n",
    );
    for (field, _, link) in &served {
        writeln!(
            code,
            "                {link}move |t: &mut T| &mut *get(t).{field})?;"
        )
        .unwrap();
    }
    code.push_str("                Ok(())\n            }\n        }\n");
    code
}

/// Whether an importer has a dyn companion with every import async, and how
/// the corpus uses it.
#[derive(PartialEq)]
enum Companion {
    /// No function or resource: no companion.
    None,
    /// A WIT `async func`: `dyn DynHost: Host` is checked.
    Checked,
    /// Linked through a `Box<dyn DynHost>`.
    Served,
}

/// The [`Companion`] of an importer of `funcs` and `types`.
fn companion<'a>(
    resolve: &Resolve,
    funcs: impl Iterator<Item = &'a wit_parser::Function>,
    mut types: impl Iterator<Item = wit_parser::TypeId>,
) -> Companion {
    let funcs: Vec<_> = funcs.collect();
    let has_resource = types.any(|t| matches!(resolve.types[t].kind, TypeDefKind::Resource));
    // No resource, and only WIT `async func`s (or nothing): no companion.
    if !has_resource && funcs.iter().all(|f| f.kind.is_async()) {
        Companion::None
    } else if funcs.iter().any(|f| f.kind.is_async()) {
        Companion::Checked
    } else {
        Companion::Served
    }
}

/// Whether `stability` is `@unstable`.
fn unstable(stability: &Stability) -> bool {
    matches!(stability, Stability::Unstable { .. })
}

/// Whether interface `id` has `@unstable` items, so its linker functions
/// take a `LinkOptions` (the macro's `unstable::interface_features`).
fn interface_features(resolve: &Resolve, id: InterfaceId) -> bool {
    let iface = &resolve.interfaces[id];
    unstable(&iface.stability)
        || iface.functions.values().any(|f| unstable(&f.stability))
        || iface
            .types
            .values()
            .any(|t| unstable(&resolve.types[*t].stability))
}

/// Whether the world's own linker functions take a `LinkOptions` (the
/// macro's `unstable::world_features`).
fn world_features(resolve: &Resolve, id: WorldId) -> bool {
    let world = &resolve.worlds[id];
    unstable(&world.stability)
        || world.imports.values().any(|item| match item {
            WorldItem::Interface { id, stability, .. } => {
                unstable(stability) || interface_features(resolve, *id)
            }
            WorldItem::Function(f) => unstable(&f.stability),
            WorldItem::Type { id, .. } => unstable(&resolve.types[*id].stability),
        })
}

/// Packages the world names at more than one version, whose modules carry
/// the version (the macro's `modules::conflicting_versions`).
fn conflicting_versions(resolve: &Resolve, id: WorldId) -> HashSet<(String, String)> {
    let world = &resolve.worlds[id];
    let mut seen: BTreeMap<(String, String), HashSet<String>> = BTreeMap::new();
    for key in world.imports.keys().chain(world.exports.keys()) {
        if let WorldKey::Interface(id) = key
            && let Some(pkg) = resolve.interfaces[*id].package
        {
            let name = &resolve.packages[pkg].name;
            let version = name.version.as_ref().map(|v| v.to_string());
            seen.entry((name.namespace.clone(), name.name.clone()))
                .or_default()
                .insert(version.unwrap_or_default());
        }
    }
    seen.into_iter()
        .filter(|(_, versions)| versions.len() > 1)
        .map(|(k, _)| k)
        .collect()
}

/// The module path of imported interface `id`, named `key` in the world
/// (the macro's `modules::interface_path` of its `iface_key`).
fn interface_path(
    resolve: &Resolve,
    key: &WorldKey,
    id: InterfaceId,
    versions: &HashSet<(String, String)>,
) -> Vec<String> {
    let iface = &resolve.interfaces[id];
    match (key, &iface.name) {
        (WorldKey::Name(name), None) => vec![names::module(name)],
        _ => {
            let name = &resolve.packages[iface.package.unwrap()].name;
            let mut path = vec![names::module(&name.namespace), names::module(&name.name)];
            if versions.contains(&(name.namespace.clone(), name.name.clone()))
                && let Some(v) = &name.version
            {
                path.push(format!("v{}", v.to_string().replace(['.', '-', '+'], "_")));
            }
            path.push(names::module(iface.name.as_deref().unwrap()));
            path
        }
    }
}

/// An empty `Resolve` that keeps `@unstable` items, as the macro's does
/// when it gates them at link time (the default).
fn all_items() -> Resolve {
    Resolve {
        all_features: true,
        ..Resolve::default()
    }
}

/// The entries of `dir` that `keep` accepts, sorted.
fn sorted_entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| keep(p))
        .collect();
    entries.sort();
    entries
}

/// A file's or folder's name without its extension, as a Rust module name
/// prefix.
fn module_stem(path: &Path) -> String {
    path.file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .replace('-', "_")
}

fn file_name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

/// `ns:pkg/world@version`, as `bindgen!`'s `world` option takes it.
fn world_id(resolve: &Resolve, id: WorldId) -> String {
    let world = &resolve.worlds[id];
    let pkg = &resolve.packages[world.package.unwrap()].name;
    let id = format!("{}:{}/{}", pkg.namespace, pkg.name, world.name);
    match &pkg.version {
        Some(v) => format!("{id}@{v}"),
        None => id,
    }
}

/// hostgen's list of supported wasmtime majors, and which one is on.
mod versions {
    include!("../runtime/build/select.rs");
}

/// The wasmtime major the `wasmtime-N` feature selects.
fn wasmtime_major() -> &'static str {
    versions::from_env().unwrap_or_else(|e| panic!("{e}"))
}

/// The unpacked source of `krate` at the version Cargo.lock pins for the
/// selected wasmtime major, in the cargo registry cache
/// (`$CARGO_HOME/registry/src/<index>/<name>-<version>`).
fn crate_dir(krate: &str) -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let lock = std::fs::read_to_string(workspace.join("Cargo.lock")).expect("read Cargo.lock");
    let major = format!("{}.", wasmtime_major());
    let version = lock
        .split("[[package]]")
        .filter(|p| p.contains(&format!("name = \"{krate}\"\n")))
        .filter_map(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_string())
        .find(|v| v.starts_with(&major))
        .unwrap_or_else(|| panic!("{krate} {major}x is not in Cargo.lock"));
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("CARGO_HOME or HOME is set");
    let src = home.join("registry").join("src");
    std::fs::read_dir(&src)
        .unwrap_or_else(|e| panic!("{}: {e}", src.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path().join(format!("{krate}-{version}")))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| {
            panic!(
                "the source of {krate} {version} is not under {}",
                src.display()
            )
        })
}
