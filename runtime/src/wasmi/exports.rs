//! Calling a guest's exports: [`ComponentExportIndex`] (where an export is,
//! checked against the component once), [`TypedFunc`] (a function of an
//! instance, type-checked once, `Copy`), and the `export_index` and
//! `typed_func` that generated code calls, with the wasmtime target's
//! signatures and error texts.

use super::error::from_layer;
use super::guard::guarded;
use super::handles::{StoreCx, adopt_func};
use super::layer::{self, Value};
use super::linker::{Component, Instance};
use super::store::AsContextMut;
use super::val::{LiftList, LowerList};
use crate::{Error, Result};
use std::marker::PhantomData;
use std::sync::Arc;

/// Where an export is in a component: an exported interface, or a function
/// (of the root or of an exported interface).
#[derive(Clone, Debug)]
pub struct ComponentExportIndex {
    instance: Option<layer::InterfaceIdentifier>,
    /// The function's name; `None` for an interface.
    func: Option<Arc<str>>,
}

/// Looks up an export of `component` (inside the exported interface
/// `instance`, if given), failing with an error that names it.
pub fn export_index(
    component: &Component,
    instance: Option<(&ComponentExportIndex, &str)>,
    name: &str,
) -> Result<ComponentExportIndex> {
    let exports = component.inner.exports();
    match instance {
        None => {
            if exports.root().func(name).is_some() {
                return Ok(ComponentExportIndex {
                    instance: None,
                    func: Some(Arc::from(name)),
                });
            }
            let id = layer::InterfaceIdentifier::try_from(name).ok();
            match id {
                Some(id) if exports.instance(&id).is_some() => Ok(ComponentExportIndex {
                    instance: Some(id),
                    func: None,
                }),
                _ => Err(Error::msg(format!(
                    "the component has no export named `{name}`"
                ))),
            }
        }
        Some((index, iface)) => {
            let found = index
                .instance
                .as_ref()
                .and_then(|id| exports.instance(id))
                .and_then(|types| types.func(name));
            match found {
                Some(_) => Ok(ComponentExportIndex {
                    instance: index.instance.clone(),
                    func: Some(Arc::from(name)),
                }),
                None => Err(Error::msg(format!(
                    "the component's export `{iface}` has no function `{name}`"
                ))),
            }
        }
    }
}

/// The typed function at `index` in `instance`, or an error naming the WIT
/// function whose signature the component's export does not match.
pub fn typed_func<P, R>(
    mut store: impl AsContextMut,
    instance: &Instance,
    index: &ComponentExportIndex,
    name: &str,
) -> Result<TypedFunc<P, R>>
where
    P: LowerList,
    R: LiftList,
{
    let mut cx = store.as_context_mut();
    let data = cx.inner.data_mut();
    let (layer_instance, types) = instance.layer(data)?;
    let types = types.clone();
    let exports = layer_instance.exports();
    let func = match (&index.instance, &index.func) {
        (None, Some(f)) => exports.root().func(f),
        (Some(id), Some(f)) => exports.instance(id).and_then(|i| i.func(f)),
        (_, None) => None,
    };
    let func = func.ok_or_else(|| {
        Error::msg(format!(
            "export `{name}` is not a function of this instance"
        ))
    })?;
    let expected = adopt_func(P::tys(&types), R::tys(&types), Some(&func.ty()));
    if func.ty() != expected {
        return Err(Error::msg(format!(
            "export `{name}` does not match its WIT signature: the component's is {}, \
             the bindings' {expected}",
            func.ty()
        )));
    }
    data.funcs.push((func, types));
    Ok(TypedFunc {
        store: data.id,
        index: data.funcs.len() - 1,
        ty: PhantomData,
    })
}

/// A function of a guest instance, type-checked, with parameters `P` and
/// results `R` (tuples). `Copy`: it is an index into its store.
pub struct TypedFunc<P, R> {
    store: u64,
    index: usize,
    // Not `fn(P) -> R`: parameters are copied into the guest during a call
    // and never kept, so a `TypedFunc<(&'static str,), R>` may be called with
    // a shorter borrow (generated code relies on it, as wasmtime's does).
    ty: PhantomData<(P, R)>,
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P, R> Copy for TypedFunc<P, R> {}

impl<P: LowerList, R: LiftList> TypedFunc<P, R> {
    /// Calls the function in `store` with `params`.
    pub fn call(&self, mut store: impl AsContextMut, params: P) -> Result<R> {
        let mut cx = store.as_context_mut();
        let data = cx.inner.data();
        if data.id != self.store {
            return Err(Error::msg(
                "a function was called with a store it does not belong to",
            ));
        }
        let (func, types) = data.funcs[self.index].clone();
        let mut args = vec![Value::Bool(false); P::LEN];
        let mut results = vec![Value::Bool(false); R::LEN];
        let mut cx = StoreCx {
            store: &mut cx.inner,
            types: &types,
        };
        params.lower_list(&mut cx, &mut args).map_err(from_layer)?;
        lend_where_borrowed(&mut cx, &func.ty(), &mut args)?;
        guarded(cx.store, |store| func.call(store, &args, &mut results))?;
        R::lift_list(&mut cx, &results).map_err(from_layer)
    }
}

/// Each top-level `own` handle in `args` where `ty` takes a `borrow` (a
/// guest resource's method, `self: borrow<r>`), lent instead; each handle
/// checked against the resource type `ty` names.
///
/// The borrow is not released after the call: wasm_component_layer 0.1.18's
/// `ResourceOwn::borrow` does not count it, while `ResourceBorrow::drop`
/// uncounts it, which would mark the resource destroyed.
fn lend_where_borrowed<U>(
    cx: &mut StoreCx<'_, '_, U>,
    ty: &layer::FuncType,
    args: &mut [Value],
) -> Result<()> {
    for (arg, want) in args.iter_mut().zip(ty.params()) {
        let Value::Own(own) = arg else { continue };
        match want {
            layer::ValueType::Borrow(r) | layer::ValueType::Own(r) if own.ty() != *r => {
                return Err(Error::msg("mismatched resource types"));
            }
            layer::ValueType::Borrow(_) => {
                let borrow = own.borrow(&mut *cx.store).map_err(from_layer)?;
                *arg = Value::Borrow(borrow);
            }
            _ => {}
        }
    }
    Ok(())
}
