//! Facts about WIT types that the emitters' choices depend on (which are
//! `Copy`, `Eq` and `Debug`, which hold a handle).

use std::collections::HashMap;
use wit_parser::{Resolve, Type, TypeDefKind, TypeId};

/// Facts about every type of the `Resolve`, computed once up front: which
/// are `Copy`, `Eq` and `Debug`, and which hold a handle.
#[derive(Default)]
pub struct Analysis {
    copy: HashMap<TypeId, bool>,
    eq: HashMap<TypeId, bool>,
    handle: HashMap<TypeId, bool>,
    debug: HashMap<TypeId, bool>,
}

/// One property [`Analysis`] computes.
#[derive(Clone, Copy)]
enum Prop {
    Copy,
    Eq,
    Handle,
    Debug,
}

impl Analysis {
    /// The facts of every type in `resolve`.
    pub fn new(resolve: &Resolve) -> Self {
        let mut a = Analysis::default();
        for (id, _) in resolve.types.iter() {
            for prop in [Prop::Copy, Prop::Eq, Prop::Handle, Prop::Debug] {
                a.compute(resolve, prop, id);
            }
        }
        a
    }

    fn map(&mut self, prop: Prop) -> &mut HashMap<TypeId, bool> {
        match prop {
            Prop::Copy => &mut self.copy,
            Prop::Eq => &mut self.eq,
            Prop::Handle => &mut self.handle,
            Prop::Debug => &mut self.debug,
        }
    }

    /// `prop` of a type that is not a `TypeDef`.
    fn leaf(prop: Prop, ty: &Type) -> bool {
        let (copy, eq, handle, debug) = match ty {
            super::integer_types!() => (true, true, false, true),
            Type::F32 | Type::F64 => (true, false, false, true),
            Type::String => (false, true, false, true),
            // wasmtime's `ErrorContext` is a handle, and not `Debug`.
            Type::ErrorContext => (false, false, true, false),
            // Not a leaf: `compute_ty` and `get` look `TypeDef`s up.
            Type::Id(_) => (false, false, false, false),
        };
        match prop {
            Prop::Copy => copy,
            Prop::Eq => eq,
            Prop::Handle => handle,
            Prop::Debug => debug,
        }
    }

    fn compute_ty(&mut self, resolve: &Resolve, prop: Prop, ty: &Type) -> bool {
        if let Type::Id(id) = ty {
            return self.compute(resolve, prop, *id);
        }
        Self::leaf(prop, ty)
    }

    fn compute(&mut self, resolve: &Resolve, prop: Prop, id: TypeId) -> bool {
        if let Some(v) = self.map(prop).get(&id) {
            return *v;
        }
        let kind = &resolve.types[id].kind;
        let v = match prop {
            Prop::Copy => {
                // `Vec` and `HashMap` never are; `[T; N]` is when `T` is.
                all_children(resolve, id, |t| self.compute_ty(resolve, prop, t))
                    && !matches!(kind, TypeDefKind::List(_) | TypeDefKind::Map(..))
            }
            Prop::Eq => all_children(resolve, id, |t| self.compute_ty(resolve, prop, t)),
            Prop::Handle => {
                matches!(
                    kind,
                    TypeDefKind::Handle(_) | TypeDefKind::Stream(_) | TypeDefKind::Future(_)
                ) || !all_children(resolve, id, |t| !self.compute_ty(resolve, prop, t))
            }
            // Streams and futures are `Debug` whatever they carry.
            Prop::Debug => {
                matches!(kind, TypeDefKind::Stream(_) | TypeDefKind::Future(_))
                    || all_children(resolve, id, |t| self.compute_ty(resolve, prop, t))
                    || matches!(kind, TypeDefKind::Handle(_) | TypeDefKind::Resource)
            }
        };
        self.map(prop).insert(id, v);
        v
    }

    fn get(&self, prop: Prop, ty: &Type) -> bool {
        let map = match prop {
            Prop::Copy => &self.copy,
            Prop::Eq => &self.eq,
            Prop::Handle => &self.handle,
            Prop::Debug => &self.debug,
        };
        if let Type::Id(id) = ty {
            return map.get(id).copied().unwrap_or(false);
        }
        Self::leaf(prop, ty)
    }

    pub fn is_copy(&self, ty: &Type) -> bool {
        self.get(Prop::Copy, ty)
    }

    /// Whether a handle is inside (a resource, a `stream`, a `future` or an
    /// `error-context`): such types are neither `Clone` nor `PartialEq`.
    pub fn has_handle(&self, ty: &Type) -> bool {
        self.get(Prop::Handle, ty)
    }

    /// Whether the type can derive `Debug`: wasmtime's `ErrorContext` does
    /// not implement it, so nothing holding one can.
    pub fn is_debug(&self, ty: &Type) -> bool {
        self.get(Prop::Debug, ty)
    }

    pub fn is_eq(&self, ty: &Type) -> bool {
        self.get(Prop::Eq, ty)
    }
}

/// Calls `f` on every type directly inside `id`.
pub fn for_each_child(resolve: &Resolve, id: TypeId, mut f: impl FnMut(&Type)) {
    all_children(resolve, id, |t| {
        f(t);
        true
    });
}

/// Whether `pred` holds for every type directly inside `id`; `false` for
/// the kinds whose facts do not come from what is inside them (resources,
/// handles, streams and futures: see `compute`), which are not visited.
fn all_children(resolve: &Resolve, id: TypeId, mut pred: impl FnMut(&Type) -> bool) -> bool {
    match &resolve.types[id].kind {
        TypeDefKind::Record(r) => r.fields.iter().all(|f| pred(&f.ty)),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).all(pred),
        TypeDefKind::Tuple(t) => t.types.iter().all(pred),
        TypeDefKind::Option(t)
        | TypeDefKind::List(t)
        | TypeDefKind::FixedLengthList(t, _)
        | TypeDefKind::Type(t) => pred(t),
        TypeDefKind::Map(k, v) => pred(k) && pred(v),
        TypeDefKind::Result(r) => r.ok.iter().chain(r.err.iter()).all(pred),
        TypeDefKind::Enum(_) | TypeDefKind::Flags(_) => true,
        TypeDefKind::Resource
        | TypeDefKind::Handle(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Unknown => false,
    }
}
