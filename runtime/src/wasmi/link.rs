//! What a generated linker function calls on the wasmi target: the same
//! names and signatures as the wasmtime target's `link` module (so the
//! macro emits the same code for both), over [`Linker`] and
//! wasm_component_layer's dynamic functions.

use super::Backend;
use super::cx::{Cx, Types};
use super::guard::HostPanic;
use super::handles::StoreCx;
use super::handles::typed_for;
use super::layer::{self, FuncType, Value};
use super::linker::{Linker, LinkerInstance};
use super::store::Data;
use super::val::{LiftList, Lower};
use crate::{GetHost, Result};
use std::sync::Arc;

use crate::call::HostOf;
pub use crate::call::{Catch, Linked, Panics, SyncCall, Unwind};

/// How many values a host function returns: [`One`] or [`Zero`].
pub trait Results<V>: Send + Sync + 'static {
    /// The result types.
    fn tys(types: &Types) -> Vec<layer::ValueType>;
    /// Writes `value` to `out`.
    fn lower(value: V, cx: &mut dyn Cx, out: &mut [Value]) -> anyhow::Result<()>;
}

/// The function returns one value.
pub struct One;

/// The function returns nothing.
pub struct Zero;

impl<V: Lower> Results<V> for One {
    fn tys(types: &Types) -> Vec<layer::ValueType> {
        vec![V::ty(types)]
    }
    fn lower(value: V, cx: &mut dyn Cx, out: &mut [Value]) -> anyhow::Result<()> {
        match out {
            [slot] => {
                *slot = value.lower(cx)?;
                Ok(())
            }
            _ => anyhow::bail!("expected one result slot, found {}", out.len()),
        }
    }
}

impl Results<()> for Zero {
    fn tys(_types: &Types) -> Vec<layer::ValueType> {
        Vec::new()
    }
    fn lower((): (), _cx: &mut dyn Cx, _out: &mut [Value]) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Defines the sync host function `name` (`func` in panic messages) in
/// `inst`: each call lifts the parameters, gets the host through `getter`,
/// runs `A::call` (catching a panic when `C` says so) and lowers the value.
#[allow(clippy::too_many_arguments)] // the generated call names each piece once
pub fn func<C, N, T, G, P, V, A>(
    linked: &mut Linked,
    inst: &mut LinkerInstance<'_, T>,
    getter: G,
    _catch: C,
    _results: N,
    name: &str,
    func: &'static str,
    _call: A,
) where
    C: Panics,
    N: Results<V>,
    T: 'static,
    G: for<'a> GetHost<&'a mut T>,
    A: for<'a> SyncCall<HostOf<'a, T, G>, P, V> + 'static,
    P: LiftList + 'static,
{
    if linked.is_err() {
        return;
    }
    let make = move |cx: &mut layer::StoreContextMut<'_, Data<T>, Backend>,
                     types: &Arc<Types>,
                     theirs: Option<&FuncType>|
          -> Result<layer::Func> {
        let ty = typed_for(func, P::tys(types), N::tys(types), types, theirs)?;
        let types = types.clone();
        Ok(layer::Func::new(
            &mut *cx,
            ty,
            move |mut cx: layer::StoreContextMut<'_, Data<T>, Backend>,
                  args: &[Value],
                  results: &mut [Value]| {
                let params = P::lift_list(
                    &mut StoreCx {
                        store: &mut cx,
                        types: &types,
                    },
                    args,
                )?;
                let value = {
                    // The host borrows the store data for the call only.
                    let mut host = getter(&mut cx.data_mut().user);
                    let call = || A::call(&mut host, params);
                    if C::CATCH {
                        crate::catch::catch(func, call)
                    } else {
                        // Marked, so the export call that catches every
                        // panic out of the layer lets this one resume in
                        // the embedder.
                        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)) {
                            Ok(value) => value,
                            Err(payload) => std::panic::resume_unwind(Box::new(HostPanic(payload))),
                        }
                    }
                };
                let value = value.map_err(|e| cx.data_mut().host_failed(func, e))?;
                let mut cx = StoreCx {
                    store: &mut cx,
                    types: &types,
                };
                N::lower(value, &mut cx, results)
            },
        ))
    };
    *linked = inst.define_func(name, Arc::new(make));
}

/// Defines into the instance `name` of `linker` with `define`, an
/// interface's generated `add_to_linker_instance*` function.
#[inline]
pub fn at<T: 'static, G>(
    linker: &mut Linker<T>,
    name: &str,
    getter: G,
    define: fn(&mut LinkerInstance<'_, T>, G) -> Result<()>,
) -> Result<()> {
    define(&mut linker.instance(name)?, getter)
}
