// The store data both libraries serve, and how a run's end state reads:
// included by `compose` (wasmtime) and `compose-wasmi` (wasmi) at their
// crate roots, one source for both.

use compose_fs::{FsCtx, FsView};
use compose_kv::{KvCtx, KvView};
use hostgen::ResourceTable;

/// The store's data: one resource table for both libraries, and each
/// library's own state.
#[derive(Default)]
pub struct State {
    /// Every `file` and `bucket` handle the guest holds.
    pub table: ResourceTable,
    /// `compose-fs`'s file system.
    pub fs: FsCtx,
    /// `compose-kv`'s buckets.
    pub kv: KvCtx,
}

impl State {
    /// A store state around `fs` and `kv`, with an empty table.
    pub fn new(fs: FsCtx, kv: KvCtx) -> Self {
        State {
            table: ResourceTable::new(),
            fs,
            kv,
        }
    }
}

impl FsView for State {
    fn table(&mut self) -> &mut ResourceTable {
        &mut self.table
    }
    fn fs(&mut self) -> &mut FsCtx {
        &mut self.fs
    }
}

impl KvView for State {
    // The same table as `FsView::table`: that is what lets handles cross.
    fn table(&mut self) -> &mut ResourceTable {
        &mut self.table
    }
    fn kv(&mut self) -> &mut KvCtx {
        &mut self.kv
    }
}

/// The host-side state after a run, one line each: every file of the file
/// system and every bucket entry, values quoted, and how many handles are
/// left in the table.
pub fn describe(state: &State) -> Vec<String> {
    let mut lines = Vec::new();
    for path in state.fs.paths() {
        let bytes = state.fs.contents(path).unwrap_or_default();
        lines.push(format!("fs {path}: {:?}", String::from_utf8_lossy(&bytes)));
    }
    for (bucket, entries) in state.kv.buckets() {
        for (key, value) in entries {
            lines.push(format!(
                "kv {bucket}/{key}: {:?}",
                String::from_utf8_lossy(value)
            ));
        }
    }
    lines.push(format!(
        "handles left in the table: {}",
        if state.table.is_empty() {
            "none"
        } else {
            "some"
        }
    ));
    lines
}
