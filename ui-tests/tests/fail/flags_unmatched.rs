// `imports`/`exports` entries that match nothing are errors at the entry:
// a misspelt function, an interface the world only imports named under
// `exports`, and an `exact` entry naming an interface (exact entries name
// one function).
hostgen::bindgen!({
    inline: "
        package test:ui@1.0.0;
        interface clock { now: func() -> u64; }
        world w { import clock; export run: func(); }
    ",
    imports: {
        "test:ui/clock.nwo": async,
        "test:ui/clock@1.0.0": async | exact,
        "test:ui/clock": async,
    },
    exports: { "test:ui/clock": async, "run": async },
});

fn main() {}
