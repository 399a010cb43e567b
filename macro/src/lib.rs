//! The `bindgen!` proc-macro of hostgen. Use it through the `hostgen` crate,
//! which documents the options and the generated API.

mod codegen;
mod expand;
mod flags;
mod load;
mod names;
mod opts;

/// Generates host bindings for a WIT world. See the `hostgen` crate docs.
#[proc_macro]
pub fn bindgen(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
