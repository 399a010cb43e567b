//! Dyn-compatible companions of host traits with async methods.
//!
//! A trait whose methods return `impl Future` cannot be a trait object, so
//! for each such trait `X` (an interface's `Host`, its `Host<Resource>`
//! traits, or `<World>Imports`) hostgen also emits `DynX`, whose async
//! methods are dyn-compatible (below), and two impls:
//!
//! * `impl<T: X + Send> DynX for T`: any host is a dyn host;
//! * `impl X for dyn DynMain + '_`: a `dyn DynHost` (through `&mut`, or in a
//!   `Box`) serves the import, so a getter may return
//!   `&mut dyn DynHost` and a plugin host be picked at run time.
//!
//! A companion's async method cannot return `impl Future`; it takes its
//! parameters as one tuple `args` and a `slot: SlotRef`, puts the host's
//! future in the slot (which polls it once) and returns the `Placed`
//! proof. The static side's `InSlotCall` future lends the room, a buffer
//! reused from a per-thread pool, so the dyn path allocates nothing per
//! call unless a host's future outgrows the room
//! (`hostgen::__private::SLOT_BYTES`), which is then boxed.

use super::signature::{
    Shape, convert_signature, drop_param_ty, drop_signature, out_ty, param_types, params, signature,
};
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
            decls.push(quote!(#dyn_sig;));
            to_dyn.push(to_dyn_method(
                &dyn_sig,
                s.flags.is_async,
                quote!(#(#args,)*),
                quote!(<_T as #name>::#fname),
            ));
            let call = DynCall {
                callee: quote!(<Self as #dyn_name>::#fname),
                args: quote!(#(#args,)*),
                types: param_types(model, s, module),
                out: out_ty(model, s, module),
            };
            from_dyn.push(if s.flags.is_async {
                let allow = s.lint_allow();
                let params = params(model, s, module);
                call.async_method(model, quote!(#allow fn #fname(&mut self, #(#params),*)))
            } else {
                let static_sig = signature(model, s, module, Shape::Static, None);
                call.sync_method(&static_sig)
            });
        }
        if let Some((res, flags)) = drop_for {
            let dyn_sig = drop_signature(model, res, *flags, module, (Shape::Dyn, None));
            decls.push(quote!(#dyn_sig;));
            to_dyn.push(to_dyn_method(
                &dyn_sig,
                flags.is_async,
                quote!(rep,),
                quote!(<_T as #name>::drop),
            ));
            let result = model.trap_result(module);
            let call = DynCall {
                callee: quote!(<Self as #dyn_name>::drop),
                args: quote!(rep,),
                types: vec![drop_param_ty(model, res, module)],
                out: quote!(#result<()>),
            };
            from_dyn.push(if flags.is_async {
                let rep = &call.types[0];
                call.async_method(model, quote!(fn drop(&mut self, rep: #rep)))
            } else {
                let static_sig = drop_signature(model, res, *flags, module, (Shape::Static, None));
                call.sync_method(&static_sig)
            });
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

            #[allow(refining_impl_trait)]
            impl #name for dyn #main + '_ { #(#from_dyn)* }
        });
    }
    out
}

/// A companion method forwarding to the static method `callee` with
/// `args` (each followed by a comma): an async one unpacks its `args`
/// tuple and puts the static method's future in its `slot`.
fn to_dyn_method(
    sig: &TokenStream,
    is_async: bool,
    args: TokenStream,
    callee: TokenStream,
) -> TokenStream {
    if is_async {
        quote!(#[inline] #sig { let (#args) = args; slot.put(#callee(self, #args)) })
    } else {
        quote!(#[inline] #sig { #callee(self, #args) })
    }
}

/// A call, in `impl X for dyn DynX`, of the companion method `callee`.
struct DynCall {
    callee: TokenStream,
    /// The parameters' names, each followed by a comma.
    args: TokenStream,
    /// The parameters' types.
    types: Vec<TokenStream>,
    /// What the method produces (its future's output, when async).
    out: TokenStream,
}

impl DynCall {
    /// The synchronous method with signature `sig`: a plain call.
    fn sync_method(&self, sig: &TokenStream) -> TokenStream {
        let Self { callee, args, .. } = self;
        quote!(#[inline] #sig { #callee(self, #args) })
    }

    /// The async method whose signature without its return is `head`: it
    /// lends the companion a slot in its own future. That future is named,
    /// `InSlotCall` (a refinement of the trait's `impl Future`), holding the
    /// companion method as a fn pointer: no closure and no opaque type for
    /// rustc to infer and prove `Send` per method. The `'_` there is
    /// `self`'s: a host method's parameters are owned (`types::ty`; only
    /// export calls take references), so nothing else needs a lifetime.
    fn async_method(&self, model: &Model<'_>, head: TokenStream) -> TokenStream {
        let hg = &model.hg;
        let Self {
            callee,
            args,
            types,
            out,
        } = self;
        quote! {
            #[inline]
            #head -> #hg::__private::InSlotCall<'_, Self, (#(#types,)*), #out> {
                #hg::__private::in_slot_call(self, (#args), #callee)
            }
        }
    }
}
