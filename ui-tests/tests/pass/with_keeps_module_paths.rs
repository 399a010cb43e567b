#![deny(warnings)]
// `with:` keeps the module tree: an interface mapped elsewhere (by its own
// name, by its package, by its namespace) still has its module in these
// bindings, re-exporting the one it is mapped to, as wasmtime's `bindgen!`
// does. wasmtime-wasi's own code reaches `crate::p2::bindings::io::streams`
// that way. The wasmtime-shaped `add_to_linker::<T, D>` links it.

mod first {
    hostgen::bindgen!({
        inline: "
            package dep:io;
            interface streams { record chunk { len: u32 } read: func() -> chunk; }
            interface poll { ready: func() -> bool; }
            world first { import streams; import poll; }
        ",
    });
}

mod by_package {
    hostgen::bindgen!({
        inline: "
            package dep:io;
            interface streams { record chunk { len: u32 } read: func() -> chunk; }
            interface poll { ready: func() -> bool; }
            world second {
                import streams;
                import poll;
                import take: func(c: chunk);
                use streams.{chunk};
            }
        ",
        with: { "dep:io": super::first::dep::io },
    });
}

mod by_interface {
    hostgen::bindgen!({
        inline: "
            package dep:io;
            interface streams { record chunk { len: u32 } read: func() -> chunk; }
            interface poll { ready: func() -> bool; }
            world third { import streams; import poll; }
        ",
        with: { "dep:io/streams": super::first::dep::io::streams },
    });
}

mod by_namespace {
    hostgen::bindgen!({
        inline: "
            package dep:io;
            interface streams { record chunk { len: u32 } read: func() -> chunk; }
            world fourth { import streams; }
        ",
        with: { "dep": super::first::dep },
    });
}

struct H;

impl first::dep::io::streams::Host for H {
    fn read(&mut self) -> first::dep::io::streams::Chunk {
        first::dep::io::streams::Chunk { len: 3 }
    }
}
impl first::dep::io::poll::Host for H {
    fn ready(&mut self) -> bool {
        true
    }
}
impl by_package::SecondImports for H {
    fn take(&mut self, _: by_package::dep::io::streams::Chunk) {}
}

// The same types and traits at every path.
fn same_chunk(
    c: by_package::dep::io::streams::Chunk,
) -> (
    by_interface::dep::io::streams::Chunk,
    by_namespace::dep::io::streams::Chunk,
) {
    (c, c)
}
fn serves<T: by_package::dep::io::poll::Host + by_interface::dep::io::streams::Host>() {}

fn main() {
    let c = same_chunk(first::dep::io::streams::Chunk { len: 1 });
    assert_eq!(c.0.len + c.1.len, 2);
    serves::<H>();
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<H>::new(&engine);
    by_package::Second::add_to_linker::<_, wasmtime::component::HasSelf<_>>(&mut linker, |h| h)
        .unwrap();
    by_package::dep::io::streams::add_to_linker::<_, wasmtime::component::HasSelf<_>>(
        &mut wasmtime::component::Linker::<H>::new(&engine),
        |h| h,
    )
    .unwrap();
}
