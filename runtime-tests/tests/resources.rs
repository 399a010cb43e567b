//! Imported resources: a guest creates, uses and drops host resources through
//! the generated `HostFile` trait; handles cross the boundary own and
//! borrowed, inside records too; a misbehaving guest traps without touching
//! the host's other handles.

use hostgen::wasmtime;

mod support;

use std::sync::OnceLock;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

hostgen::bindgen!({
    path: "tests/wit/files.wit",
    world: "res",
    with: { "test:res/files.file": FileData },
});

include!("resources/host.rs");

fn engine_and_component() -> &'static (Engine, Component) {
    static C: OnceLock<(Engine, Component)> = OnceLock::new();
    C.get_or_init(|| {
        let engine = Engine::default();
        let bytes = support::component("tests/wit/files.wit", "res", IMPORTS, FUNCS);
        let component = Component::new(&engine, bytes).expect("component compiles");
        (engine, component)
    })
}

fn instantiate() -> (Store<Files>, Res) {
    let (engine, component) = engine_and_component();
    let mut linker = Linker::new(engine);
    Res::add_to_linker_mut(&mut linker, |f: &mut Files| f).unwrap();
    let mut store = Store::new(engine, Files::default());
    let world = Res::instantiate(&mut store, component, &linker).unwrap();
    (store, world)
}

/// Files the churn test creates and drops.
const CHURN: u32 = 100_000;

include!("resources/tests.rs");

#[test]
fn borrowed_handles_stay_with_the_host() {
    let (mut store, world) = instantiate();
    let file = store.data_mut().new("b.txt".into());
    let answer = world.call_peek(&mut store, &file).unwrap();
    assert_eq!(answer, "peeked b.txt");
    assert_eq!(store.data_mut().name(file), "b.txt");
}

#[test]
fn a_borrow_kept_past_its_call_is_a_trap() {
    let (mut store, world) = instantiate();
    let file = store.data_mut().new("d.txt".into());
    let err = world
        .call_keep(&mut store, &file)
        .expect_err("the guest must trap");
    assert_eq!(
        err.to_string(),
        "borrow handles still remain at the end of the call"
    );
    assert_eq!(store.data_mut().name(file), "d.txt");
}

#[test]
fn misbehaving_guests_trap_and_other_handles_survive() {
    for (how, expected) in [
        (0, "unknown handle index"),
        (1, "unknown handle index"),
        (2, "unknown handle index"),
    ] {
        let (mut store, world) = instantiate();
        let keep = store.data_mut().new("keep.txt".into());
        let err = world
            .call_misbehave(&mut store, how)
            .expect_err("the guest must trap");
        let text = format!("{err:?}");
        assert!(text.contains(expected), "case {how}: {text}");
        // The host's own handle is untouched.
        assert_eq!(
            store.data_mut().name(Resource::new_borrow(keep.rep())),
            "keep.txt"
        );
    }
}

/// The interface served through `&mut dyn Host` (a host picked at run time),
/// the world's own imports through a wrapper `fn` item.
#[test]
fn resources_through_dyn_and_wrapper_getters() {
    struct Plugin {
        files: Box<dyn Host + Send>,
        seen: Vec<String>,
    }
    struct Imports<'a>(&'a mut Plugin);
    impl ResImports for Imports<'_> {
        fn host_pass(&mut self, f: Resource<FileData>) -> Resource<FileData> {
            self.0.seen.push(format!("pass {}", f.rep()));
            f
        }
        fn host_look(&mut self, f: Resource<FileData>) -> String {
            self.0.files.name(f)
        }
        fn host_unwrap(&mut self, e: Entry) -> Resource<FileData> {
            e.handle
        }
    }
    fn imports(p: &mut Plugin) -> Imports<'_> {
        Imports(p)
    }

    let (engine, component) = engine_and_component();
    let mut linker = Linker::new(engine);
    test::res::files::add_to_linker_mut(&mut linker, |p: &mut Plugin| {
        &mut *p.files as &mut dyn Host
    })
    .unwrap();
    Res::add_to_linker_imports_get_host(&mut linker, imports).unwrap();
    let mut store = Store::new(
        engine,
        Plugin {
            files: Box::new(Files::default()),
            seen: Vec::new(),
        },
    );
    let world = Res::instantiate(&mut store, component, &linker).unwrap();
    assert_eq!(world.call_script(&mut store).unwrap(), 16);
    let file = store.data_mut().files.new("dyn.txt".into());
    let rep = file.rep();
    let back = world.call_pass(&mut store, file).unwrap();
    assert_eq!(back.rep(), rep);
    assert_eq!(store.data().seen, [format!("pass {rep}")]);
    assert_eq!(world.call_peek(&mut store, &back).unwrap(), "dyn.txt");
}

/// Under `skip_mut_forwarding_impls`, a library implements the resource
/// trait and `Host` for every type with its view.
mod blanket {
    use super::*;

    hostgen::bindgen!({
        path: "tests/wit/files.wit",
        world: "res",
        with: { "test:res/files.file": super::FileData },
        skip_mut_forwarding_impls: true,
    });

    pub trait FilesView {
        fn table(&mut self) -> &mut ResourceTable;
    }

    impl<T: FilesView> test::res::files::HostFile for T {
        fn new(&mut self, name: String) -> Resource<FileData> {
            self.table()
                .push(FileData {
                    name,
                    data: Vec::new(),
                })
                .expect("room")
        }
        fn name(&mut self, self_: Resource<FileData>) -> String {
            self.table().get(&self_).expect("live").name.clone()
        }
        fn append(&mut self, self_: Resource<FileData>, data: Vec<u8>) {
            self.table()
                .get_mut(&self_)
                .expect("live")
                .data
                .extend(data);
        }
        fn size(&mut self, self_: Resource<FileData>) -> u64 {
            self.table().get(&self_).expect("live").data.len() as u64
        }
        fn open(&mut self, name: String) -> Option<Resource<FileData>> {
            Some(self.new(name))
        }
        fn merge(&mut self, a: Resource<FileData>, _b: Resource<FileData>) -> Resource<FileData> {
            a
        }
        fn drop(&mut self, rep: Resource<FileData>) -> wasmtime::Result<()> {
            self.table().delete(rep)?;
            Ok(())
        }
    }

    impl<T: FilesView> test::res::files::Host for T {
        fn count(&mut self) -> u32 {
            0
        }
        fn entry_of(&mut self, f: Resource<FileData>) -> Entry {
            Entry {
                name: String::new(),
                handle: f,
            }
        }
    }

    #[derive(Default)]
    struct Data {
        table: ResourceTable,
    }

    impl FilesView for Data {
        fn table(&mut self) -> &mut ResourceTable {
            &mut self.table
        }
    }

    impl ResImports for Data {
        fn host_pass(&mut self, f: Resource<FileData>) -> Resource<FileData> {
            f
        }
        fn host_look(&mut self, f: Resource<FileData>) -> String {
            test::res::files::HostFile::name(self, f)
        }
        fn host_unwrap(&mut self, e: Entry) -> Resource<FileData> {
            e.handle
        }
    }

    #[test]
    fn blanket_resource_impls_link_and_run() {
        let (engine, component) = engine_and_component();
        let mut linker = Linker::new(engine);
        Res::add_to_linker_mut(&mut linker, |d: &mut Data| d).unwrap();
        let mut store = Store::new(engine, Data::default());
        let world = Res::instantiate(&mut store, component, &linker).unwrap();
        assert_eq!(world.call_script(&mut store).unwrap(), 16);
        world.call_churn(&mut store, 1000).unwrap();
        assert!(store.data().table.is_empty());
    }
}
