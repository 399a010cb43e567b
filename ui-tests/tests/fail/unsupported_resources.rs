hostgen::bindgen!({
    inline: "
        package test:ui;
        interface files {
            resource file {
                read: func() -> list<u8>;
            }
            open: func(path: string) -> file;
        }
        world w { import files; }
    ",
});

fn main() {}
