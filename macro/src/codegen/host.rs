//! The import side: a `Host` trait per imported interface, the
//! `<World>Imports` trait for functions the world imports directly, and the
//! `impl Host for &mut _T` forwarding impls.

use super::errors::{Returns, TrappableError};
use super::modules::ModulePath;
use super::signature::{
    Shape, convert_signature, drop_signature, out_ty, params, ret_clause, signature,
};
use super::{FuncSig, Gen, WorldNames, docs, dyn_host, linker, unstable};
use crate::flags::Flags;
use crate::names::{self, NameSet};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::{Function, InterfaceId, TypeDefKind, TypeId, World, WorldKey};

/// Everything generated for one imported interface, pushed into its module:
/// a `Host<Resource>` trait per resource, `Host` (requiring those), and the
/// linker functions.
pub fn interface(cx: &mut Gen<'_>, key: &WorldKey, id: InterfaceId) -> syn::Result<()> {
    let resolve = cx.resolve;
    let iface = &resolve.interfaces[id];
    let module = cx.iface_modules[&id].clone();
    let instance = cx.instance_name(key);
    let funcs: Vec<&Function> = iface.functions.values().collect();
    let resources: Vec<(String, TypeId)> = iface
        .types
        .iter()
        .filter(|(_, ty)| matches!(resolve.types[**ty].kind, TypeDefKind::Resource))
        .map(|(name, ty)| (name.clone(), *ty))
        .collect();
    let trait_name = names::ident("Host");
    let what = format!("WIT interface `{instance}`");
    let resource_what = format!("of WIT interface `{instance}`");
    let own = host_traits(
        cx,
        &Traits {
            iface: Some(id),
            name: &trait_name,
            dyn_name: &names::ident("DynHost"),
            with_store: &names::ident("HostWithStore"),
            what: &what,
            resource_what: &resource_what,
            docs: docs(&iface.docs),
        },
        &funcs,
        &resources,
        &module,
    );
    let OwnTraits {
        tokens,
        sigs,
        resources,
    } = own;
    let gating = unstable::interface_gating(cx, id);
    let linker = linker::interface(
        cx,
        &instance,
        &trait_name,
        &sigs,
        &resources,
        &module,
        gating,
    );
    cx.tree.push(&module, quote! { #tokens #linker });
    Ok(())
}

/// One imported resource's `Host<Resource>` trait (with its `*WithStore`
/// trait and forwarding impl), for an interface's resource or, with
/// `iface` `None`, a resource the world declares itself.
struct ResourceTrait<'r> {
    tokens: TokenStream,
    sigs: Vec<FuncSig<'r>>,
    dyn_trait: dyn_host::DynTrait,
    def: linker::ResourceDef,
}

fn resource<'r>(
    cx: &Gen<'_>,
    iface: Option<InterfaceId>,
    wit_name: &str,
    ty: TypeId,
    funcs: &[&'r Function],
    what: &str,
    module: &ModulePath,
) -> ResourceTrait<'r> {
    let trait_name = cx.resource_trait(ty).clone();
    let mut scope = NameSet::with_reserved(names::reserved::HOST_METHODS);
    let sigs: Vec<FuncSig<'r>> = funcs
        .iter()
        .map(|f| {
            let name = match f.kind {
                wit_parser::FunctionKind::Constructor(_) => "new".to_string(),
                _ => names::snake(f.item_name()),
            };
            let mut sig = FuncSig::new(f, scope.claim(name));
            sig.owner = Some(trait_name.clone());
            sig.returns = cx.returns(iface, f, module);
            sig.flags = cx.func_flags(iface, f);
            sig.store_trait = sig.flags.store.then(|| cx.store_trait(ty).clone());
            sig
        })
        .collect();
    let drop_flags = cx.import_flags(iface, &format!("[drop]{wit_name}"));
    let spec = HostTrait {
        name: &trait_name,
        what,
        docs: docs(&cx.resolve.types[ty].docs),
        supertraits: &[],
        drop_for: Some((cx.type_ident(ty), drop_flags)),
        converts: Vec::new(),
        with_store: cx.store_trait(ty),
    };
    let refs: Vec<&FuncSig<'_>> = sigs.iter().collect();
    let tokens = host_trait(cx, &spec, &refs, module);
    let dyn_trait = companion(&spec, cx.dyn_trait(ty).clone());
    ResourceTrait {
        tokens,
        sigs,
        dyn_trait,
        def: linker::ResourceDef {
            wit_name: wit_name.to_string(),
            ty: cx.type_ident(ty).clone(),
            host_trait: trait_name,
            drop_flags,
            gate: cx.gate(&cx.resolve.types[ty].stability),
        },
    }
}

/// `sigs` but those flagged `store`.
fn without_store<'a, 'r>(sigs: Vec<&'a FuncSig<'r>>) -> Vec<&'a FuncSig<'r>> {
    sigs.into_iter().filter(|s| !s.flags.store).collect()
}

/// `<World>Imports` (requiring a `Host<Resource>` trait per resource the
/// world declares), when the world imports functions or resources directly.
pub fn world_imports<'r>(
    cx: &Gen<'_>,
    names: &WorldNames,
    world: &World,
    funcs: &[&'r Function],
    world_resources: &[(String, TypeId)],
) -> OwnTraits<'r> {
    if funcs.is_empty() && world_resources.is_empty() {
        return OwnTraits {
            tokens: TokenStream::new(),
            sigs: Vec::new(),
            resources: Vec::new(),
        };
    }
    let what = format!("the functions world `{}` imports", world.name);
    let resource_what = format!("of world `{}`", world.name);
    let doc = format!(" The functions world `{}` imports directly.", world.name);
    host_traits(
        cx,
        &Traits {
            iface: None,
            name: &names.imports,
            dyn_name: &names.dyn_imports,
            with_store: &names.imports_with_store,
            what: &what,
            resource_what: &resource_what,
            docs: quote!(#[doc = #doc]),
        },
        funcs,
        world_resources,
        &ModulePath::root(),
    )
}

/// The names and words of one importer's traits: an interface's `Host`
/// family, or the world's `<World>Imports` family.
struct Traits<'s> {
    /// The interface (`None`: the world's own imports).
    iface: Option<InterfaceId>,
    name: &'s Ident,
    dyn_name: &'s Ident,
    with_store: &'s Ident,
    /// What the main trait serves, for diagnostics.
    what: &'s str,
    /// How a resource's diagnostics name the importer (`of world `w``).
    resource_what: &'s str,
    docs: TokenStream,
}

/// The traits of one importer and what its linker needs.
pub struct OwnTraits<'r> {
    /// The main trait, a `Host<Resource>` trait per resource (requiring
    /// them), their `*WithStore` traits and dyn companions.
    pub tokens: TokenStream,
    /// Every function to link: the importer's own, then each resource's.
    pub sigs: Vec<FuncSig<'r>>,
    pub resources: Vec<linker::ResourceDef>,
}

/// The traits serving `funcs` (free functions and resource functions
/// alike) and `resources`, all of one importer.
fn host_traits<'r>(
    cx: &Gen<'_>,
    spec: &Traits<'_>,
    funcs: &[&'r Function],
    resources: &[(String, TypeId)],
    module: &ModulePath,
) -> OwnTraits<'r> {
    let free: Vec<&Function> = funcs
        .iter()
        .copied()
        .filter(|f| f.kind.resource().is_none())
        .collect();
    let mut sigs = signatures(cx, &free, spec.iface, module, spec.with_store);
    let mut tokens = TokenStream::new();
    let mut defs = Vec::new();
    // Each resource's dyn companion, and how many of `sigs` (after the
    // importer's own functions) are its methods.
    let mut dyn_traits = Vec::new();
    for (wit_name, ty) in resources {
        let rfuncs: Vec<&Function> = funcs
            .iter()
            .copied()
            .filter(|f| f.kind.resource() == Some(*ty))
            .collect();
        let what = format!("resource `{wit_name}` {}", spec.resource_what);
        let r = resource(cx, spec.iface, wit_name, *ty, &rfuncs, &what, module);
        tokens.extend(r.tokens);
        dyn_traits.push((r.dyn_trait, r.sigs.len()));
        defs.push(r.def);
        sigs.extend(r.sigs);
    }
    let supertraits: Vec<Ident> = defs.iter().map(|r| r.host_trait.clone()).collect();
    let main = HostTrait {
        name: spec.name,
        what: spec.what,
        docs: spec.docs.clone(),
        supertraits: &supertraits,
        drop_for: None,
        converts: converts(&sigs),
        with_store: spec.with_store,
    };
    let free_sigs: Vec<&FuncSig<'_>> = sigs.iter().filter(|s| s.owner.is_none()).collect();
    tokens.extend(host_trait(cx, &main, &free_sigs, module));
    if sigs.iter().any(|s| s.flags.is_async && !s.flags.store)
        || defs.iter().any(|r| r.drop_flags.is_async)
    {
        // Split `sigs` back into the importer's own and each resource's;
        // functions flagged `store` are not methods, so not in the companions.
        let own = free_sigs.len();
        let mut groups = vec![(
            companion(&main, spec.dyn_name.clone()),
            without_store(free_sigs),
        )];
        let mut rest = sigs[own..].iter();
        for (t, n) in dyn_traits {
            groups.push((t, without_store(rest.by_ref().take(n).collect())));
        }
        tokens.extend(dyn_host::companions(cx, &groups, module));
    }
    OwnTraits {
        tokens,
        sigs,
        resources: defs,
    }
}

/// Rust names for the functions of one trait, distinct from each other.
/// `iface` is the interface the functions belong to (`None` for the world's
/// own imports); it decides how each returns. Functions flagged `store` go
/// to `store_trait`.
pub fn signatures<'r>(
    cx: &Gen<'_>,
    funcs: &[&'r Function],
    iface: Option<InterfaceId>,
    module: &ModulePath,
    store_trait: &Ident,
) -> Vec<FuncSig<'r>> {
    let mut scope = NameSet::with_reserved(names::reserved::HOST_METHODS);
    funcs
        .iter()
        .map(|f| {
            let mut sig = FuncSig::new(f, scope.claim(names::snake(&f.name)));
            sig.returns = cx.returns(iface, f, module);
            sig.flags = cx.func_flags(iface, f);
            sig.store_trait = sig.flags.store.then(|| store_trait.clone());
            sig
        })
        .collect()
}

/// What the dyn companion `dyn_name` of the trait `spec` describes needs.
fn companion(spec: &HostTrait<'_>, dyn_name: Ident) -> dyn_host::DynTrait {
    dyn_host::DynTrait {
        name: spec.name.clone(),
        dyn_name,
        drop_for: spec.drop_for.map(|(res, flags)| (res.clone(), flags)),
        converts: spec.converts.iter().map(|e| (*e).clone()).collect(),
    }
}

/// What distinguishes one generated host trait from another.
pub struct HostTrait<'s> {
    pub name: &'s Ident,
    /// What the trait serves, for diagnostics ("WIT interface `a:b/c`").
    what: &'s str,
    docs: TokenStream,
    /// The `Host<Resource>` traits an interface's `Host` requires.
    supertraits: &'s [Ident],
    /// For a resource's trait: the resource type, whose `drop` it declares,
    /// and the flags of that `drop`.
    pub drop_for: Option<(&'s Ident, Flags)>,
    /// The Rust error types whose `convert_*` the trait declares.
    pub converts: Vec<&'s TrappableError>,
    /// The name of the trait that takes the functions flagged `store`.
    pub with_store: &'s Ident,
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
    spec: &HostTrait<'_>,
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
        with_store,
    } = spec;
    let (store_sigs, sigs): (Vec<&FuncSig<'_>>, Vec<&FuncSig<'_>>) =
        sigs.iter().partition(|s| s.flags.store);
    let with_store = store_trait(cx, (with_store, what), name, &store_sigs, module);
    let sigs = &sigs[..];
    let drop = drop_for.map(|(res, flags)| drop_signature(cx, res, flags, module, Shape::Static));
    let drop_doc = " Called when the last handle to `rep` is dropped: release what it holds.";
    let methods = sigs.iter().map(|s| {
        let fdocs = docs(&s.func.docs);
        let sig = signature(cx, s, module, Shape::Static);
        quote! { #fdocs #sig; }
    });
    let drop_decl = drop.as_ref().map(|d| quote!(#[doc = #drop_doc] #d;));
    // One `convert_*` per Rust error type the interface's functions (its
    // resources' included) return; it lives on `Host`, not on resource traits.
    let convert_doc = " Turns the host's error into the WIT error the guest receives, \
                       or into a trap (`Err`).";
    let convert_decls = converts.iter().map(|err| {
        let sig = convert_signature(cx, err, module);
        quote!(#[doc = #convert_doc] #sig;)
    });
    let forwarding = if sigs.is_empty()
        && store_sigs.is_empty()
        && drop_for.is_none()
        && converts.is_empty()
        && supertraits.is_empty()
    {
        // A types-only interface: every type serves it, so nobody has to
        // write an empty impl. (An interface whose functions all take the
        // store keeps an empty `Host` to implement, as with wasmtime's
        // `bindgen!`, so `impl Host for State {}` means the same in both.)
        quote! { impl<_T: ?::core::marker::Sized> #name for _T {} }
    } else if cx.opts.skip_mut_forwarding_impls {
        TokenStream::new()
    } else {
        let methods = sigs.iter().map(|s| {
            let fname = &s.name;
            let args = s.params.iter().map(|(p, _)| p);
            let sig = signature(cx, s, module, Shape::Static);
            quote! {
                #[inline]
                #sig { #name::#fname(*self, #(#args),*) }
            }
        });
        let drop_fwd = drop
            .as_ref()
            .map(|d| quote!(#[inline] #d { #name::drop(*self, rep) }));
        let convert_fwds = converts.iter().map(|err| {
            let sig = convert_signature(cx, err, module);
            let convert = &err.convert;
            quote!(#[inline] #sig { #name::#convert(*self, err) })
        });
        quote! {
            impl<_T: #name + ?::core::marker::Sized> #name for &mut _T { #(#methods)* #drop_fwd #(#convert_fwds)* }
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
        #with_store
    }
}

/// The trait taking the functions of `host` flagged `store`: implemented by
/// a `HasData` marker, each function an associated function receiving a
/// `hostgen::Access` (the store, and the way to the host).
fn store_trait(
    cx: &Gen<'_>,
    (name, what): (&Ident, &str),
    host: &Ident,
    sigs: &[&FuncSig<'_>],
    module: &ModulePath,
) -> TokenStream {
    if sigs.is_empty() {
        return TokenStream::new();
    }
    let wt = &cx.module_wt(module);
    let hg = &cx.hg;
    let methods = sigs.iter().map(|s| {
        let fdocs = docs(&s.func.docs);
        let fname = &s.name;
        let params = params(cx, s, module);
        let ret = ret_clause(&out_ty(cx, s, module), s.flags.is_async);
        let allow = s.lint_allow();
        let bound = if s.flags.is_async {
            quote!(_T: ::core::marker::Send + 'static)
        } else {
            quote!(_T: 'static)
        };
        // A WIT `async func` runs concurrently: it gets an `Accessor`, which
        // lends the store only between its awaits.
        let first = if s.flags.concurrent {
            quote!(accessor: &#wt::component::Accessor<_T, Self>)
        } else {
            quote!(host: #hg::Access<'_, _T, Self>)
        };
        quote! {
            #fdocs
            #allow
            fn #fname<#bound>(#first, #(#params),*) #ret;
        }
    });
    let doc = format!(
        " The functions of [`{host}`]'s WIT flagged `store`: each receives a \
         `hostgen::Access`, which reaches the store and (`get`) the host. \
         Implement it for the `HasData` marker passed to `add_to_linker` (such \
         as `wasmtime::component::HasSelf<MyState>`)."
    );
    let message = format!("`{{Self}}` does not implement the functions of {what} flagged `store`");
    let label = format!("this marker must implement `{name}`");
    let note = format!(
        "implement `{name}` for the `HasData` marker given to `add_to_linker` \
         (such as `wasmtime::component::HasSelf<State>`)"
    );
    quote! {
        #[doc = #doc]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name: #wt::component::HasData { #(#methods)* }
    }
}
