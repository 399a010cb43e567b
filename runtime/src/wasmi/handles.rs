//! Host resources on the wasmi target: what wasm_component_layer keeps per
//! handle ([`Rep`]), `Resource<T>` as a value ([`Ty`], [`Lift`], [`Lower`]),
//! the store as a [`Cx`] ([`StoreCx`]), and [`adopt_handles`], which makes
//! a function type's `own`s `borrow`s where the component's says so.
//!
//! A handle's rep is the host's own key (`Resource::rep`, a key in the
//! user's table). The layer stores a [`Rep`] per handle it gives the guest
//! and calls the resource type's destructor with it when the guest drops
//! the handle; the destructor calls the host's `drop`. When the guest
//! passes an `own` to the host, the layer's handle is dropped too, marked
//! `moved`, so that destructor does nothing: the host owns the resource now,
//! as with wasmtime.

use super::Backend;
use super::cx::{Cx, Types};
use super::layer::{
    self, AsContext, ListType, OptionType, ResourceBorrow, ResourceOwn, ResourceType, ResultType,
    TupleType, Value, ValueType,
};
use super::store::Data;
use super::val::{Lift, Lower, Ty, mismatch};
use crate::Resource;
use anyhow::{Result, bail};

/// What the layer keeps for each handle of a host resource given to the
/// guest.
pub(crate) struct Rep {
    /// `Resource::rep`.
    pub(crate) rep: u32,
    /// The guest passed the handle to the host as `own`: dropping it in the
    /// layer must not drop the resource.
    pub(crate) moved: bool,
}

impl<T: 'static> Ty for Resource<T> {
    /// `own<T>`; a parameter the component declares `borrow<T>` becomes
    /// that through [`adopt_handles`].
    fn ty(types: &Types) -> ValueType {
        ValueType::Own(types.resource::<T>())
    }
}

impl<T: 'static> Lift for Resource<T> {
    fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self> {
        let expected = cx.types().resource::<T>();
        match value {
            Value::Own(own) if own.ty() == expected => Ok(Resource::new_own(cx.take_own(own)?)),
            Value::Borrow(b) if b.ty() == expected => Ok(Resource::new_borrow(cx.borrowed(b)?)),
            other => Err(mismatch(&ValueType::Own(expected), other)),
        }
    }
}

impl<T: 'static> Lower for Resource<T> {
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
        if !self.owned() {
            bail!(
                "cannot lend the host resource {} to the guest: the wasmi target passes host \
                 resources to the guest owned only",
                self.rep()
            );
        }
        let ty = cx.types().resource::<T>();
        Ok(Value::Own(cx.new_own(self.rep(), ty)?))
    }
}

/// The store of a call, with the instance's resource types.
pub(crate) struct StoreCx<'s, 'c, U> {
    pub(crate) store: &'s mut layer::StoreContextMut<'c, Data<U>, Backend>,
    pub(crate) types: &'s Types,
}

impl<U> Cx for StoreCx<'_, '_, U> {
    fn types(&self) -> &Types {
        self.types
    }

    fn take_own(&mut self, own: &ResourceOwn) -> Result<u32> {
        let rep = own.rep::<Rep, _, _>(&self.store.as_context())?.rep;
        own.rep_mut::<Rep, _, _>(self.store)?.moved = true;
        own.drop(&mut *self.store)?;
        Ok(rep)
    }

    fn borrowed(&mut self, borrow: &ResourceBorrow) -> Result<u32> {
        Ok(borrow.rep::<Rep, _, _>(&self.store.as_context())?.rep)
    }

    fn new_own(&mut self, rep: u32, ty: ResourceType) -> Result<ResourceOwn> {
        ResourceOwn::new(&mut *self.store, Rep { rep, moved: false }, ty)
    }

    fn keep_guest(&mut self, own: ResourceOwn) -> Result<(u64, u32)> {
        let data = self.store.data_mut();
        let index = u32::try_from(data.guest.len())?;
        data.guest.push(Some(own));
        Ok((data.id, index))
    }

    fn guest(&mut self, store: u64, index: u32) -> Result<ResourceOwn> {
        let data = self.store.data();
        if data.id != store {
            bail!("a resource handle was used with a store it does not belong to");
        }
        match data.guest.get(index as usize) {
            Some(Some(own)) => Ok(own.clone()),
            _ => bail!("the resource handle was dropped"),
        }
    }
}

/// `ours` with each `own` that `theirs` (the component's type of the same
/// value) has as `borrow` made a `borrow`: `Resource<T>` is both in Rust,
/// and its [`Ty`] says `own`; and each guest resource (`ResourceAny`,
/// whose type only the component knows) made the component's. Through lists, options, results and tuples;
/// a record or variant is left as it is (the layer gives no way to rebuild
/// one with its fields' positions).
pub(crate) fn adopt_handles(ours: &ValueType, theirs: &ValueType) -> ValueType {
    match (ours, theirs) {
        // A guest resource: its type is the component's.
        (ValueType::Own(r), ValueType::Own(t) | ValueType::Borrow(t))
            if *r == super::component_any::any_resource() =>
        {
            theirs.clone()
        }
        (ValueType::Own(r), ValueType::Borrow(_)) => ValueType::Borrow(r.clone()),
        (ValueType::List(a), ValueType::List(b)) => ValueType::List(ListType::new(adopt_handles(
            &a.element_ty(),
            &b.element_ty(),
        ))),
        (ValueType::Option(a), ValueType::Option(b)) => {
            ValueType::Option(OptionType::new(adopt_handles(&a.some_ty(), &b.some_ty())))
        }
        (ValueType::Result(a), ValueType::Result(b)) => {
            let side = |x: Option<ValueType>, y: Option<ValueType>| match (x, y) {
                (Some(x), Some(y)) => Some(adopt_handles(&x, &y)),
                (x, _) => x,
            };
            ValueType::Result(ResultType::new(
                side(a.ok_ty(), b.ok_ty()),
                side(a.err_ty(), b.err_ty()),
            ))
        }
        (ValueType::Tuple(a), ValueType::Tuple(b)) if a.fields().len() == b.fields().len() => {
            ValueType::Tuple(TupleType::new(
                None,
                a.fields()
                    .iter()
                    .zip(b.fields())
                    .map(|(x, y)| adopt_handles(x, y)),
            ))
        }
        _ => ours.clone(),
    }
}

/// [`adopt_handles`] over a function's parameters and results.
pub(crate) fn adopt_func(
    params: Vec<ValueType>,
    results: Vec<ValueType>,
    theirs: Option<&layer::FuncType>,
) -> layer::FuncType {
    let Some(theirs) = theirs else {
        return layer::FuncType::new(params, results);
    };
    let adopt = |ours: Vec<ValueType>, theirs: &[ValueType]| -> Vec<ValueType> {
        if ours.len() != theirs.len() {
            return ours;
        }
        ours.iter()
            .zip(theirs)
            .map(|(a, b)| adopt_handles(a, b))
            .collect()
    };
    layer::FuncType::new(
        adopt(params, theirs.params()),
        adopt(results, theirs.results()),
    )
}

/// The type of the host function `func`: `params` and `results` with the
/// component's `borrow`s (`theirs`), or an error naming the resources the
/// linker does not define.
pub(crate) fn typed_for(
    func: &str,
    params: Vec<layer::ValueType>,
    results: Vec<layer::ValueType>,
    types: &Types,
    theirs: Option<&layer::FuncType>,
) -> crate::Result<layer::FuncType> {
    let ty = adopt_func(params, results, theirs);
    let missing = types.missing();
    if !missing.is_empty() {
        return Err(crate::Error::msg(format!(
            "cannot link `{func}`: it uses the resource `{}`, which this linker does not \
             define (link the interface that defines it too)",
            missing.join("`, `")
        )));
    }
    Ok(ty)
}
