//! Composable host bindings for the wasmtime component model.
//!
//! `hostgen::bindgen!` reads WIT and generates, for each interface a world
//! imports, a `Host` trait plus `add_to_linker` / `add_to_linker_get_host`
//! functions, and for the world's exports typed functions to call the guest.
//! This crate is what the generated code depends on: it re-exports the macro,
//! supplies [`GetHost`], and carries the paths generated code reaches through
//! [`__private`].
//!
//! # Which wasmtime
//!
//! hostgen supports wasmtime 48, 49 and 50. Turn on exactly one of the
//! features `wasmtime-48`, `wasmtime-49`, `wasmtime-50`, the major your crate
//! uses; none is on by default, and none or several on is a compile error
//! naming them. The generated code then uses that wasmtime, which Cargo
//! unifies with your own `wasmtime` dependency of the same major: one
//! wasmtime in the build. It is re-exported as [`wasmtime`] (only when one
//! is selected).
//!
//! ```toml
//! [dependencies]
//! wasmtime = "50"
//! hostgen = { version = "0.1", features = ["wasmtime-50"] }
//! ```
//!
//! # Or wasmi
//!
//! With the `wasmi` feature (alone or next to a `wasmtime-N` one),
//! `bindgen!({ .., target: wasmi })` generates the same traits and API for
//! wasmi, run through wasm_component_layer: see the `wasmi` module. Host
//! functions that may trap return [`Result`], the same name on both
//! targets.
//!
//! # Getters
//!
//! Every `add_to_linker*` function takes a *getter*: a function from the
//! store's data `&mut T` to the value that implements the interface's `Host`
//! trait. Three shapes are supported:
//!
//! * `&mut U` where `U: Host` (a closure such as `|s: &mut State| &mut s.fs`,
//!   passed to `add_to_linker`);
//! * `&mut dyn Host`, so a `Box<dyn Host>` field can serve an import (also
//!   `add_to_linker`);
//! * a wrapper that borrows the store data, such as `FsImpl<'a>` built from
//!   `&'a mut State`, passed to `add_to_linker_get_host`.
//!
//! For the wrapper shape write the getter as a plain `fn` item:
//!
//! ```ignore
//! fn fs(state: &mut State) -> FsImpl<'_> {
//!     FsImpl { state }
//! }
//! my_world::ns::pkg::fs::add_to_linker_get_host(&mut linker, fs)?;
//! ```
//!
//! A closure written inline (`|s| FsImpl { state: s }`) does not compile
//! there: rustc infers a closure's return type as one type, not as a type per
//! borrow, and reports "lifetime may not live long enough". A `fn` item has no
//! such limit, needs no annotation and no helper, and may be generic
//! (`fn fs<T: FsView>(t: &mut T) -> FsImpl<'_, T>`, passed as `fs::<T>`).
//!
//! # Async
//!
//! `imports: { default: async }` (or per interface or function) makes host
//! methods `async` (`fn f(&mut self, ..) -> impl Future<Output = R> + Send`,
//! implemented with `async fn`), linked with `func_wrap_async`;
//! `exports: { default: async }` makes `call_*` async. Each interface with an
//! async function also gets a dyn-compatible `DynHost` trait, implemented for
//! every `Host + Send`, with `Host` implemented for `dyn DynHost`, so
//! `Box<dyn DynHost>` can serve the import; see [`example_async`].
//!
//! # The store, and WASI 0.3
//!
//! A function flagged `store` moves to the interface's `HostWithStore<T>`
//! trait, implemented by a `wasmtime::component::HasData` marker, and
//! receives an [`Access`]: the store and, through [`Access::get`], the host.
//! A WIT `async func` (WASI 0.3) lives there too and receives an
//! `&Accessor<T, Self>`; `stream`, `future` and `error-context` map to
//! wasmtime's `StreamReader`, `FutureReader` and `ErrorContext`. Worlds using
//! WASI 0.3 shapes need this crate's `component-model-async` feature.
#![deny(unsafe_code)]
#![deny(missing_docs)]

// Lets `example` below use the macro's default `::hostgen` paths.
extern crate self as hostgen;

pub use hostgen_macro::bindgen;

mod call;
mod catch;
mod compose;
mod flags_type;
#[cfg(hostgen_wasmtime)]
mod slot;
pub use compose::{Delegate, Either};

// The error type host functions fail with, under one name on every target:
// wasmtime's when a `wasmtime-N` feature is on (also for the wasmi target,
// so a host impl written against `hostgen::Result` compiles for both),
// anyhow's on a wasmi-only build.
/// The error a host function returns to trap, and calls into a guest fail
/// with: `wasmtime::Error` when a `wasmtime-N` feature is on, otherwise
/// (`wasmi` alone) `anyhow::Error`.
#[cfg(not(hostgen_wasmtime))]
pub use anyhow::Error;
/// `Result<T, hostgen::Error>`.
#[cfg(not(hostgen_wasmtime))]
pub use anyhow::Result;
/// The error a host function returns to trap, and calls into a guest fail
/// with: `wasmtime::Error` when a `wasmtime-N` feature is on, otherwise
/// (`wasmi` alone) `anyhow::Error`.
#[cfg(hostgen_wasmtime)]
pub use wasmtime_major::wasmtime::Error;
/// `Result<T, hostgen::Error>`.
#[cfg(hostgen_wasmtime)]
pub use wasmtime_major::wasmtime::Result;

/// A handle to a host resource, as host functions take and return it:
/// `wasmtime::component::Resource` when a `wasmtime-N` feature is on,
/// hostgen's own with `wasmi` alone (the same API).
#[cfg(hostgen_wasmtime)]
pub use wasmtime_major::wasmtime::component::Resource;
/// The table host impls keep their resources in: wasmtime's when a
/// `wasmtime-N` feature is on, hostgen's own with `wasmi` alone (the same
/// API).
#[cfg(hostgen_wasmtime)]
pub use wasmtime_major::wasmtime::component::{ResourceTable, ResourceTableError};
#[cfg(not(hostgen_wasmtime))]
mod resource;
#[cfg(not(hostgen_wasmtime))]
pub use resource::{Resource, ResourceTable, ResourceTableError};

/// The marker trait of the `fn` getters `add_to_linker::<T, D>` takes, and
/// the marker for the store data itself: wasmtime's when a `wasmtime-N`
/// feature is on, hostgen's own with `wasmi` alone (the same API).
#[cfg(hostgen_wasmtime)]
pub use wasmtime_major::wasmtime::component::{HasData, HasSelf};
#[cfg(not(hostgen_wasmtime))]
mod has_data;
#[cfg(not(hostgen_wasmtime))]
pub use has_data::{HasData, HasSelf};

#[cfg(feature = "wasmi")]
pub mod wasmi;

/// Passes the code `bindgen!({ .., target: wasmi })` generates through when
/// hostgen's `wasmi` feature is on, and replaces it with one compile error
/// saying to turn it on otherwise.
#[cfg(feature = "wasmi")]
#[macro_export]
#[doc(hidden)]
macro_rules! __hostgen_require_wasmi {
    ($($code:tt)*) => { $($code)* };
}

#[cfg(not(feature = "wasmi"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __hostgen_require_wasmi {
    ($($code:tt)*) => {
        ::core::compile_error!(
            "`target: wasmi` generates bindings for `hostgen::wasmi`, which needs hostgen's \
             `wasmi` feature (hostgen = { .., features = [\"wasmi\"] })"
        );
    };
}

/// What generated code for `target: wasmi` names as its `hostgen` root.
/// Not public API.
#[cfg(feature = "wasmi")]
#[doc(hidden)]
pub mod __wasmi {
    pub use crate::wasmi::private as __private;
    pub use crate::{Delegate, Either, GetHost};
}

mod wasmtime_major;
/// The wasmtime this build of hostgen targets, chosen by the `wasmtime-N`
/// feature: the same crate as a `wasmtime = "N"` dependency of your own, so
/// either path names the same types.
#[cfg(hostgen_wasmtime)]
pub use wasmtime_major::wasmtime;

/// What a function flagged `store` receives: wasmtime's
/// `wasmtime::component::Access` with the `component-model-async` feature
/// (where wasmtime has it), so impls written for wasmtime's `bindgen!`
/// name the same type; hostgen's own, with the same API, without it.
#[cfg(all(hostgen_wasmtime, feature = "component-model-async"))]
pub use wasmtime_major::wasmtime::component::Access;
#[cfg(all(hostgen_wasmtime, not(feature = "component-model-async")))]
mod access;
#[cfg(all(hostgen_wasmtime, not(feature = "component-model-async")))]
pub use access::Access;

/// What `bindgen!` generates, as real output: the expansion of
/// [`example::WIT`] (an imported interface with a record and a
/// resource, a function the world imports directly, and exports). Read the
/// items below as the API your own WIT gets; nothing here is meant to be
/// used. Built for `cargo doc` and tests only.
#[cfg(all(hostgen_wasmtime, any(doc, test)))]
#[allow(missing_docs)]
pub mod example {
    /// The WIT of this example.
    pub const WIT: &str = include_str!("example.wit");

    crate::bindgen!({ path: "src/example.wit", world: "app" });

    #[cfg(test)]
    #[test]
    fn the_example_is_the_documented_wit() {
        use crate::wasmtime;
        let _: fn(&App, &mut wasmtime::Store<()>, &[String]) -> wasmtime::Result<String> =
            |app, store, args| app.call_run(store, args);
        assert!(WIT.contains("resource notebook"));
    }
}

/// The same WIT as [`example`] with `delegate: { "example:docs": self }`
/// and `either: true`: each imported interface gains `HostDelegate` (and a
/// `Host<Resource>Delegate` per resource), whose methods forward to an inner
/// host unless an impl writes them, with its host traits implemented for
/// [`Delegate`]; and its host traits implemented for [`Either`].
#[cfg(all(hostgen_wasmtime, any(doc, test)))]
#[allow(missing_docs)]
pub mod example_compose {
    crate::bindgen!({
        path: "src/example.wit",
        world: "app",
        delegate: { "example:docs": self },
        either: true,
    });
}

/// The same WIT as [`example`] with async imports and exports
/// (`imports: { default: async }, exports: { default: async }`): host
/// methods return `impl Future + Send`, `call_run` is `async`, and the
/// interface gains the dyn-compatible `DynHost` / `DynHostNotebook`.
#[cfg(all(hostgen_wasmtime, any(doc, test)))]
#[allow(missing_docs)]
pub mod example_async {
    crate::bindgen!({
        path: "src/example.wit",
        world: "app",
        imports: { default: async },
        exports: { default: async },
    });

    #[cfg(test)]
    #[test]
    fn a_boxed_dyn_host_serves_the_import() {
        use crate::wasmtime;
        use example::docs::notes::{DynHost, add_to_linker_mut};
        struct State {
            notes: Box<dyn DynHost>,
        }
        let engine = wasmtime::Engine::default();
        let mut linker = wasmtime::component::Linker::<State>::new(&engine);
        add_to_linker_mut(&mut linker, |s: &mut State| &mut *s.notes).unwrap();
    }
}

/// A getter: a function from the store data to a value that implements a
/// generated `Host` trait.
///
/// Generated `add_to_linker_get_host` functions take
/// `G: for<'a> GetHost<&'a mut T, Host: Host>`. The blanket impl below makes
/// every `Fn(T) -> O + Send + Sync + Copy + 'static` a `GetHost<T>` with
/// `Host = O`, so closures and `fn` items work without naming this trait.
pub trait GetHost<T>: Fn(T) -> <Self as GetHost<T>>::Host + Send + Sync + Copy + 'static {
    /// What the getter returns: the value whose `Host` impl serves calls.
    type Host;
}

impl<F, T, O> GetHost<T> for F
where
    F: Fn(T) -> O + Send + Sync + Copy + 'static,
{
    type Host = O;
}

/// Support for generated code. Not public API: its contents may change in
/// any release.
#[cfg(hostgen_wasmtime)]
#[doc(hidden)]
pub mod __private;
