#![deny(warnings)]
// When every function of an interface is a resource's, `Host` has no methods
// of its own but requires `HostBlob`; the host writes an empty `impl Host`,
// as with wasmtime's bindgen! (a blanket impl would conflict with it, and
// with a library's own `impl<T: View> Host for T`).
use wasmtime::component::Resource;

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface blobs { resource blob { size: func() -> u64; } }
        world w { import blobs; }
    ",
});

use test::ui::blobs::{Blob, Host, HostBlob};

struct H;

impl HostBlob for H {
    fn size(&mut self, _: Resource<Blob>) -> u64 {
        0
    }
    fn drop(&mut self, _: Resource<Blob>) -> wasmtime::Result<()> {
        Ok(())
    }
}

impl Host for H {}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<H>::new(&engine);
    W::add_to_linker_mut(&mut linker, |h: &mut H| h).unwrap();
}
