// `path:` takes a string literal (or a list of them), not a number.
hostgen::bindgen!({
    path: 1,
    world: "w",
});

fn main() {}
