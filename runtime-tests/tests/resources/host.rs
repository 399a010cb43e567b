// The host of `resources.rs` (wasmtime) and `resources_wasmi.rs` (wasmi),
// and the guest's core code, included by both after their bindings of
// `tests/wit/files.wit`. It names `Resource`, `ResourceTable` and `Result`
// through hostgen, the same on both targets.

use hostgen::{Resource, ResourceTable};

/// The host's data behind each `file` handle (picked with `with:`).
#[derive(Debug)]
pub struct FileData {
    name: String,
    data: Vec<u8>,
}

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
    fn drop(&mut self, rep: Resource<FileData>) -> hostgen::Result<()> {
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
