// WIT features not implemented yet are refused, each use listed.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface io {
            read: async func(n: u32) -> list<u8>;
            chunks: func() -> stream<u8>;
            later: func() -> future<string>;
        }
        world w { import io; }
    ",
});

fn main() {}
