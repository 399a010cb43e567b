// A misspelt option close to a real one gets a "did you mean" hint.
hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    skip_mut_forwarding_impl: true,
});

fn main() {}
