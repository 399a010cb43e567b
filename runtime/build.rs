//! Which wasmtime hostgen is built for: the one `wasmtime-N` feature that is
//! on. Sets `cfg(hostgen_wasmtime = "N")` and `cfg(hostgen_wasmtime)`; with
//! none or several on, stops the build with one error naming the features,
//! before any wasmtime is compiled.
//!
//! Adding a wasmtime release: append it to `VERSIONS` in `build/select.rs`,
//! then follow the steps in `src/wasmtime_major.rs`.

include!("build/select.rs");

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build/select.rs");
    let values: Vec<String> = VERSIONS.iter().map(|v| format!("\"{v}\"")).collect();
    println!(
        "cargo::rustc-check-cfg=cfg(hostgen_wasmtime, values(none(), {}))",
        values.join(", ")
    );
    // The wasmi target needs no wasmtime: with `wasmi` on, none selected is
    // fine (several still is not).
    let wasmi = std::env::var_os("CARGO_FEATURE_WASMI").is_some();
    let any_wasmtime = VERSIONS
        .iter()
        .any(|v| std::env::var_os(format!("CARGO_FEATURE_WASMTIME_{v}")).is_some());
    match from_env() {
        Ok(version) => {
            println!("cargo::rustc-cfg=hostgen_wasmtime");
            println!("cargo::rustc-cfg=hostgen_wasmtime=\"{version}\"");
        }
        Err(_) if wasmi && !any_wasmtime => {}
        Err(message) => println!("cargo::error={message}"),
    }
}
