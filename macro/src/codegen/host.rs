//! The import side: a `Host` trait per imported interface, the
//! `<World>Imports` trait for functions the world imports directly, and the
//! `impl Host for &mut _T` forwarding impls.

use super::modules::ModulePath;
use super::types::ty;
use super::{FuncSig, Gen, WorldNames, docs, linker};
use crate::names::{self, NameSet};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::{Function, InterfaceId, World, WorldKey};

/// Everything generated for one imported interface, pushed into its module.
pub fn interface(cx: &mut Gen<'_>, key: &WorldKey, id: InterfaceId) -> syn::Result<()> {
    let iface = &cx.resolve.interfaces[id];
    let module = cx.iface_modules[&id].clone();
    let instance = cx.instance_name(key);
    let funcs: Vec<&Function> = iface.functions.values().collect();
    let sigs = signatures(&funcs);
    let trait_name = names::ident("Host");
    let trait_docs = docs(&iface.docs);
    let what = format!("WIT interface `{instance}`");
    let host_trait = host_trait(cx, &trait_name, &sigs, &module, &what, trait_docs);
    let linker = linker::interface(cx, &instance, &trait_name, &sigs, &module);
    cx.tree.push(&module, quote! { #host_trait #linker });
    Ok(())
}

/// `<World>Imports` and its linker functions, when the world imports
/// functions directly.
pub fn world_imports(
    cx: &mut Gen<'_>,
    names: &WorldNames,
    world: &World,
    funcs: &[&Function],
) -> syn::Result<TokenStream> {
    if funcs.is_empty() {
        return Ok(TokenStream::new());
    }
    let sigs = signatures(funcs);
    let what = format!("the functions world `{}` imports", world.name);
    let doc = format!(" The functions world `{}` imports directly.", world.name);
    let trait_docs = quote!(#[doc = #doc]);
    Ok(host_trait(
        cx,
        &names.imports,
        &sigs,
        &ModulePath::root(),
        &what,
        trait_docs,
    ))
}

/// Rust names for the functions of one trait, distinct from each other.
pub fn signatures<'r>(funcs: &[&'r Function]) -> Vec<FuncSig<'r>> {
    let mut scope = NameSet::default();
    funcs
        .iter()
        .map(|f| FuncSig::new(f, scope.claim(names::snake(&f.name))))
        .collect()
}

/// The return type of a host method: the WIT result, or `()`.
pub fn ret_ty(cx: &Gen<'_>, f: &Function, module: &ModulePath) -> TokenStream {
    super::types::opt_ty(cx, f.result.as_ref(), module)
}

/// `-> T` for a method signature, nothing when the function returns nothing.
fn ret_clause(cx: &Gen<'_>, f: &Function, module: &ModulePath) -> TokenStream {
    match &f.result {
        Some(t) => {
            let t = ty(cx, t, module);
            quote!(-> #t)
        }
        None => TokenStream::new(),
    }
}

fn host_trait(
    cx: &Gen<'_>,
    name: &Ident,
    sigs: &[FuncSig<'_>],
    module: &ModulePath,
    what: &str,
    trait_docs: TokenStream,
) -> TokenStream {
    // `fn name(&mut self, a: A, ..) -> R`, shared by the trait and the
    // forwarding impl.
    let signature = |s: &FuncSig<'_>| {
        let fname = &s.name;
        let params = s.params.iter().map(|(p, t)| {
            let t = ty(cx, t, module);
            quote!(#p: #t)
        });
        let ret = ret_clause(cx, s.func, module);
        let allow = s.lint_allow();
        quote! { #allow fn #fname(&mut self, #(#params),*) #ret }
    };
    let methods = sigs.iter().map(|s| {
        let fdocs = docs(&s.func.docs);
        let sig = signature(s);
        quote! { #fdocs #sig; }
    });
    let forwarding = if sigs.is_empty() {
        // Nothing to implement: every type serves an interface without
        // functions, so nobody has to write an empty impl.
        quote! { impl<_T: ?Sized> #name for _T {} }
    } else if cx.opts.skip_mut_forwarding_impls {
        TokenStream::new()
    } else {
        let methods = sigs.iter().map(|s| {
            let fname = &s.name;
            let args = s.params.iter().map(|(p, _)| p);
            let sig = signature(s);
            quote! {
                #[inline]
                #sig { #name::#fname(*self, #(#args),*) }
            }
        });
        quote! {
            impl<_T: #name + ?Sized> #name for &mut _T { #(#methods)* }
        }
    };
    let message = format!("`{{Self}}` does not implement the host side of {what}");
    let label = format!("this type must implement `{name}` to serve {what}");
    let note = format!(
        "implement `{name}` for it, or pass a getter that returns `&mut` to a type that does"
    );
    quote! {
        #trait_docs
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name { #(#methods)* }
        #forwarding
    }
}
