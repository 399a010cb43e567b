//! The model of one expansion: everything the emitters read, built once
//! from the resolved WIT and the options before anything is emitted, then
//! only read. It holds no tokens of generated items, no `Cell` and no
//! order-dependent state; its queries are pure.
//!
//! It is built in stages, each a value made from the ones before it, with
//! no placeholder filled in later (`Model::build`):
//!
//! 1. `supported` refuses WIT this version cannot generate (into the
//!    error collector; the build goes on);
//! 2. [`Base`]: names (`naming`), the option tables, type facts
//!    (`analysis`), `@unstable` gates (`features`);
//! 3. from the `Base`: the import side (`importer::importers`), the
//!    `named_imports:` bindings (`named::gather`), the export side
//!    (`exporter::exports`);
//! 4. from the `Base` and both sides: the world's `facts`;
//! 5. [`Model`] holds them all (and derefs to its `Base`); the wasmi
//!    refusals and the unused-entry check read the whole of it.
//!
//! A stage's functions take `&Base`, so they cannot read what is gathered
//! after them: the compiler checks the order.
//!
//! - `naming`: each interface's module, each type's and trait's Rust name,
//!   the world items' names;
//! - `func`: one function as the emitters see it (Rust name, parameters,
//!   flags, how it returns);
//! - `importer`: the import side's functions and resources, grouped by the
//!   trait that serves them;
//! - `named`: the `named_imports:` bindings (an importer each);
//! - `exporter`: the export side's `Guest`s, accessors and functions, with
//!   the names their fields and `call_*` methods take;
//! - `supported`: the WIT this version refuses (accessors, unresolved
//!   types), checked before anything else;
//! - `analysis`: facts about every type (Copy, Eq, Debug, handles);
//! - `facts`: facts about the world as a whole;
//! - `features`: `@unstable` features and link-time gates;
//! - `trappable`: `trappable_error_type` lookups (how imports return, where
//!   `convert_*` is declared);
//! - `path_map`: the WIT-name-to-Rust-path tables of `with:`,
//!   `trappable_error_type`, `delegate:` and `named_imports:`;
//! - `paths`: module paths and relative paths between them;
//! - `wasmi`: what `target: wasmi` refuses;
//! - `component_type`: the world encoded (`include_component_type:`).

/// The pattern of WIT's integer-like scalars (`bool`, the integers,
/// `char`): every `Type` but floats, `string`, `error-context` and named
/// types. A match that uses it still lists the other kinds, so a kind a
/// newer wit-parser adds fails to compile there.
macro_rules! integer_types {
    () => {
        ::wit_parser::Type::Bool
            | ::wit_parser::Type::U8
            | ::wit_parser::Type::U16
            | ::wit_parser::Type::U32
            | ::wit_parser::Type::U64
            | ::wit_parser::Type::S8
            | ::wit_parser::Type::S16
            | ::wit_parser::Type::S32
            | ::wit_parser::Type::S64
            | ::wit_parser::Type::Char
    };
}
pub(crate) use integer_types;

pub mod analysis;
pub mod borrowing;
mod component_type;
pub mod exporter;
pub mod facts;
pub mod features;
pub mod func;
pub mod importer;
pub mod named;
mod naming;
pub mod path_map;
pub mod paths;
mod supported;
mod trappable;
mod wasmi;

use crate::diag::Errors;
use crate::func_flags::{FlagTable, FuncFlags, Side};
use crate::load::Loaded;
use crate::opts::Opts;
pub use func::FuncSig;
pub use naming::WorldNames;
use paths::ModulePath;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{HashMap, HashSet};
use wit_parser::{
    Function, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner, WorldId, WorldItem,
    WorldKey,
};

/// The model's first stage: the names, the option tables and the facts
/// about types, all from the WIT and the options alone. The import and
/// export sides are gathered from it, so they cannot read what is gathered
/// after them; [`Model`] adds them.
pub struct Base<'a> {
    pub resolve: &'a Resolve,
    pub opts: &'a Opts,
    pub world_id: WorldId,
    /// `wasmtime`, as generated code must spell it.
    pub wt: TokenStream,
    /// The `hostgen` runtime crate.
    pub hg: TokenStream,
    /// The world-level names.
    pub names: WorldNames,
    /// Module of each interface the world uses (where its types live).
    pub iface_modules: HashMap<InterfaceId, ModulePath>,
    /// Module of each exported interface (its `Guest`); the types stay in
    /// the import's module when the world imports the interface too.
    pub export_modules: HashMap<InterfaceId, ModulePath>,
    /// Rust name of each named type.
    type_names: HashMap<TypeId, Ident>,
    /// The borrowed form's name of the types that exist twice
    /// (`ownership: Borrowing { duplicate_if_necessary: true }`).
    param_names: HashMap<TypeId, Ident>,
    /// How `ownership:` shapes each named type.
    pub usage: borrowing::Usage,
    /// The `Host<Resource>` trait of each imported resource.
    resource_traits: HashMap<TypeId, Ident>,
    /// The dyn-compatible companion of each `Host<Resource>` trait.
    dyn_traits: HashMap<TypeId, Ident>,
    /// The `Host<Resource>WithStore` trait of each imported resource.
    store_traits: HashMap<TypeId, Ident>,
    /// The `Host<Resource>Delegate` trait of each imported resource.
    delegate_traits: HashMap<TypeId, Ident>,
    /// Interfaces the world imports (their resources are the host's).
    imported: HashSet<InterfaceId>,
    /// Imported interfaces that `with:` maps to Rust modules elsewhere.
    pub remapped: HashMap<InterfaceId, path_map::External>,
    /// Where each remapped interface's module would be: there, a
    /// `pub use` of the external one keeps the module tree the same with
    /// or without `with:`.
    pub reexport_modules: HashMap<InterfaceId, ModulePath>,
    pub with: path_map::PathMap,
    /// The `imports:` and `exports:` flag maps.
    pub imports: FlagTable<'a>,
    pub exports: FlagTable<'a>,
    pub error_types: path_map::PathMap,
    /// The `delegate:` map.
    pub delegates: path_map::PathMap,
    /// The `named_imports:` map (interface to id type).
    pub named_imports: path_map::PathMap,
    /// Facts about types (Copy, Eq, Debug, handles).
    pub analysis: analysis::Analysis,
    /// The `@unstable` features gating each interface the world uses, and
    /// the world's imports as a whole (empty unless gated at link time).
    pub features: features::FeatureMap,
}

/// What every emitter reads about one expansion: the [`Base`] (which it
/// derefs to) and what is gathered from it, in this order: the import side
/// (`importers`, `own_imports`, then `named`), the export side, the facts
/// about the world (which read both sides), the encoded world.
pub struct Model<'a> {
    pub base: Base<'a>,
    /// Each imported interface's functions and resources (but those
    /// `with:` remaps).
    pub importers: HashMap<InterfaceId, importer::Importer<'a>>,
    /// The functions and resources the world imports directly.
    pub own_imports: importer::Importer<'a>,
    /// The `named_imports:` bindings, in the world's import order.
    pub named: Vec<named::NamedImport<'a>>,
    /// Every exported interface and function, with its Rust names.
    pub export_side: exporter::Exports<'a>,
    /// Facts about the whole world.
    pub facts: facts::Facts,
    /// `include_component_type: true`: the world, encoded.
    pub component_type: Option<Vec<u8>>,
}

impl<'a> std::ops::Deref for Model<'a> {
    type Target = Base<'a>;

    fn deref(&self) -> &Base<'a> {
        &self.base
    }
}

impl<'a> Model<'a> {
    /// The model of the world `loaded` picked, under `opts`. What this
    /// version refuses (WIT it cannot generate, option entries that do
    /// not fit the world or matched nothing) goes to `errors`; the model
    /// is built anyway, so one compile reports it all, and is emitted
    /// only if `errors` stays empty.
    pub fn build(loaded: &'a Loaded, opts: &'a Opts, errors: &mut Errors) -> Self {
        let resolve = &loaded.resolve;
        let world = &resolve.worlds[loaded.world];
        let hg = &opts.hostgen;
        let wt = &opts.wasmtime;
        let with = path_map::PathMap::new(&opts.with, &world.name);
        errors.take(supported::check_supported(resolve, opts.source_span, world));
        let usage = borrowing::Usage::new(resolve, loaded.world, opts.ownership);
        let naming = naming::assign(resolve, &with, &usage, loaded.world);
        let base = Base {
            resolve,
            opts,
            world_id: loaded.world,
            wt: quote!(#wt),
            hg: quote!(#hg),
            names: naming.world,
            iface_modules: naming.iface_modules,
            export_modules: naming.export_modules,
            type_names: naming.type_names,
            param_names: naming.param_names,
            usage,
            resource_traits: naming.resource_traits,
            dyn_traits: naming.dyn_traits,
            store_traits: naming.store_traits,
            delegate_traits: naming.delegate_traits,
            imported: naming.imported,
            remapped: naming.remapped,
            reexport_modules: naming.reexport_modules,
            with,
            imports: FlagTable::new(Side::Imports, &opts.imports),
            exports: FlagTable::new(Side::Exports, &opts.exports),
            error_types: path_map::PathMap::for_option(
                &opts.trappable_error_type,
                &world.name,
                "trappable_error_type",
                "no type of any interface in the WIT",
            ),
            delegates: path_map::PathMap::for_option(
                &opts.delegate,
                &world.name,
                "delegate",
                "no imported interface, package or namespace",
            ),
            named_imports: path_map::PathMap::for_option(
                &opts.named_imports,
                &world.name,
                "named_imports",
                "no imported interface",
            ),
            analysis: analysis::Analysis::new(resolve),
            features: features::FeatureMap::new(resolve, loaded.world, opts.link_gated()),
        };
        errors.take(base.check_delegates());
        let (importers, own_imports) = importer::importers(&base);
        let named = named::gather(&base, errors);
        let export_side = exporter::exports(&base);
        let facts = facts::Facts::gather(&base, &importers, &own_imports, &export_side);
        let component_type = opts
            .include_component_type
            .then(|| {
                errors.take(component_type::encode(
                    resolve,
                    loaded.world,
                    opts.source_span,
                ))
            })
            .flatten();
        let model = Model {
            base,
            importers,
            own_imports,
            named,
            export_side,
            facts,
            component_type,
        };
        errors.take(wasmi::check(&model));
        errors.take(model.check_all_used());
        model
    }

    /// Every option entry that matched nothing, as one error.
    fn check_all_used(&self) -> syn::Result<()> {
        let mut unused = Vec::new();
        for check in [
            self.with.check_all_used(&self.facts.used_with),
            self.imports.check_all_used(&self.facts.used_imports),
            self.exports.check_all_used(&self.facts.used_exports),
            self.error_types.check_all_used(&self.facts.used_errors),
            self.delegates.check_all_used(&self.facts.used_delegates),
            self.named_imports
                .check_all_used(&self.named_entries_matched()),
        ] {
            unused.extend(check.err());
        }
        let mut unused = unused.into_iter();
        match unused.next() {
            Some(mut first) => {
                unused.for_each(|e| first.combine(e));
                Err(first)
            }
            None => Ok(()),
        }
    }

    /// The `*WithStore` traits `module` defines.
    pub fn with_store_in(&self, module: &ModulePath) -> Vec<Ident> {
        self.facts
            .with_store
            .get(module)
            .cloned()
            .unwrap_or_default()
    }
}

impl<'a> Base<'a> {
    /// The world being generated.
    pub fn world(&self) -> &'a wit_parser::World {
        &self.resolve.worlds[self.world_id]
    }

    /// `delegate:` entries that name interfaces `with:` maps elsewhere:
    /// their traits are not generated here, so there is nothing to
    /// delegate.
    fn check_delegates(&self) -> syn::Result<()> {
        for (key, item) in &self.world().imports {
            if let WorldItem::Interface { id, .. } = item
                && self.remapped.contains_key(id)
                && let Some(entry) = self.delegates.interface_index(self.resolve, key, *id)
            {
                let name = self.instance_name(key);
                return Err(self.delegates.error_at(
                    entry,
                    &format!(
                        "names `{name}`, which `with:` maps to bindings generated elsewhere: \
                         its traits are not generated here; delegate in the bindings that \
                         generate them, or drop its `with:` entry"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The `named_imports:` entries naming an interface the world imports
    /// (those refused for other reasons included: they matched).
    fn named_entries_matched(&self) -> Vec<usize> {
        self.world()
            .imports
            .values()
            .filter_map(|item| match item {
                WorldItem::Interface { id, .. } => {
                    self.named_imports.exact_interface_index(self.resolve, *id)
                }
                WorldItem::Function(_) | WorldItem::Type { .. } => None,
            })
            .collect()
    }

    /// The path of named type `id`, written from module `from`: in its
    /// interface's module, or in the module `with:` maps the interface to.
    pub fn type_path(&self, id: TypeId, from: &ModulePath) -> TokenStream {
        self.path_of(id, self.type_ident(id), from)
    }

    /// The path of named type `id`'s borrowed form (`ownership:
    /// Borrowing`), written from `from`: `<Name>Param` for a type that
    /// exists twice, else its one name.
    pub fn param_path(&self, id: TypeId, from: &ModulePath) -> TokenStream {
        self.path_of(id, self.param_ident(id), from)
    }

    /// The Rust name of named type `id`'s borrowed form.
    pub fn param_ident(&self, id: TypeId) -> &Ident {
        self.param_names
            .get(&id)
            .unwrap_or_else(|| self.type_ident(id))
    }

    /// Whether `id` belongs to an interface `with:` maps elsewhere.
    pub fn is_remapped_type(&self, id: TypeId) -> bool {
        matches!(self.resolve.types[id].owner, TypeOwner::Interface(i) if self.remapped.contains_key(&i))
    }

    fn path_of(&self, id: TypeId, ident: &Ident, from: &ModulePath) -> TokenStream {
        match self.resolve.types[id].owner {
            TypeOwner::Interface(i) if on_export_side(from) && self.both_sides(i) => {
                from.to(&self.export_modules[&i], ident)
            }
            TypeOwner::Interface(i) => match self.remapped.get(&i) {
                Some(external) => external.item(from, ident),
                None => {
                    let module = self
                        .iface_modules
                        .get(&i)
                        .cloned()
                        .unwrap_or_else(ModulePath::root);
                    from.to(&module, ident)
                }
            },
            TypeOwner::World(_) | TypeOwner::None => from.to(&ModulePath::root(), ident),
        }
    }

    /// The Rust type `with:` gives resource `id`, if any.
    pub fn resource_with(&self, id: TypeId) -> Option<Ident> {
        let def = &self.resolve.types[id];
        match def.owner {
            TypeOwner::Interface(i) => self.with.item(self.resolve, i, def.name.as_deref()?),
            TypeOwner::World(_) | TypeOwner::None => None,
        }
    }

    /// How code generated into `module` spells the wasmtime crate: the
    /// configured path at the root (the user's own module), `wasmtime` in
    /// the generated modules, which import it under that name.
    pub fn module_wt(&self, module: &ModulePath) -> TokenStream {
        if module.0.is_empty() {
            return self.wt.clone();
        }
        quote!(wasmtime)
    }

    /// Whether `id` (or the resource it aliases) is defined by the guest:
    /// its handles are `ResourceAny`, not `Resource<T>`.
    pub fn is_guest_resource(&self, mut id: TypeId, from: &ModulePath) -> bool {
        while let TypeDefKind::Type(Type::Id(inner)) = self.resolve.types[id].kind {
            id = inner;
        }
        match self.resolve.types[id].owner {
            TypeOwner::Interface(i) => {
                self.export_modules.contains_key(&i)
                    && (!self.imported.contains(&i) || (on_export_side(from) && self.both_sides(i)))
            }
            TypeOwner::World(_) | TypeOwner::None => false,
        }
    }

    /// Whether the world both imports and exports interface `i` and its
    /// types differ by side: it defines resources, or its types hold handles
    /// to resources of an exported interface. Such types exist twice, once
    /// per side; the others are shared by both sides.
    pub fn both_sides(&self, i: InterfaceId) -> bool {
        if !(self.imported.contains(&i) && self.export_modules.contains_key(&i)) {
            return false;
        }
        let resolve = self.resolve;
        resolve.interfaces[i].types.values().any(|t| {
            matches!(resolve.types[*t].kind, TypeDefKind::Resource)
                || self.handle_to_exported(&Type::Id(*t))
        })
    }

    /// Whether `ty` holds a handle to a resource of an exported interface.
    fn handle_to_exported(&self, ty: &Type) -> bool {
        let Type::Id(id) = ty else { return false };
        let def = &self.resolve.types[*id];
        if let TypeDefKind::Handle(wit_parser::Handle::Own(r) | wit_parser::Handle::Borrow(r)) =
            def.kind
        {
            let mut r = r;
            while let TypeDefKind::Type(Type::Id(inner)) = self.resolve.types[r].kind {
                r = inner;
            }
            return matches!(self.resolve.types[r].owner,
                TypeOwner::Interface(i) if self.export_modules.contains_key(&i));
        }
        let mut found = false;
        analysis::for_each_child(self.resolve, *id, |t| found |= self.handle_to_exported(t));
        found
    }

    /// The guest resource `t` is a handle to (`own<r>` or `borrow<r>`
    /// written in place), if it is one.
    pub fn guest_handle(&self, t: &Type, from: &ModulePath) -> Option<TypeId> {
        let Type::Id(id) = t else { return None };
        match self.resolve.types[*id].kind {
            TypeDefKind::Handle(wit_parser::Handle::Own(r) | wit_parser::Handle::Borrow(r)) => {
                self.is_guest_resource(r, from).then_some(r)
            }
            TypeDefKind::Record(_)
            | TypeDefKind::Resource
            | TypeDefKind::Flags(_)
            | TypeDefKind::Tuple(_)
            | TypeDefKind::Variant(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Option(_)
            | TypeDefKind::Result(_)
            | TypeDefKind::List(_)
            | TypeDefKind::Map(..)
            | TypeDefKind::FixedLengthList(..)
            | TypeDefKind::Future(_)
            | TypeDefKind::Stream(_)
            | TypeDefKind::Type(_)
            | TypeDefKind::Unknown => None,
        }
    }

    /// The `Host<Resource>` trait of an imported resource.
    pub fn resource_trait(&self, id: TypeId) -> &Ident {
        &self.resource_traits[&id]
    }

    /// The dyn-compatible companion of an imported resource's trait.
    pub fn dyn_trait(&self, id: TypeId) -> &Ident {
        &self.dyn_traits[&id]
    }

    /// The trait of an imported resource's functions flagged `store`.
    pub fn store_trait(&self, id: TypeId) -> &Ident {
        &self.store_traits[&id]
    }

    /// The `Host<Resource>Delegate` trait of an imported resource.
    pub fn delegate_trait(&self, id: TypeId) -> &Ident {
        &self.delegate_traits[&id]
    }

    /// The `imports:` flags of function `func` of `iface` (or of the world).
    pub fn import_flags(&self, iface: Option<InterfaceId>, func: &str) -> FuncFlags {
        self.imports.lookup(self.resolve, iface, func)
    }

    /// The flags of imported function `f`: the `imports:` map's, and for a
    /// WIT `async func` always async, concurrent and with the store.
    pub fn func_flags(&self, iface: Option<InterfaceId>, f: &Function) -> FuncFlags {
        let mut flags = self.import_flags(iface, &f.name);
        if f.kind.is_async() {
            flags.is_async = true;
            flags.store = true;
            flags.concurrent = true;
        }
        flags
    }

    /// The flags of exported function `f` of `iface` (or of the world): the
    /// `exports:` map's; a WIT `async func`, or one flagged `store`, is
    /// called concurrently through an `Accessor`, as wasmtime's `bindgen!`
    /// does.
    pub fn export_func_flags(&self, iface: Option<InterfaceId>, f: &Function) -> FuncFlags {
        let mut flags = self.exports.lookup(self.resolve, iface, &f.name);
        if f.kind.is_async() || flags.store {
            flags.is_async = true;
            flags.store = true;
            flags.concurrent = true;
        }
        flags
    }

    /// The `Result` trappable host functions, destructors and `convert_*`
    /// return: `wasmtime::Result`, or with `anyhow: true`
    /// `wasmtime::anyhow::Result`.
    pub fn trap_result(&self, module: &ModulePath) -> TokenStream {
        let wt = self.module_wt(module);
        if self.opts.anyhow {
            quote!(#wt::anyhow::Result)
        } else {
            quote!(#wt::Result)
        }
    }

    /// `result` (a [`Model::trap_result`]) as a `wasmtime::Result`.
    pub fn to_wasmtime(&self, module: &ModulePath, result: TokenStream) -> TokenStream {
        if self.opts.anyhow {
            let wt = self.module_wt(module);
            quote!(#wt::ToWasmtimeResult::to_wasmtime_result(#result))
        } else {
            result
        }
    }

    pub fn type_ident(&self, id: TypeId) -> &Ident {
        &self.type_names[&id]
    }

    /// The name wasmtime's linker and exports know an interface by.
    pub fn instance_name(&self, key: &WorldKey) -> String {
        self.resolve.name_world_key(key)
    }
}

/// Whether code in module `from` is on the export side of the world (under
/// `exports::`): there, the types of an interface the world both imports
/// and exports mean the exported copy, whose resources are the guest's.
fn on_export_side(from: &ModulePath) -> bool {
    from.0.first().is_some_and(|m| m == "exports")
}

/// The key that names interface `id`'s module and its own linker
/// functions: for a named import or export of a named interface
/// (`import hot-cache: store;`) the interface itself, so every name shares
/// one module, one `Host` and one set of types; otherwise `key`.
pub fn iface_key(resolve: &Resolve, key: &WorldKey, id: InterfaceId) -> WorldKey {
    match key {
        WorldKey::Name(_) if resolve.interfaces[id].name.is_some() => WorldKey::Interface(id),
        WorldKey::Name(_) | WorldKey::Interface(_) => key.clone(),
    }
}

/// The resources world `world` declares itself (`world w { resource r; }`),
/// with their WIT names, in WIT order. The host defines them: the component
/// imports them at the root.
pub fn world_resources(resolve: &Resolve, world: &wit_parser::World) -> Vec<(String, TypeId)> {
    world
        .imports
        .values()
        .filter_map(|item| match item {
            WorldItem::Type { id, .. }
                if matches!(resolve.types[*id].kind, TypeDefKind::Resource) =>
            {
                Some((resolve.types[*id].name.clone()?, *id))
            }
            WorldItem::Type { .. } | WorldItem::Interface { .. } | WorldItem::Function(_) => None,
        })
        .collect()
}
