// `borrow<T>` (a method's receiver in WIT) of a type that is not a resource.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface files {
            record file { name: string }
            size: func(self: borrow<file>) -> u64;
        }
        world w { import files; }
    ",
});

fn main() {}
