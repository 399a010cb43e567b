// `use` of a package the WIT does not define or pull in.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface shapes {
            use test:geometry/types.{point};
            centre: func(a: point) -> point;
        }
        world w { import shapes; }
    ",
});

fn main() {}
