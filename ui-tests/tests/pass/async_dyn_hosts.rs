#![deny(warnings)]
// Async imports served three ways: a static host, `Box<dyn DynHost>`
// chosen at run time, and a wrapper getter; resources included, with
// `catch_panics: false` (so the async bodies must name their error type).
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface kv {
            resource bucket {
                constructor(name: string);
                get: func(key: string) -> option<string>;
            }
            ping: func() -> u32;
            version: func() -> string;
        }
        world w { import kv; export run: func() -> string; }
    ",
    imports: { "test:ui/kv.version": exact, default: async },
    exports: { default: async },
    catch_panics: false,
});

// `DynHost` is named by path: with it and `Host` both in scope, method
// calls on a host would be ambiguous.
use test::ui::kv::{Bucket, Host, HostBucket, add_to_linker_get_host, add_to_linker_mut};
use wasmtime::component::{Linker, Resource};

struct Mem;

impl HostBucket for Mem {
    async fn new(&mut self, _name: String) -> Resource<Bucket> {
        Resource::new_own(0)
    }
    async fn get(&mut self, _b: Resource<Bucket>, key: String) -> Option<String> {
        Some(key)
    }
    async fn drop(&mut self, _b: Resource<Bucket>) -> wasmtime::Result<()> {
        Ok(())
    }
}

impl Host for Mem {
    async fn ping(&mut self) -> u32 {
        1
    }
    fn version(&mut self) -> String {
        "1".into()
    }
}

struct Plugins {
    host: Box<dyn test::ui::kv::DynHost>,
}

struct Wrapper<'a>(&'a mut Mem);

impl HostBucket for Wrapper<'_> {
    async fn new(&mut self, name: String) -> Resource<Bucket> {
        self.0.new(name).await
    }
    async fn get(&mut self, b: Resource<Bucket>, key: String) -> Option<String> {
        self.0.get(b, key).await
    }
    async fn drop(&mut self, b: Resource<Bucket>) -> wasmtime::Result<()> {
        HostBucket::drop(self.0, b).await
    }
}

impl Host for Wrapper<'_> {
    async fn ping(&mut self) -> u32 {
        self.0.ping().await
    }
    fn version(&mut self) -> String {
        self.0.version()
    }
}

fn wrap(m: &mut Mem) -> Wrapper<'_> {
    Wrapper(m)
}

fn main() -> wasmtime::Result<()> {
    let engine = wasmtime::Engine::default();
    let mut statics = Linker::<Mem>::new(&engine);
    add_to_linker_mut(&mut statics, |m: &mut Mem| m)?;
    let mut dynamic = Linker::<Plugins>::new(&engine);
    add_to_linker_mut(&mut dynamic, |p: &mut Plugins| &mut *p.host)?;
    let _plugins = Plugins { host: Box::new(Mem) };
    let mut wrapped = Linker::<Mem>::new(&engine);
    add_to_linker_get_host(&mut wrapped, wrap)?;
    W::add_to_linker_mut(&mut wrapped, |m: &mut Mem| m).err();
    Ok(())
}
