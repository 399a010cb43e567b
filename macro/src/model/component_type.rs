//! `include_component_type: true`: the world encoded as a component type,
//! for `emit::component_type`.

use proc_macro2::Span;
use wit_parser::{Resolve, WorldId};

/// `world` as wit-component encodes a component's type: no 🔗 canonical
/// names, UTF-8, as wasmtime's `bindgen!` encodes it.
pub fn encode(resolve: &Resolve, world: WorldId, span: Span) -> syn::Result<Vec<u8>> {
    wit_component::metadata::encode(
        resolve,
        world,
        wit_component::StringEncoding::UTF8,
        None,
        false,
    )
    .map_err(|e| {
        syn::Error::new(
            span,
            format!("`include_component_type`: wit-component cannot encode this world: {e:#}"),
        )
    })
}
