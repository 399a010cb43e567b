//! [`Store`]: the store data, plus what this target keeps per store (the
//! instances and the functions looked up in them), so that [`Instance`] and
//! [`TypedFunc`] are plain indices, `Copy`, as wasmtime's are.
//!
//! [`Instance`]: super::Instance
//! [`TypedFunc`]: super::TypedFunc

use super::cx::Types;
use super::{Backend, Engine, layer};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The layer's store holds this: the user's data and this target's tables.
pub struct Data<T> {
    pub(crate) user: T,
    /// Which store this is, so an index from another store is refused.
    pub(crate) id: u64,
    /// The engine's id ([`Engine`]), checked against a component's.
    pub(crate) engine: u64,
    /// Each instance, with its resource types.
    pub(crate) instances: Vec<(layer::Instance, Arc<Types>)>,
    /// The error a host function failed with during the current call into
    /// the guest: the layer gets a stand-in, and the call returns this one,
    /// as it was (downcasts work as on wasmtime).
    pub(crate) host_error: Option<crate::Error>,
    /// The handles to resources the guest defines that the host holds
    /// ([`ResourceAny`](super::component_any::ResourceAny)), by index;
    /// `None` once dropped.
    pub(crate) guest: Vec<Option<layer::ResourceOwn>>,
    /// Each export looked up ([`TypedFunc`](super::TypedFunc)), with its
    /// instance's resource types.
    pub(crate) funcs: Vec<(layer::Func, Arc<Types>)>,
}

/// A store: the data host functions see, and the instances living in it.
pub struct Store<T> {
    inner: layer::Store<Data<T>, Backend>,
}

impl<T> Store<T> {
    /// A store of `engine` holding `data`.
    pub fn new(engine: &Engine, data: T) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let data = Data {
            user: data,
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            engine: engine.id,
            instances: Vec::new(),
            host_error: None,
            guest: Vec::new(),
            funcs: Vec::new(),
        };
        Store {
            inner: layer::Store::new(engine.layer(), data),
        }
    }

    /// The store's data.
    pub fn data(&self) -> &T {
        &self.inner.data().user
    }

    /// The store's data.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.inner.data_mut().user
    }

    /// The store's data, the store dropped.
    pub fn into_data(self) -> T {
        self.inner.into_data().user
    }
}

/// A shared borrow of a store.
pub struct StoreContext<'a, T: 'a> {
    pub(crate) inner: layer::StoreContext<'a, Data<T>, Backend>,
}

impl<T> StoreContext<'_, T> {
    /// The store's data.
    pub fn data(&self) -> &T {
        &self.inner.data().user
    }
}

/// A unique borrow of a store, which generated code passes around.
pub struct StoreContextMut<'a, T: 'a> {
    pub(crate) inner: layer::StoreContextMut<'a, Data<T>, Backend>,
}

impl<T> StoreContextMut<'_, T> {
    /// The store's data.
    pub fn data(&self) -> &T {
        &self.inner.data().user
    }

    /// The store's data.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.inner.data_mut().user
    }
}

/// A value that borrows a store: [`Store`], [`StoreContext`],
/// [`StoreContextMut`] or a reference to one.
pub trait AsContext {
    /// The store's data type.
    type Data;
    /// The store, borrowed.
    fn as_context(&self) -> StoreContext<'_, Self::Data>;
}

/// A value that borrows a store uniquely: [`Store`], [`StoreContextMut`] or
/// `&mut` one.
pub trait AsContextMut: AsContext {
    /// The store, borrowed uniquely.
    fn as_context_mut(&mut self) -> StoreContextMut<'_, Self::Data>;
}

impl<T> AsContext for Store<T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            inner: layer::AsContext::as_context(&self.inner),
        }
    }
}

impl<T> AsContextMut for Store<T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut {
            inner: layer::AsContextMut::as_context_mut(&mut self.inner),
        }
    }
}

impl<T> AsContext for StoreContext<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            inner: layer::AsContext::as_context(&self.inner),
        }
    }
}

impl<T> AsContext for StoreContextMut<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext {
            inner: layer::AsContext::as_context(&self.inner),
        }
    }
}

impl<T> AsContextMut for StoreContextMut<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut {
            inner: layer::AsContextMut::as_context_mut(&mut self.inner),
        }
    }
}

impl<S: AsContext + ?Sized> AsContext for &S {
    type Data = S::Data;
    fn as_context(&self) -> StoreContext<'_, S::Data> {
        S::as_context(self)
    }
}

impl<S: AsContext + ?Sized> AsContext for &mut S {
    type Data = S::Data;
    fn as_context(&self) -> StoreContext<'_, S::Data> {
        S::as_context(self)
    }
}

impl<S: AsContextMut + ?Sized> AsContextMut for &mut S {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, S::Data> {
        S::as_context_mut(self)
    }
}

impl<T> Data<T> {
    /// Keeps `error`, a host function's, for the call into the guest to
    /// return, and gives the layer a stand-in naming `func`.
    pub(crate) fn host_failed(&mut self, func: &str, error: crate::Error) -> anyhow::Error {
        let stand_in = anyhow::anyhow!("host function `{func}` failed: {error}");
        self.host_error = Some(error);
        stand_in
    }
}
