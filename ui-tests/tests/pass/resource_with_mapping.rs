#![deny(warnings)]
// `with:` maps a WIT resource to the host's own type, so `Resource<FileData>`
// handles point into a `ResourceTable` of it.
use wasmtime::component::{Resource, ResourceTable};

pub struct FileData {
    size: u64,
}

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface files {
            resource file {
                constructor(size: u64);
                size: func() -> u64;
                open: static func(name: string) -> option<file>;
            }
            total: func(files: list<borrow<file>>) -> u64;
        }
        world w { import files; }
    ",
    with: { "test:ui/files.file": FileData },
});

use test::ui::files::{Host, HostFile};

#[derive(Default)]
struct Files {
    table: ResourceTable,
}

impl HostFile for Files {
    fn new(&mut self, size: u64) -> Resource<FileData> {
        self.table.push(FileData { size }).unwrap()
    }
    fn size(&mut self, self_: Resource<FileData>) -> u64 {
        self.table.get(&self_).unwrap().size
    }
    fn open(&mut self, name: String) -> Option<Resource<FileData>> {
        (!name.is_empty()).then(|| self.new(0))
    }
    fn drop(&mut self, rep: Resource<FileData>) -> wasmtime::Result<()> {
        self.table.delete(rep)?;
        Ok(())
    }
}

impl Host for Files {
    fn total(&mut self, files: Vec<Resource<FileData>>) -> u64 {
        files.iter().map(|f| self.table.get(f).unwrap().size).sum()
    }
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<Files>::new(&engine);
    W::add_to_linker_mut(&mut linker, |f: &mut Files| f).unwrap();
    let mut files = Files::default();
    let f = files.new(3);
    assert_eq!(files.size(Resource::new_borrow(f.rep())), 3);
}
