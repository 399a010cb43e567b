hostgen::bindgen!({
    inline: "
        package test:ui;
        interface broken {
            add: func(n: u32) -> ;
        }
        world w { import broken; }
    ",
});

fn main() {}
