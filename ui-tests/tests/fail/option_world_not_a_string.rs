// `world:` takes the world's name as a string literal, not a bool.
hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    world: true,
});

fn main() {}
