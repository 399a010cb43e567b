//! Expansion snapshots: for each world under `snapshots/`, the macro's
//! prettyplease-formatted expansion (`stringify: true`) must equal the
//! checked-in `snapshots/<name>.rs.snap`. After an intended change to the
//! generated code, rewrite them with `BLESS=1 cargo test -p hostgen-ui-tests
//! --test snapshots` and review the diff like any other code change.
//!
//! `stringify` needs a literal path, so every case is written out. Like every
//! expansion, it makes rustc track the WIT files it read: editing a `.wit`
//! rebuilds this test.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// `snapshots/values.wit`: every value type, imported.
#[test]
fn values() {
    check(
        "values",
        hostgen::bindgen!({ path: "snapshots/values.wit", world: "values", stringify: true }),
    );
}

/// `snapshots/resources.wit`: an imported resource mapped with `with:`, and
/// an exported (guest) resource.
#[test]
fn resources() {
    check(
        "resources",
        hostgen::bindgen!({
            path: "snapshots/resources.wit",
            world: "resources",
            with: { "snap:res/files.file": crate::FileData },
            stringify: true,
        }),
    );
}

/// `snapshots/world_items.wit`: world-level types, imports and exports, with
/// `skip_mut_forwarding_impls`.
#[test]
fn world_items() {
    check(
        "world_items",
        hostgen::bindgen!({
            path: "snapshots/world_items.wit",
            world: "app",
            skip_mut_forwarding_impls: true,
            stringify: true,
        }),
    );
}

/// `snapshots/cross_use.wit`: `use` across interfaces of a versioned
/// package, one interface both imported and exported.
#[test]
fn cross_use() {
    check(
        "cross_use",
        hostgen::bindgen!({ path: "snapshots/cross_use.wit", world: "shapes", stringify: true }),
    );
}

/// `snapshots/errors.wit`: WIT error types, `trappable_error_type` and a
/// `trappable` import.
#[test]
fn errors() {
    check(
        "errors",
        hostgen::bindgen!({
            path: "snapshots/errors.wit",
            world: "errors",
            imports: { "snap:errors/kv.flush": trappable },
            trappable_error_type: { "snap:errors/kv.error-code" => crate::KvError },
            stringify: true,
        }),
    );
}

/// `snapshots/named_imports.wit`: `named_imports:` on an interface with a
/// resource, a `trappable_error_type`, a function flagged `store` and an
/// `@unstable` one gated at link time.
#[test]
fn named_imports() {
    check(
        "named_imports",
        hostgen::bindgen!({
            path: "snapshots/named_imports.wit",
            world: "named",
            imports: { "snap:named/kv.scan": store },
            trappable_error_type: { "snap:named/kv.error-code" => crate::KvError },
            named_imports: { "snap:named/kv": crate::KvId },
            stringify: true,
        }),
    );
}

/// `snapshots/borrowing.wit`: `ownership: Borrowing { duplicate_if_necessary:
/// true }`: borrowed-only records and variants with a lifetime, a record
/// both passed and returned twice, an alias, nested lists, and types
/// without strings or lists unchanged.
#[test]
fn borrowing() {
    check(
        "borrowing",
        hostgen::bindgen!({
            path: "snapshots/borrowing.wit",
            world: "borrowing",
            ownership: Borrowing { duplicate_if_necessary: true },
            stringify: true,
        }),
    );
}

/// `snapshots/async_flags.wit`: `imports:`/`exports:` flag maps mixing
/// async, sync, trappable and traced functions, an async resource
/// destructor, and the dyn-compatible companions.
#[test]
fn async_flags() {
    check(
        "async_flags",
        hostgen::bindgen!({
            path: "snapshots/async_flags.wit",
            world: "client",
            imports: {
                "snap:asy/net.local-port": exact,
                "snap:asy/net@0.1.0.[method]conn.send": async | trappable | tracing,
                "snap:asy/net": async,
                "log": async | verbose_tracing,
            },
            exports: { "run": async },
            stringify: true,
        }),
    );
}

/// `snapshots/store_flag.wit`: functions flagged `store` (sync and async,
/// a resource method and a world-level import) move to `*WithStore` traits
/// and the linkers take a `HasData` marker.
#[test]
fn store_flag() {
    check(
        "store_flag",
        hostgen::bindgen!({
            path: "snapshots/store_flag.wit",
            world: "app",
            imports: {
                "snap:store/db.[method]cursor.next": store | async,
                "snap:store/db.stats": store,
                "notify": store | trappable,
            },
            stringify: true,
        }),
    );
}

/// `snapshots/p3_shapes.wit`: WASI 0.3 shapes (`async func` as concurrent
/// `*WithStore` functions with an `Accessor`; `stream`, `future`,
/// `error-context`).
#[test]
fn p3_shapes() {
    check(
        "p3_shapes",
        hostgen::bindgen!({ path: "snapshots/p3_shapes.wit", world: "p3", stringify: true }),
    );
}

/// `snapshots/map_fixed.wit`: `map<K, V>` as `HashMap<K, V>` and `list<T, N>`
/// as `[T; N]` in types, imports (traced) and export calls.
#[test]
fn map_fixed() {
    check(
        "map_fixed",
        hostgen::bindgen!({
            path: "snapshots/map_fixed.wit",
            world: "maps",
            imports: { default: tracing },
            stringify: true,
        }),
    );
}

/// `snapshots/compose.wit`: `delegate:` (the interface's own traits as the
/// inner host) and `either: true`, over a resource, an async function and a
/// trappable error another interface defines.
#[test]
fn compose() {
    check(
        "compose",
        hostgen::bindgen!({
            path: "snapshots/compose.wit",
            world: "compose",
            imports: { "snap:compose/net.wait": async },
            trappable_error_type: { "snap:compose/types.error-code": crate::NetError },
            delegate: { "snap:compose/net": self },
            either: true,
            stringify: true,
        }),
    );
}

/// Every `.wit` under `snapshots/` has a case above, and every `.rs.snap` a
/// `.wit`: a new world cannot be forgotten, nor a stale snapshot linger.
#[test]
fn every_world_has_a_case() {
    const CASES: &[&str] = &[
        "values",
        "resources",
        "world_items",
        "cross_use",
        "errors",
        "async_flags",
        "store_flag",
        "p3_shapes",
        "compose",
        "map_fixed",
        "named_imports",
        "borrowing",
    ];
    let mut wit = Vec::new();
    let mut snaps = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(stem) = name.strip_suffix(".wit") {
            wit.push(stem.to_string());
        } else if let Some(stem) = name.strip_suffix(".rs.snap") {
            snaps.push(stem.to_string());
        }
    }
    wit.sort();
    snaps.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    cases.sort();
    assert_eq!(wit, cases, "each snapshots/*.wit needs a test in this file");
    // (A missing snapshot is reported by its case; only orphans here, so
    // this test does not race the cases writing theirs under BLESS=1.)
    let orphans: Vec<_> = snaps.iter().filter(|s| !cases.contains(s)).collect();
    assert!(
        orphans.is_empty(),
        "snapshots without a snapshots/*.wit: {orphans:?}"
    );
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots")
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `actual` with `snapshots/<name>.rs.snap`, or rewrites the file
/// under `BLESS=1`.
fn check(name: &str, actual: &str) {
    let path = dir().join(format!("{name}.rs.snap"));
    if bless() {
        if std::fs::read_to_string(&path).ok().as_deref() != Some(actual) {
            std::fs::write(&path, actual).unwrap();
            eprintln!("blessed {}", path.display());
        }
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => panic!(
            "no snapshot `{}` ({e}); create it with `BLESS=1 cargo test -p hostgen-ui-tests --test snapshots`",
            path.display()
        ),
    };
    if expected != actual {
        panic!(
            "the expansion of `snapshots/{name}.wit` differs from `snapshots/{name}.rs.snap` \
             (- snapshot, + now); if the change is intended, rerun with BLESS=1\n\n{}",
            diff(&expected, actual)
        );
    }
}

/// Lines shown around each change.
const CONTEXT: usize = 3;
/// Output lines after which the diff is cut short.
const MAX_LINES: usize = 80;

/// A unified-style line diff of `old` → `new`, with 1-based line numbers of
/// both sides: common prefix and suffix are trimmed, the middle is diffed
/// with an LCS table.
fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    // Edit script of the middle, as (tag, old index, new index).
    let mut ops: Vec<(char, usize, usize)> = Vec::new();
    if am.len() * bm.len() <= 4_000_000 {
        // lcs[i][j]: length of the LCS of am[i..] and bm[j..].
        let mut lcs = vec![vec![0u32; bm.len() + 1]; am.len() + 1];
        for i in (0..am.len()).rev() {
            for j in (0..bm.len()).rev() {
                lcs[i][j] = if am[i] == bm[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < am.len() || j < bm.len() {
            if i < am.len() && j < bm.len() && am[i] == bm[j] {
                ops.push((' ', i, j));
                (i, j) = (i + 1, j + 1);
            } else if i < am.len() && (j == bm.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.push(('-', i, j));
                i += 1;
            } else {
                ops.push(('+', i, j));
                j += 1;
            }
        }
    } else {
        // Too large to diff finely: all of the old middle, then the new.
        ops.extend((0..am.len()).map(|i| ('-', i, 0)));
        ops.extend((0..bm.len()).map(|j| ('+', am.len(), j)));
    }

    // Show changed lines with CONTEXT lines around them, including the
    // trimmed prefix and suffix.
    let mut rows: Vec<(char, usize, usize, &str)> = (prefix.saturating_sub(CONTEXT)..prefix)
        .map(|i| (' ', i, i, a[i]))
        .collect();
    let mut last_change: Option<usize> = None;
    for (k, &(tag, i, j)) in ops.iter().enumerate() {
        let row = match tag {
            '-' => ('-', prefix + i, prefix + j, am[i]),
            '+' => ('+', prefix + i, prefix + j, bm[j]),
            _ => (' ', prefix + i, prefix + j, am[i]),
        };
        if tag == ' ' {
            let near_prev = last_change.is_some_and(|c| k - c <= CONTEXT);
            let near_next = ops[k + 1..].iter().take(CONTEXT).any(|(t, _, _)| *t != ' ');
            if near_prev || near_next {
                rows.push(row);
            } else if rows.last().is_some_and(|r| r.0 != '…') {
                rows.push(('…', 0, 0, ""));
            }
        } else {
            rows.push(row);
            last_change = Some(k);
        }
    }
    let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
    rows.extend((0..suffix.min(CONTEXT)).map(|k| (' ', a_end + k, b_end + k, a[a_end + k])));

    let mut out = String::new();
    for (n, (tag, i, j, text)) in rows.iter().enumerate() {
        if n == MAX_LINES {
            let _ = writeln!(out, "… ({} more lines of diff)", rows.len() - n);
            break;
        }
        let _ = match tag {
            '…' => writeln!(out, "{:>5} {:>5}   …", "", ""),
            '-' => writeln!(out, "{:>5} {:>5} - {text}", i + 1, ""),
            '+' => writeln!(out, "{:>5} {:>5} + {text}", "", j + 1),
            _ => writeln!(out, "{:>5} {:>5}   {text}", i + 1, j + 1),
        };
    }
    if old.ends_with('\n') != new.ends_with('\n') {
        out.push_str("(the files differ in their final newline)\n");
    }
    out
}

#[test]
fn diff_reports_line_numbers_of_both_sides() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
    let new = "a\nb\nc\nd\nE\nf\ng\nh\nx\n";
    let d = diff(old, new);
    assert_eq!(
        d,
        [
            "    2     2   b",
            "    3     3   c",
            "    4     4   d",
            "    5       - e",
            "          5 + E",
            "    6     6   f",
            "    7     7   g",
            "    8     8   h",
            "          9 + x",
            "",
        ]
        .join("\n")
    );
}

/// Generated code contains no `unsafe`: every snapshot is checked (the
/// derives wasmtime expands later are wasmtime's own code).
#[test]
fn generated_code_has_no_unsafe() {
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "snap") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains("unsafe"),
                "{} contains `unsafe`",
                path.display()
            );
        }
    }
}
