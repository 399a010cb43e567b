// `delegate:` entries that cannot work: one naming an interface `with:`
// maps elsewhere (its traits are not generated here), and `self` where
// only `delegate:` takes it.
mod elsewhere {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            interface clock { now: func() -> u64; }
            world w { import clock; }
        ",
    });
}

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface clock { now: func() -> u64; }
        world w { import clock; }
    ",
    with: { "test:ui/clock": elsewhere::test::ui::clock },
    delegate: { "test:ui/clock": self },
});

mod with_self {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            interface clock { now: func() -> u64; }
            world w { import clock; }
        ",
        with: { "test:ui/clock": self },
    });
}

mod unmatched {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            interface clock { now: func() -> u64; }
            world w { import clock; }
        ",
        delegate: { "test:ui/clocks": self },
    });
}

fn main() {}
