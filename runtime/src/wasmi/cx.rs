//! What converting a value needs beyond the value: the resource types of
//! the instance ([`Types`], for a type's `ValueType`) and the store (a
//! [`Cx`], for reading and making resource handles).
//!
//! A host resource's type in wasm_component_layer is made per store (its
//! destructor is a function of that store), so a value type that holds a
//! handle is only known once the instance's resource types are: [`Types`]
//! holds them, by the Rust type of the resource.

use super::layer::{ResourceBorrow, ResourceOwn, ResourceType};
use anyhow::Result;
use std::any::TypeId;
use std::collections::HashMap;
use std::sync::Mutex;

/// The resource types of one instance, by the Rust type that names each
/// resource in the bindings.
#[derive(Default)]
pub struct Types {
    resources: HashMap<TypeId, ResourceType>,
    /// The resources asked for and not linked: a function whose type names
    /// one cannot be made (see [`Types::missing`]).
    missing: Mutex<Vec<&'static str>>,
}

impl Types {
    /// Adds the resource type `ty` of the Rust type `id`.
    pub(crate) fn insert(&mut self, id: TypeId, ty: ResourceType) {
        self.resources.insert(id, ty);
    }

    /// The resource type of the Rust type `R`. A resource not linked gets
    /// a type of its own, matching nothing, and is recorded: check
    /// [`Types::missing`] after computing a function's type.
    pub fn resource<R: 'static>(&self) -> ResourceType {
        match self.resources.get(&TypeId::of::<R>()) {
            Some(ty) => ty.clone(),
            None => {
                if let Ok(mut missing) = self.missing.lock() {
                    missing.push(std::any::type_name::<R>());
                }
                ResourceType::new::<()>(None)
            }
        }
    }

    /// The resources asked for since the last call that were not linked,
    /// by Rust type name; clears the record.
    pub(crate) fn missing(&self) -> Vec<&'static str> {
        match self.missing.lock() {
            Ok(mut missing) => std::mem::take(&mut *missing),
            Err(_) => Vec::new(),
        }
    }
}

/// The store, as converting values needs it: the instance's resource
/// types, and reading and making handles of host resources.
pub trait Cx {
    /// The instance's resource types.
    fn types(&self) -> &Types;
    /// The rep of a host resource the guest passes to the host (`own`):
    /// the guest's handle is gone, the host owns the resource now.
    fn take_own(&mut self, own: &ResourceOwn) -> Result<u32>;
    /// The rep of a host resource the guest lends the host (`borrow`).
    fn borrowed(&mut self, borrow: &ResourceBorrow) -> Result<u32>;
    /// A new handle, for the guest, to the host resource `rep` of type `ty`.
    fn new_own(&mut self, rep: u32, ty: ResourceType) -> Result<ResourceOwn>;
    /// Keeps `own`, a handle to a resource the guest defines, in the store;
    /// the store's id and the handle's index there.
    fn keep_guest(&mut self, own: ResourceOwn) -> Result<(u64, u32)>;
    /// The handle kept at `index` of the store `store`.
    fn guest(&mut self, store: u64, index: u32) -> Result<ResourceOwn>;
}
