//! Panics and errors on their way through wasm_component_layer: a host
//! function's panic carried to the export call that resumes it, and the
//! wrapper every entry into the guest goes through.

use super::Backend;
use super::error::from_layer;
use super::layer;
use super::store::Data;
use crate::{Error, Result};

/// A host function's panic with `catch_panics: false`, on its way through
/// wasm_component_layer to the export call, which resumes it.
pub(crate) struct HostPanic(pub(crate) Box<dyn std::any::Any + Send>);

/// Runs `run`, which enters the guest through wasm_component_layer (a call,
/// or an instantiation that runs start code). The layer asserts its own
/// invariants with panics (the lowering bug `bindgen!` refuses is one);
/// none reaches the caller as a panic. A host function's panic is caught
/// inside, by `link::func`, or (`catch_panics: false`) resumed here.
///
/// A host function's error comes back as it was returned (see
/// `Data::host_failed`), not as the layer's wrapping of it.
pub(crate) fn guarded<U, R>(
    cx: &mut layer::StoreContextMut<'_, Data<U>, Backend>,
    run: impl FnOnce(&mut layer::StoreContextMut<'_, Data<U>, Backend>) -> anyhow::Result<R>,
) -> Result<R> {
    cx.data_mut().host_error = None;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&mut *cx))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => match cx.data_mut().host_error.take() {
            Some(host) => Err(host),
            None => Err(from_layer(error)),
        },
        Err(payload) => match payload.downcast::<HostPanic>() {
            // `catch_panics: false`: the host's panic goes on unwinding.
            Ok(host) => std::panic::resume_unwind(host.0),
            Err(payload) => Err(layer_panicked(payload)),
        },
    }
}

/// A panic inside wasm_component_layer during a call, as an error.
#[cold]
fn layer_panicked(payload: Box<dyn std::any::Any + Send>) -> Error {
    let msg = crate::catch::panic_message(&*payload);
    Error::msg(format!(
        "wasm_component_layer panicked ({msg}); the instance may be inconsistent \
         and should be dropped"
    ))
}
