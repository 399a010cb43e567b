//! [`ResourceAny`]: a handle to a resource the guest defines, held by the
//! host. Generated code wraps it in a typed handle per resource (`Counter`),
//! as on wasmtime. It is an index into the store (so `Copy`, as wasmtime's
//! is); the store keeps wasm_component_layer's `ResourceOwn`.
//!
//! Its type is the component's: [`any_resource`] stands for it in the
//! bindings' function types, and `adopt_handles` puts the component's type
//! in its place. An export call passes it `borrow`ed or `own`ed as the
//! function's type says (`TypedFunc::call`).

use super::cx::{Cx, Types};
use super::guard::guarded;
use super::layer::{ResourceType, Value, ValueType};
use super::store::AsContextMut;
use super::val::{Lift, Lower, Ty, mismatch};
use crate::{Error, Result};
use std::sync::OnceLock;

/// A handle to a resource the guest defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceAny {
    store: u64,
    index: u32,
}

/// The resource type that stands for "a guest resource" in the bindings'
/// function types, until `adopt_handles` replaces it with the component's.
pub(crate) fn any_resource() -> ResourceType {
    /// Only names the placeholder type.
    struct AnyGuestResource;
    static ANY: OnceLock<ResourceType> = OnceLock::new();
    ANY.get_or_init(|| ResourceType::new::<AnyGuestResource>(None))
        .clone()
}

impl ResourceAny {
    /// Drops the handle, running the guest's destructor.
    pub fn resource_drop(self, mut store: impl AsContextMut) -> Result<()> {
        let mut cx = store.as_context_mut();
        let data = cx.inner.data_mut();
        if data.id != self.store {
            return Err(Error::msg(
                "a resource handle was used with a store it does not belong to",
            ));
        }
        let own = data
            .guest
            .get_mut(self.index as usize)
            .and_then(Option::take)
            .ok_or_else(|| Error::msg("the resource handle was dropped already"))?;
        guarded(&mut cx.inner, |store| own.drop(store))
    }

    /// [`ResourceAny::resource_drop`], for generated code's async
    /// signature (the wasmi target runs it synchronously).
    pub async fn resource_drop_async(self, store: impl AsContextMut) -> Result<()> {
        self.resource_drop(store)
    }
}

impl Ty for ResourceAny {
    fn ty(_types: &Types) -> ValueType {
        ValueType::Own(any_resource())
    }
}

impl Lift for ResourceAny {
    fn lift(cx: &mut dyn Cx, value: &Value) -> anyhow::Result<Self> {
        match value {
            Value::Own(own) => {
                let (store, index) = cx.keep_guest(own.clone())?;
                Ok(ResourceAny { store, index })
            }
            other => Err(mismatch(&"own<resource>", other)),
        }
    }
}

impl Lower for ResourceAny {
    /// `own`; `TypedFunc::call` lends it instead where the function takes a
    /// `borrow`.
    fn lower(&self, cx: &mut dyn Cx) -> anyhow::Result<Value> {
        Ok(Value::Own(cx.guest(self.store, self.index)?))
    }
}
