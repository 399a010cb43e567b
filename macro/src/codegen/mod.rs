//! Code generation for one world: the module tree, and the world-level items
//! (`<World>`, `<World>Pre`, `<World>Indices`, `<World>Imports`).

mod dyn_host;
mod errors;
mod exports;
mod facts;
mod host;
mod linker;
mod modules;
mod signature;
mod tracing;
mod types;
mod unstable;
mod with;

use crate::flags::{FlagTable, Flags, Side};
use crate::load::Loaded;
use crate::names::{self, NameSet};
use crate::opts::Opts;
use modules::{ModulePath, ModuleTree};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::{HashMap, HashSet};
use wit_parser::{
    Docs, Function, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner, WorldId, WorldItem,
    WorldKey,
};

/// Shared state of one expansion.
pub struct Gen<'a> {
    pub resolve: &'a Resolve,
    pub opts: &'a Opts,
    /// `wasmtime`, as generated code must spell it.
    pub wt: TokenStream,
    /// The `hostgen` runtime crate.
    pub hg: TokenStream,
    /// Module of each interface the world uses (where its types live).
    iface_modules: HashMap<InterfaceId, ModulePath>,
    /// Module of each exported interface (its `Guest`); the types stay in
    /// the import's module when the world imports the interface too.
    export_modules: HashMap<InterfaceId, ModulePath>,
    /// Rust name of each named type.
    type_names: HashMap<TypeId, Ident>,
    /// The `Host<Resource>` trait of each imported resource.
    resource_traits: HashMap<TypeId, Ident>,
    /// The dyn-compatible companion of each `Host<Resource>` trait.
    dyn_traits: HashMap<TypeId, Ident>,
    /// The `Host<Resource>WithStore` trait of each imported resource.
    store_traits: HashMap<TypeId, Ident>,
    /// Interfaces the world imports (their resources are the host's).
    imported: HashSet<InterfaceId>,
    /// Imported interfaces that `with:` maps to Rust modules elsewhere.
    remapped: HashMap<InterfaceId, with::External>,
    with: with::With,
    /// The `imports:` and `exports:` flag maps.
    imports: FlagTable<'a>,
    exports: FlagTable<'a>,
    error_types: with::With,
    /// Facts about types (Copy, Eq), memoized.
    analysis: types::Analysis,
    tree: ModuleTree,
    /// Modules that already bring `wasmtime` into scope for `flags!`.
    flags_imported: HashSet<ModulePath>,
    /// Facts about the whole world, gathered before anything is emitted.
    facts: facts::Facts,
}

/// The world-level names, claimed before any world-level type.
struct WorldNames {
    world: Ident,
    pre: Ident,
    indices: Ident,
    imports: Ident,
    /// The dyn-compatible companion of `imports`.
    dyn_imports: Ident,
    /// The trait of the world's own imports flagged `store`.
    imports_with_store: Ident,
}

/// The expansion of one world.
pub struct Generated {
    pub code: TokenStream,
    /// The code uses wasmtime's component-model-async API (WASI 0.3
    /// shapes), which hostgen only has behind its feature of that name.
    pub needs_cm_async: bool,
}

pub fn generate(loaded: &Loaded, opts: &Opts) -> syn::Result<Generated> {
    let resolve = &loaded.resolve;
    let world = &resolve.worlds[loaded.world];
    let hg = &opts.hostgen;
    let wt = &opts.wasmtime;
    let mut cx = Gen {
        resolve,
        opts,
        wt: quote!(#wt),
        hg: quote!(#hg),
        iface_modules: HashMap::new(),
        export_modules: HashMap::new(),
        type_names: HashMap::new(),
        resource_traits: HashMap::new(),
        dyn_traits: HashMap::new(),
        store_traits: HashMap::new(),
        imported: HashSet::new(),
        remapped: HashMap::new(),
        with: with::With::new(&opts.with, &world.name),
        imports: FlagTable::new(Side::Imports, &opts.imports),
        exports: FlagTable::new(Side::Exports, &opts.exports),
        error_types: with::With::for_option(
            &opts.trappable_error_type,
            &world.name,
            "trappable_error_type",
            "no type used in an imported function's `result`",
        ),
        analysis: types::Analysis::new(resolve),
        tree: ModuleTree::default(),
        flags_imported: HashSet::new(),
        facts: facts::Facts::default(),
    };
    types::check_supported(&cx, world)?;
    let names = cx.assign_names(loaded.world);
    cx.facts = facts::Facts::gather(&cx, &names, world);
    cx.emit_types(loaded.world)?;

    // One module and one `Host` per interface, however many names the
    // world imports it under; each name is linked on its own.
    let mut import_links = Vec::new();
    let mut import_funcs = Vec::new();
    for (key, item) in &world.imports {
        match item {
            WorldItem::Interface { id, .. } if cx.remapped.contains_key(id) => {}
            WorldItem::Interface { id, stability, .. } => {
                let module = cx.iface_modules[id].clone();
                if !import_links
                    .iter()
                    .any(|l: &linker::ImportLink| l.module == module)
                {
                    host::interface(&mut cx, &iface_key(resolve, key, *id), *id)?;
                }
                import_links.push(linker::ImportLink {
                    module,
                    instance: cx.instance_name(key),
                    gate: cx.gate(stability),
                    options: unstable::has_options(&cx, *id),
                });
            }
            WorldItem::Function(f) => import_funcs.push(f),
            WorldItem::Type { .. } => {}
        }
    }
    let world_resources = world_resources(resolve, world);
    let own = host::world_imports(&cx, &names, world, &import_funcs, &world_resources);
    let exports = exports::world(&mut cx, &names, world)?;
    // `@unstable` items gated at link time: the world's `LinkOptions`.
    let mut imported: Vec<InterfaceId> = world
        .imports
        .values()
        .filter_map(|item| match item {
            WorldItem::Interface { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    imported.sort_by_key(|id| id.index());
    imported.dedup();
    let gating = unstable::world_gating(&cx, loaded.world, &imported);
    let linker = linker::world(
        &cx,
        &names,
        &import_links,
        &own.sigs,
        &own.resources,
        &gating,
    );
    let link_options = gating.decl;
    let imports_trait = own.tokens;

    let mut unused = Vec::new();
    for check in [
        cx.with.check_all_used(&cx.facts.used_with),
        cx.imports.check_all_used(&cx.facts.used_imports),
        cx.exports.check_all_used(&cx.facts.used_exports),
        cx.error_types.check_all_used(&cx.facts.used_errors),
    ] {
        unused.extend(check.err());
    }
    let mut unused = unused.into_iter();
    if let Some(mut first) = unused.next() {
        unused.for_each(|e| first.combine(e));
        return Err(first);
    }
    // Generated code spells wasmtime `wasmtime` in every generated module.
    for module in cx.tree.with_items() {
        let wt = &cx.wt;
        cx.tree.push(
            &module,
            quote!(#[allow(unused_imports)] use #wt as wasmtime;),
        );
    }
    let with_uses = cx.with.root_uses();
    let error_uses = cx.error_types.root_uses();
    let tree = std::mem::take(&mut cx.tree).into_tokens();
    let world_ident = &names.world;
    // `interfaces:` asks for the interfaces' modules alone.
    let world_items = (!opts.only_interfaces).then(|| {
        quote! {
            #link_options
            #imports_trait
            #exports
            const _: () = {
                impl #world_ident {
                    #linker
                }
            };
        }
    });
    Ok(Generated {
        needs_cm_async: cx.facts.uses_cm_async,
        code: quote! {
        #with_uses
        #error_uses
        #world_items
        #tree
        },
    })
}

impl<'a> Gen<'a> {
    /// Claims names for the world items and assigns every interface and
    /// named type its module and Rust name.
    fn assign_names(&mut self, world_id: WorldId) -> WorldNames {
        let resolve = self.resolve;
        let world = &resolve.worlds[world_id];
        let base = names::camel(&world.name);
        let mut root = NameSet::with_reserved(names::reserved::ROOT);
        let names = WorldNames {
            world: names::ident(&root.claim(base.clone())),
            pre: names::ident(&root.claim(format!("{base}Pre"))),
            indices: names::ident(&root.claim(format!("{base}Indices"))),
            imports: names::ident(&root.claim(format!("{base}Imports"))),
            dyn_imports: names::ident(&root.claim(format!("Dyn{base}Imports"))),
            imports_with_store: names::ident(&root.claim(format!("{base}ImportsWithStore"))),
        };

        let versions = modules::conflicting_versions(resolve, world);
        for (key, item) in &world.imports {
            if let WorldItem::Interface { id, .. } = item {
                self.imported.insert(*id);
                if let Some(external) = self.with.interface(resolve, key, *id) {
                    self.remapped.insert(*id, external);
                    continue;
                }
                let key = iface_key(resolve, key, *id);
                let path = modules::interface_path(resolve, &key, *id, &versions, false);
                self.iface_modules.insert(*id, path);
            }
        }
        for (key, item) in &world.exports {
            if let WorldItem::Interface { id, .. } = item {
                let key = iface_key(resolve, key, *id);
                let path = modules::interface_path(resolve, &key, *id, &versions, true);
                self.export_modules.insert(*id, path.clone());
                self.iface_modules.entry(*id).or_insert(path);
            }
        }

        // Type names: per interface, and the world's own at the root.
        let mut ifaces: Vec<_> = self
            .iface_modules
            .keys()
            .chain(self.remapped.keys())
            .copied()
            .collect();
        ifaces.sort_by_key(|id| id.index());
        ifaces.dedup();
        for id in ifaces {
            let mut scope = NameSet::with_reserved(names::reserved::INTERFACE_TYPES);
            let types = &resolve.interfaces[id].types;
            for ty in types.values() {
                let name = resolve.types[*ty].name.as_deref().unwrap_or("anon");
                let rust = scope.claim(names::type_name(name));
                self.type_names.insert(*ty, names::ident(&rust));
            }
            for ty in types.values() {
                if let TypeDefKind::Resource = resolve.types[*ty].kind {
                    let name = resolve.types[*ty].name.as_deref().unwrap_or("anon");
                    let rust = scope.claim(format!("Host{}", names::camel(name)));
                    let dyn_rust = scope.claim(format!("Dyn{rust}"));
                    let store_rust = scope.claim(format!("{rust}WithStore"));
                    self.resource_traits.insert(*ty, names::ident(&rust));
                    self.dyn_traits.insert(*ty, names::ident(&dyn_rust));
                    self.store_traits.insert(*ty, names::ident(&store_rust));
                }
            }
        }
        for item in world.imports.values().chain(world.exports.values()) {
            if let WorldItem::Type { id, .. } = item {
                let name = resolve.types[*id].name.as_deref().unwrap_or("anon");
                let rust = root.claim(names::camel(name));
                self.type_names.insert(*id, names::ident(&rust));
            }
        }
        // A resource the world declares itself gets the traits an
        // interface's resource gets, at the root.
        for (name, id) in world_resources(resolve, world) {
            let rust = root.claim(format!("Host{}", names::camel(&name)));
            let dyn_rust = root.claim(format!("Dyn{rust}"));
            let store_rust = root.claim(format!("{rust}WithStore"));
            self.resource_traits.insert(id, names::ident(&rust));
            self.dyn_traits.insert(id, names::ident(&dyn_rust));
            self.store_traits.insert(id, names::ident(&store_rust));
        }
        names
    }

    /// Emits every type of every interface the world uses, and the world's
    /// own types, each in its module.
    fn emit_types(&mut self, world_id: WorldId) -> syn::Result<()> {
        let resolve = self.resolve;
        let world = &resolve.worlds[world_id];
        let mut ifaces: Vec<_> = self
            .iface_modules
            .iter()
            .map(|(i, p)| (*i, p.clone()))
            .collect();
        ifaces.sort_by_key(|(id, _)| id.index());
        for (id, module) in ifaces {
            for (_, ty) in &resolve.interfaces[id].types {
                let tokens = types::typedef(self, *ty, &module)?;
                self.tree.push(&module, tokens);
            }
        }
        // The export side's own copy of interfaces the world imports too.
        let mut both: Vec<_> = self
            .export_modules
            .iter()
            .filter(|(i, _)| self.both_sides(**i))
            .map(|(i, p)| (*i, p.clone()))
            .collect();
        both.sort_by_key(|(id, _)| id.index());
        for (id, module) in both {
            for (_, ty) in &resolve.interfaces[id].types {
                let tokens = types::typedef(self, *ty, &module);
                self.tree.push(&module, tokens?);
            }
        }
        for item in world.imports.values().chain(world.exports.values()) {
            if let WorldItem::Type { id, .. } = item {
                let tokens = types::typedef(self, *id, &ModulePath::root())?;
                self.tree.push(&ModulePath::root(), tokens);
            }
        }
        Ok(())
    }

    /// The path of named type `id`, written from module `from`: in its
    /// interface's module, or in the module `with:` maps the interface to.
    pub fn type_path(&self, id: TypeId, from: &ModulePath) -> TokenStream {
        let ident = self.type_ident(id);
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
            _ => None,
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

    /// `use <wasmtime> as wasmtime;`, once per module that defines flags:
    /// wasmtime's `flags!` expands to paths starting with `wasmtime`.
    pub fn flags_import(&mut self, module: &ModulePath) -> TokenStream {
        if !module.0.is_empty() {
            // Generated modules import it anyway (`module_wt`).
            return TokenStream::new();
        }
        if !self.flags_imported.insert(module.clone()) {
            return TokenStream::new();
        }
        let wt = &self.wt;
        quote!(#[allow(unused_imports)] use #wt as wasmtime;)
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
            _ => false,
        }
    }

    /// Whether the world both imports and exports interface `i` and its
    /// types differ by side: it defines resources, or its types hold handles
    /// to resources of an exported interface. Such types exist twice, once
    /// per side; the others are shared by both sides.
    fn both_sides(&self, i: InterfaceId) -> bool {
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
        types::for_each_child(self.resolve, *id, |t| found |= self.handle_to_exported(t));
        found
    }

    /// The guest resource `t` is a handle to (`own<r>` or `borrow<r>`
    /// written in place), if it is one.
    pub fn guest_handle(&self, t: &Type, from: &ModulePath) -> Option<TypeId> {
        let Type::Id(id) = t else { return None };
        match self.resolve.types[*id].kind {
            TypeDefKind::Handle(wit_parser::Handle::Own(r) | wit_parser::Handle::Borrow(r))
                if self.is_guest_resource(r, from) =>
            {
                Some(r)
            }
            _ => None,
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

    /// The `*WithStore` traits `module` defines.
    pub fn with_store_in(&self, module: &ModulePath) -> Vec<Ident> {
        self.facts
            .with_store
            .get(module)
            .cloned()
            .unwrap_or_default()
    }

    /// The `imports:` flags of function `func` of `iface` (or of the world).
    pub fn import_flags(&self, iface: Option<InterfaceId>, func: &str) -> Flags {
        self.imports.lookup(self.resolve, iface, func)
    }

    /// The flags of imported function `f`: the `imports:` map's, and for a
    /// WIT `async func` always async, concurrent and with the store.
    pub fn func_flags(&self, iface: Option<InterfaceId>, f: &Function) -> Flags {
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
    pub fn export_func_flags(&self, iface: Option<InterfaceId>, f: &Function) -> Flags {
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

    /// `result` (a [`Gen::trap_result`]) as a `wasmtime::Result`.
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
        _ => key.clone(),
    }
}

/// The resources world `world` declares itself (`world w { resource r; }`),
/// with their WIT names, in WIT order. The host defines them: the component
/// imports them at the root.
fn world_resources(resolve: &Resolve, world: &wit_parser::World) -> Vec<(String, TypeId)> {
    world
        .imports
        .values()
        .filter_map(|item| match item {
            WorldItem::Type { id, .. }
                if matches!(resolve.types[*id].kind, TypeDefKind::Resource) =>
            {
                Some((resolve.types[*id].name.clone()?, *id))
            }
            _ => None,
        })
        .collect()
}

/// WIT doc comments as `#[doc]` attributes.
pub fn docs(d: &Docs) -> TokenStream {
    let Some(contents) = &d.contents else {
        return TokenStream::new();
    };
    let lines = contents.lines().map(|l| format!(" {l}"));
    quote! { #(#[doc = #lines])* }
}

/// A function's Rust name, parameter names and their WIT types.
pub struct FuncSig<'r> {
    pub name: Ident,
    pub params: Vec<(Ident, &'r wit_parser::Type)>,
    pub func: &'r Function,
    /// The trait the method belongs to when it is not the interface's
    /// `Host`: a resource's `Host<Resource>` trait.
    pub owner: Option<Ident>,
    /// How the host method returns (imports only).
    pub returns: errors::Returns,
    /// The function's `imports:` or `exports:` flags.
    pub flags: Flags,
    /// With the `store` flag: the `*WithStore` trait the function is in.
    pub store_trait: Option<Ident>,
}

impl<'r> FuncSig<'r> {
    pub fn new(func: &'r Function, name: String) -> Self {
        let mut scope = NameSet::with_reserved(names::reserved::PARAMS);
        let params = func
            .params
            .iter()
            .map(|p| (names::ident(&scope.claim(names::snake(&p.name))), &p.ty))
            .collect();
        FuncSig {
            name: names::ident(&name),
            params,
            func,
            owner: None,
            returns: errors::Returns::Plain,
            flags: Flags::default(),
            store_trait: None,
        }
    }

    /// `#[allow(clippy::too_many_arguments)]` where the WIT function has more
    /// parameters than clippy likes (counting `self` and `store`).
    pub fn lint_allow(&self) -> TokenStream {
        if self.params.len() + 2 > 7 {
            quote!(#[allow(clippy::too_many_arguments)])
        } else {
            TokenStream::new()
        }
    }

    /// `arg0, arg1, …` for closure and call bodies.
    pub fn arg_idents(&self) -> Vec<Ident> {
        (0..self.params.len())
            .map(|i| format_ident!("arg{i}"))
            .collect()
    }
}
