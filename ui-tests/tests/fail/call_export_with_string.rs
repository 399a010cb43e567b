// Export calls take strings as `&str`; passing a `String` is a type error.
hostgen::bindgen!({
    inline: "
        package test:ui;
        world w { export greet: func(name: string) -> string; }
    ",
});

fn greet(w: &W, store: &mut wasmtime::Store<()>) -> wasmtime::Result<String> {
    let name = String::from("world");
    w.call_greet(store, name)
}

fn main() {}
