//! `ownership: Borrowing { .. }`: which named types are passed to the guest
//! (an export's parameters), which come back or are served (an export's
//! result, an import's parameters and result), and which hold a string or
//! a list, as wasmtime's `bindgen!` reckons them, and from that which types
//! get a borrowed form with a lifetime, and under which name.
//!
//! With `Owning` (the default) nothing here applies: every type is owned.

use crate::opts::Ownership;
use std::collections::{HashMap, HashSet};
use wit_parser::{Function, Resolve, Type, TypeDefKind, TypeId, WorldId, WorldItem};

#[derive(Clone, Copy, Default)]
struct Info {
    /// Passed to the guest, inside an export's parameters.
    borrowed: bool,
    /// Returned, or served: an export's result, an import's parameters or
    /// result.
    owned: bool,
    /// Holds a string or a list (not through a handle, stream or future).
    has_list: bool,
}

/// How `ownership:` shapes each named type.
pub struct Usage {
    ownership: Ownership,
    info: HashMap<TypeId, Info>,
}

impl Usage {
    pub fn new(resolve: &Resolve, world: WorldId, ownership: Ownership) -> Self {
        let mut usage = Usage {
            ownership,
            info: HashMap::new(),
        };
        if ownership == Ownership::Owning {
            return usage;
        }
        for (id, _) in resolve.types.iter() {
            usage.has_list_id(resolve, id, &mut HashSet::new());
        }
        let world = &resolve.worlds[world];
        let imports = world.imports.values().map(|item| (true, item));
        let exports = world.exports.values().map(|item| (false, item));
        for (import, item) in imports.chain(exports) {
            match item {
                WorldItem::Function(f) => usage.func(resolve, f, import),
                WorldItem::Interface { id, .. } => {
                    for f in resolve.interfaces[*id].functions.values() {
                        usage.func(resolve, f, import);
                    }
                }
                WorldItem::Type { .. } => {}
            }
        }
        usage
    }

    /// `ownership: Borrowing { .. }` was asked for.
    pub fn borrowing(&self) -> bool {
        self.ownership != Ownership::Owning
    }

    /// Whether `id` exists twice, `<Name>Param<'a>` and `<Name>Result`
    /// (`duplicate_if_necessary: true`, and the type is both passed and
    /// returned and holds a string or a list).
    pub fn two_names(&self, id: TypeId) -> bool {
        let info = self.get(id);
        info.has_list
            && info.borrowed
            && info.owned
            && self.ownership
                == Ownership::Borrowing {
                    duplicate_if_necessary: true,
                }
    }

    /// Whether `id`'s one definition is its borrowed form, `<Name><'a>`:
    /// it holds a string or a list and is only ever passed to the guest.
    pub fn only_borrowed(&self, id: TypeId) -> bool {
        let info = self.get(id);
        self.borrowing() && info.has_list && info.borrowed && !info.owned
    }

    /// Whether a borrowed context writes `id` with a lifetime (its borrowed
    /// form), rather than as the owned type behind a reference or by value.
    pub fn has_lifetime(&self, id: TypeId) -> bool {
        self.two_names(id) || self.only_borrowed(id)
    }

    /// Whether `id` holds a string or a list.
    pub fn has_list(&self, id: TypeId) -> bool {
        self.get(id).has_list
    }

    fn get(&self, id: TypeId) -> Info {
        self.info.get(&id).copied().unwrap_or_default()
    }

    /// Marks the named types `f`'s parameters and result reach.
    fn func(&mut self, resolve: &Resolve, f: &Function, import: bool) {
        let mut params = HashSet::new();
        for p in &f.params {
            reach(resolve, &p.ty, &mut params);
        }
        for id in params {
            let info = self.info.entry(id).or_default();
            if import {
                info.owned = true;
            } else {
                info.borrowed = true;
            }
        }
        let mut result = HashSet::new();
        if let Some(t) = &f.result {
            reach(resolve, t, &mut result);
        }
        for id in result {
            self.info.entry(id).or_default().owned = true;
        }
    }

    fn has_list_ty(&mut self, resolve: &Resolve, t: &Type, seen: &mut HashSet<TypeId>) -> bool {
        match t {
            Type::String => true,
            Type::Id(id) => self.has_list_id(resolve, *id, seen),
            super::integer_types!() | Type::F32 | Type::F64 | Type::ErrorContext => false,
        }
    }

    fn has_list_id(&mut self, resolve: &Resolve, id: TypeId, seen: &mut HashSet<TypeId>) -> bool {
        if let Some(info) = self.info.get(&id) {
            return info.has_list;
        }
        if !seen.insert(id) {
            return false;
        }
        let kind = &resolve.types[id].kind;
        let has = match kind {
            TypeDefKind::List(_) | TypeDefKind::Map(..) => true,
            TypeDefKind::Record(r) => self.any_list(resolve, r.fields.iter().map(|f| &f.ty), seen),
            TypeDefKind::Variant(v) => {
                self.any_list(resolve, v.cases.iter().filter_map(|c| c.ty.as_ref()), seen)
            }
            TypeDefKind::Tuple(t) => self.any_list(resolve, &t.types, seen),
            TypeDefKind::Option(t) | TypeDefKind::Type(t) | TypeDefKind::FixedLengthList(t, _) => {
                self.any_list(resolve, [t], seen)
            }
            TypeDefKind::Result(r) => self.any_list(resolve, r.ok.iter().chain(r.err.iter()), seen),
            // Moved whole: nothing inside is borrowed.
            TypeDefKind::Handle(_)
            | TypeDefKind::Resource
            | TypeDefKind::Future(_)
            | TypeDefKind::Stream(_)
            | TypeDefKind::Flags(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Unknown => false,
        };
        self.info.entry(id).or_default().has_list = has;
        has
    }

    /// Whether any of `ts` holds a string or a list (each is looked at, so
    /// every named type inside gets its fact).
    fn any_list<'t>(
        &mut self,
        resolve: &Resolve,
        ts: impl IntoIterator<Item = &'t Type>,
        seen: &mut HashSet<TypeId>,
    ) -> bool {
        let mut any = false;
        for t in ts {
            any |= self.has_list_ty(resolve, t, seen);
        }
        any
    }
}

/// Every named type `t` is or holds (through handles, streams and futures
/// too, as wasmtime's `LiveTypes` does), into `out`.
fn reach(resolve: &Resolve, t: &Type, out: &mut HashSet<TypeId>) {
    let Type::Id(id) = t else {
        return;
    };
    let def = &resolve.types[*id];
    if def.name.is_some() && !out.insert(*id) {
        return;
    }
    let mut go = |t: &Type| reach(resolve, t, out);
    match &def.kind {
        TypeDefKind::Record(r) => r.fields.iter().for_each(|f| go(&f.ty)),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).for_each(go),
        TypeDefKind::Tuple(t) => t.types.iter().for_each(go),
        TypeDefKind::Option(t)
        | TypeDefKind::List(t)
        | TypeDefKind::Type(t)
        | TypeDefKind::FixedLengthList(t, _) => go(t),
        TypeDefKind::Map(k, v) => {
            go(k);
            go(v);
        }
        TypeDefKind::Result(r) => r.ok.iter().chain(r.err.iter()).for_each(go),
        TypeDefKind::Future(t) | TypeDefKind::Stream(t) => t.iter().for_each(go),
        TypeDefKind::Handle(wit_parser::Handle::Own(r) | wit_parser::Handle::Borrow(r)) => {
            go(&Type::Id(*r))
        }
        TypeDefKind::Resource
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Unknown => {}
    }
}
