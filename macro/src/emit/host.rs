//! The import side: a `Host` trait per imported interface, the
//! `<World>Imports` trait for functions the world imports directly, and the
//! `impl Host for &mut _T` forwarding impls.

use super::signature::{
    Shape, convert_signature, drop_signature, out_ty, params, ret_clause, signature, with_id,
};
use super::{docs, dyn_host};
use crate::func_flags::FuncFlags;
use crate::model::func::TrappableError;
use crate::model::importer::{Importer, ResourceDef};
use crate::model::named::NamedImport;
use crate::model::paths::ModulePath;
use crate::model::{FuncSig, Model};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::{InterfaceId, World, WorldKey};

/// The traits of one imported interface, for its module: a
/// `Host<Resource>` trait per resource, and `Host` (requiring those).
pub fn interface(model: &Model<'_>, key: &WorldKey, id: InterfaceId) -> TokenStream {
    let importer = &model.importers[&id];
    let instance = model.instance_name(key);
    let what = format!("WIT interface `{instance}`");
    let resource_what = format!("of WIT interface `{instance}`");
    host_traits(
        model,
        &Traits {
            what: &what,
            resource_what: &resource_what,
            docs: docs(&model.resolve.interfaces[id].docs),
            id: None,
        },
        importer,
    )
}

/// The traits of a `named_imports:` entry, for its `named_imports::` module:
/// the interface's, every method taking the id after its receiver.
pub fn named(model: &Model<'_>, n: &NamedImport<'_>) -> TokenStream {
    let module = &n.importer.module;
    let id = module.to(&ModulePath::root(), &n.id_alias);
    let what = format!("WIT interface `{}` (named imports)", n.wit_name);
    let resource_what = format!("of WIT interface `{}` (named imports)", n.wit_name);
    // The resources' types are the interface's own.
    let uses = n.importer.resources.iter().map(|r| {
        let path = module.to(&n.own_module, &r.ty);
        quote!(pub use #path;)
    });
    let traits = host_traits(
        model,
        &Traits {
            what: &what,
            resource_what: &resource_what,
            docs: docs(&model.resolve.interfaces[n.iface].docs),
            id: Some(id),
        },
        &n.importer,
    );
    quote!(#(#uses)* #traits)
}

/// One imported resource's `Host<Resource>` trait (with its `*WithStore`
/// trait and forwarding impl), for an interface's resource or, with
/// `resource_what` naming the world, a resource the world declares.
fn resource(
    model: &Model<'_>,
    importer: &Importer<'_>,
    r: &ResourceDef,
    (what, id): (&str, Option<&TokenStream>),
) -> (TokenStream, dyn_host::DynTrait) {
    let spec = HostTrait {
        name: &r.host_trait,
        what,
        docs: docs(&model.resolve.types[r.id].docs),
        supertraits: &[],
        // A destructor flagged `store` is in the `*WithStore` trait.
        drop_for: (!r.drop_flags.store).then_some((&r.ty, r.drop_flags)),
        converts: Vec::new(),
        with_store: model.store_trait(r.id),
        store_supertraits: None,
        id,
    };
    let sigs: Vec<&FuncSig<'_>> = importer.of_resource(r).collect();
    let store_drop = r.drop_flags.store.then_some((&r.ty, r.drop_flags));
    let tokens = host_trait(model, &spec, &sigs, store_drop, &importer.module);
    (tokens, companion(&spec, model.dyn_trait(r.id).clone()))
}

/// `sigs` but those flagged `store`.
fn without_store<'a, 'r>(sigs: Vec<&'a FuncSig<'r>>) -> Vec<&'a FuncSig<'r>> {
    sigs.into_iter().filter(|s| !s.flags.store).collect()
}

/// `<World>Imports` (requiring a `Host<Resource>` trait per resource the
/// world declares), when the world imports functions or resources directly.
pub fn world_imports(model: &Model<'_>, world: &World) -> TokenStream {
    let importer = &model.own_imports;
    if importer.sigs.is_empty() && importer.resources.is_empty() {
        return TokenStream::new();
    }
    let what = format!("the functions world `{}` imports", world.name);
    let resource_what = format!("of world `{}`", world.name);
    let doc = format!(" The functions world `{}` imports directly.", world.name);
    host_traits(
        model,
        &Traits {
            what: &what,
            resource_what: &resource_what,
            docs: quote!(#[doc = #doc]),
            id: None,
        },
        importer,
    )
}

/// The words of one importer's traits: an interface's `Host` family, or
/// the world's `<World>Imports` family.
struct Traits<'s> {
    /// What the main trait serves, for diagnostics.
    what: &'s str,
    /// How a resource's diagnostics name the importer (`of world `w``).
    resource_what: &'s str,
    docs: TokenStream,
    /// For a `named_imports:` entry: the id type, every method's first
    /// parameter (and no dyn companions).
    id: Option<TokenStream>,
}

/// The traits of one importer: the main trait, a `Host<Resource>` trait per
/// resource (requiring them), their `*WithStore` traits and dyn companions.
fn host_traits(model: &Model<'_>, spec: &Traits<'_>, importer: &Importer<'_>) -> TokenStream {
    let module = &importer.module;
    let mut tokens = TokenStream::new();
    let mut companions = Vec::new();
    for r in &importer.resources {
        let what = format!("resource `{}` {}", r.wit_name, spec.resource_what);
        let (r_tokens, dyn_trait) = resource(model, importer, r, (&what, spec.id.as_ref()));
        tokens.extend(r_tokens);
        companions.push((dyn_trait, without_store(importer.of_resource(r).collect())));
    }
    let supertraits: Vec<Ident> = importer
        .resources
        .iter()
        .map(|r| r.host_trait.clone())
        .collect();
    // An interface's `HostWithStore<T>` is there even when nothing is
    // flagged `store` (then implemented for every `HasData` marker), as
    // with wasmtime's `bindgen!`, whose world linker bounds every import,
    // `with:`-mapped ones included, by it.
    let store_supertraits: Vec<Ident> = importer
        .resources
        .iter()
        .filter(|r| r.drop_flags.store || importer.of_resource(r).any(|s| s.flags.store))
        .map(|r| model.store_trait(r.id).clone())
        .collect();
    let main = HostTrait {
        name: &importer.host,
        what: spec.what,
        docs: spec.docs.clone(),
        supertraits: &supertraits,
        drop_for: None,
        converts: importer.converts(),
        with_store: &importer.with_store,
        store_supertraits: importer.iface.is_some().then_some(&store_supertraits[..]),
        id: spec.id.as_ref(),
    };
    let own: Vec<&FuncSig<'_>> = importer.own().collect();
    tokens.extend(host_trait(model, &main, &own, None, module));
    if importer.any_async_method() && spec.id.is_none() {
        // Functions flagged `store` are not methods, so not in the
        // companions.
        let mut groups = vec![(
            companion(&main, importer.dyn_host.clone()),
            without_store(own),
        )];
        groups.extend(companions);
        tokens.extend(dyn_host::companions(model, &groups, module));
    }
    tokens
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
    pub drop_for: Option<(&'s Ident, FuncFlags)>,
    /// The Rust error types whose `convert_*` the trait declares.
    pub converts: Vec<&'s TrappableError>,
    /// The name of the trait that takes the functions flagged `store`.
    pub with_store: &'s Ident,
    /// For an interface's `Host`: its `*WithStore` trait is always there,
    /// requiring these resources' `*WithStore` traits.
    pub store_supertraits: Option<&'s [Ident]>,
    /// For a `named_imports:` entry: the id type, every method's first
    /// parameter.
    pub id: Option<&'s TokenStream>,
}

fn host_trait(
    model: &Model<'_>,
    spec: &HostTrait<'_>,
    sigs: &[&FuncSig<'_>],
    store_drop: Option<(&Ident, FuncFlags)>,
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
        store_supertraits,
        id,
    } = spec;
    let (store_sigs, sigs): (Vec<&FuncSig<'_>>, Vec<&FuncSig<'_>>) =
        sigs.iter().partition(|s| s.flags.store);
    let with_store = store_trait(
        model,
        (with_store, what),
        name,
        StoreItems {
            sigs: &store_sigs,
            store_drop,
            always: *store_supertraits,
            id: *id,
        },
        module,
    );
    let sigs = &sigs[..];
    let drop = drop_for
        .map(|(res, flags)| drop_signature(model, res, flags, module, (Shape::Static, *id)));
    let drop_doc = " Called when the last handle to `rep` is dropped: release what it holds.";
    let methods = sigs.iter().map(|s| {
        let fdocs = docs(&s.func.docs);
        let sig = signature(model, s, module, Shape::Static, *id);
        quote! { #fdocs #sig; }
    });
    let drop_decl = drop.as_ref().map(|d| quote!(#[doc = #drop_doc] #d;));
    // One `convert_*` per Rust error type the interface's functions (its
    // resources' included) return; it lives on `Host`, not on resource traits.
    let convert_doc = " Turns the host's error into the WIT error the guest receives, \
                       or into a trap (`Err`).";
    let convert_decls = converts.iter().map(|err| {
        let sig = convert_signature(model, err, module);
        quote!(#[doc = #convert_doc] #sig;)
    });
    // A types-only interface keeps an empty `Host` to implement, as with
    // wasmtime's `bindgen!`, so `impl types::Host for State {}` written for
    // it means the same here (a blanket impl would conflict with it).
    let forwarding = if model.opts.skip_mut_forwarding_impls {
        TokenStream::new()
    } else {
        let methods = sigs.iter().map(|s| {
            let fname = &s.name;
            let id_arg = id.map(|_| quote!(id,));
            let args = s.params.iter().map(|(p, _)| p);
            let sig = signature(model, s, module, Shape::Static, *id);
            quote! {
                #[inline]
                #sig { #name::#fname(*self, #id_arg #(#args),*) }
            }
        });
        let id_arg = id.map(|_| quote!(id,));
        let drop_fwd = drop
            .as_ref()
            .map(|d| quote!(#[inline] #d { #name::drop(*self, #id_arg rep) }));
        let convert_fwds = converts.iter().map(|err| {
            let sig = convert_signature(model, err, module);
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

/// What goes into a `*WithStore` trait.
struct StoreItems<'s, 'a> {
    /// The functions flagged `store`.
    sigs: &'s [&'s FuncSig<'a>],
    /// The resource whose destructor is flagged `store`, and its flags.
    store_drop: Option<(&'s Ident, FuncFlags)>,
    /// For an interface: the trait is there even when empty (then
    /// implemented for every marker), requiring these resources' traits.
    always: Option<&'s [Ident]>,
    /// The `named_imports:` id type, first after the `Access`.
    id: Option<&'s TokenStream>,
}

/// The trait taking the functions of `host` flagged `store`: implemented by
/// a `HasData` marker, each function an associated function receiving a
/// `hostgen::Access` (the store, and the way to the host).
fn store_trait(
    model: &Model<'_>,
    (name, what): (&Ident, &str),
    host: &Ident,
    StoreItems {
        sigs,
        store_drop,
        always,
        id,
    }: StoreItems<'_, '_>,
    module: &ModulePath,
) -> TokenStream {
    let empty = sigs.is_empty() && store_drop.is_none();
    if empty && always.is_none() {
        return TokenStream::new();
    }
    let supers: Vec<TokenStream> = always
        .unwrap_or_default()
        .iter()
        .map(|t| quote!(+ #t<_T>))
        .collect();
    let wt = &model.module_wt(module);
    let hg = &model.hg;
    let methods = sigs.iter().map(|s| {
        let fdocs = docs(&s.func.docs);
        let fname = &s.name;
        let params = with_id(id, params(model, s, module));
        let ret = ret_clause(&out_ty(model, s, module), s.flags.is_async);
        let allow = s.lint_allow();
        // A WIT `async func` runs concurrently: it gets an `Accessor`, which
        // lends the store only between its awaits.
        let first = if s.flags.concurrent {
            quote!(accessor: &#wt::component::Accessor<_T, Self>)
        } else {
            quote!(accessor: #hg::Access<'_, _T, Self>)
        };
        quote! {
            #fdocs
            #allow
            fn #fname(#first, #(#params),*) #ret;
        }
    });
    // A destructor flagged `store`, as wasmtime's `bindgen!` declares it.
    let drop = store_drop.map(|(res, flags)| {
        let result = model.trap_result(module);
        let id = id.map(|id| quote!(id: #id,));
        let rep = quote!(#id rep: #wt::component::Resource<#res>);
        let sig = if flags.is_async {
            quote! {
                fn drop(accessor: &#wt::component::Accessor<_T, Self>, #rep)
                    -> impl ::core::future::Future<Output = #result<()>> + ::core::marker::Send
                where
                    Self: ::core::marker::Sized
            }
        } else {
            quote!(fn drop(accessor: #hg::Access<'_, _T, Self>, #rep) -> #result<()>)
        };
        quote! {
            #[doc = " Called when the last handle to `rep` is dropped (flagged `store`: with the store)."]
            #sig;
        }
    });
    let doc = format!(
        " The functions of [`{host}`]'s WIT flagged `store`: each receives a \
         `hostgen::Access` (wasmtime's `Access` with the \
         `component-model-async` feature), which reaches the store and \
         (`get`) the host, as with wasmtime's `bindgen!`. `_T` is the store \
         data. Implement it for the `HasData` marker passed to \
         `add_to_linker` (such as `wasmtime::component::HasSelf<MyState>`): \
         `impl<T> {name}<T> for HasSelf<MyState>`."
    );
    let doc = if empty {
        format!(
            " The functions of [`{host}`]'s WIT flagged `store`: none, so every \
             `HasData` marker implements it. It is here, as with wasmtime's \
             `bindgen!`, for the bounds of `add_to_linker::<T, D>`."
        )
    } else {
        doc
    };
    let message = format!("`{{Self}}` does not implement the functions of {what} flagged `store`");
    let label = format!("this marker must implement `{name}`");
    let note = format!(
        "implement `{name}` for the `HasData` marker given to `add_to_linker` \
         (such as `wasmtime::component::HasSelf<State>`)"
    );
    // Nothing to implement: every marker implements it.
    let blanket = empty.then(|| {
        quote! {
            impl<_H: ?::core::marker::Sized + #wt::component::HasData #(#supers)*, _T> #name<_T> for _H {}
        }
    });
    quote! {
        #[doc = #doc]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name<_T>: #wt::component::HasData #(#supers)* { #drop #(#methods)* }
        #blanket
    }
}
