//! The import side: a `Host` trait per imported interface, the
//! `<World>Imports` trait for functions the world imports directly, and the
//! `impl Host for &mut _T` forwarding impls.

use super::errors::{Returns, TrappableError};
use super::modules::ModulePath;
use super::types::ty;
use super::{FuncSig, Gen, WorldNames, docs, linker};
use crate::names::{self, NameSet};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::{Function, InterfaceId, TypeDefKind, World, WorldKey};

/// Everything generated for one imported interface, pushed into its module:
/// a `Host<Resource>` trait per resource, `Host` (requiring those), and the
/// linker functions.
pub fn interface(cx: &mut Gen<'_>, key: &WorldKey, id: InterfaceId) -> syn::Result<()> {
    let resolve = cx.resolve;
    let iface = &resolve.interfaces[id];
    let module = cx.iface_modules[&id].clone();
    let instance = cx.instance_name(key);
    let free: Vec<&Function> = iface
        .functions
        .values()
        .filter(|f| f.kind.resource().is_none())
        .collect();
    let mut sigs = signatures(cx, &free, Some(id), &module);
    let mut items = TokenStream::new();
    let mut resources = Vec::new();
    for (wit_name, ty) in &iface.types {
        if !matches!(resolve.types[*ty].kind, TypeDefKind::Resource) {
            continue;
        }
        let trait_name = cx.resource_trait(*ty).clone();
        let funcs: Vec<&Function> = iface
            .functions
            .values()
            .filter(|f| f.kind.resource() == Some(*ty))
            .collect();
        let mut scope = NameSet::with_reserved(&["drop"]);
        let mut rsigs: Vec<FuncSig<'_>> = funcs
            .iter()
            .map(|f| {
                let name = match f.kind {
                    wit_parser::FunctionKind::Constructor(_) => "new".to_string(),
                    _ => names::snake(f.item_name()),
                };
                let mut sig = FuncSig::new(f, scope.claim(name));
                sig.owner = Some(trait_name.clone());
                sig.returns = cx.returns(Some(id), f, &module);
                sig
            })
            .collect();
        let what = format!("resource `{wit_name}` of WIT interface `{instance}`");
        let trait_docs = docs(&resolve.types[*ty].docs);
        let res = HostTrait {
            name: &trait_name,
            what: &what,
            docs: trait_docs,
            supertraits: &[],
            drop_for: Some(cx.type_ident(*ty)),
            converts: Vec::new(),
        };
        items.extend(host_trait(cx, res, &rsigs, &module));
        resources.push(linker::ResourceDef {
            wit_name: wit_name.clone(),
            ty: cx.type_ident(*ty).clone(),
            host_trait: trait_name.clone(),
        });
        sigs.append(&mut rsigs);
    }
    let supertraits: Vec<Ident> = resources.iter().map(|r| r.host_trait.clone()).collect();
    let trait_name = names::ident("Host");
    let what = format!("WIT interface `{instance}`");
    let host = HostTrait {
        name: &trait_name,
        what: &what,
        docs: docs(&iface.docs),
        supertraits: &supertraits,
        drop_for: None,
        converts: converts(&sigs),
    };
    let free_sigs: Vec<_> = sigs.iter().filter(|s| s.owner.is_none()).collect();
    let host_trait = host_trait_refs(cx, host, &free_sigs, &module);
    let linker = linker::interface(cx, &instance, &trait_name, &sigs, &resources, &module);
    cx.tree.push(&module, quote! { #items #host_trait #linker });
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
    let sigs = signatures(cx, funcs, None, &ModulePath::root());
    let what = format!("the functions world `{}` imports", world.name);
    let doc = format!(" The functions world `{}` imports directly.", world.name);
    let spec = HostTrait {
        name: &names.imports,
        what: &what,
        docs: quote!(#[doc = #doc]),
        supertraits: &[],
        drop_for: None,
        converts: converts(&sigs),
    };
    Ok(host_trait(cx, spec, &sigs, &ModulePath::root()))
}

/// Rust names for the functions of one trait, distinct from each other.
/// `iface` is the interface the functions belong to (`None` for the world's
/// own imports); it decides how each returns.
pub fn signatures<'r>(
    cx: &Gen<'_>,
    funcs: &[&'r Function],
    iface: Option<InterfaceId>,
    module: &ModulePath,
) -> Vec<FuncSig<'r>> {
    let mut scope = NameSet::with_reserved(&["drop"]);
    funcs
        .iter()
        .map(|f| {
            let mut sig = FuncSig::new(f, scope.claim(names::snake(&f.name)));
            sig.returns = cx.returns(iface, f, module);
            sig
        })
        .collect()
}

/// The return type of a host method: the WIT result, or `()`.
pub fn ret_ty(cx: &Gen<'_>, f: &Function, module: &ModulePath) -> TokenStream {
    super::types::opt_ty(cx, f.result.as_ref(), module)
}

/// `-> T` for a host method, nothing when the function returns nothing and
/// cannot trap.
fn ret_clause(cx: &Gen<'_>, s: &FuncSig<'_>, module: &ModulePath) -> TokenStream {
    let wt = &cx.module_wt(module);
    match (&s.returns, &s.func.result) {
        (Returns::Mapped { ok, err }, _) => {
            let err = &err.rust;
            quote!(-> ::core::result::Result<#ok, #err>)
        }
        (Returns::Trappable, _) => {
            let t = ret_ty(cx, s.func, module);
            quote!(-> #wt::Result<#t>)
        }
        (Returns::Plain, Some(t)) => {
            let t = ty(cx, t, module);
            quote!(-> #t)
        }
        (Returns::Plain, None) => TokenStream::new(),
    }
}

/// What distinguishes one generated host trait from another.
struct HostTrait<'s> {
    name: &'s Ident,
    /// What the trait serves, for diagnostics ("WIT interface `a:b/c`").
    what: &'s str,
    docs: TokenStream,
    /// The `Host<Resource>` traits an interface's `Host` requires.
    supertraits: &'s [Ident],
    /// For a resource's trait: the resource type, whose `drop` it declares.
    drop_for: Option<&'s Ident>,
    /// The Rust error types whose `convert_*` the trait declares.
    converts: Vec<&'s TrappableError>,
}

/// The distinct trappable error types `sigs` return.
fn converts<'s>(sigs: &'s [FuncSig<'_>]) -> Vec<&'s TrappableError> {
    let mut out: Vec<&TrappableError> = Vec::new();
    for s in sigs {
        if let Returns::Mapped { err, .. } = &s.returns
            && !out.iter().any(|e| e.convert == err.convert)
        {
            out.push(err);
        }
    }
    out
}

fn host_trait(
    cx: &Gen<'_>,
    spec: HostTrait<'_>,
    sigs: &[FuncSig<'_>],
    module: &ModulePath,
) -> TokenStream {
    let refs: Vec<&FuncSig<'_>> = sigs.iter().collect();
    host_trait_refs(cx, spec, &refs, module)
}

fn host_trait_refs(
    cx: &Gen<'_>,
    spec: HostTrait<'_>,
    sigs: &[&FuncSig<'_>],
    module: &ModulePath,
) -> TokenStream {
    let HostTrait {
        name,
        what,
        docs: trait_docs,
        supertraits,
        drop_for,
        converts,
    } = spec;
    let wt = &cx.module_wt(module);
    // `fn name(&mut self, a: A, ..) -> R`, shared by the trait and the
    // forwarding impl.
    let signature = |s: &FuncSig<'_>| {
        let fname = &s.name;
        let params = s.params.iter().map(|(p, t)| {
            let t = ty(cx, t, module);
            quote!(#p: #t)
        });
        let ret = ret_clause(cx, s, module);
        let allow = s.lint_allow();
        quote! { #allow fn #fname(&mut self, #(#params),*) #ret }
    };
    let drop = drop_for.map(|res| {
        let doc = " Called when the last handle to `rep` is dropped: release what it holds.";
        quote! { #[doc = #doc] fn drop(&mut self, rep: #wt::component::Resource<#res>) -> #wt::Result<()> }
    });
    let methods = sigs.iter().map(|s| {
        let fdocs = docs(&s.func.docs);
        let sig = signature(s);
        quote! { #fdocs #sig; }
    });
    let drop_decl = drop.as_ref().map(|d| quote!(#d;));
    // One `convert_*` per Rust error type the interface's functions (its
    // resources' included) return; it lives on `Host`, not on resource traits.
    let converts: Vec<(&Ident, TokenStream)> = converts
        .iter()
        .map(|err| {
            let TrappableError { rust, wit, convert } = err;
            let doc = " Turns the host's error into the WIT error the guest receives, \
                       or into a trap (`Err`).";
            let sig = quote! {
                #[doc = #doc]
                fn #convert(&mut self, err: #rust) -> #wt::Result<#wit>
            };
            (convert, sig)
        })
        .collect();
    let convert_decls = converts.iter().map(|(_, c)| quote!(#c;));
    let convert_fwds = converts
        .iter()
        .map(|(convert, c)| quote!(#[inline] #c { #name::#convert(*self, err) }));
    let forwarding = if sigs.is_empty()
        && drop_for.is_none()
        && converts.is_empty()
        && supertraits.is_empty()
    {
        // A types-only interface: every type serves it, so nobody has to
        // write an empty impl.
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
        let drop_fwd = drop
            .as_ref()
            .map(|d| quote!(#[inline] #d { #name::drop(*self, rep) }));
        quote! {
            impl<_T: #name + ?Sized> #name for &mut _T { #(#methods)* #drop_fwd #(#convert_fwds)* }
        }
    };
    let message = format!("`{{Self}}` does not implement the host side of {what}");
    let label = format!("this type must implement `{name}` to serve {what}");
    let note = format!(
        "implement `{name}` for this type; a getter passed to `add_to_linker*` must return \
         a type that implements it (or `&mut` to one)"
    );
    quote! {
        #trait_docs
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name: #(#supertraits +)* { #(#methods)* #drop_decl #(#convert_decls)* }
        #forwarding
    }
}
