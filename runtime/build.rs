//! Which wasmtime hostgen is built for: the one `wasmtime-N` feature that is
//! on. Sets `cfg(hostgen_wasmtime = "N")` (and `cfg(hostgen_wasmtime)`) when
//! exactly one is; otherwise sets nothing and leaves `src/target.rs` to
//! report the mistake as one compile error naming the features.
//!
//! Adding a wasmtime release: append it to `VERSIONS`, then follow the
//! steps in `src/target.rs`.

/// Every wasmtime major hostgen supports, oldest first.
const VERSIONS: &[&str] = &["48", "49", "50"];

fn main() {
    let values: Vec<String> = VERSIONS.iter().map(|v| format!("\"{v}\"")).collect();
    println!(
        "cargo::rustc-check-cfg=cfg(hostgen_wasmtime, values(none(), {}))",
        values.join(", ")
    );
    let features = |vs: &[&str]| {
        vs.iter()
            .map(|v| format!("`wasmtime-{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let on: Vec<&str> = VERSIONS
        .iter()
        .copied()
        .filter(|v| std::env::var_os(format!("CARGO_FEATURE_WASMTIME_{v}")).is_some())
        .collect();
    if let [version] = on[..] {
        println!("cargo::rustc-cfg=hostgen_wasmtime");
        println!("cargo::rustc-cfg=hostgen_wasmtime=\"{version}\"");
    }
    // For the error in src/target.rs.
    println!(
        "cargo::rustc-env=HOSTGEN_WASMTIME_FEATURES={}",
        features(VERSIONS)
    );
    println!(
        "cargo::rustc-env=HOSTGEN_WASMTIME_FEATURES_ON={}",
        features(&on)
    );
    println!("cargo::rerun-if-changed=build.rs");
}
