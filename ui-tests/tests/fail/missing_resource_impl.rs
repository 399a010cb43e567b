// An interface with a resource: its `Host` requires `HostFile` too, and
// implementing only `Host` is an error that names the resource.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface files {
            resource file {
                constructor(name: string);
                size: func() -> u64;
            }
            count: func() -> u32;
        }
        world w { import files; }
    ",
});

struct Files;

impl test::ui::files::Host for Files {
    fn count(&mut self) -> u32 {
        0
    }
}

fn main() {}
