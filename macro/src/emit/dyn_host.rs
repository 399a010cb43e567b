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
//! A companion's async method cannot return `impl Future`; it takes a
//! `slot: SlotRef` instead, puts the host's future there (which polls it
//! once) and returns the `Placed` proof. The static side's `in_slot` lends
//! the room, a buffer reused from a per-thread pool, so the dyn path
//! allocates nothing per call unless a host's future outgrows the room
//! (`hostgen::__private::SLOT_BYTES`), which is then boxed.

use super::signature::{Shape, convert_signature, drop_signature, signature};
use crate::func_flags::FuncFlags;
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
    pub drop_for: Option<(Ident, FuncFlags)>,
    /// The `convert_*` methods of the trait.
    pub converts: Vec<TrappableError>,
}

/// The companions of `groups`: the first is the main trait (`Host` or
/// `<World>Imports`), the rest its resource traits, each with its methods.
pub fn companions(
    model: &Model<'_>,
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
            let dyn_sig = signature(model, s, module, Shape::Dyn, None);
            let static_sig = signature(model, s, module, Shape::Static, None);
            decls.push(quote!(#dyn_sig;));
            to_dyn.push(boxed(
                &dyn_sig,
                s.flags.is_async,
                quote!(<_T as #name>::#fname(self, #(#args),*)),
            ));
            from_dyn.push(from_dyn_method(
                model,
                &static_sig,
                s.flags.is_async,
                quote!(<Self as #dyn_name>::#fname),
                quote!(#(#args,)*),
            ));
        }
        if let Some((res, flags)) = drop_for {
            let dyn_sig = drop_signature(model, res, *flags, module, (Shape::Dyn, None));
            let static_sig = drop_signature(model, res, *flags, module, (Shape::Static, None));
            decls.push(quote!(#dyn_sig;));
            to_dyn.push(boxed(
                &dyn_sig,
                flags.is_async,
                quote!(<_T as #name>::drop(self, rep)),
            ));
            from_dyn.push(from_dyn_method(
                model,
                &static_sig,
                flags.is_async,
                quote!(<Self as #dyn_name>::drop),
                quote!(rep,),
            ));
        }
        for err in converts {
            let sig = convert_signature(model, err, module);
            let convert = &err.convert;
            decls.push(quote!(#sig;));
            to_dyn.push(quote!(#[inline] #sig { <_T as #name>::#convert(self, err) }));
            from_dyn.push(quote!(#[inline] #sig { <Self as #dyn_name>::#convert(self, err) }));
        }
        let supertraits = if i == 0 { &supers[..] } else { &[][..] };
        let doc = format!(
            " The dyn-compatible form of [`{name}`], so `Box<dyn {main}>` and \
             `&mut dyn {main}` can serve the import: async methods put their future \
             in a `slot` the caller lends (no allocation per call). Every \
             `{name} + Send` implements it; implement [`{name}`], not this."
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

/// A companion method forwarding to the static trait: an async one puts
/// the static method's future in its `slot`.
fn boxed(sig: &TokenStream, is_async: bool, call: TokenStream) -> TokenStream {
    if is_async {
        quote!(#[inline] #sig { slot.put(#call) })
    } else {
        quote!(#[inline] #sig { #call })
    }
}

/// A static method of `dyn DynX` forwarding to the companion's `callee`
/// with `args` (each followed by a comma): an async one lends the companion
/// a slot in its own future.
fn from_dyn_method(
    model: &Model<'_>,
    sig: &TokenStream,
    is_async: bool,
    callee: TokenStream,
    args: TokenStream,
) -> TokenStream {
    if is_async {
        let hg = &model.hg;
        quote!(#[inline] #sig { #hg::__private::in_slot(move |slot| #callee(self, #args slot)) })
    } else {
        quote!(#[inline] #sig { #callee(self, #args) })
    }
}
