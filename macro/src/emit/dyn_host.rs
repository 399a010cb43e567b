//! Dyn-compatible companions of host traits with async methods.
//!
//! A trait whose methods return `impl Future` cannot be a trait object, so
//! for each such trait `X` (an interface's `Host`, its `Host<Resource>`
//! traits, or `<World>Imports`) hostgen also emits `DynX`, whose async
//! methods return `Pin<Box<dyn Future + Send + '_>>`, and two impls:
//!
//! * `impl<T: X + Send> DynX for T`: any host is a dyn host;
//! * `impl X for dyn DynMain + '_`: a `dyn DynHost` (through `&mut`, or in a
//!   `Box`) serves the import, so a getter may return
//!   `&mut dyn DynHost` and a plugin host be picked at run time.
//!
//! The dyn path costs one `Box` per async call, on top of the one
//! `func_wrap_async` requires; a static host pays nothing extra.

use super::signature::{Shape, convert_signature, drop_signature, signature};
use crate::flags::Flags;
use crate::model::func::TrappableError;
use crate::model::paths::ModulePath;
use crate::model::{FuncSig, Model};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One host trait and the name of its companion.
pub struct DynTrait {
    /// The static trait (`Host`, `HostFile`, `<World>Imports`).
    pub name: Ident,
    /// Its companion (`DynHost`, `DynHostFile`, `Dyn<World>Imports`).
    pub dyn_name: Ident,
    /// For a resource's trait: the resource type and its `drop`'s flags.
    pub drop_for: Option<(Ident, Flags)>,
    /// The `convert_*` methods of the trait.
    pub converts: Vec<TrappableError>,
}

/// The companions of `groups`: the first is the main trait (`Host` or
/// `<World>Imports`), the rest its resource traits, each with its methods.
pub fn companions(
    cx: &Model<'_>,
    groups: &[(DynTrait, Vec<&FuncSig<'_>>)],
    module: &ModulePath,
) -> TokenStream {
    let main = &groups[0].0.dyn_name;
    let supers: Vec<&Ident> = groups[1..].iter().map(|(t, _)| &t.dyn_name).collect();
    let mut out = TokenStream::new();
    for (i, (t, sigs)) in groups.iter().enumerate() {
        let DynTrait {
            name,
            dyn_name,
            drop_for,
            converts,
        } = t;
        let mut decls = Vec::new();
        let mut to_dyn = Vec::new();
        let mut from_dyn = Vec::new();
        for s in sigs {
            let fname = &s.name;
            let args: Vec<&Ident> = s.params.iter().map(|(p, _)| p).collect();
            let dyn_sig = signature(cx, s, module, Shape::Dyn);
            let static_sig = signature(cx, s, module, Shape::Static);
            decls.push(quote!(#dyn_sig;));
            to_dyn.push(boxed(
                &dyn_sig,
                s.flags.is_async,
                quote!(<_T as #name>::#fname(self, #(#args),*)),
            ));
            from_dyn.push(
                quote!(#[inline] #static_sig { <Self as #dyn_name>::#fname(self, #(#args),*) }),
            );
        }
        if let Some((res, flags)) = drop_for {
            let dyn_sig = drop_signature(cx, res, *flags, module, Shape::Dyn);
            let static_sig = drop_signature(cx, res, *flags, module, Shape::Static);
            decls.push(quote!(#dyn_sig;));
            to_dyn.push(boxed(
                &dyn_sig,
                flags.is_async,
                quote!(<_T as #name>::drop(self, rep)),
            ));
            from_dyn.push(quote!(#[inline] #static_sig { <Self as #dyn_name>::drop(self, rep) }));
        }
        for err in converts {
            let sig = convert_signature(cx, err, module);
            let convert = &err.convert;
            decls.push(quote!(#sig;));
            to_dyn.push(quote!(#[inline] #sig { <_T as #name>::#convert(self, err) }));
            from_dyn.push(quote!(#[inline] #sig { <Self as #dyn_name>::#convert(self, err) }));
        }
        let supertraits = if i == 0 { &supers[..] } else { &[][..] };
        let doc = format!(
            " The dyn-compatible form of [`{name}`]: async methods return boxed \
             futures, so `Box<dyn {main}>` and `&mut dyn {main}` can serve the \
             import. Every `{name} + Send` implements it; implement [`{name}`], not \
             this."
        );
        out.extend(quote! {
            #[doc = #doc]
            pub trait #dyn_name: ::core::marker::Send #(+ #supertraits)* { #(#decls)* }

            impl<_T: #name + ::core::marker::Send> #dyn_name for _T { #(#to_dyn)* }

            impl #name for dyn #main + '_ { #(#from_dyn)* }
        });
    }
    out
}

/// A companion method forwarding to the static trait: async results boxed.
fn boxed(sig: &TokenStream, is_async: bool, call: TokenStream) -> TokenStream {
    if is_async {
        quote!(#[inline] #sig { ::std::boxed::Box::pin(#call) })
    } else {
        quote!(#[inline] #sig { #call })
    }
}
