//! `include_component_type: true`: the world, encoded as wit-component
//! encodes a component's type, in a `COMPONENT_TYPE` constant (wasmtime's
//! item, same name and meaning).

use crate::model::Model;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn component_type(cx: &Model<'_>) -> syn::Result<TokenStream> {
    let bytes = wit_component::metadata::encode(
        cx.resolve,
        cx.world_id,
        wit_component::StringEncoding::UTF8,
        None,
        // No 🔗 canonical names, as wasmtime's `bindgen!` encodes it.
        false,
    )
    .map_err(|e| {
        syn::Error::new(
            cx.opts.source_span,
            format!("`include_component_type`: wit-component cannot encode this world: {e:#}"),
        )
    })?;
    let lit = Literal::byte_string(&bytes);
    Ok(quote! {
        /// The WIT world these bindings were generated from, binary-encoded
        /// (a component type, as `wit_component::metadata::encode` writes
        /// it).
        ///
        /// `wit_parser::decoding::decode_world(COMPONENT_TYPE)` gives back
        /// the `Resolve` and `WorldId`, with no WIT files to keep around.
        pub const COMPONENT_TYPE: &[u8] = #lit;
    })
}
