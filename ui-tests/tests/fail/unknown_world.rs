hostgen::bindgen!({
    inline: "
        package test:ui;
        world first {}
        world second {}
    ",
    world: "thrid",
});

fn main() {}
