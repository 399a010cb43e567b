//! What a generated linker function names on every target: how a host
//! panic is treated, the slot of the first definition error, and the trait
//! a generated unit struct implements to call one sync host method. The
//! wasmtime target's `link` module and the wasmi target's re-export these;
//! each has its own `func` that defines a host function with them.

use crate::{GetHost, Result};

/// Whether a host panic becomes a trap (`catch_panics: true`, [`Catch`]) or
/// unwinds ([`Unwind`]). A type, so the choice costs nothing at run time.
pub trait Panics: Send + Sync + 'static {
    /// Whether to catch.
    const CATCH: bool;
}

/// A panic in the host becomes an error naming the function.
pub struct Catch;

/// A panic in the host unwinds through the runtime and resumes in the
/// embedder (`catch_panics: false`).
pub struct Unwind;

impl Panics for Catch {
    const CATCH: bool = true;
}

impl Panics for Unwind {
    const CATCH: bool = false;
}

/// What a generated linker function has defined so far: `Ok`, or the
/// first error, after which a target's `func` defines nothing more and the
/// function returns it. A slot rather than a `Result` per definition: each
/// definition is then a statement, where matching each `Result` (or `?`)
/// costs `cargo check` in every generated linker function
/// (`benches/README.md`).
pub type Linked = Result<()>;

/// The host of store data `T` through getter `G`, for one call.
pub(crate) type HostOf<'a, T, G> = <G as GetHost<&'a mut T>>::Host;

/// One sync host function, implemented by a unit struct in generated code
/// for every host `H` of its interface: `call` calls the trait method and
/// returns its value (or an error that traps).
///
/// A trait impl rather than a closure: the impl is checked with `H` a
/// plain type parameter, where a closure passed to a linker `func` was checked
/// inside the linker function against the getter's higher-ranked
/// projection (a few percent of `cargo check` on a WASI world,
/// `benches/README.md`).
pub trait SyncCall<H: ?Sized, P, V> {
    /// Calls the method on `host` with `params`.
    fn call(host: &mut H, params: P) -> Result<V>;
}
