//! The emitters: functions of the [`Model`] that return tokens. This module
//! runs them and places what each returns in the module tree:
//!
//! - `types`: records, variants, enums, flags, resources and handles;
//! - `host`: the `Host` traits, `*WithStore` traits and forwarding impls
//!   (with `signature` for method signatures and `dyn_host` for the
//!   dyn-compatible companions);
//! - `linker`: `add_to_linker*` (with `unstable` for `@unstable` link gates
//!   and `tracing` for spans);
//! - `compose`: `*Delegate` traits (`delegate:`) and `hostgen::Either`
//!   impls (`either:`);
//! - `exports`: `<World>`, `<World>Pre`, `<World>Indices`, `Guest`,
//!   `call_*`;
//! - `borrowed`: `ownership: Borrowing`'s borrowed types and parameters;
//! - `component_type`: `COMPONENT_TYPE` (`include_component_type:`);
//! - `tree`: the nested `pub mod` blocks.

mod abi;
mod borrowed;
mod component_type;
mod compose;
mod dyn_host;
mod exports;
mod host;
mod linker;
mod signature;
mod tracing;
mod tree;
mod types;
mod unstable;

use crate::model::Model;
use crate::model::paths::ModulePath;
use proc_macro2::TokenStream;
use quote::quote;
use tree::ModuleTree;
use wit_parser::{Docs, InterfaceId, WorldItem};

/// The expansion of one world.
pub struct Generated {
    pub code: TokenStream,
    /// The code uses wasmtime's component-model-async API (WASI 0.3
    /// shapes), which hostgen only has behind its feature of that name.
    pub needs_cm_async: bool,
}

/// Runs every emitter over `model` and assembles the expansion.
pub fn generate(model: &Model<'_>) -> Generated {
    let resolve = model.resolve;
    let world = model.world();
    let mut tree = ModuleTree::default();
    for (module, tokens) in types(model) {
        tree.push(&module, tokens);
    }

    // One module and one `Host` per interface, however many names the
    // world imports it under; each name is linked on its own.
    let mut import_links: Vec<linker::ImportLink> = Vec::new();
    let mut reexported: Vec<ModulePath> = Vec::new();
    let mut remapped_links: Vec<linker::RemappedLink> = Vec::new();
    for (key, item) in &world.imports {
        match item {
            // A remapped interface keeps its module, re-exporting the
            // external one, so paths are the same with or without `with:`.
            // The world's `add_to_linker::<T, D>` links it through that
            // module, as wasmtime's does (the bindings it is mapped to have
            // wasmtime's linker shape, whichever macro made them).
            WorldItem::Interface { id, stability, .. } if model.remapped.contains_key(id) => {
                let external = &model.remapped[id];
                let module = &model.reexport_modules[id];
                if external.own {
                    continue;
                }
                if !reexported.contains(module) {
                    tree.push(module, external.reexport(module));
                    reexported.push(module.clone());
                }
                remapped_links.push(linker::RemappedLink {
                    external: external.clone(),
                    instance: model.instance_name(key),
                    gate: model.gate(stability),
                    options: model.has_options(*id),
                });
            }
            WorldItem::Interface { id, stability, .. } => {
                let module = model.iface_modules[id].clone();
                if !import_links.iter().any(|l| l.module == module) {
                    let key = crate::model::iface_key(resolve, key, *id);
                    let traits = host::interface(model, &key, *id);
                    let delegation = compose::delegation(model, &model.importers[id]);
                    let either = compose::either(model, &model.importers[id]);
                    let linker = linker::interface(model, &key, *id);
                    tree.push(&module, quote! { #traits #delegation #either #linker });
                }
                import_links.push(linker::ImportLink {
                    module,
                    instance: model.instance_name(key),
                    gate: model.gate(stability),
                    options: model.has_options(*id),
                });
            }
            WorldItem::Function(_) | WorldItem::Type { .. } => {}
        }
    }
    // `named_imports:`: a second set of traits and linker functions.
    for n in &model.named {
        let traits = host::named(model, n);
        let linker = linker::named(model, n);
        tree.push(&n.importer.module, quote! { #traits #linker });
    }
    let mut imports_trait = host::world_imports(model, world);
    imports_trait.extend(compose::either(model, &model.own_imports));
    let exports = exports::world(model, world);
    for (module, tokens) in exports.guests {
        tree.push(&module, tokens);
    }
    let exports = exports.world;
    // `@unstable` items gated at link time: the world's `LinkOptions`.
    let mut imported: Vec<InterfaceId> = world
        .imports
        .values()
        .filter_map(|item| match item {
            WorldItem::Interface { id, .. } => Some(*id),
            WorldItem::Function(_) | WorldItem::Type { .. } => None,
        })
        .collect();
    imported.sort_by_key(|id| id.index());
    imported.dedup();
    let gating = unstable::world_gating(model, &imported);
    let linker = linker::world(model, &import_links, &remapped_links, &gating);
    let link_options = gating.decl;

    // Generated code spells wasmtime `wasmtime` in every generated module.
    for module in tree.with_items() {
        let wt = &model.wt;
        tree.push(
            &module,
            quote!(#[allow(unused_imports)] use #wt as wasmtime;),
        );
    }
    let with_uses = model.with.root_uses();
    let error_uses = model.error_types.root_uses();
    let delegate_uses = model.delegates.root_uses();
    let named_uses = model.named_imports.root_uses();
    let tree = tree.into_tokens();
    let world_ident = &model.names.world;
    let component_type = model
        .component_type
        .as_deref()
        .map(component_type::component_type);
    // `interfaces:` asks for the interfaces' modules alone.
    let world_items = (!model.opts.only_interfaces).then(|| {
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
    Generated {
        needs_cm_async: model.facts.uses_cm_async,
        code: quote! {
        #with_uses
        #error_uses
        #delegate_uses
        #named_uses
        #component_type
        #world_items
        #tree
        },
    }
}

/// Every type of every interface the world uses, each for its module, and
/// the world's own types at the root.
fn types(model: &Model<'_>) -> Vec<(ModulePath, TokenStream)> {
    let resolve = model.resolve;
    let world = model.world();
    let mut out = Vec::new();
    let mut ifaces: Vec<_> = model.iface_modules.iter().collect();
    ifaces.sort_by_key(|(id, _)| id.index());
    for (id, module) in ifaces {
        // An interface delegated to other bindings shares their types, so
        // values pass to the inner host as they are.
        let external = model
            .importers
            .get(id)
            .and_then(|i| i.delegate.as_ref())
            .filter(|t| !t.own);
        for ty in resolve.interfaces[*id].types.values() {
            let tokens = match external {
                Some(target) => {
                    let path = target.item(module, model.type_ident(*ty));
                    quote!(pub use #path;)
                }
                None => typedef(model, *ty, module),
            };
            out.push((module.clone(), tokens));
        }
    }
    // The export side's own copy of interfaces the world imports too.
    let mut both: Vec<_> = model
        .export_modules
        .iter()
        .filter(|(i, _)| model.both_sides(**i))
        .collect();
    both.sort_by_key(|(id, _)| id.index());
    for (id, module) in both {
        for ty in resolve.interfaces[*id].types.values() {
            out.push((module.clone(), typedef(model, *ty, module)));
        }
    }
    let root = ModulePath::root();
    for item in world.imports.values().chain(world.exports.values()) {
        if let WorldItem::Type { id, .. } = item {
            out.push((root.clone(), typedef(model, *id, &root)));
        }
    }
    out
}

/// A case the model rules out reached an emitter: a compile error saying
/// so, where the item would be, instead of a panic. The emitters' one way
/// to report an internal error; what the user can fix is refused while the
/// model is built.
pub fn internal_error(what: &str) -> TokenStream {
    let msg = format!("internal error: hostgen cannot generate {what}; please report it");
    quote!(::core::compile_error! { #msg })
}

/// The definition of the named type `id`, placed in module `module`: its
/// owned form, its borrowed form (`ownership: Borrowing`, a type only ever
/// passed to the guest), or both (a type that exists twice).
fn typedef(model: &Model<'_>, id: wit_parser::TypeId, module: &ModulePath) -> TokenStream {
    let usage = &model.usage;
    if usage.only_borrowed(id) {
        return borrowed::typedef(model, id, module);
    }
    let owned = types::typedef(model, id, module);
    if usage.two_names(id) {
        let borrowed = borrowed::typedef(model, id, module);
        return quote!(#owned #borrowed);
    }
    owned
}

/// WIT doc comments as `#[doc]` attributes.
pub fn docs(d: &Docs) -> TokenStream {
    let Some(contents) = &d.contents else {
        return TokenStream::new();
    };
    // One attribute for all the lines: rustdoc reads it as it reads one per
    // line, and the expansion carries one literal instead of a bracketed
    // attribute per line (`cargo check` time, issue 17).
    let mut text = String::with_capacity(contents.len() + 64);
    for (i, line) in contents.lines().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push(' ');
        text.push_str(line);
    }
    quote! { #[doc = #text] }
}
