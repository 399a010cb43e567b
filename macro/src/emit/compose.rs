//! Composing hosts without forwarding by hand.
//!
//! **Delegation** (`delegate:`): for an interface's `Host` and each of its
//! `Host<Resource>` traits, a `*Delegate` trait with the same methods, each
//! defaulting to a call on an inner host (`Delegate::inner`), and impls of
//! the host traits for `hostgen::Delegate<T>` that call the delegate
//! trait's methods. A user implements `HostDelegate` with the methods they
//! change; every other one forwards. The inner host implements these
//! bindings' traits (`delegate: { "..": self }`) or another bindings'
//! traits of the same shape, such as wasmtime-wasi's.
//!
//! **Enum dispatch** (`either: true`): the host traits for
//! `hostgen::Either<A, B>`, each method a `match` over the two hosts, so a
//! host chosen at run time from a closed set costs a branch, not a vtable
//! or a `Box`.
//!
//! Both only serve an interface's methods: functions flagged `store` are
//! associated functions of a `HasData` marker, outside the host traits.

use super::signature::{Shape, convert_signature, drop_signature, signature};
use crate::model::FuncSig;
use crate::model::Model;
use crate::model::func::TrappableError;
use crate::model::importer::{Importer, ResourceDef};
use crate::model::paths::ModulePath;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::InterfaceId;

/// One host trait of an importer and what it declares.
struct Group<'i, 'a> {
    /// The host trait (`Host`, `HostFile`).
    name: &'i Ident,
    /// Its methods (those flagged `store` are not).
    sigs: Vec<&'i FuncSig<'a>>,
    /// A resource trait's resource, whose `drop` it declares.
    drop_for: Option<&'i ResourceDef>,
    /// The main trait's `convert_*` methods.
    converts: Vec<&'i TrappableError>,
}

/// The main trait, then each resource's.
fn groups<'i, 'a>(importer: &'i Importer<'a>) -> Vec<Group<'i, 'a>> {
    let methods = |it: Vec<&'i FuncSig<'a>>| it.into_iter().filter(|s| !s.flags.store).collect();
    let mut out = vec![Group {
        name: &importer.host,
        sigs: methods(importer.own().collect()),
        drop_for: None,
        converts: importer.converts(),
    }];
    for r in &importer.resources {
        out.push(Group {
            name: &r.host_trait,
            sigs: methods(importer.of_resource(r).collect()),
            drop_for: Some(r),
            converts: Vec::new(),
        });
    }
    out
}

/// `&mut`-method calls of one group: `(signature, method, arguments)`.
fn calls(
    model: &Model<'_>,
    importer: &Importer<'_>,
    g: &Group<'_, '_>,
) -> Vec<(TokenStream, Ident, Vec<Ident>, bool)> {
    let module = &importer.module;
    let mut out = Vec::new();
    for s in &g.sigs {
        let args = s.params.iter().map(|(p, _)| p.clone()).collect();
        let sig = signature(model, s, module, Shape::Static, None);
        out.push((sig, s.name.clone(), args, s.flags.is_async));
    }
    if let Some(r) = g.drop_for.filter(|r| !r.drop_flags.store) {
        let sig = drop_signature(model, &r.ty, r.drop_flags, module, (Shape::Static, None));
        let drop = crate::names::ident("drop");
        out.push((
            sig,
            drop,
            vec![crate::names::ident("rep")],
            r.drop_flags.is_async,
        ));
    }
    for err in &g.converts {
        let sig = convert_signature(model, err, module);
        out.push((
            sig,
            err.convert.clone(),
            vec![crate::names::ident("err")],
            false,
        ));
    }
    out
}

/// The `*Delegate` traits of `importer` and the host traits for
/// `hostgen::Delegate<T>`, when `delegate:` names it.
pub fn delegation(model: &Model<'_>, importer: &Importer<'_>) -> TokenStream {
    let Some(target) = &importer.delegate else {
        return TokenStream::new();
    };
    if importer.types_only() {
        return TokenStream::new();
    }
    let module = &importer.module;
    let hg = &model.hg;
    let is_async = importer.any_async_method();
    let send = is_async.then(|| quote!(::core::marker::Send));
    let plus_send = is_async.then(|| quote!(+ ::core::marker::Send));
    // The inner host's trait for each of ours.
    let inner_trait = |ours: &Ident| -> TokenStream {
        if target.own {
            quote!(#ours)
        } else {
            target.item(module, ours)
        }
    };
    let groups = groups(importer);
    let main = crate::names::ident("HostDelegate");
    let delegate_name = |g: &Group<'_, '_>| match g.drop_for {
        Some(r) => model.delegate_trait(r.id).clone(),
        None => main.clone(),
    };
    let all_delegates: Vec<Ident> = groups.iter().map(delegate_name).collect();
    let host = &importer.host;
    let main_inner = inner_trait(host);
    // A delegated importer's `Host` declares the `convert_*` of errors
    // other interfaces define too (a `Delegate` cannot implement another
    // crate's trait); the inner host serves them through the trait that
    // defines them, where wasmtime's bindings declare them.
    let mut convert_traits = Vec::new();
    let mut extra_bounds = Vec::new();
    for err in importer.converts() {
        let owner = if !target.own && Some(err.owner) != importer.iface {
            let path = inner_host_of(model, err.owner, module);
            extra_bounds.push(path.clone());
            path
        } else {
            main_inner.clone()
        };
        convert_traits.push((err.convert.clone(), owner));
    }
    let mut out = TokenStream::new();
    for g in &groups {
        let name = g.name;
        let delegate = delegate_name(g);
        let inner = inner_trait(name);
        let mut defaults = Vec::new();
        let mut forwards = Vec::new();
        for (sig, method, args, is_async) in calls(model, importer, g) {
            let owner = convert_traits
                .iter()
                .find(|(c, _)| *c == method)
                .map_or(&inner, |(_, t)| t);
            let call = quote!(#owner::#method(&mut self.inner(), #(#args),*));
            defaults.push(if is_async {
                quote!(#[inline] #sig { async move { #call.await } })
            } else {
                quote!(#[inline] #sig { #call })
            });
            forwards.push(quote! {
                #[inline] #sig { <_T as #delegate>::#method(&mut self.0, #(#args),*) }
            });
        }
        let head = if g.drop_for.is_none() {
            let doc_inner = " The host every method this impl does not write forwards to \
                             (`&'a mut H`, or a view of the store data such as \
                             wasmtime-wasi's `WasiCtxView<'a>`).";
            quote! {
                #[doc = #doc_inner]
                type Inner<'a>: #main_inner #(+ #extra_bounds)* #plus_send where Self: 'a;
                /// Reaches the inner host, once per forwarded call.
                fn inner(&mut self) -> Self::Inner<'_>;
            }
        } else {
            TokenStream::new()
        };
        let supertrait = match g.drop_for {
            Some(_) => quote!(: #main),
            None => match &send {
                Some(send) => quote!(: #send),
                None => TokenStream::new(),
            },
        };
        let doc = if g.drop_for.is_none() {
            format!(
                " Serves [`{name}`] by forwarding to an inner host, except for the methods \
                 an impl writes itself: implement it (`Inner`, `inner` and the methods \
                 you change) and serve the import with a `hostgen::Delegate<Self>`, \
                 which implements [`{name}`]."
            )
        } else {
            format!(
                " The methods of [`{name}`] for a [`{main}`]: each forwards to the inner \
                 host unless an impl writes it. An empty `impl` forwards them all."
            )
        };
        let message = format!("`{{Self}}` does not implement `{delegate}`");
        let note = format!(
            "every `*Delegate` trait of the interface must be implemented for a \
             `hostgen::Delegate` to serve it; `impl {delegate} for YourHost {{}}` forwards \
             every method"
        );
        out.extend(quote! {
            #[doc = #doc]
            #[diagnostic::on_unimplemented(message = #message, note = #note)]
            pub trait #delegate #supertrait {
                #head
                #(#defaults)*
            }

            impl<_T: ?::core::marker::Sized #(+ #all_delegates)*> #name for #hg::Delegate<_T> {
                #(#forwards)*
            }
        });
    }
    out
}

/// The `Host` trait of interface `owner` that an inner host implements,
/// written from `module`: the one `delegate:` maps it to, else the one
/// `with:` maps it to or the one generated here.
fn inner_host_of(model: &Model<'_>, owner: InterfaceId, module: &ModulePath) -> TokenStream {
    if let Some(target) = model
        .importers
        .get(&owner)
        .and_then(|i| i.delegate.as_ref())
        .filter(|t| !t.own)
    {
        return target.item(module, &crate::names::ident("Host"));
    }
    model.host_trait_of(owner, module)
}

/// The host traits of `importer` for `hostgen::Either<A, B>`, when
/// `either: true`.
pub fn either(model: &Model<'_>, importer: &Importer<'_>) -> TokenStream {
    if !model.opts.either || importer.types_only() {
        return TokenStream::new();
    }
    let hg = &model.hg;
    let send = importer
        .any_async_method()
        .then(|| quote!(+ ::core::marker::Send));
    let mut out = TokenStream::new();
    for g in groups(importer) {
        let name = g.name;
        let methods = calls(model, importer, &g)
            .into_iter()
            .map(|(sig, method, args, is_async)| {
                let dispatch = quote! {
                    match self {
                        #hg::Either::Left(host) => #name::#method(host, #(#args),*),
                        #hg::Either::Right(host) => #name::#method(host, #(#args),*),
                    }
                };
                if is_async {
                    // Each arm's future is a different type: one async
                    // block holds either, with no box.
                    quote! {
                        #[inline] #sig {
                            async move {
                                match self {
                                    #hg::Either::Left(host) => #name::#method(host, #(#args),*).await,
                                    #hg::Either::Right(host) => #name::#method(host, #(#args),*).await,
                                }
                            }
                        }
                    }
                } else {
                    quote!(#[inline] #sig { #dispatch })
                }
            });
        out.extend(quote! {
            impl<_A: #name #send, _B: #name #send> #name for #hg::Either<_A, _B> {
                #(#methods)*
            }
        });
    }
    out
}
