// `named_imports:` entries must name an interface the world imports, and
// one whose bindings are generated here (not mapped by `with:`); the id
// type is a path, never `self`.
mod unused {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            interface store { get: func(k: u32) -> u32; }
            interface other { f: func(); }
            world w { import store; }
        ",
        named_imports: { "test:ui/other": u32 },
    });
}

mod not_a_path {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            interface store { get: func(k: u32) -> u32; }
            world w { import store; }
        ",
        named_imports: { "test:ui/store": self },
    });
}

mod remapped {
    pub mod elsewhere {
        hostgen::bindgen!({
            inline: "
                package test:ui;
                interface store { get: func(k: u32) -> u32; }
                world w { import store; }
            ",
        });
    }

    hostgen::bindgen!({
        inline: "
            package test:ui;
            interface store { get: func(k: u32) -> u32; }
            world w { import store; }
        ",
        with: { "test:ui/store": elsewhere::test::ui::store },
        named_imports: { "test:ui/store": u32 },
    });
}

fn main() {}
