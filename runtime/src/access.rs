//! [`Access`]: what a host function flagged `store` receives in place of
//! `&mut self`, for builds without wasmtime's component-model-async (which
//! has its own `Access`, of the same API, that hostgen then re-exports).

use crate::wasmtime::component::HasData;
use crate::wasmtime::{AsContext, AsContextMut, StoreContext, StoreContextMut};

/// The store a host function runs in, and the way to its host.
///
/// A function flagged `store` (`imports: { "ns:pkg/iface.f": store }`)
/// moves from the interface's `Host` trait to its `HostWithStore` trait,
/// which is implemented by a [`HasData`] marker type `D` (such as
/// `wasmtime::component::HasSelf<MyState>`) rather than by the host value:
///
/// ```ignore
/// impl<T> my::pkg::iface::HostWithStore<T> for HasSelf<MyState> {
///     fn f(mut host: hostgen::Access<'_, T, Self>, x: u32) -> u32 {
///         let plugin = host.get().plugin;            // the host: &mut MyState
///         plugin.call_run(&mut host, x).unwrap()      // the store: call a guest
///     }
/// }
/// ```
///
/// The host and the store cannot be borrowed at once (the host lives in the
/// store's data): [`get`](Access::get) borrows the host for as long as its
/// result is used, and the store is reached through [`AsContextMut`] in
/// between.
pub struct Access<'a, T: 'static, D: HasData + ?Sized> {
    store: StoreContextMut<'a, T>,
    get: fn(&mut T) -> D::Data<'_>,
}

impl<'a, T: 'static, D: HasData + ?Sized> Access<'a, T, D> {
    /// An `Access` to `store`, reaching the host with `get` (the getter the
    /// interface was linked with).
    pub fn new(store: StoreContextMut<'a, T>, get: fn(&mut T) -> D::Data<'_>) -> Self {
        Access { store, get }
    }

    /// The host: what the getter returns from the store data.
    pub fn get(&mut self) -> D::Data<'_> {
        (self.get)(self.store.data_mut())
    }

    /// The whole store data, not only the host.
    pub fn data_mut(&mut self) -> &mut T {
        self.store.data_mut()
    }

    /// The getter, to build another `Access` later.
    pub fn getter(&self) -> fn(&mut T) -> D::Data<'_> {
        self.get
    }
}

impl<T: 'static, D: HasData + ?Sized> AsContext for Access<'_, T, D> {
    type Data = T;

    fn as_context(&self) -> StoreContext<'_, T> {
        self.store.as_context()
    }
}

impl<T: 'static, D: HasData + ?Sized> AsContextMut for Access<'_, T, D> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        self.store.as_context_mut()
    }
}
