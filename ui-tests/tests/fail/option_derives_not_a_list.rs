// `additional_derives:` takes a list of paths, not a string.
hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    additional_derives: "Hash",
});

fn main() {}
