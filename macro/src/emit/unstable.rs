//! `@unstable` items gated at link time, as wasmtime's `bindgen!` does:
//! everything is generated, and a `LinkOptions` argument to the linker
//! functions says which features' items are defined. This is the mode when
//! the `features:` and `all_features:` options are left out; with either,
//! features are chosen when compiling and nothing is gated.

use crate::model::Model;
use crate::model::features::{Features, field};
use crate::model::paths::ModulePath;
use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::InterfaceId;

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
pub fn interface_gating(model: &Model<'_>, id: InterfaceId) -> Gating {
    let features = model.features.interface(id);
    if features.is_empty() {
        return Gating {
            decl: TokenStream::new(),
            options: None,
            body_gate: None,
        };
    }
    Gating {
        decl: options_struct(features),
        options: Some(quote!(LinkOptions)),
        body_gate: model.gate(&model.resolve.interfaces[id].stability),
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
/// to set each. The flags are `pub(crate)`, as wasmtime's are: the
/// `named_imports::` linker functions read the interface's.
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
            #(pub(crate) #fields: bool,)*
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
pub fn world_gating(model: &Model<'_>, ifaces: &[InterfaceId]) -> Gating {
    let features = model.features.world();
    if features.is_empty() {
        return Gating {
            decl: TokenStream::new(),
            options: None,
            body_gate: None,
        };
    }
    let root = ModulePath::root();
    let options = names::ident("LinkOptions");
    let conversions = ifaces.iter().filter_map(|id| {
        let features = model.features.interface(*id);
        if features.is_empty() {
            return None;
        }
        let target = match model.remapped.get(id) {
            Some(external) => external.item(&root, &options),
            None => root.to(&model.iface_modules[id], &options),
        };
        Some(options_into(&target, features))
    });
    let decl = options_struct(features);
    Gating {
        decl: quote! {
            #decl
            #(#conversions)*
        },
        options: Some(quote!(LinkOptions)),
        body_gate: model.gate(&model.world().stability),
    }
}
