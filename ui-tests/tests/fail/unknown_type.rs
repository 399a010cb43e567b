hostgen::bindgen!({
    inline: "
        package test:ui;
        interface broken {
            get: func() -> widget;
        }
        world w { import broken; }
    ",
});

fn main() {}
