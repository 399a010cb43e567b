// A `with:` entry mapping a resource to a type that does not exist.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface files {
            resource file { size: func() -> u64; }
        }
        world w { import files; }
    ",
    with: { "test:ui/files.file": FileData },
});

fn main() {}
