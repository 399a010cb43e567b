//! `@unstable` items gated at link time, as wasmtime's `bindgen!` does:
//! everything is generated, and a `LinkOptions` argument to the linker
//! functions says which features' items are defined. This is the mode when
//! the `features:` and `all_features:` options are left out; with either,
//! features are chosen when compiling and nothing is gated.

use super::Gen;
use super::modules::ModulePath;
use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::collections::BTreeSet;
use wit_parser::{InterfaceId, Resolve, Stability, WorldId, WorldItem};

/// The features an item is gated by, in WIT spelling.
pub type Features = BTreeSet<String>;

/// The feature `stability` names, if it is `@unstable`.
fn feature(stability: &Stability) -> Option<&str> {
    match stability {
        Stability::Unstable { feature, .. } => Some(feature),
        Stability::Stable { .. } | Stability::Unknown => None,
    }
}

/// Every feature gating something linked for interface `id`: the interface
/// itself, its functions and its types.
pub fn interface_features(resolve: &Resolve, id: InterfaceId) -> Features {
    let iface = &resolve.interfaces[id];
    std::iter::once(&iface.stability)
        .chain(iface.functions.values().map(|f| &f.stability))
        .chain(iface.types.values().map(|t| &resolve.types[*t].stability))
        .filter_map(feature)
        .map(str::to_string)
        .collect()
}

/// Every feature gating something the world imports: the world, its import
/// items, their interfaces' items, its own functions and types.
pub fn world_features(resolve: &Resolve, world: WorldId) -> Features {
    let world = &resolve.worlds[world];
    let mut out: Features = feature(&world.stability)
        .map(str::to_string)
        .into_iter()
        .collect();
    for item in world.imports.values() {
        let stability = match item {
            WorldItem::Interface { id, stability, .. } => {
                out.extend(interface_features(resolve, *id));
                stability
            }
            WorldItem::Function(f) => &f.stability,
            WorldItem::Type { id, .. } => &resolve.types[*id].stability,
        };
        out.extend(feature(stability).map(str::to_string));
    }
    out
}

impl Gen<'_> {
    /// Whether `@unstable` items are gated at link time.
    pub fn link_gated(&self) -> bool {
        self.opts.link_gated()
    }

    /// The `LinkOptions` field that gates an item of `stability`, when
    /// items are gated at link time.
    pub fn gate(&self, stability: &Stability) -> Option<Ident> {
        if !self.link_gated() {
            return None;
        }
        feature(stability).map(field)
    }
}

/// The `LinkOptions` field (and builder method) of WIT feature `feature`.
fn field(feature: &str) -> Ident {
    names::ident(&names::snake(feature))
}

/// How an interface's linker functions are gated.
pub struct Gating {
    /// The interface's `LinkOptions` declaration (empty without features).
    pub decl: TokenStream,
    /// The `LinkOptions` type its linker functions take, if any.
    pub options: Option<TokenStream>,
    /// The flag the whole interface is behind (`@unstable` interface).
    pub body_gate: Option<Ident>,
}

/// The gating of interface `id`'s linker functions.
pub fn interface_gating(cx: &Gen<'_>, id: InterfaceId) -> Gating {
    let features = if cx.link_gated() {
        interface_features(cx.resolve, id)
    } else {
        Features::new()
    };
    if features.is_empty() {
        return Gating {
            decl: TokenStream::new(),
            options: None,
            body_gate: None,
        };
    }
    Gating {
        decl: options_struct(&features),
        options: Some(quote!(LinkOptions)),
        body_gate: cx.gate(&cx.resolve.interfaces[id].stability),
    }
}

/// `body`, run only when `options.<gate>` is on.
pub fn gated(gate: Option<&Ident>, body: TokenStream) -> TokenStream {
    match gate {
        Some(gate) => quote!(if options.#gate { #body }),
        None => body,
    }
}

/// `pub struct LinkOptions` with one flag per feature and a builder method
/// to set each.
pub fn options_struct(features: &Features) -> TokenStream {
    let fields: Vec<Ident> = features.iter().map(|f| field(f)).collect();
    let docs = features
        .iter()
        .map(|f| format!(" Defines the items marked `@unstable(feature = {f})` when linking."));
    quote! {
        /// Which `@unstable` features' items the linker functions define:
        /// each is off by default, and an item whose feature is off is left
        /// out of the linker, so a component importing it does not
        /// instantiate.
        #[derive(Clone, Debug, Default)]
        pub struct LinkOptions {
            #(#fields: bool,)*
        }

        impl LinkOptions {
            #(
                #[doc = #docs]
                pub fn #fields(&mut self, enabled: bool) -> &mut Self {
                    self.#fields = enabled;
                    self
                }
            )*
        }
    }
}

/// `From<&LinkOptions>` (and by value) for the `LinkOptions` at `target`,
/// an interface's, carrying over the features it has.
pub fn options_into(target: &TokenStream, features: &Features) -> TokenStream {
    let fields: Vec<Ident> = features.iter().map(|f| field(f)).collect();
    quote! {
        impl ::core::convert::From<&LinkOptions> for #target {
            fn from(src: &LinkOptions) -> Self {
                let mut dest = <#target as ::core::default::Default>::default();
                #(dest.#fields(src.#fields);)*
                dest
            }
        }

        impl ::core::convert::From<LinkOptions> for #target {
            fn from(src: LinkOptions) -> Self {
                ::core::convert::From::from(&src)
            }
        }
    }
}

/// The gating of the world's linker functions: its `LinkOptions`, with
/// conversions into each imported interface's (generated here, or remapped
/// by `with:` to bindings that have one, such as wasmtime-wasi's).
pub fn world_gating(cx: &Gen<'_>, world: WorldId, ifaces: &[InterfaceId]) -> Gating {
    let features = world_features(cx.resolve, world);
    if !cx.link_gated() || features.is_empty() {
        return Gating {
            decl: TokenStream::new(),
            options: None,
            body_gate: None,
        };
    }
    let root = ModulePath::root();
    let options = names::ident("LinkOptions");
    let conversions = ifaces.iter().filter_map(|id| {
        let features = interface_features(cx.resolve, *id);
        if features.is_empty() {
            return None;
        }
        let target = match cx.remapped.get(id) {
            Some(external) => external.item(&root, &options),
            None => root.to(&cx.iface_modules[id], &options),
        };
        Some(options_into(&target, &features))
    });
    let decl = options_struct(&features);
    Gating {
        decl: quote! {
            #decl
            #(#conversions)*
        },
        options: Some(quote!(LinkOptions)),
        body_gate: cx.gate(&cx.resolve.worlds[world].stability),
    }
}

/// Whether interface `id` has a `LinkOptions` of its own.
pub fn has_options(cx: &Gen<'_>, id: InterfaceId) -> bool {
    cx.link_gated() && !interface_features(cx.resolve, id).is_empty()
}
