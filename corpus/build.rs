//! Finds the WIT that wasmtime-wasi and wasmtime-wasi-http ship, and writes
//! one `bindgen!` per world found there into `$OUT_DIR/corpus.rs`, so a new
//! world in those crates is covered without editing any test.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Where each crate keeps its WIT, relative to its manifest, and the module
/// the corpus puts its worlds in: WASI 0.2, and WASI 0.3 (`async func`,
/// `stream`, `future`).
const SOURCES: &[(&str, &str, &str)] = &[
    ("wasmtime-wasi", "src/p2/wit", "wasmtime_wasi"),
    ("wasmtime-wasi-http", "wit", "wasmtime_wasi_http"),
    ("wasmtime-wasi", "src/p3/wit", "wasmtime_wasi_p3"),
    ("wasmtime-wasi-http", "src/p3/wit", "wasmtime_wasi_http_p3"),
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut code = String::new();
    let mut count = 0;
    for (krate, sub, module) in SOURCES {
        let dir = crate_dir(krate).join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut resolve = wit_parser::Resolve::default();
        resolve
            .push_path(&dir)
            .unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
        writeln!(code, "pub mod {module} {{").unwrap();
        for (_, world) in &resolve.worlds {
            let pkg = &resolve.packages[world.package.unwrap()].name;
            let id = world_id(&resolve, world);
            let name = format!("{}_{}_{}", pkg.namespace, pkg.name, world.name)
                .replace([':', '-', '.'], "_");
            writeln!(
                code,
                "    /// `{id}`\n    pub mod {name} {{ hostgen::bindgen!({{ path: {dir:?}, world: {id:?} }}); }}",
            )
            .unwrap();
            // The same world with every import and export async.
            writeln!(
                code,
                "    /// `{id}`, async\n    pub mod {name}_async {{ hostgen::bindgen!({{ \
                 path: {dir:?}, world: {id:?}, imports: {{ default: async }}, \
                 exports: {{ default: async }} }}); }}",
            )
            .unwrap();
            count += 1;
        }
        writeln!(code, "}}").unwrap();
    }
    writeln!(
        code,
        "/// How many worlds the corpus holds.\npub const WORLDS: usize = {count};"
    )
    .unwrap();

    // Worlds that once broke hostgen, most found by hostgen-fuzz: every
    // world of every `regressions/*.wit`.
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let regressions = manifest.join("regressions");
    println!("cargo:rerun-if-changed={}", regressions.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&regressions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wit"))
        .collect();
    files.sort();
    writeln!(code, "pub mod regressions {{").unwrap();
    let mut regression_worlds = 0;
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let mut resolve = wit_parser::Resolve::default();
        resolve
            .push_file(file)
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        let rel = format!(
            "regressions/{}",
            file.file_name().unwrap().to_str().unwrap()
        );
        let stem = file
            .file_stem()
            .unwrap()
            .to_str()
            .unwrap()
            .replace('-', "_");
        for (_, world) in &resolve.worlds {
            let id = world_id(&resolve, world);
            let name = format!("{stem}_{}", world.name.replace('-', "_"));
            writeln!(
                code,
                "    /// `{id}` from `{rel}`\n    pub mod {name} {{ hostgen::bindgen!({{ \
                 path: {rel:?}, world: {id:?}, all_features: true, \
                 imports: {{ default: tracing }} }}); }}",
            )
            .unwrap();
            regression_worlds += 1;
        }
    }
    writeln!(
        code,
        "}}\n/// How many regression worlds the corpus holds.\n\
         pub const REGRESSION_WORLDS: usize = {regression_worlds};"
    )
    .unwrap();
    std::fs::write(out.join("corpus.rs"), code).unwrap();

    // The interop test's bindings: a custom interface using WASI's stream
    // type, with every WASI package mapped to wasmtime-wasi's bindings.
    let wasi = crate_dir("wasmtime-wasi").join("src/p2/wit");
    let interop = format!(
        "/// WASI 0.2 WIT as shipped in wasmtime-wasi.\n\
         pub const WASI_WIT: &str = {wasi:?};\n\
         hostgen::bindgen!({{\n\
             path: [{wasi:?}, \"wit/interop\"],\n\
             world: \"test:interop/app\",\n\
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

/// `ns:pkg/world@version`, as `bindgen!`'s `world` option takes it.
fn world_id(resolve: &wit_parser::Resolve, world: &wit_parser::World) -> String {
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
