//! What generated code calls. Keeping these here, not in every expansion,
//! keeps the generated code small.

#[path = "abi.rs"]
pub mod abi;
#[path = "link.rs"]
pub mod link;
pub use crate::slot::{InSlot, InSlotCall, Placed, SLOT_BYTES, SlotRef, in_slot, in_slot_call};
pub use crate::wasmtime;
pub use tracing;

/// Passes generated code through when hostgen's `component-model-async`
/// feature is on, and replaces it with one compile error saying to turn it
/// on otherwise. Generated code for worlds using `async func`, `stream`,
/// `future` or `error-context` is wrapped in it.
#[cfg(feature = "component-model-async")]
#[macro_export]
#[doc(hidden)]
macro_rules! __hostgen_require_component_model_async {
    ($($code:tt)*) => { $($code)* };
}

#[cfg(not(feature = "component-model-async"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __hostgen_require_component_model_async {
    ($($code:tt)*) => {
        ::core::compile_error!(
            "this world uses WASI 0.3 shapes (`async func`, `stream`, `future` or \
             `error-context`), which need wasmtime's component-model-async: enable \
             hostgen's `component-model-async` feature \
             (hostgen = { .., features = [\"component-model-async\"] })"
        );
    };
}

pub use crate::__hostgen_require_component_model_async as require_component_model_async;

/// Passes generated code through when hostgen's `anyhow` feature is on, and
/// replaces it with one compile error saying to turn it on otherwise.
/// Expansions with `anyhow: true` are wrapped in it.
#[cfg(feature = "anyhow")]
#[macro_export]
#[doc(hidden)]
macro_rules! __hostgen_require_anyhow {
    ($($code:tt)*) => { $($code)* };
}

#[cfg(not(feature = "anyhow"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __hostgen_require_anyhow {
    ($($code:tt)*) => {
        ::core::compile_error!(
            "`anyhow: true` makes host functions return `wasmtime::anyhow::Result`, \
             which needs wasmtime's `anyhow` feature: enable hostgen's `anyhow` \
             feature (hostgen = { .., features = [\"anyhow\"] })"
        );
    };
}

pub use crate::__hostgen_require_anyhow as require_anyhow;
use crate::wasmtime::component::{
    Component, ComponentExportIndex, ComponentNamedList, Instance, Lift, Lower, TypedFunc,
};
use crate::wasmtime::{AsContextMut, Error, Result};

/// Looks up an export of `component` (inside the exported instance
/// `instance`, if given), failing with an error that names it.
pub fn export_index(
    component: &Component,
    instance: Option<(&ComponentExportIndex, &str)>,
    name: &str,
) -> Result<ComponentExportIndex> {
    component
        .get_export_index(instance.map(|(i, _)| i), name)
        .ok_or_else(|| match instance {
            Some((_, iface)) => Error::msg(format!(
                "the component's export `{iface}` has no function `{name}`"
            )),
            None => Error::msg(format!("the component has no export named `{name}`")),
        })
}

/// The typed function at `index`, or an error naming the WIT function whose
/// signature the component's export does not match.
pub fn typed_func<P, R>(
    store: impl AsContextMut,
    instance: &Instance,
    index: &ComponentExportIndex,
    name: &str,
) -> Result<TypedFunc<P, R>>
where
    P: ComponentNamedList + Lower,
    R: ComponentNamedList + Lift,
{
    instance
        .get_typed_func::<P, R>(store, index)
        .map_err(|e| e.context(format!("export `{name}` does not match its WIT signature")))
}

pub use crate::catch::catch;
use crate::catch::panicked;

/// [`catch`] for an async host function: awaits `call`, turning a panic in
/// any poll into an error naming `func`. The future stays where the caller
/// pinned it (inside the future `func_wrap_async` boxes), so catching costs
/// no move and no allocation.
#[inline(always)]
pub fn catch_future<'a, F: Future>(
    func: &'static str,
    call: std::pin::Pin<&'a mut F>,
) -> CatchFuture<'a, F> {
    CatchFuture { func, call }
}

/// The future [`catch_future`] returns. A named type rather than
/// `poll_fn`, so its `poll` can be `#[inline(always)]`: LLVM otherwise
/// keeps a large host future's poll (the `DynHost` slot's) out of line.
pub struct CatchFuture<'a, F> {
    func: &'static str,
    call: std::pin::Pin<&'a mut F>,
}

impl<F: Future> Future for CatchFuture<'_, F> {
    type Output = Result<F::Output>;

    #[inline(always)]
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let call = self.call.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| call.poll(cx))) {
            Ok(poll) => poll.map(Ok),
            Err(payload) => std::task::Poll::Ready(Err(panicked(self.func, payload))),
        }
    }
}

/// A list in a `tracing` event without `verbose_tracing`: its length only.
pub struct Elided(pub usize);

impl std::fmt::Debug for Elided {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<list of {} elements>", self.0)
    }
}

/// A map in a `tracing` event without `verbose_tracing`: its size only.
pub struct ElidedMap(pub usize);

impl std::fmt::Debug for ElidedMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<map of {} entries>", self.0)
    }
}
