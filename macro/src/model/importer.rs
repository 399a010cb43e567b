//! The import side as data: for each imported interface, and for the
//! functions and resources the world imports directly, every function to
//! link with its Rust name and flags, grouped by the trait that serves it.

use super::func::{FuncSig, Returns, TrappableError};
use super::path_map::External;
use super::paths::ModulePath;
use super::{Base, world_resources};
use crate::func_flags::FuncFlags;
use crate::names::{self, NameSet};
use proc_macro2::Ident;
use std::collections::HashMap;
use wit_parser::{Function, FunctionKind, InterfaceId, TypeDefKind, TypeId, WorldItem};

/// One importer: an imported interface's `Host` family, or the world's
/// `<World>Imports` family.
pub struct Importer<'a> {
    /// The interface (`None`: the world's own imports).
    pub iface: Option<InterfaceId>,
    /// The module its traits are in.
    pub module: ModulePath,
    /// Its main trait (`Host`, `<World>Imports`), that trait's
    /// dyn-compatible companion, and the trait of its functions flagged
    /// `store`.
    pub host: Ident,
    pub dyn_host: Ident,
    pub with_store: Ident,
    /// `delegate:` gave it `*Delegate` traits, forwarding to the traits of
    /// this module (`own`: these bindings).
    pub delegate: Option<External>,
    /// Every function to link: the importer's own (methods of its main
    /// trait), then each resource's, in the order of `resources`.
    pub sigs: Vec<FuncSig<'a>>,
    pub resources: Vec<ResourceDef>,
    /// The `convert_*` methods of its main trait: one per type of the
    /// interface that `trappable_error_type` names, and for a delegated
    /// importer those of the errors its functions return.
    pub converts: Vec<TrappableError>,
}

/// An imported resource: its `Host<Resource>` trait declares its functions
/// and `drop`, and the linker defines it with a destructor that calls it.
pub struct ResourceDef {
    pub id: TypeId,
    pub wit_name: String,
    /// The resource's Rust type.
    pub ty: Ident,
    pub host_trait: Ident,
    /// The `imports:` flags of `[drop]<resource>`.
    pub drop_flags: FuncFlags,
    /// The `LinkOptions` flag the resource is `@unstable` behind.
    pub gate: Option<Ident>,
}

impl<'a> Importer<'a> {
    /// The importer's own functions (not a resource's).
    pub fn own(&self) -> impl Iterator<Item = &FuncSig<'a>> {
        self.sigs.iter().filter(|s| s.owner.is_none())
    }

    /// The `convert_*` methods of its main trait.
    pub fn converts(&self) -> Vec<&TrappableError> {
        self.converts.iter().collect()
    }

    /// Declares on its main trait the `convert_*` of each error type its
    /// functions return that another interface defines: a delegated
    /// importer is served by a `hostgen::Delegate`, which cannot implement
    /// another crate's `Host`, so its own `Host` converts them.
    pub fn add_foreign_converts(&mut self) {
        for s in &self.sigs {
            if let Returns::Mapped { err, .. } = &s.returns
                && !self.converts.iter().any(|c| c.convert == err.convert)
            {
                self.converts.push(err.clone());
            }
        }
    }

    /// Whether any method its traits declare is async (functions flagged
    /// `store` are not methods): such traits get dyn-compatible companions,
    /// and their delegates must be `Send`.
    pub fn any_async_method(&self) -> bool {
        self.sigs.iter().any(|s| s.flags.is_async && !s.flags.store)
            || self.resources.iter().any(|r| r.drop_flags.is_async)
    }

    /// Whether it serves nothing: an interface of types alone, whose
    /// `Host` every type implements.
    pub fn types_only(&self) -> bool {
        self.sigs.is_empty() && self.resources.is_empty() && self.converts.is_empty()
    }

    /// The functions of resource `r`.
    pub fn of_resource(&self, r: &ResourceDef) -> impl Iterator<Item = &FuncSig<'a>> {
        self.sigs
            .iter()
            .filter(move |s| s.func.kind.resource() == Some(r.id))
    }
}

/// The importers of world `base`: one per imported interface that `with:`
/// does not remap (however many names it is imported under), and the
/// world's own.
pub fn importers<'a>(base: &Base<'a>) -> (HashMap<InterfaceId, Importer<'a>>, Importer<'a>) {
    let resolve = base.resolve;
    let world = base.world();
    let mut ifaces = HashMap::new();
    for (key, item) in &world.imports {
        let WorldItem::Interface { id, .. } = item else {
            continue;
        };
        if base.remapped.contains_key(id) || ifaces.contains_key(id) {
            continue;
        }
        let module = base.iface_modules[id].clone();
        let mut importer = interface_importer(base, *id, module);
        importer.delegate = base.delegates.interface(resolve, key, *id);
        if importer.delegate.is_some() {
            importer.add_foreign_converts();
        }
        ifaces.insert(*id, importer);
    }
    let funcs: Vec<&'a Function> = world
        .imports
        .values()
        .filter_map(|item| match item {
            WorldItem::Function(f) => Some(f),
            WorldItem::Interface { .. } | WorldItem::Type { .. } => None,
        })
        .collect();
    let resources = world_resources(resolve, world);
    let traits = [
        base.names.imports.clone(),
        base.names.dyn_imports.clone(),
        base.names.imports_with_store.clone(),
    ];
    let own = importer(base, None, ModulePath::root(), traits, &funcs, &resources);
    (ifaces, own)
}

/// The importer of interface `id` whose traits are in `module`: its `Host`
/// family.
pub fn interface_importer<'a>(
    base: &Base<'a>,
    id: InterfaceId,
    module: ModulePath,
) -> Importer<'a> {
    let resolve = base.resolve;
    let iface = &resolve.interfaces[id];
    let funcs: Vec<&'a Function> = iface.functions.values().collect();
    let resources: Vec<(String, TypeId)> = iface
        .types
        .iter()
        .filter(|(_, ty)| matches!(resolve.types[**ty].kind, TypeDefKind::Resource))
        .map(|(name, ty)| (name.clone(), *ty))
        .collect();
    let traits = ["Host", "DynHost", "HostWithStore"].map(names::ident);
    importer(base, Some(id), module, traits, &funcs, &resources)
}

/// The importer serving `funcs` (free functions and resource functions
/// alike) and `resources` with its traits `[host, dyn_host, with_store]`.
/// Free functions flagged `store` go to `with_store`, a resource's to the
/// resource's.
fn importer<'a>(
    base: &Base<'a>,
    iface: Option<InterfaceId>,
    module: ModulePath,
    [host, dyn_host, with_store]: [Ident; 3],
    funcs: &[&'a Function],
    resources: &[(String, TypeId)],
) -> Importer<'a> {
    // The importer's own functions share the main trait's scope; each
    // resource's share its trait's.
    let mut scope = NameSet::with_reserved(names::reserved::HOST_METHODS);
    let mut sigs: Vec<FuncSig<'a>> = funcs
        .iter()
        .filter(|f| f.kind.resource().is_none())
        .map(|f| {
            sig(
                base,
                iface,
                f,
                scope.claim(names::snake(&f.name)),
                &with_store,
            )
        })
        .collect();
    let mut defs = Vec::new();
    for (wit_name, ty) in resources {
        let host_trait = base.resource_trait(*ty).clone();
        let store = base.store_trait(*ty);
        let mut scope = NameSet::with_reserved(names::reserved::HOST_METHODS);
        for f in funcs.iter().filter(|f| f.kind.resource() == Some(*ty)) {
            let name = match f.kind {
                FunctionKind::Constructor(_) => "new".to_string(),
                FunctionKind::Freestanding
                | FunctionKind::AsyncFreestanding
                | FunctionKind::Method(_)
                | FunctionKind::AsyncMethod(_)
                | FunctionKind::Static(_)
                | FunctionKind::AsyncStatic(_)
                | FunctionKind::Getter
                | FunctionKind::Setter
                | FunctionKind::MethodGetter(_)
                | FunctionKind::MethodSetter(_)
                | FunctionKind::StaticGetter(_)
                | FunctionKind::StaticSetter(_) => names::snake(f.item_name()),
            };
            let mut s = sig(base, iface, f, scope.claim(name), store);
            s.owner = Some(host_trait.clone());
            sigs.push(s);
        }
        defs.push(ResourceDef {
            id: *ty,
            wit_name: wit_name.clone(),
            ty: base.type_ident(*ty).clone(),
            host_trait,
            drop_flags: base.import_flags(iface, &format!("[drop]{wit_name}")),
            gate: base.gate(&base.resolve.types[*ty].stability),
        });
    }
    Importer {
        iface,
        module,
        host,
        dyn_host,
        with_store,
        delegate: None,
        sigs,
        resources: defs,
        converts: iface.map(|i| base.own_converts(i)).unwrap_or_default(),
    }
}

/// Imported function `f` named `name`: its flags, how it returns, and the
/// trait it goes to when flagged `store`.
fn sig<'a>(
    base: &Base<'a>,
    iface: Option<InterfaceId>,
    f: &'a Function,
    name: String,
    store_trait: &Ident,
) -> FuncSig<'a> {
    let mut sig = FuncSig::new(f, name);
    sig.returns = base.returns(iface, f);
    sig.flags = base.func_flags(iface, f);
    sig.store_trait = sig.flags.store.then(|| store_trait.clone());
    sig
}
