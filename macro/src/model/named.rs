//! `named_imports:` — a second set of bindings for an imported interface,
//! under `named_imports::<ns>::<pkg>::<iface>`, for components that import
//! it under names of their own (`(import "a" (implements "ns:pkg/iface")
//! ..)`). Every host method (destructors included) takes the id the
//! embedder chose for the name it serves, and `add_to_linker` links every
//! such import of a given component, as with wasmtime's `bindgen!`.

use super::Base;
use super::importer::{Importer, interface_importer};
use super::paths::ModulePath;
use crate::diag::Errors;
use crate::names;
use proc_macro2::Ident;
use wit_parser::{InterfaceId, WorldItem};

/// One `named_imports:` entry's bindings.
pub struct NamedImport<'a> {
    pub iface: InterfaceId,
    /// The interface's own bindings' module (its types and resources).
    pub own_module: ModulePath,
    /// Its traits, in `named_imports::…`: the interface's, each method
    /// taking the id; `convert_*` for every error its functions return.
    pub importer: Importer<'a>,
    /// The root `use` alias of the id type.
    pub id_alias: Ident,
    /// The interface's WIT name with its version, as `(implements "..")`
    /// annotations name it.
    pub wit_name: String,
}

/// The bindings `named_imports:` asks for; an error in `errors` for an
/// entry naming an interface that `with:` maps elsewhere (its bindings are
/// generated there).
pub fn gather<'a>(base: &Base<'a>, errors: &mut Errors) -> Vec<NamedImport<'a>> {
    let resolve = base.resolve;
    let mut out: Vec<NamedImport<'a>> = Vec::new();
    for item in base.world().imports.values() {
        let WorldItem::Interface { id, .. } = item else {
            continue;
        };
        let Some(entry) = base.named_imports.exact_interface_index(resolve, *id) else {
            continue;
        };
        if out.iter().any(|n| n.iface == *id) {
            continue;
        }
        if base.remapped.contains_key(id) {
            errors.push(base.named_imports.error_at(
                entry,
                "names an interface that `with:` maps to bindings generated elsewhere: \
                 its named bindings are not generated here; ask for them in the \
                 bindings that generate the interface, or drop its `with:` entry",
            ));
            continue;
        }
        let own_module = base.iface_modules[id].clone();
        let mut path = vec!["named_imports".to_string()];
        path.extend(own_module.0.iter().cloned());
        let mut importer = interface_importer(base, *id, ModulePath(path));
        // As wasmtime's named traits: besides the `convert_*` of the errors
        // the interface defines, one for each error its functions return
        // (not called through the defining interface's `Host`).
        importer.add_foreign_converts();
        // `id` is the id's parameter.
        for s in &mut importer.sigs {
            for (p, _) in &mut s.params {
                if p == "id" {
                    *p = names::ident("id_");
                }
            }
        }
        out.push(NamedImport {
            iface: *id,
            own_module,
            importer,
            id_alias: base.named_imports.alias(entry),
            wit_name: resolve.id_of(*id).unwrap_or_default(),
        });
    }
    out
}
