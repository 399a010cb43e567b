// Every bad option is reported at its own token, in one compile.
hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    wrold: "w",
    skip_mut_forwarding_impls: "yes",
    debug: false,
    debug: true,
    with: { "test:ui/x": crate::x },
});

fn main() {}
