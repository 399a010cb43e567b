#![deny(warnings)]
// Two `bindgen!` invocations of different worlds in one module: their hidden
// helper names (`with:` aliases, linker impls) must not collide. (Their WIT
// namespaces differ: each namespace becomes a module.) An interface whose
// functions are all resource methods gets `Host` for free.
pub struct Blob;

hostgen::bindgen!({
    inline: "
        package one:blobs;
        interface blobs { resource blob { size: func() -> u64; } }
        world first {
            import blobs;
            import log: func(msg: string);
            export run: func();
        }
    ",
    with: { "one:blobs/blobs.blob": Blob },
});

hostgen::bindgen!({
    inline: "
        package two:blobs;
        interface blobs { resource blob { size: func() -> u64; } }
        world second {
            import blobs;
            import log: func(msg: string);
            export run: func();
        }
    ",
    with: { "two:blobs/blobs.blob": Blob },
});

use wasmtime::component::Resource;

struct H;

impl one::blobs::blobs::HostBlob for H {
    fn size(&mut self, _: Resource<Blob>) -> u64 {
        1
    }
    fn drop(&mut self, _: Resource<Blob>) -> wasmtime::Result<()> {
        Ok(())
    }
}

impl two::blobs::blobs::HostBlob for H {
    fn size(&mut self, _: Resource<Blob>) -> u64 {
        2
    }
    fn drop(&mut self, _: Resource<Blob>) -> wasmtime::Result<()> {
        Ok(())
    }
}

// Resource-only interfaces need an (empty) `Host` impl.
impl one::blobs::blobs::Host for H {}
impl two::blobs::blobs::Host for H {}

impl FirstImports for H {
    fn log(&mut self, _: String) {}
}
impl SecondImports for H {
    fn log(&mut self, _: String) {}
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<H>::new(&engine);
    First::add_to_linker_mut(&mut linker, |h: &mut H| h).unwrap();
    let mut other = wasmtime::component::Linker::<H>::new(&engine);
    Second::add_to_linker_mut(&mut other, |h: &mut H| h).unwrap();
    let _: [fn(&First, &mut wasmtime::Store<H>) -> wasmtime::Result<()>; 1] =
        [|w, s| w.call_run(s)];
    let _: [fn(&Second, &mut wasmtime::Store<H>) -> wasmtime::Result<()>; 1] =
        [|w, s| w.call_run(s)];
}
