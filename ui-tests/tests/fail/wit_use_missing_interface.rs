// `use` of an interface that is not in the package (a typo of `types`).
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface types { record point { x: s32, y: s32 } }
        interface shapes {
            use typs.{point};
            centre: func(a: point) -> point;
        }
        world w { import shapes; }
    ",
});

fn main() {}
