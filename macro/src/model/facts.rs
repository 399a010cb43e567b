//! Facts about the whole world, gathered in one pass before anything is
//! emitted, so no emitter's output depends on which emitter ran first:
//! whether any import is async, whether the code needs wasmtime's
//! component-model-async, and which `*WithStore` traits each module has.

use super::Base;
use super::exporter::Exports;
use super::importer::Importer;
use super::paths::ModulePath;
use proc_macro2::Ident;
use std::collections::HashMap;
use wit_parser::{InterfaceId, Resolve, Type, TypeDefKind, WorldItem};

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
    pub used_delegates: Vec<usize>,
}

impl Facts {
    /// The facts of the world `base` generates, from its names and options
    /// and both sides gathered from them.
    pub fn gather(
        base: &Base<'_>,
        importers: &HashMap<InterfaceId, Importer<'_>>,
        own_imports: &Importer<'_>,
        export_side: &Exports<'_>,
    ) -> Facts {
        let resolve = base.resolve;
        let world = base.world();
        let mut facts = Facts::default();
        for (key, item) in &world.imports {
            if let WorldItem::Interface { id, .. } = item {
                facts
                    .used_with
                    .extend(base.with.interface_index(resolve, key, *id));
                facts
                    .used_delegates
                    .extend(base.delegates.interface_index(resolve, key, *id));
            }
        }
        // wasmtime's rule: an entry must name a type that exists.
        facts.used_errors = base.existing_error_entries();
        for importer in importers.values().chain([own_imports]) {
            facts.importer(base, importer);
        }

        for exporter in export_side.interfaces.iter().chain([&export_side.world]) {
            for f in &exporter.funcs {
                facts.uses_cm_async |= f.sig.flags.concurrent;
                facts.used_exports.extend(base.exports.matching(
                    resolve,
                    exporter.iface,
                    &f.sig.func.name,
                ));
            }
        }
        facts.uses_cm_async |= mentions_cm_async(base, world);
        // Host resources `with:` gives a Rust type, among the types emitted
        // (a guest's resource is a handle type whatever `with:` says).
        for (id, module) in &base.iface_modules {
            for (name, ty) in &resolve.interfaces[*id].types {
                if matches!(resolve.types[*ty].kind, TypeDefKind::Resource)
                    && !base.is_guest_resource(*ty, module)
                {
                    facts
                        .used_with
                        .extend(base.with.item_index(resolve, *id, name));
                }
            }
        }
        facts
    }

    /// The flags of one importer's functions and destructors, and its
    /// `*WithStore` traits in its module: each resource's, then its own.
    fn importer(&mut self, base: &Base<'_>, importer: &Importer<'_>) {
        let iface = importer.iface;
        for s in &importer.sigs {
            self.any_async_import |= s.flags.is_async;
            self.uses_cm_async |= s.func.kind.is_async();
            self.used_imports
                .extend(base.imports.matching(base.resolve, iface, &s.func.name));
        }
        let mut traits = Vec::new();
        for r in &importer.resources {
            let drop = format!("[drop]{}", r.wit_name);
            self.any_async_import |= r.drop_flags.is_async;
            // An async destructor with the store is linked concurrently.
            self.uses_cm_async |= r.drop_flags.is_async && r.drop_flags.store;
            self.used_imports
                .extend(base.imports.matching(base.resolve, iface, &drop));
            if r.drop_flags.store || importer.of_resource(r).any(|s| s.flags.store) {
                traits.push(base.store_trait(r.id).clone());
            }
        }
        if let Some(s) = importer.own().find_map(|s| s.store_trait.as_ref()) {
            traits.push(s.clone());
        }
        if !traits.is_empty() {
            self.with_store
                .entry(importer.module.clone())
                .or_default()
                .extend(traits);
        }
    }
}

/// Whether a type the world's code names is a `stream`, a `future` or an
/// `error-context`: in the types of every interface it imports or exports,
/// the world's own types, and every function's parameters and result.
fn mentions_cm_async(base: &Base<'_>, world: &wit_parser::World) -> bool {
    let resolve = base.resolve;
    let mut types: Vec<Type> = Vec::new();
    for item in world.imports.values().chain(world.exports.values()) {
        match item {
            WorldItem::Interface { id, .. } => {
                if base.remapped.contains_key(id) {
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
        TypeDefKind::Resource
        | TypeDefKind::Handle(_)
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Unknown => false,
    }
}
