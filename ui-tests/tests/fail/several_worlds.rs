hostgen::bindgen!({
    inline: "
        package test:ui;
        world first {}
        world second {}
    ",
});

fn main() {}
