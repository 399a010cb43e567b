//! The wasmi target: the same generated `Host` traits, linked into and
//! called through [`wasm_component_layer`] over [`wasmi`], an interpreter
//! (no JIT, no executable memory).
//!
//! `hostgen::bindgen!({ .., target: wasmi })` generates the same traits,
//! types and `add_to_linker*` functions as for wasmtime, and the same
//! `<World>::instantiate` / `call_*` API for the guest's exports, over the
//! types of this module in place of wasmtime's: [`Engine`], [`Store`],
//! [`Component`], [`Linker`], [`Instance`]. A host impl written once (with
//! [`crate::Result`] where a function may trap) compiles for both targets.
//!
//! ```ignore
//! let engine = hostgen::wasmi::Engine::default();
//! let component = hostgen::wasmi::Component::new(&engine, &bytes)?;
//! let mut linker = hostgen::wasmi::Linker::new();
//! App::add_to_linker_mut(&mut linker, |s: &mut State| s)?;
//! let mut store = hostgen::wasmi::Store::new(&engine, State::default());
//! let app = App::instantiate(&mut store, &component, &linker)?;
//! let report = app.call_run(&mut store, &names)?;
//! ```
//!
//! Unlike wasm_component_layer's own linker, which holds functions made for
//! one store, [`Linker`] keeps the definitions and makes them for each store
//! at instantiation, so one linker serves every store, as in wasmtime.
//!
//! [`wasmi`]: https://docs.rs/wasmi

pub use wasm_component_layer as layer;

#[doc(hidden)]
pub mod abi;
mod component_any;
#[doc(hidden)]
pub mod cx;
mod error;
mod exports;
mod guard;
mod handles;
#[doc(hidden)]
pub mod link;
mod linker;
mod store;
#[doc(hidden)]
pub mod val;

pub use component_any::ResourceAny;
pub use exports::{ComponentExportIndex, TypedFunc};
pub use linker::{Component, Engine, Instance, InstancePre, Linker, LinkerInstance, ResourceType};
pub use store::{AsContext, AsContextMut, Store, StoreContext, StoreContextMut};

/// The wasm runtime wasm_component_layer drives here: wasmi.
pub type Backend = wasmi_runtime_layer::Engine;

/// What generated code for `target: wasmi` reaches as
/// `hostgen::__private`: the same names as the wasmtime target's, over this
/// module. Not public API.
#[doc(hidden)]
pub mod private {
    pub use super::abi;
    pub use super::exports::{export_index, typed_func};
    pub use super::link;
    pub use crate::catch::catch;

    /// The items generated code names through its `wasmtime` path, here
    /// this target's own.
    pub mod wasmtime {
        pub use super::super::{AsContext, AsContextMut, Engine, StoreContext, StoreContextMut};
        pub use crate::{Error, Result};

        /// As `wasmtime::component`.
        pub mod component {
            pub use super::super::super::{
                Component, ComponentExportIndex, Instance, InstancePre, Linker, LinkerInstance,
                ResourceAny, ResourceType, TypedFunc,
            };
            pub use crate::{HasData, HasSelf, Resource};
        }
    }
}
