// Included by `build.rs` and by hostgen-runtime-tests: which wasmtime the
// `wasmtime-N` features select, and the error when they select none or
// several. Plain std.

/// Every wasmtime major hostgen supports, oldest first.
pub const VERSIONS: &[&str] = &["48", "49", "50"];

/// The one version among `on` (the `wasmtime-N` features turned on), or the
/// message for the person whose build turned on none or several.
pub fn select<'a>(on: &[&'a str]) -> Result<&'a str, String> {
    let feature = |v: &str| format!("`wasmtime-{v}`");
    let all: Vec<String> = VERSIONS.iter().map(|v| feature(v)).collect();
    match on {
        [one] => Ok(*one),
        [] => Err(format!(
            "hostgen: no wasmtime selected. Turn on the feature for the wasmtime major your crate \
             uses, exactly one of {}: for wasmtime 50, \
             `hostgen = {{ version = \"0.1\", features = [\"wasmtime-50\"] }}` next to \
             `wasmtime = \"50\"` (or `wasmi`, for bindings run by wasmi instead)",
            all.join(", ")
        )),
        several => {
            let on: Vec<String> = several.iter().map(|v| feature(v)).collect();
            let (list, quantity) = match &on[..] {
                [a, b] => (format!("{a} and {b}"), "both"),
                _ => (on.join(", "), "all"),
            };
            Err(format!(
                "hostgen: the features {list} are {quantity} on, but hostgen is built for exactly one \
                 wasmtime. Crates in this build disagree on the wasmtime major; \
                 `cargo tree -e features -i hostgen` shows which crate turns on which"
            ))
        }
    }
}

/// [`select`] over the `wasmtime-N` features cargo turned on, as a build
/// script sees them (`CARGO_FEATURE_WASMTIME_N`).
pub fn from_env() -> Result<&'static str, String> {
    let on: Vec<&str> = VERSIONS
        .iter()
        .copied()
        .filter(|v| std::env::var_os(format!("CARGO_FEATURE_WASMTIME_{v}")).is_some())
        .collect();
    select(&on)
}
