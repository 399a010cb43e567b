//! Where generated code lives: `ns::pkg::iface` for imported interfaces,
//! `exports::ns::pkg::iface` for exported ones, and relative paths between
//! them.

use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::{BTreeMap, HashSet};
use wit_parser::{InterfaceId, Resolve, World, WorldKey};

/// A module path from the macro's root, e.g. `[exports, wasi, cli, run]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ModulePath(pub Vec<String>);

impl ModulePath {
    pub fn root() -> Self {
        ModulePath(Vec::new())
    }

    /// Path of `item` in `target`, as written from inside `self`.
    pub fn to(&self, target: &ModulePath, item: &Ident) -> TokenStream {
        let common = self
            .0
            .iter()
            .zip(&target.0)
            .take_while(|(a, b)| a == b)
            .count();
        let supers = (common..self.0.len()).map(|_| quote!(super::));
        let downs = target.0[common..].iter().map(|m| {
            let m = names::ident(m);
            quote!(#m::)
        });
        quote!(#(#supers)* #(#downs)* #item)
    }
}

/// Packages that appear in the world at more than one version: their modules
/// carry the version (`pkg::v0_2_0::iface`) so the two do not collide.
pub fn conflicting_versions(resolve: &Resolve, world: &World) -> HashSet<(String, String)> {
    let mut seen: BTreeMap<(String, String), HashSet<String>> = BTreeMap::new();
    for key in world.imports.keys().chain(world.exports.keys()) {
        if let WorldKey::Interface(id) = key
            && let Some(pkg) = resolve.interfaces[*id].package
        {
            let name = &resolve.packages[pkg].name;
            let version = name
                .version
                .as_ref()
                .map(|v| v.to_string())
                .unwrap_or_default();
            seen.entry((name.namespace.clone(), name.name.clone()))
                .or_default()
                .insert(version);
        }
    }
    seen.into_iter()
        .filter(|(_, versions)| versions.len() > 1)
        .map(|(k, _)| k)
        .collect()
}

/// Module of an interface named by `key` in the world.
pub fn interface_path(
    resolve: &Resolve,
    key: &WorldKey,
    id: InterfaceId,
    versions: &HashSet<(String, String)>,
    export: bool,
) -> ModulePath {
    let mut path = Vec::new();
    if export {
        path.push("exports".to_string());
    }
    match key {
        WorldKey::Name(name) => path.push(names::module(name)),
        WorldKey::Interface(_) => {
            let iface = &resolve.interfaces[id];
            let pkg = &resolve.packages[iface.package.expect("named interfaces have a package")];
            let name = &pkg.name;
            path.push(names::module(&name.namespace));
            path.push(names::module(&name.name));
            if versions.contains(&(name.namespace.clone(), name.name.clone()))
                && let Some(v) = &name.version
            {
                let v = v.to_string().replace(['.', '-', '+'], "_");
                path.push(format!("v{v}"));
            }
            path.push(names::module(iface.name.as_deref().unwrap_or("anon")));
        }
    }
    ModulePath(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(segs: &[&str]) -> ModulePath {
        ModulePath(segs.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn relative_paths() {
        let item = names::ident("T");
        let cases = [
            (p(&["a", "b", "c"]), p(&["a", "b", "c"]), "T"),
            (p(&["a", "b", "c"]), p(&["a", "b", "d"]), "super :: d :: T"),
            (
                p(&["exports", "a", "b"]),
                p(&["a", "b"]),
                "super :: super :: super :: a :: b :: T",
            ),
            (p(&[]), p(&["a", "b"]), "a :: b :: T"),
            (p(&["a"]), p(&[]), "super :: T"),
        ];
        for (from, to, want) in cases {
            assert_eq!(from.to(&to, &item).to_string(), want, "{from:?} → {to:?}");
        }
    }
}
