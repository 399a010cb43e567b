// A `HostDelegate` impl without the resource's `HostFileDelegate`: a
// `hostgen::Delegate` of it does not serve the interface, and the error says
// which trait to implement (an empty impl forwards everything).
use hostgen::wasmtime::component::Linker;

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface files {
            resource file { size: func() -> u64; }
            open: func(path: string) -> file;
        }
        world w { import files; }
    ",
    delegate: { "test:ui/files": self },
});

use test::ui::files;

struct Real;

impl files::HostFile for Real {
    fn size(&mut self, _: hostgen::wasmtime::component::Resource<files::File>) -> u64 {
        0
    }
    fn drop(
        &mut self,
        _: hostgen::wasmtime::component::Resource<files::File>,
    ) -> hostgen::wasmtime::Result<()> {
        Ok(())
    }
}

impl files::Host for Real {
    fn open(&mut self, _: String) -> hostgen::wasmtime::component::Resource<files::File> {
        hostgen::wasmtime::component::Resource::new_own(1)
    }
}

struct Logged {
    real: Real,
}

impl files::HostDelegate for Logged {
    type Inner<'a> = &'a mut Real;
    fn inner(&mut self) -> &mut Real {
        &mut self.real
    }
}

fn link(linker: &mut Linker<hostgen::Delegate<Logged>>) {
    files::add_to_linker_mut(linker, |s: &mut hostgen::Delegate<Logged>| s).unwrap();
}

fn main() {}
