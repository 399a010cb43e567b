//! Facts about the whole world, gathered in one pass before anything is
//! emitted, so no emitter's output depends on which emitter ran first:
//! whether any import is async, whether the code needs wasmtime's
//! component-model-async, and which `*WithStore` traits each module has.

use super::modules::ModulePath;
use super::{Gen, WorldNames, world_resources};
use proc_macro2::Ident;
use std::collections::HashMap;
use wit_parser::{Function, InterfaceId, Resolve, Type, TypeDefKind, TypeId, WorldItem};

/// What the emitters read about the world as a whole.
#[derive(Default)]
pub struct Facts {
    /// An imported function, or a resource's destructor, is async.
    pub any_async_import: bool,
    /// The code uses wasmtime's component-model-async API: an `async
    /// func`, a `stream`, a `future` or an `error-context`, or an export
    /// called through an `Accessor`.
    pub uses_cm_async: bool,
    /// Per module, the `*WithStore` traits it defines (functions flagged
    /// `store`), in the order they are emitted: each resource's, then the
    /// importer's own.
    pub with_store: HashMap<ModulePath, Vec<Ident>>,
    /// The `imports:` and `exports:` entries some function's flags come
    /// from (the others are errors).
    pub used_imports: Vec<usize>,
    pub used_exports: Vec<usize>,
    /// The `with:` and `trappable_error_type` entries something matched.
    pub used_with: Vec<usize>,
    pub used_errors: Vec<usize>,
}

impl Facts {
    /// The facts of the world `cx` generates, with its names assigned.
    pub fn gather(cx: &Gen<'_>, names: &WorldNames, world: &wit_parser::World) -> Facts {
        let resolve = cx.resolve;
        let mut facts = Facts::default();
        let mut seen: Vec<InterfaceId> = Vec::new();
        for (key, item) in &world.imports {
            let WorldItem::Interface { id, .. } = item else {
                continue;
            };
            facts
                .used_with
                .extend(cx.with.interface_index(resolve, key, *id));
            if cx.remapped.contains_key(id) || seen.contains(id) {
                continue;
            }
            seen.push(*id);
            let iface = &resolve.interfaces[*id];
            let funcs: Vec<&Function> = iface.functions.values().collect();
            let resources: Vec<TypeId> = iface
                .types
                .values()
                .copied()
                .filter(|t| matches!(resolve.types[*t].kind, TypeDefKind::Resource))
                .collect();
            let module = cx.iface_modules[id].clone();
            facts.importer(cx, Some(*id), &funcs, &resources, &module, "HostWithStore");
        }
        let own: Vec<&Function> = world
            .imports
            .values()
            .filter_map(|item| match item {
                WorldItem::Function(f) => Some(f),
                _ => None,
            })
            .collect();
        let own_resources: Vec<TypeId> = world_resources(resolve, world)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        let main = names.imports_with_store.to_string();
        facts.importer(cx, None, &own, &own_resources, &ModulePath::root(), &main);

        for item in world.exports.values() {
            let funcs: Vec<&Function> = match item {
                WorldItem::Function(f) => vec![f],
                WorldItem::Interface { id, .. } => {
                    resolve.interfaces[*id].functions.values().collect()
                }
                WorldItem::Type { .. } => Vec::new(),
            };
            let iface = match item {
                WorldItem::Interface { id, .. } => Some(*id),
                _ => None,
            };
            for f in funcs {
                facts.uses_cm_async |= cx.export_func_flags(iface, f).concurrent;
                facts
                    .used_exports
                    .extend(cx.exports.matching(resolve, iface, &f.name));
            }
        }
        facts.uses_cm_async |= mentions_cm_async(cx, world);
        // Host resources `with:` gives a Rust type, among the types emitted
        // (a guest's resource is a handle type whatever `with:` says).
        for (id, module) in &cx.iface_modules {
            for (name, ty) in &resolve.interfaces[*id].types {
                if matches!(resolve.types[*ty].kind, TypeDefKind::Resource)
                    && !cx.is_guest_resource(*ty, module)
                {
                    facts
                        .used_with
                        .extend(cx.with.item_index(resolve, *id, name));
                }
            }
        }
        facts
    }

    /// The flags of one importer's functions and destructors, and its
    /// `*WithStore` traits in `module`: each resource's, then `main`.
    fn importer(
        &mut self,
        cx: &Gen<'_>,
        iface: Option<InterfaceId>,
        funcs: &[&Function],
        resources: &[TypeId],
        module: &ModulePath,
        main: &str,
    ) {
        let flags: Vec<_> = funcs.iter().map(|f| (f, cx.func_flags(iface, f))).collect();
        for (f, fl) in &flags {
            self.any_async_import |= fl.is_async;
            self.uses_cm_async |= f.kind.is_async();
            self.used_imports
                .extend(cx.imports.matching(cx.resolve, iface, &f.name));
            self.used_errors.extend(cx.error_entry_of(f));
        }
        let mut traits = Vec::new();
        for r in resources {
            let name = cx.resolve.types[*r].name.as_deref().unwrap_or_default();
            let drop = format!("[drop]{name}");
            self.any_async_import |= cx.import_flags(iface, &drop).is_async;
            self.used_imports
                .extend(cx.imports.matching(cx.resolve, iface, &drop));
            if flags
                .iter()
                .any(|(f, fl)| f.kind.resource() == Some(*r) && fl.store)
            {
                traits.push(cx.store_trait(*r).clone());
            }
        }
        if flags
            .iter()
            .any(|(f, fl)| f.kind.resource().is_none() && fl.store)
        {
            traits.push(crate::names::ident(main));
        }
        if !traits.is_empty() {
            self.with_store
                .entry(module.clone())
                .or_default()
                .extend(traits);
        }
    }
}

/// Whether a type the world's code names is a `stream`, a `future` or an
/// `error-context`: in the types of every interface it imports or exports,
/// the world's own types, and every function's parameters and result.
fn mentions_cm_async(cx: &Gen<'_>, world: &wit_parser::World) -> bool {
    let resolve = cx.resolve;
    let mut types: Vec<Type> = Vec::new();
    for item in world.imports.values().chain(world.exports.values()) {
        match item {
            WorldItem::Interface { id, .. } => {
                if cx.remapped.contains_key(id) {
                    continue;
                }
                let iface = &resolve.interfaces[*id];
                types.extend(iface.types.values().map(|t| Type::Id(*t)));
                for f in iface.functions.values() {
                    types.extend(f.params.iter().map(|p| p.ty));
                    types.extend(f.result);
                }
            }
            WorldItem::Function(f) => {
                types.extend(f.params.iter().map(|p| p.ty));
                types.extend(f.result);
            }
            WorldItem::Type { id, .. } => types.push(Type::Id(*id)),
        }
    }
    types.iter().any(|t| is_cm_async(resolve, t, 0))
}

/// Whether `t` is or holds a `stream`, `future` or `error-context` (named
/// types are looked into through aliases only: they are checked on their
/// own where they are defined).
fn is_cm_async(resolve: &Resolve, t: &Type, depth: usize) -> bool {
    let Type::Id(id) = t else {
        return matches!(t, Type::ErrorContext);
    };
    if depth > 64 {
        return false;
    }
    let def = &resolve.types[*id];
    if def.name.is_some() && depth > 0 && !matches!(def.kind, TypeDefKind::Type(_)) {
        return false;
    }
    let inner = |t: &Type| is_cm_async(resolve, t, depth + 1);
    match &def.kind {
        TypeDefKind::Stream(_) | TypeDefKind::Future(_) => true,
        TypeDefKind::Type(t) | TypeDefKind::List(t) | TypeDefKind::Option(t) => inner(t),
        TypeDefKind::FixedLengthList(t, _) => inner(t),
        TypeDefKind::Map(k, v) => inner(k) || inner(v),
        TypeDefKind::Tuple(tuple) => tuple.types.iter().any(inner),
        TypeDefKind::Record(r) => r.fields.iter().any(|f| inner(&f.ty)),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).any(inner),
        TypeDefKind::Result(r) => r.ok.iter().chain(r.err.iter()).any(inner),
        _ => false,
    }
}
