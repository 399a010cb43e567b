// Every bad option is reported at its own token, in one compile.
hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    wrold: "w",
    skip_mut_forwarding_impls: "yes",
    debug: false,
    debug: true,
    imports: { default: async | trappable | fast },
    exports: { default: async | trappable },
    tracing: true,
});

fn main() {}
