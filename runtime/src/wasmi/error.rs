//! wasm_component_layer fails with `anyhow::Error`; generated code and host
//! impls with [`crate::Error`], which is wasmtime's error when a wasmtime
//! is built too. These convert between the two keeping the whole chain
//! (messages and sources), so nothing is lost on the way.

/// A layer error as the crate's.
#[cfg(hostgen_wasmtime)]
pub(crate) fn from_layer(error: anyhow::Error) -> crate::Error {
    crate::Error::from_boxed(error.into())
}

/// A layer error as the crate's (the same type without a wasmtime).
#[cfg(not(hostgen_wasmtime))]
pub(crate) fn from_layer(error: anyhow::Error) -> crate::Error {
    error
}

/// The crate's error as the layer's.
#[cfg(hostgen_wasmtime)]
pub(crate) fn to_layer(error: crate::Error) -> anyhow::Error {
    anyhow::Error::from_boxed(error.into_boxed_dyn_error())
}

/// The crate's error as the layer's (the same type without a wasmtime).
#[cfg(not(hostgen_wasmtime))]
pub(crate) fn to_layer(error: crate::Error) -> anyhow::Error {
    error
}
