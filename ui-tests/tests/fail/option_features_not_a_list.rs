// `features:` takes a list of string literals, even for a single feature.
hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    features: "x",
});

fn main() {}
