//! A panic in a host function becomes an error naming the function, on
//! every target: the guest traps with the panic message, and the host
//! process, its other stores and this store (for fresh instances) carry on.

use crate::{Error, Result};

/// Runs the host side of the import `func`, turning a panic into an error:
/// the guest traps with the panic message, and the host process, its other
/// stores and this store (for fresh instances) carry on.
#[inline(always)]
pub fn catch<R>(func: &'static str, call: impl FnOnce() -> Result<R>) -> Result<R> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)) {
        Ok(result) => result,
        Err(payload) => Err(panicked(func, payload)),
    }
}

#[cold]
pub(crate) fn panicked(func: &str, payload: Box<dyn std::any::Any + Send>) -> Error {
    let msg = panic_message(&*payload);
    Error::msg(format!("host function `{func}` panicked: {msg}"))
}

/// The text of a panic's payload.
#[cold]
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic payload that is not a string)".to_string())
}
