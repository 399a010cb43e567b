//! `include_component_type: true`: the world, encoded as wit-component
//! encodes a component's type (the model holds the bytes), in a
//! `COMPONENT_TYPE` constant: wasmtime's item, same name and meaning.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn component_type(bytes: &[u8]) -> TokenStream {
    let lit = Literal::byte_string(bytes);
    quote! {
        /// The WIT world these bindings were generated from, binary-encoded
        /// (a component type, as `wit_component::metadata::encode` writes
        /// it).
        ///
        /// `wit_parser::decoding::decode_world(COMPONENT_TYPE)` gives back
        /// the `Resolve` and `WorldId`, with no WIT files to keep around.
        pub const COMPONENT_TYPE: &[u8] = #lit;
    }
}
