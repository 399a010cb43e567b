//! `compose-kv`: a host library serving `example:kv/store`
//! (`examples/compose/wit/deps/kv/store.wit`) from in-memory buckets.
//!
//! The interface uses `file` and `error-code` from `example:fs/files`, served
//! by another library, `compose-fs`. This crate does not generate those: it
//! reuses `compose-fs`'s bindings through `with:`, so a `file` handle is
//! `Resource<compose_fs::FileData>` here too, and both libraries work on the
//! same entries of the store's one [`ResourceTable`]:
//!
//! * `put-file` reads the [`FileData`] a guest's borrowed `file` handle
//!   points at, from the table that [`KvView::table`] returns;
//! * `export-to` pushes a new [`FileData`] into that table and returns it
//!   as an owned `file` handle, which the guest then uses through
//!   `example:fs/files`.
//!
//! For that the embedder's [`KvView::table`] and `FsView::table` must return
//! the same table. Neither library names the embedder's store type.
//!
//! As in `compose-fs`, there are two ways of serving the interface:
//! [`add_to_linker`] (the wrapper [`KvImpl`] and the `fn` item getter
//! `kv::<T>`) and [`blanket::add_to_linker`] (bindings generated with
//! `skip_mut_forwarding_impls: true` and `impl<T: KvView> Host for T`),
//! which reuses `compose_fs::blanket`'s bindings.

use std::collections::BTreeMap;

use compose_fs::{FileData, FsError};
use hostgen::{Resource, ResourceTable};

/// The bindings of `example:kv/store` served through [`KvImpl`].
#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
pub mod bindings {
    hostgen::bindgen!({
        path: "../wit",
        world: "example:kv/store-host",
        imports: { default: trappable },
        with: {
            "example:fs/files": compose_fs::bindings::example::fs::files,
            "example:kv/store.bucket": crate::BucketData,
        },
    });
}

/// What the host keeps behind each `bucket` handle: the bucket's name (its
/// contents are in [`KvCtx`], shared by every handle with that name).
#[derive(Debug)]
pub struct BucketData {
    name: String,
}

impl BucketData {
    /// The bucket's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The library's per-store state: every bucket by name, each a map from
/// key to value.
#[derive(Debug, Default)]
pub struct KvCtx {
    buckets: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
}

impl KvCtx {
    /// No buckets.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value under `key` in bucket `bucket`, if any.
    pub fn get(&self, bucket: &str, key: &str) -> Option<&[u8]> {
        self.buckets.get(bucket)?.get(key).map(Vec::as_slice)
    }

    /// Stores `value` under `key` in bucket `bucket`, creating the bucket.
    pub fn put(&mut self, bucket: &str, key: impl Into<String>, value: Vec<u8>) {
        self.buckets
            .entry(bucket.to_string())
            .or_default()
            .insert(key.into(), value);
    }

    /// Every bucket with its entries, sorted by name and key.
    pub fn buckets(&self) -> impl Iterator<Item = (&str, &BTreeMap<String, Vec<u8>>)> {
        self.buckets.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// What the store data must give this library: the shared resource table
/// (the same one the file-system library gets) and the buckets.
pub trait KvView {
    /// The store's resource table, shared with other host libraries.
    fn table(&mut self) -> &mut ResourceTable;
    /// This library's state.
    fn kv(&mut self) -> &mut KvCtx;
}

// ---------------------------------------------------------------------------
// The operations, written once for both ways of serving the interface.

fn bucket_name<T: KvView + ?Sized>(
    t: &mut T,
    bucket: &Resource<BucketData>,
) -> Result<String, hostgen::ResourceTableError> {
    Ok(t.table().get(bucket)?.name.clone())
}

fn open<T: KvView + ?Sized>(t: &mut T, name: String) -> hostgen::Result<Resource<BucketData>> {
    t.kv().buckets.entry(name.clone()).or_default();
    Ok(t.table().push(BucketData { name })?)
}

fn put<T: KvView + ?Sized>(
    t: &mut T,
    bucket: Resource<BucketData>,
    key: String,
    value: Vec<u8>,
) -> hostgen::Result<()> {
    let name = bucket_name(t, &bucket)?;
    t.kv().put(&name, key, value);
    Ok(())
}

fn get<T: KvView + ?Sized>(
    t: &mut T,
    bucket: Resource<BucketData>,
    key: String,
) -> hostgen::Result<Option<Vec<u8>>> {
    let name = bucket_name(t, &bucket)?;
    Ok(t.kv().get(&name, &key).map(<[u8]>::to_vec))
}

/// `put-file`, its `result<u64, error-code>` as the guest sees it: the file
/// system's error as `compose-fs` maps it to its WIT `error-code` (`E`, the
/// type of whichever bindings serve the call), or a trap.
fn put_file<T: KvView + ?Sized, E: TryFrom<FsError, Error = hostgen::Error>>(
    t: &mut T,
    bucket: Resource<BucketData>,
    key: String,
    source: Resource<FileData>,
) -> hostgen::Result<Result<u64, E>> {
    match put_file_fs(t, bucket, key, source) {
        Ok(size) => Ok(Ok(size)),
        Err(e) => E::try_from(e).map(Err),
    }
}

fn put_file_fs<T: KvView + ?Sized>(
    t: &mut T,
    bucket: Resource<BucketData>,
    key: String,
    source: Resource<FileData>,
) -> Result<u64, FsError> {
    let name = bucket_name(t, &bucket)?;
    // The file is `compose-fs`'s, found in the shared table.
    let bytes = t.table().get(&source)?.read()?;
    let size = bytes.len() as u64;
    t.kv().put(&name, key, bytes);
    Ok(size)
}

fn export_to<T: KvView + ?Sized>(
    t: &mut T,
    bucket: Resource<BucketData>,
    key: String,
) -> hostgen::Result<Option<Resource<FileData>>> {
    let name = bucket_name(t, &bucket)?;
    let Some(value) = t.kv().get(&name, &key).map(<[u8]>::to_vec) else {
        return Ok(None);
    };
    // A new `compose-fs` file, pushed into the shared table.
    let file = FileData::detached(format!("kv:{name}/{key}"), value);
    Ok(Some(t.table().push(file)?))
}

fn buckets<T: KvView + ?Sized>(t: &mut T) -> hostgen::Result<Vec<String>> {
    Ok(t.kv().buckets.keys().cloned().collect())
}

fn drop_bucket<T: KvView + ?Sized>(t: &mut T, rep: Resource<BucketData>) -> hostgen::Result<()> {
    t.table().delete(rep)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Serving through a wrapper.

/// Serves `example:kv/store` for store data `T` by borrowing it; the getter
/// that [`add_to_linker`] passes is the `fn` item `kv::<T>`.
pub struct KvImpl<'a, T: ?Sized>(pub &'a mut T);

/// The getter: a plain generic `fn` item.
fn kv<T: KvView + ?Sized>(t: &mut T) -> KvImpl<'_, T> {
    KvImpl(t)
}

#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
mod wrapper {
    use super::bindings::example::kv::store::{ErrorCode, Host, HostBucket};
    use super::{BucketData, FileData, KvImpl, KvView, Resource};

    include!("wrapper.rs");
}

#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
/// Links `example:kv/store` into `linker`, served by [`KvImpl`] over the
/// store data. `example:fs/files` must be linked too (by `compose-fs`).
pub fn add_to_linker<T: KvView + 'static>(
    linker: &mut hostgen::wasmtime::component::Linker<T>,
) -> hostgen::Result<()> {
    bindings::example::kv::store::add_to_linker_get_host(linker, kv::<T>)
}

// ---------------------------------------------------------------------------
// Serving through blanket impls.

/// The same interface, generated with `skip_mut_forwarding_impls: true`
/// (reusing `compose_fs::blanket`'s bindings) and implemented for every
/// `T: KvView` directly.
#[cfg(any(
    feature = "wasmtime-48",
    feature = "wasmtime-49",
    feature = "wasmtime-50"
))]
pub mod blanket {
    use super::{BucketData, FileData, KvView};
    use hostgen::wasmtime;
    use wasmtime::component::{Linker, Resource};

    hostgen::bindgen!({
        path: "../wit",
        world: "example:kv/store-host",
        imports: { default: trappable },
        with: {
            "example:fs/files": compose_fs::blanket::example::fs::files,
            "example:kv/store.bucket": crate::BucketData,
        },
        skip_mut_forwarding_impls: true,
    });

    use example::kv::store::{ErrorCode, Host, HostBucket};

    impl<T: KvView> HostBucket for T {
        fn new(&mut self, name: String) -> wasmtime::Result<Resource<BucketData>> {
            super::open(self, name)
        }
        fn put(
            &mut self,
            self_: Resource<BucketData>,
            key: String,
            value: Vec<u8>,
        ) -> wasmtime::Result<()> {
            super::put(self, self_, key, value)
        }
        fn get(
            &mut self,
            self_: Resource<BucketData>,
            key: String,
        ) -> wasmtime::Result<Option<Vec<u8>>> {
            super::get(self, self_, key)
        }
        fn put_file(
            &mut self,
            self_: Resource<BucketData>,
            key: String,
            source: Resource<FileData>,
        ) -> wasmtime::Result<Result<u64, ErrorCode>> {
            super::put_file(self, self_, key, source)
        }
        fn export_to(
            &mut self,
            self_: Resource<BucketData>,
            key: String,
        ) -> wasmtime::Result<Option<Resource<FileData>>> {
            super::export_to(self, self_, key)
        }
        fn drop(&mut self, rep: Resource<BucketData>) -> wasmtime::Result<()> {
            super::drop_bucket(self, rep)
        }
    }

    impl<T: KvView> Host for T {
        fn buckets(&mut self) -> wasmtime::Result<Vec<String>> {
            super::buckets(self)
        }
    }

    /// Links `example:kv/store` into `linker`, served by the store data
    /// itself through the blanket impls. `example:fs/files` must be linked
    /// too (by `compose_fs::blanket`).
    pub fn add_to_linker<T: KvView + 'static>(linker: &mut Linker<T>) -> wasmtime::Result<()> {
        example::kv::store::add_to_linker_mut(linker, |t: &mut T| t)
    }
}

// ---------------------------------------------------------------------------
// Serving on wasmi.

/// The same interface for wasmi (`hostgen::wasmi`, `target: wasmi`),
/// reusing `compose_fs::wasmi`'s bindings, served by [`KvImpl`] through the
/// very same impls as on wasmtime (`src/wrapper.rs`).
#[cfg(feature = "wasmi")]
pub mod wasmi {
    use super::{KvView, kv};

    /// The bindings of `example:kv/store` for the wasmi target.
    pub mod bindings {
        hostgen::bindgen!({
            path: "../wit",
            world: "example:kv/store-host",
            imports: { default: trappable },
            with: {
                "example:fs/files": compose_fs::wasmi::bindings::example::fs::files,
                "example:kv/store.bucket": crate::BucketData,
            },
                target: wasmi,
        });
    }

    mod wrapper {
        use super::bindings::example::kv::store::{ErrorCode, Host, HostBucket};
        use crate::{BucketData, FileData, KvImpl, KvView, Resource};

        include!("wrapper.rs");
    }

    /// Links `example:kv/store` into a wasmi `linker`, served by
    /// [`KvImpl`](crate::KvImpl) over the store data; `example:fs/files`
    /// must be linked too (by `compose_fs::wasmi`).
    pub fn add_to_linker<T: KvView + 'static>(
        linker: &mut hostgen::wasmi::Linker<T>,
    ) -> hostgen::Result<()> {
        bindings::example::kv::store::add_to_linker_get_host(linker, kv::<T>)
    }
}
