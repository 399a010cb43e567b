//! Names, claimed before anything is emitted: the world items' names at the
//! root, each interface's module, each named type's Rust name and each
//! resource's traits, every one distinct within its scope and from the
//! names the expansion adds there (`names::reserved`).

use super::borrowing::Usage;
use super::path_map::{External, PathMap};
use super::paths::{self, ModulePath};
use super::{iface_key, world_resources};
use crate::names::{self, NameSet};
use proc_macro2::Ident;
use std::collections::{HashMap, HashSet};
use wit_parser::{InterfaceId, Resolve, TypeDefKind, TypeId, WorldId, WorldItem};

/// The world-level names, claimed before any world-level type.
pub struct WorldNames {
    pub world: Ident,
    pub pre: Ident,
    pub indices: Ident,
    pub imports: Ident,
    /// The dyn-compatible companion of `imports`.
    pub dyn_imports: Ident,
    /// The trait of the world's own imports flagged `store`.
    pub imports_with_store: Ident,
}

/// Every name of one expansion (see [`super::Model`] for each field).
pub struct Naming {
    pub world: WorldNames,
    pub iface_modules: HashMap<InterfaceId, ModulePath>,
    pub export_modules: HashMap<InterfaceId, ModulePath>,
    pub type_names: HashMap<TypeId, Ident>,
    /// `ownership: Borrowing { duplicate_if_necessary: true }`: the
    /// borrowed form's name of each type that exists twice (`ThingParam`;
    /// the owned one, in `type_names`, is `ThingResult`).
    pub param_names: HashMap<TypeId, Ident>,
    pub resource_traits: HashMap<TypeId, Ident>,
    pub dyn_traits: HashMap<TypeId, Ident>,
    pub store_traits: HashMap<TypeId, Ident>,
    pub delegate_traits: HashMap<TypeId, Ident>,
    pub imported: HashSet<InterfaceId>,
    pub remapped: HashMap<InterfaceId, External>,
    pub reexport_modules: HashMap<InterfaceId, ModulePath>,
}

/// Claims names for the world items and assigns every interface and named
/// type its module and Rust name.
pub fn assign(resolve: &Resolve, with: &PathMap, usage: &Usage, world_id: WorldId) -> Naming {
    let world = &resolve.worlds[world_id];
    let base = names::camel(&world.name);
    let mut root = NameSet::with_reserved(names::reserved::ROOT);
    let mut n = Naming {
        world: WorldNames {
            world: names::ident(&root.claim(base.clone())),
            pre: names::ident(&root.claim(format!("{base}Pre"))),
            indices: names::ident(&root.claim(format!("{base}Indices"))),
            imports: names::ident(&root.claim(format!("{base}Imports"))),
            dyn_imports: names::ident(&root.claim(format!("Dyn{base}Imports"))),
            imports_with_store: names::ident(&root.claim(format!("{base}ImportsWithStore"))),
        },
        iface_modules: HashMap::new(),
        export_modules: HashMap::new(),
        type_names: HashMap::new(),
        param_names: HashMap::new(),
        resource_traits: HashMap::new(),
        dyn_traits: HashMap::new(),
        store_traits: HashMap::new(),
        delegate_traits: HashMap::new(),
        imported: HashSet::new(),
        remapped: HashMap::new(),
        reexport_modules: HashMap::new(),
    };

    let versions = paths::conflicting_versions(resolve, world);
    for (key, item) in &world.imports {
        if let WorldItem::Interface { id, .. } = item {
            n.imported.insert(*id);
            let local = iface_key(resolve, key, *id);
            let path = paths::interface_path(resolve, &local, *id, &versions, false);
            if let Some(external) = with.interface(resolve, key, *id) {
                n.remapped.insert(*id, external);
                n.reexport_modules.insert(*id, path);
                continue;
            }
            n.iface_modules.insert(*id, path);
        }
    }
    for (key, item) in &world.exports {
        if let WorldItem::Interface { id, .. } = item {
            let key = iface_key(resolve, key, *id);
            let path = paths::interface_path(resolve, &key, *id, &versions, true);
            n.export_modules.insert(*id, path.clone());
            n.iface_modules.entry(*id).or_insert(path);
        }
    }

    // Type names: per interface, and the world's own at the root.
    let mut ifaces: Vec<_> = n
        .iface_modules
        .keys()
        .chain(n.remapped.keys())
        .copied()
        .collect();
    ifaces.sort_by_key(|id| id.index());
    ifaces.dedup();
    for id in ifaces {
        let mut scope = NameSet::with_reserved(names::reserved::INTERFACE_TYPES);
        let types = &resolve.interfaces[id].types;
        for ty in types.values() {
            let name = resolve.types[*ty].name.as_deref().unwrap_or("anon");
            let rust = names::type_name(name);
            if usage.two_names(*ty) {
                let param = scope.claim(format!("{rust}Param"));
                n.param_names.insert(*ty, names::ident(&param));
                let result = scope.claim(format!("{rust}Result"));
                n.type_names.insert(*ty, names::ident(&result));
                continue;
            }
            let rust = scope.claim(rust);
            n.type_names.insert(*ty, names::ident(&rust));
        }
        for ty in types.values() {
            if let TypeDefKind::Resource = resolve.types[*ty].kind {
                let name = resolve.types[*ty].name.as_deref().unwrap_or("anon");
                n.resource_names(&mut scope, *ty, name);
            }
        }
    }
    for item in world.imports.values().chain(world.exports.values()) {
        if let WorldItem::Type { id, .. } = item {
            let name = resolve.types[*id].name.as_deref().unwrap_or("anon");
            let rust = names::camel(name);
            if usage.two_names(*id) {
                let param = root.claim(format!("{rust}Param"));
                n.param_names.insert(*id, names::ident(&param));
                let result = root.claim(format!("{rust}Result"));
                n.type_names.insert(*id, names::ident(&result));
                continue;
            }
            let rust = root.claim(rust);
            n.type_names.insert(*id, names::ident(&rust));
        }
    }
    // A resource the world declares itself gets the traits an interface's
    // resource gets, at the root.
    for (name, id) in world_resources(resolve, world) {
        n.resource_names(&mut root, id, &name);
    }
    n
}

impl Naming {
    /// Claims resource `ty`'s `Host<R>`, `DynHost<R>`, `Host<R>WithStore`
    /// and `Host<R>Delegate` in `scope`.
    fn resource_names(&mut self, scope: &mut NameSet, ty: TypeId, wit_name: &str) {
        let rust = scope.claim(format!("Host{}", names::camel(wit_name)));
        let dyn_rust = scope.claim(format!("Dyn{rust}"));
        let store_rust = scope.claim(format!("{rust}WithStore"));
        let delegate_rust = scope.claim(format!("{rust}Delegate"));
        self.delegate_traits
            .insert(ty, names::ident(&delegate_rust));
        self.resource_traits.insert(ty, names::ident(&rust));
        self.dyn_traits.insert(ty, names::ident(&dyn_rust));
        self.store_traits.insert(ty, names::ident(&store_rust));
    }
}
