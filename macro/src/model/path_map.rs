//! Maps from WIT names to Rust paths, the table behind four options:
//! `with:` (interfaces, packages, namespaces and resources whose Rust
//! definitions live elsewhere: another `bindgen!`, wasmtime-wasi, the
//! user's own types), `trappable_error_type` (WIT error types to Rust
//! ones), `delegate:` (where delegated traits are) and `named_imports:`
//! (interfaces to id types). An entry that matches nothing is an error at
//! that entry.

use super::paths::ModulePath;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;
use wit_parser::{InterfaceId, Resolve, WorldKey};

struct Entry {
    key: LitStr,
    path: syn::Path,
    /// The root-level `use` name the path is reached through.
    alias: proc_macro2::Ident,
}

/// One option's map (`with:`, `trappable_error_type`, `delegate:` or
/// `named_imports:`). Lookups are pure; which entries matched is gathered
/// with the world's facts (`matching_*`), and an entry that matched
/// nothing is an error (`check_all_used`).
pub struct PathMap {
    entries: Vec<Entry>,
    /// The option's name and what its keys may name, for errors.
    option: &'static str,
    matches: &'static str,
}

/// Where a remapped interface's items are: `<alias>::tail…::Item`, the
/// alias being a root-level `use` of the user's path.
#[derive(Clone)]
pub struct External {
    alias: proc_macro2::Ident,
    tail: Vec<String>,
    /// The entry's path is `self`: these bindings' own items (`delegate:`).
    pub own: bool,
}

impl PathMap {
    /// `salt` (the world's name) keeps the aliases of two invocations in
    /// one module apart.
    pub fn new(entries: &[(LitStr, syn::Path)], salt: &str) -> Self {
        Self::for_option(
            entries,
            salt,
            "with",
            "no interface, package, namespace or resource",
        )
    }

    /// The same map for another option (`trappable_error_type`).
    pub fn for_option(
        entries: &[(LitStr, syn::Path)],
        salt: &str,
        option: &'static str,
        matches: &'static str,
    ) -> Self {
        PathMap {
            option,
            matches,
            entries: entries
                .iter()
                .map(|(key, path)| {
                    let hash = fnv1a(&[salt, option, &key.value()]);
                    Entry {
                        key: key.clone(),
                        path: path.clone(),
                        alias: quote::format_ident!("__hostgen_with_{hash:016x}"),
                    }
                })
                .collect(),
        }
    }

    /// One `use <path> as <alias>;` per entry, at the expansion's root
    /// (every entry is used: an unused one is an error). A `use` resolves
    /// the path the way the user wrote it at the macro call (a local item,
    /// `self::`/`super::`, `crate::`, or an extern crate), and every
    /// generated module reaches it through `super::`.
    pub fn root_uses(&self) -> TokenStream {
        let uses = self.entries.iter().filter(|e| !is_self(&e.path)).map(|e| {
            let Entry { path, alias, .. } = e;
            quote!(#[doc(hidden)] #[allow(unused_imports)] use #path as #alias;)
        });
        quote!(#(#uses)*)
    }

    /// The first of `candidates` an entry names, by index.
    fn find_index(&self, candidates: &[String]) -> Option<usize> {
        candidates
            .iter()
            .find_map(|c| self.entries.iter().position(|e| e.key.value() == *c))
    }

    fn find(&self, candidates: &[String]) -> Option<&Entry> {
        self.find_index(candidates).map(|i| &self.entries[i])
    }

    /// The external module of interface `id`, imported as `key`: an entry
    /// naming the interface (with or without its version), else its
    /// package, else its namespace; for an interface the world defines
    /// inline (`import imports: interface { .. }`), an entry naming it as
    /// the world does (`imports`).
    pub fn interface(
        &self,
        resolve: &Resolve,
        key: &WorldKey,
        id: InterfaceId,
    ) -> Option<External> {
        let iface = &resolve.interfaces[id];
        let Some(name) = iface.name.as_deref() else {
            let WorldKey::Name(kebab) = key else {
                return None;
            };
            return self.find(std::slice::from_ref(kebab)).map(|e| External {
                alias: e.alias.clone(),
                tail: Vec::new(),
                own: is_self(&e.path),
            });
        };
        let pkg = &resolve.packages[iface.package?].name;
        let version = pkg.version.as_ref().map(|v| format!("@{v}"));
        let bare = format!("{}:{}", pkg.namespace, pkg.name);
        let with_version = |s: String| match &version {
            Some(v) => vec![format!("{s}{v}"), s],
            None => vec![s],
        };
        if let Some(e) = self.find(&with_version(format!("{bare}/{name}"))) {
            return Some(External {
                alias: e.alias.clone(),
                tail: Vec::new(),
                own: is_self(&e.path),
            });
        }
        if let Some(e) = self.find(&with_version(bare)) {
            return Some(External {
                alias: e.alias.clone(),
                tail: vec![names::module(name)],
                own: is_self(&e.path),
            });
        }
        self.find(std::slice::from_ref(&pkg.namespace))
            .map(|e| External {
                alias: e.alias.clone(),
                tail: vec![names::module(&pkg.name), names::module(name)],
                own: is_self(&e.path),
            })
    }

    /// The entry (by index) naming interface `id` itself (`ns:pkg/iface`,
    /// with or without its version; not its package or namespace), as
    /// `named_imports:` keys do.
    pub fn exact_interface_index(&self, resolve: &Resolve, id: InterfaceId) -> Option<usize> {
        let iface = &resolve.interfaces[id];
        let pkg = &resolve.packages[iface.package?].name;
        let bare = format!("{}:{}/{}", pkg.namespace, pkg.name, iface.name.as_deref()?);
        let mut candidates = vec![bare.clone()];
        if let Some(v) = &pkg.version {
            candidates.insert(0, format!("{bare}@{v}"));
        }
        self.find_index(&candidates)
    }

    /// The alias of the entry for item `res` (a resource or type) of
    /// interface `id` (`"ns:pkg/iface.res"`, version optional).
    pub fn item(
        &self,
        resolve: &Resolve,
        id: InterfaceId,
        res: &str,
    ) -> Option<proc_macro2::Ident> {
        self.item_index(resolve, id, res)
            .map(|i| self.entries[i].alias.clone())
    }

    /// The entry (by index) for item `res` of interface `id`, if any.
    pub fn item_index(&self, resolve: &Resolve, id: InterfaceId, res: &str) -> Option<usize> {
        let iface = &resolve.interfaces[id];
        let pkg = &resolve.packages[iface.package?].name;
        let bare = format!("{}:{}/{}", pkg.namespace, pkg.name, iface.name.as_deref()?);
        let mut candidates = vec![format!("{bare}.{res}")];
        if let Some(v) = &pkg.version {
            candidates.insert(0, format!("{bare}@{v}.{res}"));
        }
        self.find_index(&candidates)
    }

    /// The root-level alias of entry `entry`.
    pub fn alias(&self, entry: usize) -> proc_macro2::Ident {
        self.entries[entry].alias.clone()
    }

    /// The entry (by index) `interface` would use for interface `id`.
    pub fn interface_index(
        &self,
        resolve: &Resolve,
        key: &WorldKey,
        id: InterfaceId,
    ) -> Option<usize> {
        let alias = self.interface(resolve, key, id)?.alias;
        self.entries.iter().position(|e| e.alias == alias)
    }

    /// An error at entry `entry`'s key.
    pub fn error_at(&self, entry: usize, message: &str) -> syn::Error {
        let e = &self.entries[entry];
        syn::Error::new(
            e.key.span(),
            format!("`{}` entry `{}` {message}", self.option, e.key.value()),
        )
    }

    /// Errors for the entries that matched nothing: all but those in
    /// `used` (indices from the `*_index` lookups).
    pub fn check_all_used(&self, used: &[usize]) -> syn::Result<()> {
        let mut errors = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(i))
            .map(|(_, e)| {
                syn::Error::new(
                    e.key.span(),
                    format!(
                        "`{}` entry `{}` matches {} of this world",
                        self.option,
                        e.key.value(),
                        self.matches
                    ),
                )
            });
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        errors.for_each(|e| first.combine(e));
        Err(first)
    }
}

/// FNV-1a over `parts`: a hash that stays the same across Rust releases, so
/// generated names (and snapshots) do not change with the toolchain.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Whether `path` is `self`.
fn is_self(path: &syn::Path) -> bool {
    path.leading_colon.is_none() && path.segments.len() == 1 && path.segments[0].ident == "self"
}

impl External {
    /// `item` of this external module, written from inside module `from`.
    pub fn item(&self, from: &ModulePath, item: &proc_macro2::Ident) -> TokenStream {
        let base = from.to(&ModulePath::root(), &self.alias);
        let tail = self.tail.iter().map(|t| names::ident(t));
        quote!(#base #(:: #tail)* :: #item)
    }

    /// `pub use` of every public item of this external module, written
    /// inside module `from` (where the interface's own module would be).
    pub fn reexport(&self, from: &ModulePath) -> TokenStream {
        let base = from.to(&ModulePath::root(), &self.alias);
        let tail = self.tail.iter().map(|t| names::ident(t));
        quote! {
            #[allow(unused_imports)]
            pub use #base #(:: #tail)* :: *;
        }
    }
}
