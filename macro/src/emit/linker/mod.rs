//! `add_to_linker` and `add_to_linker_get_host`: per imported interface, for
//! the world's own imports, and for the whole world.
//!
//! `closures` makes the `func_wrap*` closure of each host function (nothing
//! else runs per call), `fns` the linker functions of one importer, `named`
//! those of a `named_imports:` entry, and `world` those of the whole world.

mod closures;
mod fns;
mod named;
mod world;

pub use fns::interface;
pub use named::named;
pub use world::{ImportLink, RemappedLink, world};

use proc_macro2::TokenStream;
use quote::quote;

/// The local of a linker function that holds `Ok` or the first error of its
/// definitions (`hostgen::__private::link::Linked`), declared before them,
/// and the function's tail that returns it. A definition is then a plain
/// statement that does nothing after an error (`define`, or the generic
/// helpers given `&mut linked`), where a `?` or a `match` on each result
/// costs `cargo check` in every generated linker function (issue 17).
fn linked_slot() -> (TokenStream, TokenStream) {
    (
        quote!(let mut linked = ::core::result::Result::Ok(());),
        quote!(linked),
    )
}

/// The statement that defines an item with `call`, a `LinkerInstance`
/// method or `add_to_linker*` function returning `wasmtime::Result<()>`,
/// unless an earlier definition failed (see [`linked_slot`]).
fn define(call: TokenStream) -> TokenStream {
    quote! {
        if linked.is_ok() {
            linked = #call;
        }
    }
}

/// The expression `value?` written out: returns the error as it is. A `?`
/// resolves `From` for the error type in the bounds of the function it is
/// in, which `cargo check` redoes for every generic linker function (about a
/// million instructions each on a WASI world; `benches/README.md`); a
/// `match` costs about half as much. The errors are `wasmtime::Error` on
/// both sides, so nothing is converted either way. A function's
/// definitions go through [`define`] instead, which is cheaper still.
fn try_value(value: TokenStream) -> TokenStream {
    quote! {
        match #value {
            ::core::result::Result::Ok(v) => v,
            ::core::result::Result::Err(e) => return ::core::result::Result::Err(e),
        }
    }
}

/// Defines the instance `instance` of `linker` through `define`, an
/// interface's `add_to_linker_instance*` (with its `LinkOptions` argument
/// `options`, if it takes one): the function is handed to
/// `hostgen::__private::link::at`, so the call on `linker.instance(..)` is
/// checked there once.
fn link_at(
    hg: &TokenStream,
    instance: &str,
    define: TokenStream,
    options: Option<TokenStream>,
) -> TokenStream {
    match options {
        None => quote!(#hg::__private::link::at(linker, #instance, host_getter, #define)),
        Some(options) => {
            let at = try_value(quote!(linker.instance(#instance)));
            quote!(#define(&mut #at, #options, host_getter))
        }
    }
}
