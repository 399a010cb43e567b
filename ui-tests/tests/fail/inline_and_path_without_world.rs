// With both `path` and `inline`, the world must be named explicitly.
hostgen::bindgen!({
    path: "wit",
    inline: "
        package test:extra;
        world extra { import forms:dep/clock@0.2.0; }
    ",
});

fn main() {}
