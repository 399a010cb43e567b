// `include` of a world that does not exist.
hostgen::bindgen!({
    inline: "
        package test:ui;
        world base { import log: func(msg: string); }
        world w { include bsae; }
    ",
    world: "w",
});

fn main() {}
