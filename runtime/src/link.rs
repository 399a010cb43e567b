//! The generic half of a generated linker function: what every host
//! function's `func_wrap`/`func_wrap_async` closure does (fetch the host
//! through the getter, call, catch a panic, package the result), written
//! once here instead of once per function in every expansion.
//!
//! Why: `cargo check` type-checks and borrow-checks each closure and each
//! `async` block a macro emits, and for an async import the `async` block
//! (a coroutine whose `Send`-ness is worked out from its body) is by far the
//! costliest thing in the expansion. Here the closures and the `async`
//! block are generic and checked once, in this crate; an expansion keeps
//! per function only what differs: a unit struct whose [`SyncCall`] impl
//! calls the trait method (sync) or whose [`AsyncCall`] impl returns the
//! method's future (async). Code generation monomorphises these as it did the
//! hand-spelled closures, so calls run the same instructions
//! (`benches/README.md`).

use crate::wasmtime::component::{
    ComponentNamedList, HasData, Lift, Linker, LinkerInstance, Lower,
};
use crate::wasmtime::{AsContextMut, Result, StoreContextMut};
use crate::{Access, GetHost};
use std::future::Future;

use crate::call::HostOf;
pub use crate::call::{Catch, Linked, Panics, SyncCall, Unwind};

/// Runs `call`, catching a panic when `C` says so.
#[inline(always)]
fn run<C: Panics, R>(func: &'static str, call: impl FnOnce() -> Result<R>) -> Result<R> {
    if C::CATCH {
        super::catch(func, call)
    } else {
        call()
    }
}

/// Defines the sync host function `name` (`func` in panic messages):
/// `A::call` gets the host and the parameters and returns the method's
/// value (or an error that traps), which `N` packs as the WIT results.
/// Does nothing once `linked` holds an error (see [`Linked`]).
#[inline]
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
    P: ComponentNamedList + Lift + 'static,
{
    if linked.is_ok() {
        *linked = inst.func_wrap(
            name,
            move |mut caller: StoreContextMut<'_, T>, params: P| {
                let mut host = getter(caller.data_mut());
                run::<C, _>(func, || A::call(&mut host, params)).map(N::pack)
            },
        );
    }
}

/// [`func`] in an interface with `store` functions, whose getter is a `fn`
/// pointer to the `HasData` marker's `Data` (as [`Access`] keeps it).
#[inline]
#[allow(clippy::too_many_arguments)] // the generated call names each piece once
pub fn func_data<C, N, T, D, P, V, A>(
    linked: &mut Linked,
    inst: &mut LinkerInstance<'_, T>,
    getter: fn(&mut T) -> D::Data<'_>,
    catch: C,
    results: N,
    name: &str,
    func: &'static str,
    call: A,
) where
    C: Panics,
    N: Results<V>,
    T: 'static,
    D: HasData + ?Sized,
    A: for<'a> SyncCall<D::Data<'a>, P, V> + 'static,
    P: ComponentNamedList + Lift + 'static,
{
    self::func(linked, inst, getter, catch, results, name, func, call)
}

/// A sync `store` function: `call` gets an [`Access`] to the store (and,
/// through it, the host) and the parameters.
#[inline]
#[allow(clippy::too_many_arguments)] // the generated call names each piece once
pub fn func_store<C, N, T, D, P, V, F>(
    linked: &mut Linked,
    inst: &mut LinkerInstance<'_, T>,
    getter: fn(&mut T) -> D::Data<'_>,
    _catch: C,
    _results: N,
    name: &str,
    func: &'static str,
    call: F,
) where
    C: Panics,
    N: Results<V>,
    T: 'static,
    D: HasData + ?Sized,
    F: for<'a> Fn(Access<'a, T, D>, P) -> Result<V> + Send + Sync + 'static,
    P: ComponentNamedList + Lift + 'static,
{
    if linked.is_ok() {
        *linked = inst.func_wrap(
            name,
            move |mut caller: StoreContextMut<'_, T>, params: P| {
                let access = Access::new(caller.as_context_mut(), getter);
                run::<C, _>(func, || call(access, params)).map(N::pack)
            },
        );
    }
}

/// [`func_store`] for a host function that cannot fail (no `trappable`):
/// `call` returns the value itself, which this wraps in `Ok`. The generated
/// closure is then a bare call, less for rustc to check in each of them
/// than an `Ok(..)` around it (`cargo check` time, issue 17).
#[inline]
#[allow(clippy::too_many_arguments)] // the generated call names each piece once
pub fn func_store_value<C, N, T, D, P, V, F>(
    linked: &mut Linked,
    inst: &mut LinkerInstance<'_, T>,
    getter: fn(&mut T) -> D::Data<'_>,
    catch: C,
    results: N,
    name: &str,
    func: &'static str,
    call: F,
) where
    C: Panics,
    N: Results<V>,
    T: 'static,
    D: HasData + ?Sized,
    F: for<'a> Fn(Access<'a, T, D>, P) -> V + Send + Sync + 'static,
    P: ComponentNamedList + Lift + 'static,
{
    func_store(
        linked,
        inst,
        getter,
        catch,
        results,
        name,
        func,
        move |access: Access<'_, T, D>, params: P| Ok(call(access, params)),
    );
}

/// How a function's value travels as its WIT results: one value ([`One`])
/// or none ([`Zero`]).
pub trait Results<V>: Send + Sync + 'static {
    type List: ComponentNamedList + Lower + Send + 'static;
    fn pack(value: V) -> Self::List;
}

/// The WIT function has a result.
pub struct One;

/// The WIT function has no result.
pub struct Zero;

impl<V> Results<V> for One
where
    (V,): ComponentNamedList + Lower + Send + 'static,
{
    type List = (V,);
    #[inline(always)]
    fn pack(value: V) -> (V,) {
        (value,)
    }
}

impl Results<()> for Zero {
    type List = ();
    #[inline(always)]
    fn pack((): ()) {}
}

/// One async host function, implemented by a unit struct in generated code
/// for every host `H` of its interface: `call` returns the trait method's
/// future. (A closure cannot return a future that borrows its argument; a
/// trait method can.)
pub trait AsyncCall<H: ?Sized, P, R> {
    fn call(host: &mut H, params: P) -> impl Future<Output = R> + Send;
}

/// The async host function `name` (`func` in panic messages), a panic in
/// any poll of its future becoming an error: `A::call` returns the host
/// method's future, whose output `K` turns into the value or a trap, and
/// `N` packs as the WIT results.
///
/// Only for `catch_panics: true`: without catching, generated code spells
/// out the closure, so the `async` block holds nothing but the host call
/// and LLVM can elide `func_wrap_async`'s box (any catching code left in
/// the block, even a branch never taken, stops that: `benches/README.md`).
#[inline]
#[allow(clippy::too_many_arguments)] // the generated call names each piece once
pub fn func_async<K, N, T, G, P, R, A>(
    linked: &mut Linked,
    inst: &mut LinkerInstance<'_, T>,
    getter: G,
    _returns: K,
    _results: N,
    name: &str,
    func: &'static str,
    _call: A,
) where
    K: Returns<R>,
    N: Results<K::Value>,
    T: Send + 'static,
    G: for<'a> GetHost<&'a mut T, Host: Send>,
    A: for<'a> AsyncCall<HostOf<'a, T, G>, P, R>,
    P: ComponentNamedList + Lift + Send + 'static,
    R: Send + 'static,
{
    if linked.is_ok() {
        *linked = inst.func_wrap_async(name, move |caller: StoreContextMut<'_, T>, params: P| {
            let mut caller = caller;
            Box::new(async move {
                let mut host = getter(caller.data_mut());
                let future = A::call(&mut host, params);
                let r = super::catch_future(func, std::pin::pin!(future)).await?;
                K::into_result(r).map(N::pack)
            })
        });
    }
}

/// How an async host method returns `R`: the WIT result as is ([`Plain`]),
/// or in a `wasmtime::Result` whose error traps ([`Trappable`]).
pub trait Returns<R>: Send + Sync + 'static {
    type Value;
    fn into_result(returned: R) -> Result<Self::Value>;
}

/// The method returns the WIT result as is.
pub struct Plain;

/// The method returns `wasmtime::Result` of the WIT result (`trappable`).
pub struct Trappable;

impl<V> Returns<V> for Plain {
    type Value = V;
    #[inline(always)]
    fn into_result(returned: V) -> Result<V> {
        Ok(returned)
    }
}

impl<V> Returns<Result<V>> for Trappable {
    type Value = V;
    #[inline(always)]
    fn into_result(returned: Result<V>) -> Result<V> {
        returned
    }
}

/// Defines the instance `name` of `linker` through `define` (an
/// interface's `add_to_linker_instance*`), for the interface's
/// `add_to_linker*` and the world's. Generated code passes the function
/// rather than calling it on `linker.instance(name)` itself: the call is then
/// checked here once, and each generated function only coerces a function
/// item (`cargo check` time, issue 17; `benches/README.md`).
#[inline]
pub fn at<T, G>(
    linker: &mut Linker<T>,
    name: &str,
    getter: G,
    define: fn(&mut LinkerInstance<'_, T>, G) -> Result<()>,
) -> Result<()> {
    define(&mut linker.instance(name)?, getter)
}

/// Links every import of `component` that implements the interface
/// `wit_name` (`(implements "ns:pkg/iface@version")`, versions matched as
/// wasmtime matches them) through `define` (a `named_imports:` entry's
/// `add_to_linker_instance`), each under the id `lookup` returns for the
/// name it is imported as; the first error (from `lookup` or a definition)
/// is returned as it is.
pub fn named<T, I>(
    linker: &mut Linker<T>,
    component: &crate::wasmtime::component::Component,
    wit_name: &str,
    mut lookup: impl FnMut(&str) -> Result<I>,
    mut define: impl FnMut(&mut LinkerInstance<'_, T>, I) -> Result<()>,
) -> Result<()> {
    // The names first: the component's type borrows the engine, and
    // `linker.instance(..)` borrows the linker mutably.
    let engine = linker.engine().clone();
    let ty = component.component_type();
    let mut matched = Vec::new();
    for (name, item) in ty.imports(&engine) {
        if item.is_implements(wit_name) {
            matched.push((name, lookup(name)?));
        }
    }
    for (name, id) in matched {
        define(&mut linker.instance(name)?, id)?;
    }
    Ok(())
}
