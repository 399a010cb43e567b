//! How host functions report errors: the `trappable` flag (`imports:`), and
//! `trappable_error_type` (a Rust error type in place of a WIT error type,
//! turned back into the WIT value or a trap by a generated `convert_*`
//! method).

use super::Model;
use super::func::{Returns, TrappableError};
use crate::names;
use proc_macro2::Ident;
use quote::format_ident;
use wit_parser::{Function, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner};

impl Model<'_> {
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
        Some(TrappableError {
            alias: self.error_types.alias(entry),
            wit: *ty,
            convert: convert_name(self.resolve, id),
        })
    }

    /// The `trappable_error_type` entry (by index) that function `func`'s
    /// `result` error type, if it has one, is replaced by.
    pub fn error_entry_of(&self, func: &Function) -> Option<usize> {
        let Some(Type::Id(id)) = &func.result else {
            return None;
        };
        let TypeDefKind::Result(r) = &self.resolve.types[*id].kind else {
            return None;
        };
        Some(self.error_entry(r.err.as_ref()?)?.0)
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
            match def.kind {
                TypeDefKind::Type(inner) => cur = inner,
                _ => return None,
            }
        }
    }
}

fn convert_name(resolve: &Resolve, id: TypeId) -> Ident {
    let name = resolve.types[id].name.as_deref().unwrap_or("error");
    format_ident!("convert_{}", names::snake(name).trim_end_matches('_'))
}
