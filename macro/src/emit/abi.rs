//! `ComponentType`, `Lift` and `Lower` for generated records, variants and
//! enums, as one invocation of the runtime's `abi::record!`, `abi::variant!`
//! or `abi::enum_!`
//! instead of wasmtime's derive, which spells every field and case out in
//! every method; and flags types whole, through `abi::flags!` instead of
//! wasmtime's `flags!`. The macros expand to calls into generic functions rustc
//! checks once, and keep the `unsafe impl`s in the runtime
//! (`runtime/src/abi.rs` says why and how).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The most fields a record may have to go through the runtime's tuple
/// impls (`abi::MAX_FIELDS`); larger records keep wasmtime's derive.
pub const MAX_FIELDS: usize = 16;

/// A field of a record: its Rust name, WIT name and Rust type.
pub struct Field {
    pub ident: Ident,
    pub wit: String,
    pub ty: TokenStream,
}

/// A case of a variant: its Rust name, WIT name and payload's Rust type.
pub struct Case {
    pub ident: Ident,
    pub wit: String,
    pub ty: Option<TokenStream>,
}

/// The impls for record `name` (at most [`MAX_FIELDS`] fields).
pub fn record(hg: &TokenStream, name: &Ident, fields: &[Field]) -> TokenStream {
    let tys = fields.iter().map(|f| &f.ty);
    let named = fields.iter().enumerate().map(|(i, f)| {
        let (ident, wit) = (&f.ident, &f.wit);
        let i = Literal::usize_unsuffixed(i);
        quote!(#ident #wit #i)
    });
    quote! {
        #hg::__private::abi::record!(#name; (#(#tys),*); [#(#named),*]);
    }
}

/// The impls for variant `name`.
pub fn variant(hg: &TokenStream, name: &Ident, cases: &[Case]) -> TokenStream {
    let mut order = Vec::new();
    let mut payload = Vec::new();
    let mut unit = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let (ident, wit) = (&c.ident, &c.wit);
        let i = Literal::usize_unsuffixed(i);
        match &c.ty {
            Some(t) => {
                order.push(quote!(#wit: #t));
                payload.push(quote!(#ident #i));
            }
            None => {
                order.push(quote!(#wit));
                unit.push(quote!(#ident #i));
            }
        }
    }
    quote! {
        #hg::__private::abi::variant!(
            #name;
            [#(#order),*];
            payload [#(#payload),*];
            unit [#(#unit),*]
        );
    }
}

/// The impls for enum `name`, whose cases are `cases` (Rust and WIT name).
pub fn enum_(hg: &TokenStream, name: &Ident, cases: &[(Ident, String)]) -> TokenStream {
    let cases = cases.iter().enumerate().map(|(i, (ident, wit))| {
        let i = Literal::usize_unsuffixed(i);
        quote!(#ident #wit #i)
    });
    quote! {
        #hg::__private::abi::enum_!(#name; [#(#cases),*]);
    }
}

/// The most flags a flags type may have, as the component model and
/// wit-parser allow: `abi::flags!` keeps them in one integer.
pub const MAX_FLAGS: usize = 32;

/// A flag: its docs, Rust constant name and WIT name.
pub struct Flag {
    pub docs: TokenStream,
    pub ident: Ident,
    pub wit: String,
}

/// Flags type `name` (1 to [`MAX_FLAGS`] flags), type and impls.
pub fn flags(hg: &TokenStream, docs: &TokenStream, name: &Ident, flags: &[Flag]) -> TokenStream {
    let bits = match flags.len() {
        0..=8 => quote!(u8),
        9..=16 => quote!(u16),
        _ => quote!(u32),
    };
    let flags = flags.iter().enumerate().map(|(i, f)| {
        let (docs, ident, wit) = (&f.docs, &f.ident, &f.wit);
        let i = Literal::usize_unsuffixed(i);
        quote!(#docs #ident #wit #i)
    });
    quote! {
        #hg::__private::abi::flags!(#docs #name: #bits; [#(#flags),*]);
    }
}
