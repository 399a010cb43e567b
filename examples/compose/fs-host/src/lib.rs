//! `compose-fs`: a host library serving `example:fs/files`
//! (`examples/compose/wit/deps/fs/files.wit`) from an in-memory file system.
//!
//! It never names the embedder's store type: the store data only has to
//! implement [`FsView`], which hands out the store's [`ResourceTable`]
//! (shared with any other library, such as `compose-kv`) and the library's
//! own [`FsCtx`].
//!
//! Two ways of serving the interface are offered, with the same behavior:
//!
//! * [`add_to_linker`]: the generated traits are implemented by the wrapper
//!   [`FsImpl`], which borrows the store data; the getter is the generic `fn`
//!   item `fs::<T>`. These are the bindings in [`bindings`].
//! * [`blanket::add_to_linker`]: bindings generated with
//!   `skip_mut_forwarding_impls: true`, implemented directly for every
//!   `T: FsView` (`impl<T: FsView> Host for T`).
//!
//! Other host libraries reuse these bindings through `with:`, so that a
//! `file` handle means the same Rust type ([`FileData`]) everywhere:
//! `with: { "example:fs/files": compose_fs::bindings::example::fs::files }`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use hostgen::{Resource, ResourceTable, ResourceTableError};

/// The bindings of `example:fs/files` served through [`FsImpl`].
#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
pub mod bindings {
    hostgen::bindgen!({
        path: "../wit",
        world: "example:fs/files-host",
        imports: { default: trappable },
        with: { "example:fs/files.file": crate::FileData },
        trappable_error_type: { "example:fs/files.error-code" => crate::FsError },
    });
}

/// The contents of one file, shared by the file system and every handle
/// opened on it.
type Contents = Arc<Mutex<Vec<u8>>>;

fn lock(contents: &Contents) -> MutexGuard<'_, Vec<u8>> {
    // A poisoned lock only means another thread panicked while holding it;
    // the bytes are still whole (every update is a single `extend`).
    contents.lock().unwrap_or_else(|e| e.into_inner())
}

/// What the host keeps behind each `file` handle (in the shared
/// [`ResourceTable`]).
#[derive(Debug)]
pub struct FileData {
    path: String,
    contents: Contents,
    closed: bool,
}

impl FileData {
    /// A file that lives outside any file system (nothing else sees its
    /// bytes); another library uses it to hand out new `file` handles.
    pub fn detached(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        FileData {
            path: path.into(),
            contents: Arc::new(Mutex::new(bytes)),
            closed: false,
        }
    }

    /// The path the file was opened with.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the guest closed this handle.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// The file's contents; [`FsError::Closed`] once the handle is closed.
    pub fn read(&self) -> Result<Vec<u8>, FsError> {
        if self.closed {
            return Err(FsError::Closed);
        }
        Ok(lock(&self.contents).clone())
    }

    /// Appends `data` unless the file would grow past `limit` bytes;
    /// returns the new size.
    fn append(&self, data: &[u8], limit: u64) -> Result<u64, FsError> {
        if self.closed {
            return Err(FsError::Closed);
        }
        let mut bytes = lock(&self.contents);
        let size = (bytes.len() + data.len()) as u64;
        if size > limit {
            return Err(FsError::TooLarge { size, limit });
        }
        bytes.extend_from_slice(data);
        Ok(size)
    }
}

/// The library's per-store state: the file system (path → bytes) and its
/// limits.
#[derive(Debug)]
pub struct FsCtx {
    files: BTreeMap<String, Contents>,
    max_file_size: u64,
    failure: Option<String>,
}

impl FsCtx {
    /// The size limit of a new [`FsCtx`], in bytes.
    pub const DEFAULT_MAX_FILE_SIZE: u64 = 64;

    /// An empty file system whose files may grow to
    /// [`DEFAULT_MAX_FILE_SIZE`](Self::DEFAULT_MAX_FILE_SIZE) bytes.
    pub fn new() -> Self {
        FsCtx {
            files: BTreeMap::new(),
            max_file_size: Self::DEFAULT_MAX_FILE_SIZE,
            failure: None,
        }
    }

    /// The same with another size limit: a write that would grow a file
    /// past it fails with the WIT error `too-large`.
    pub fn with_max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// The same, but the backing store is broken: every write fails with
    /// [`FsError::Io`]`(message)`, a host failure that traps the guest
    /// (the error reaches the embedder, not the guest).
    pub fn failing(mut self, message: impl Into<String>) -> Self {
        self.failure = Some(message.into());
        self
    }

    /// The size limit, in bytes.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
    }

    /// Creates (or replaces) the file at `path`.
    pub fn insert(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        self.files.insert(path.into(), Arc::new(Mutex::new(bytes)));
    }

    /// The contents of the file at `path`, if there is one.
    pub fn contents(&self, path: &str) -> Option<Vec<u8>> {
        self.files.get(path).map(|c| lock(c).clone())
    }

    /// Every path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

impl Default for FsCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// What the store data must give this library: the shared resource table
/// and the file system.
pub trait FsView {
    /// The store's resource table, shared with other host libraries.
    fn table(&mut self) -> &mut ResourceTable;
    /// This library's state.
    fn fs(&mut self) -> &mut FsCtx;
}

/// Why a host file operation failed. The first three are what the guest
/// sees as `error-code`; the others are host failures and trap.
#[derive(Debug)]
pub enum FsError {
    /// No file at this path (`not-found`).
    NotFound(String),
    /// The handle was closed (`closed`).
    Closed,
    /// The write would grow the file to `size` bytes, over `limit`
    /// (`too-large`).
    TooLarge {
        /// The size the file would have had.
        size: u64,
        /// The file system's limit.
        limit: u64,
    },
    /// The backing store failed: a trap.
    Io(String),
    /// A handle the table does not hold: a trap.
    Table(ResourceTableError),
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FsError::NotFound(path) => write!(f, "no file at `{path}`"),
            FsError::Closed => f.write_str("the file is closed"),
            FsError::TooLarge { size, limit } => {
                write!(
                    f,
                    "the file would grow to {size} bytes, over the limit of {limit}"
                )
            }
            FsError::Io(msg) => write!(f, "file system failure: {msg}"),
            FsError::Table(e) => write!(f, "file handle: {e}"),
        }
    }
}

impl std::error::Error for FsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FsError::Table(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ResourceTableError> for FsError {
    fn from(e: ResourceTableError) -> Self {
        FsError::Table(e)
    }
}

/// `TryFrom<FsError>` for a generated `ErrorCode`: the WIT error the guest
/// receives, or (for host failures) the trap, whose root cause is the
/// [`FsError`] itself.
macro_rules! error_code_from_fs_error {
    ($code:ty) => {
        impl TryFrom<FsError> for $code {
            type Error = hostgen::Error;
            fn try_from(err: FsError) -> hostgen::Result<Self> {
                match err {
                    FsError::NotFound(_) => Ok(Self::NotFound),
                    FsError::Closed => Ok(Self::Closed),
                    FsError::TooLarge { .. } => Ok(Self::TooLarge),
                    FsError::Io(_) | FsError::Table(_) => Err(hostgen::Error::new(err)),
                }
            }
        }
    };
}

#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
error_code_from_fs_error!(bindings::example::fs::files::ErrorCode);
#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
error_code_from_fs_error!(blanket::example::fs::files::ErrorCode);
#[cfg(feature = "wasmi")]
error_code_from_fs_error!(wasmi::bindings::example::fs::files::ErrorCode);

// ---------------------------------------------------------------------------
// The operations, written once for both ways of serving the interface.

fn create<T: FsView + ?Sized>(t: &mut T, path: String) -> hostgen::Result<Resource<FileData>> {
    let contents = t.fs().files.entry(path.clone()).or_default().clone();
    let file = FileData {
        path,
        contents,
        closed: false,
    };
    Ok(t.table().push(file)?)
}

fn open<T: FsView + ?Sized>(t: &mut T, path: String) -> Result<Resource<FileData>, FsError> {
    let Some(contents) = t.fs().files.get(&path).cloned() else {
        return Err(FsError::NotFound(path));
    };
    let file = FileData {
        path,
        contents,
        closed: false,
    };
    Ok(t.table().push(file)?)
}

fn write<T: FsView + ?Sized>(
    t: &mut T,
    file: Resource<FileData>,
    data: Vec<u8>,
) -> Result<u64, FsError> {
    let fs = t.fs();
    if let Some(msg) = &fs.failure {
        return Err(FsError::Io(msg.clone()));
    }
    let limit = fs.max_file_size;
    t.table().get(&file)?.append(&data, limit)
}

fn read<T: FsView + ?Sized>(t: &mut T, file: Resource<FileData>) -> Result<Vec<u8>, FsError> {
    t.table().get(&file)?.read()
}

fn path<T: FsView + ?Sized>(t: &mut T, file: Resource<FileData>) -> hostgen::Result<String> {
    Ok(t.table().get(&file)?.path.clone())
}

fn close<T: FsView + ?Sized>(t: &mut T, file: Resource<FileData>) -> hostgen::Result<()> {
    t.table().get_mut(&file)?.closed = true;
    Ok(())
}

fn drop_file<T: FsView + ?Sized>(t: &mut T, file: Resource<FileData>) -> hostgen::Result<()> {
    t.table().delete(file)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Serving through a wrapper.

/// Serves `example:fs/files` for store data `T` by borrowing it; the
/// getter that [`add_to_linker`] passes is the `fn` item `fs::<T>`.
pub struct FsImpl<'a, T: ?Sized>(pub &'a mut T);

/// The getter: a plain generic `fn` item, which (unlike a closure) satisfies
/// the higher-ranked bound of `add_to_linker_get_host`.
fn fs<T: FsView + ?Sized>(t: &mut T) -> FsImpl<'_, T> {
    FsImpl(t)
}

#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
mod wrapper {
    use super::bindings::example::fs::files::{ErrorCode, Host, HostFile};
    use super::{FileData, FsError, FsImpl, FsView, Resource};

    include!("wrapper.rs");
}

#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
/// Links `example:fs/files` into `linker`, served by [`FsImpl`] over the
/// store data.
pub fn add_to_linker<T: FsView + 'static>(
    linker: &mut hostgen::wasmtime::component::Linker<T>,
) -> hostgen::Result<()> {
    bindings::example::fs::files::add_to_linker_get_host(linker, fs::<T>)
}

// ---------------------------------------------------------------------------
// Serving through blanket impls.

/// The same interface, generated with `skip_mut_forwarding_impls: true` and
/// implemented for every `T: FsView` directly.
#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
pub mod blanket {
    use super::{FileData, FsError, FsView};
    use hostgen::wasmtime;
    use wasmtime::component::{Linker, Resource};

    hostgen::bindgen!({
        path: "../wit",
        world: "example:fs/files-host",
        imports: { default: trappable },
        with: { "example:fs/files.file": crate::FileData },
        trappable_error_type: { "example:fs/files.error-code" => crate::FsError },
        skip_mut_forwarding_impls: true,
    });

    use example::fs::files::{ErrorCode, Host, HostFile};

    impl<T: FsView> HostFile for T {
        fn new(&mut self, path: String) -> hostgen::Result<Resource<FileData>> {
            super::create(self, path)
        }
        fn write(&mut self, self_: Resource<FileData>, data: Vec<u8>) -> Result<u64, FsError> {
            super::write(self, self_, data)
        }
        fn read(&mut self, self_: Resource<FileData>) -> Result<Vec<u8>, FsError> {
            super::read(self, self_)
        }
        fn path(&mut self, self_: Resource<FileData>) -> hostgen::Result<String> {
            super::path(self, self_)
        }
        fn close(&mut self, self_: Resource<FileData>) -> hostgen::Result<()> {
            super::close(self, self_)
        }
        fn drop(&mut self, rep: Resource<FileData>) -> hostgen::Result<()> {
            super::drop_file(self, rep)
        }
    }

    impl<T: FsView> Host for T {
        fn open(&mut self, path: String) -> Result<Resource<FileData>, FsError> {
            super::open(self, path)
        }
        fn convert_error_code(&mut self, err: FsError) -> hostgen::Result<ErrorCode> {
            ErrorCode::try_from(err)
        }
    }

    /// Links `example:fs/files` into `linker`, served by the store data
    /// itself through the blanket impls.
    pub fn add_to_linker<T: FsView + 'static>(linker: &mut Linker<T>) -> hostgen::Result<()> {
        example::fs::files::add_to_linker_mut(linker, |t: &mut T| t)
    }
}

// ---------------------------------------------------------------------------
// Serving on wasmi.

/// The same interface for wasmi (`hostgen::wasmi`, `target: wasmi`),
/// served by [`FsImpl`] through the very same impls as on wasmtime
/// (`src/wrapper.rs`).
#[cfg(feature = "wasmi")]
pub mod wasmi {
    use super::{FsView, fs};

    /// The bindings of `example:fs/files` for the wasmi target.
    pub mod bindings {
        hostgen::bindgen!({
            path: "../wit",
            world: "example:fs/files-host",
            imports: { default: trappable },
            with: { "example:fs/files.file": crate::FileData },
            trappable_error_type: { "example:fs/files.error-code" => crate::FsError },
            target: wasmi,
        });
    }

    mod wrapper {
        use super::bindings::example::fs::files::{ErrorCode, Host, HostFile};
        use crate::{FileData, FsError, FsImpl, FsView, Resource};

        include!("wrapper.rs");
    }

    /// Links `example:fs/files` into a wasmi `linker`, served by
    /// [`FsImpl`](crate::FsImpl) over the store data.
    pub fn add_to_linker<T: FsView + 'static>(
        linker: &mut hostgen::wasmi::Linker<T>,
    ) -> hostgen::Result<()> {
        bindings::example::fs::files::add_to_linker_get_host(linker, fs::<T>)
    }
}
