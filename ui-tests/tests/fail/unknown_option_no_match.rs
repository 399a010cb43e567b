hostgen::bindgen!({
    inline: "package test:ui; world w {}",
    colour: "blue",
});

fn main() {}
