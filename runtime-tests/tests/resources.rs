//! Imported resources: a guest creates, uses and drops host resources through
//! the generated `HostFile` trait; handles cross the boundary own and
//! borrowed, inside records too; a misbehaving guest traps without touching
//! the host's other handles.

use hostgen::wasmtime;

mod support;

use std::sync::OnceLock;
use wasmtime::component::{Component, Linker, Resource, ResourceTable};
use wasmtime::{Engine, Store};

/// The host's data behind each `file` handle (picked with `with:`).
#[derive(Debug)]
pub struct FileData {
    name: String,
    data: Vec<u8>,
}

hostgen::bindgen!({
    path: "tests/wit/files.wit",
    world: "res",
    with: { "test:res/files.file": FileData },
});

use test::res::files::{Host, HostFile};

#[derive(Default)]
struct Files {
    table: ResourceTable,
    dropped: Vec<String>,
}

impl HostFile for Files {
    fn new(&mut self, name: String) -> Resource<FileData> {
        self.table
            .push(FileData {
                name,
                data: Vec::new(),
            })
            .expect("table has room")
    }
    fn name(&mut self, self_: Resource<FileData>) -> String {
        self.table.get(&self_).expect("live handle").name.clone()
    }
    fn append(&mut self, self_: Resource<FileData>, data: Vec<u8>) {
        self.table
            .get_mut(&self_)
            .expect("live handle")
            .data
            .extend(data);
    }
    fn size(&mut self, self_: Resource<FileData>) -> u64 {
        self.table.get(&self_).expect("live handle").data.len() as u64
    }
    fn open(&mut self, name: String) -> Option<Resource<FileData>> {
        (name != "missing").then(|| self.new(name))
    }
    fn merge(&mut self, a: Resource<FileData>, b: Resource<FileData>) -> Resource<FileData> {
        let a = self.table.delete(a).expect("live handle");
        let b = self.table.get(&b).expect("live handle");
        let merged = FileData {
            name: format!("{}+{}", a.name, b.name),
            data: [a.data, b.data.clone()].concat(),
        };
        self.table.push(merged).expect("table has room")
    }
    fn drop(&mut self, rep: Resource<FileData>) -> wasmtime::Result<()> {
        let file = self.table.delete(rep)?;
        self.dropped.push(file.name);
        Ok(())
    }
}

impl Host for Files {
    fn count(&mut self) -> u32 {
        0
    }
    fn entry_of(&mut self, f: Resource<FileData>) -> Entry {
        Entry {
            name: self.name(Resource::new_borrow(f.rep())),
            handle: f,
        }
    }
}

impl ResImports for Files {
    fn host_pass(&mut self, f: Resource<FileData>) -> Resource<FileData> {
        f
    }
    fn host_look(&mut self, f: Resource<FileData>) -> String {
        format!("peeked {}", self.name(f))
    }
    fn host_unwrap(&mut self, e: Entry) -> Resource<FileData> {
        e.handle
    }
}

const IMPORTS: &str = r#"
  (import "test:res/files" "[constructor]file" (func $ctor (param i32 i32) (result i32)))
  (import "test:res/files" "[method]file.append" (func $append (param i32 i32 i32)))
  (import "test:res/files" "[method]file.size" (func $size (param i32) (result i64)))
  (import "test:res/files" "[resource-drop]file" (func $drop (param i32)))
  (import "$root" "host-look" (func $look (param i32 i32)))
"#;

const FUNCS: &str = r#"
  (data (i32.const 1024) "notes.txt")
  (data (i32.const 1040) "hello world")
  (func (export "script") (result i64)
    (local $h i32) (local $n i64)
    (local.set $h (call $ctor (i32.const 1024) (i32.const 9)))
    (call $append (local.get $h) (i32.const 1040) (i32.const 11))
    (call $append (local.get $h) (i32.const 1040) (i32.const 5))
    (local.set $n (call $size (local.get $h)))
    (call $drop (local.get $h))
    (local.get $n))
  (func (export "peek") (param $h i32) (result i32)
    (call $look (local.get $h) (i32.const 8))
    (call $drop (local.get $h))
    (i32.const 8))
  (func (export "cabi_post_peek") (param i32) (call $reset))
  (func (export "keep") (param $h i32))
  (func (export "churn") (param $n i32)
    (loop $l
      (if (local.get $n) (then
        (call $drop (call $ctor (i32.const 1024) (i32.const 9)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))))
  (func (export "misbehave") (param $how i32)
    (local $h i32)
    (local.set $h (call $ctor (i32.const 1024) (i32.const 9)))
    (if (i32.eqz (local.get $how)) (then
      (call $drop (local.get $h))
      (drop (call $size (local.get $h)))
      return))
    (if (i32.eq (local.get $how) (i32.const 1)) (then
      (call $drop (local.get $h))
      (call $drop (local.get $h))
      return))
    (drop (call $size (i32.const 99))))
"#;

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
    Res::add_to_linker(&mut linker, |f: &mut Files| f).unwrap();
    let mut store = Store::new(engine, Files::default());
    let world = Res::instantiate(&mut store, component, &linker).unwrap();
    (store, world)
}

#[test]
fn guest_creates_uses_and_drops_a_host_resource() {
    let (mut store, world) = instantiate();
    assert_eq!(world.call_script(&mut store).unwrap(), 16);
    assert_eq!(store.data().dropped, ["notes.txt"]);
    assert!(store.data().table.is_empty());
}

#[test]
fn own_handles_travel_both_ways() {
    let (mut store, world) = instantiate();
    let file = store.data_mut().new("a.txt".into());
    let rep = file.rep();
    let back = world.call_pass(&mut store, file).unwrap();
    assert_eq!(back.rep(), rep);
    assert_eq!(store.data_mut().name(back), "a.txt");
}

#[test]
fn borrowed_handles_stay_with_the_host() {
    let (mut store, world) = instantiate();
    let file = store.data_mut().new("b.txt".into());
    let answer = world.call_peek(&mut store, &file).unwrap();
    assert_eq!(answer, "peeked b.txt");
    assert_eq!(store.data_mut().name(file), "b.txt");
}

#[test]
fn handles_inside_records() {
    let (mut store, world) = instantiate();
    let file = store.data_mut().new("c.txt".into());
    let rep = file.rep();
    let entry = Entry {
        name: "c".into(),
        handle: file,
    };
    let back = world.call_unwrap(&mut store, &entry).unwrap();
    assert_eq!(back.rep(), rep);
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
fn churn_leaves_the_table_empty() {
    let (mut store, world) = instantiate();
    world.call_churn(&mut store, 100_000).unwrap();
    assert_eq!(store.data().dropped.len(), 100_000);
    assert!(store.data().table.is_empty());
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
    test::res::files::add_to_linker(&mut linker, |p: &mut Plugin| &mut *p.files as &mut dyn Host)
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
        Res::add_to_linker(&mut linker, |d: &mut Data| d).unwrap();
        let mut store = Store::new(engine, Data::default());
        let world = Res::instantiate(&mut store, component, &linker).unwrap();
        assert_eq!(world.call_script(&mut store).unwrap(), 16);
        world.call_churn(&mut store, 1000).unwrap();
        assert!(store.data().table.is_empty());
    }
}
