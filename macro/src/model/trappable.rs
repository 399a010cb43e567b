//! How host functions report errors: the `trappable` flag (`imports:`), and
//! `trappable_error_type` (a Rust error type in place of a WIT error type,
//! turned back into the WIT value or a trap by a generated `convert_*`
//! method).

use super::func::{FuncSig, Returns, TrappableError};
use super::paths::ModulePath;
use super::{Base, Model};
use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use wit_parser::{Function, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner};

impl Base<'_> {
    /// How import `func` of `iface` returns, given the options.
    pub fn returns(&self, iface: Option<InterfaceId>, func: &Function) -> Returns {
        if let Some(Type::Id(id)) = &func.result
            && let TypeDefKind::Result(r) = &self.resolve.types[*id].kind
            && let Some(err) = r.err.as_ref().and_then(|e| self.trappable_error(e))
        {
            return Returns::Mapped { ok: r.ok, err };
        }
        if self.import_flags(iface, &func.name).trappable {
            Returns::Trappable
        } else {
            Returns::Plain
        }
    }

    /// The `trappable_error_type` entry for WIT type `ty` (through aliases).
    fn trappable_error(&self, ty: &Type) -> Option<TrappableError> {
        let (entry, id) = self.error_entry(ty)?;
        let TypeOwner::Interface(owner) = self.resolve.types[id].owner else {
            return None;
        };
        Some(TrappableError {
            alias: self.error_types.alias(entry),
            wit: *ty,
            convert: convert_name(self.resolve, id),
            owner,
        })
    }

    /// The `convert_*` methods interface `iface`'s `Host` declares: one per
    /// type of the interface a `trappable_error_type` entry names, whether
    /// or not its own functions return it (wasmtime's `bindgen!` puts them
    /// there; interfaces returning the error require that `Host` too).
    pub fn own_converts(&self, iface: InterfaceId) -> Vec<TrappableError> {
        self.resolve.interfaces[iface]
            .types
            .iter()
            .filter_map(|(name, id)| {
                let entry = self.error_types.item_index(self.resolve, iface, name)?;
                Some(TrappableError {
                    alias: self.error_types.alias(entry),
                    wit: Type::Id(*id),
                    convert: convert_name(self.resolve, *id),
                    owner: iface,
                })
            })
            .collect()
    }

    /// The `trappable_error_type` entries (by index) that name a type of
    /// some interface in the WIT read, as wasmtime's `bindgen!` requires:
    /// the others are errors.
    pub fn existing_error_entries(&self) -> Vec<usize> {
        let resolve = self.resolve;
        resolve
            .interfaces
            .iter()
            .flat_map(|(id, iface)| {
                iface
                    .types
                    .keys()
                    .filter_map(move |name| self.error_types.item_index(resolve, id, name))
            })
            .collect()
    }

    /// The `Host` trait of interface `owner`, written from `module`: the
    /// one `with:` maps it to, or the one generated here.
    pub fn host_trait_of(&self, owner: InterfaceId, module: &ModulePath) -> TokenStream {
        let host = names::ident("Host");
        if let Some(external) = self.remapped.get(&owner) {
            return external.item(module, &host);
        }
        match self.iface_modules.get(&owner) {
            Some(m) => module.to(m, &host),
            None => quote!(#host),
        }
    }

    /// The `trappable_error_type` entry (by index) for WIT type `ty`,
    /// looked up through aliases, and the type it names.
    fn error_entry(&self, ty: &Type) -> Option<(usize, TypeId)> {
        let mut cur = *ty;
        loop {
            let Type::Id(id) = cur else { return None };
            let def = &self.resolve.types[id];
            if let (TypeOwner::Interface(owner), Some(name)) = (def.owner, &def.name)
                && let Some(entry) = self.error_types.item_index(self.resolve, owner, name)
            {
                return Some((entry, id));
            }
            // Through aliases only.
            let TypeDefKind::Type(inner) = def.kind else {
                return None;
            };
            cur = inner;
        }
    }
}

/// What depends on the import side as gathered: where `convert_*` is
/// declared (delegated and `named_imports:` importers declare their own).
impl Model<'_> {
    /// The `Host` trait declaring `err`'s `convert_*`, written from the
    /// module of the importer whose function returns it, whose main trait
    /// is `own`.
    pub fn convert_trait(
        &self,
        err: &TrappableError,
        own: &TokenStream,
        module: &ModulePath,
    ) -> TokenStream {
        if self.converts_here(err, module) {
            own.clone()
        } else {
            self.host_trait_of(err.owner, module)
        }
    }

    /// Whether `err`'s `convert_*` is on the main trait of the importer
    /// in `module`: it defines the error type, or it is delegated (see
    /// `Importer::converts`) or a `named_imports:` importer.
    fn converts_here(&self, err: &TrappableError, module: &ModulePath) -> bool {
        let defined_here = !self.remapped.contains_key(&err.owner)
            && self.iface_modules.get(&err.owner) == Some(module);
        defined_here
            || self
                .importers
                .values()
                .any(|i| i.module == *module && i.delegate.is_some())
            || self.named.iter().any(|n| n.importer.module == *module)
    }

    /// The other `Host` traits whose `convert_*` the functions `sigs` of
    /// the importer in `module` call, written from `from`: a host serving
    /// them must implement these too (wasmtime's `bindgen!` asks the same).
    pub fn convert_bounds(
        &self,
        sigs: &[FuncSig<'_>],
        module: &ModulePath,
        from: &ModulePath,
    ) -> Vec<TokenStream> {
        let mut owners: Vec<InterfaceId> = Vec::new();
        for s in sigs {
            if let Returns::Mapped { err, .. } = &s.returns
                && !self.converts_here(err, module)
                && !owners.contains(&err.owner)
            {
                owners.push(err.owner);
            }
        }
        owners
            .into_iter()
            .map(|o| self.host_trait_of(o, from))
            .collect()
    }
}

fn convert_name(resolve: &Resolve, id: TypeId) -> Ident {
    let name = resolve.types[id].name.as_deref().unwrap_or("error");
    format_ident!("convert_{}", names::snake(name).trim_end_matches('_'))
}
