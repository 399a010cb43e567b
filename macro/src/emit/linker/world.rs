//! The world's `add_to_linker*`: the world's own imports, and every
//! imported interface at each name it is imported under.

use super::super::unstable;
use super::fns::{LinkSpec, link_fns, store_data_send};
use crate::model::Model;
use crate::model::path_map::External;
use crate::model::paths::ModulePath;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// One name the world imports an interface under, and the module of the
/// interface's bindings. A world importing one interface under several
/// names (`import hot-cache: store; import durable: store;`) has one link
/// per name, all to the same module.
pub struct ImportLink {
    pub module: ModulePath,
    pub instance: String,
    /// The `LinkOptions` flag the import is `@unstable` behind.
    pub gate: Option<Ident>,
    /// The interface's linker functions take its own `LinkOptions`.
    pub options: bool,
}

impl ImportLink {
    /// The call of the interface's linker function `f` that links this
    /// name, inside the world's `add_to_linker*` (`turbofish` names the
    /// generics where they cannot be inferred).
    fn call(&self, hg: &TokenStream, f: &str, turbofish: TokenStream) -> TokenStream {
        let f = ModulePath::root().to(&self.module, &crate::names::ident(f));
        let options = self.options.then(|| quote!(&options.into()));
        let at = super::link_at(hg, &self.instance, quote!(#f #turbofish), options);
        unstable::gated(self.gate.as_ref(), super::define(at))
    }
}

/// One name the world imports an interface under that `with:` maps to
/// other bindings. They are reached through the root-level alias of the
/// `with:` path (not the re-export module), so a path that does not resolve
/// is one error at the entry, with no follow-on errors here.
pub struct RemappedLink {
    pub external: External,
    pub instance: String,
    /// The `LinkOptions` flag the import is `@unstable` behind.
    pub gate: Option<Ident>,
    /// The interface's linker functions take its own `LinkOptions`.
    pub options: bool,
}

impl RemappedLink {
    /// Item `name` of the other bindings, from the root.
    fn item(&self, name: &str) -> TokenStream {
        self.external
            .item(&ModulePath::root(), &crate::names::ident(name))
    }

    /// The call of the other bindings' `add_to_linker_instance::<_T, _D>`
    /// that links this name.
    fn call(&self, hg: &TokenStream) -> TokenStream {
        let f = self.item("add_to_linker_instance");
        let options = self.options.then(|| quote!(&options.into()));
        let at = super::link_at(hg, &self.instance, quote!(#f::<_T, _D>), options);
        unstable::gated(self.gate.as_ref(), super::define(at))
    }
}

/// `add_to_linker*` on the world struct: the world's own imports, and every
/// import at once.
///
/// `remapped` are the imports `with:` maps to other bindings, linked by the
/// `add_to_linker::<T, D>` form only (through their own
/// `add_to_linker_instance::<T, D>`, which bindings of either macro have):
/// the `_mut` and `_get_host` forms link the interfaces generated here.
pub fn world(
    model: &Model<'_>,
    links: &[ImportLink],
    remapped: &[RemappedLink],
    gating: &unstable::Gating,
) -> TokenStream {
    let own_sigs = &model.own_imports.sigs[..];
    let own_resources = &model.own_imports.resources[..];
    let has_own = !own_sigs.is_empty() || !own_resources.is_empty();
    let unstable::Gating {
        options, body_gate, ..
    } = gating;
    let (opt_param, opt_arg) = match &options {
        Some(t) => (quote!(options: &#t,), quote!(options,)),
        None => (quote!(), quote!()),
    };
    let wt = &model.wt;
    let hg = &model.hg;
    let root = ModulePath::root();
    // Each interface once, however many names it is imported under.
    let mut ifaces: Vec<ModulePath> = Vec::new();
    for link in links {
        if !ifaces.contains(&link.module) {
            ifaces.push(link.module.clone());
        }
    }
    let ifaces = &ifaces[..];
    let mut bounds: Vec<TokenStream> = ifaces
        .iter()
        .map(|m| root.to(m, &crate::names::ident("Host")))
        .collect();
    // `Host`s of interfaces `with:` maps elsewhere whose `convert_*` an
    // import calls.
    let mut importers: Vec<_> = model.importers.values().collect();
    importers.sort_by_key(|i| i.iface.map(|id| id.index()));
    importers.push(&model.own_imports);
    for importer in importers {
        for bound in model.convert_bounds(&importer.sigs, &importer.module, &root) {
            if !bounds.iter().any(|b| b.to_string() == bound.to_string()) {
                bounds.push(bound);
            }
        }
    }
    // Every name is linked at that name, through the interface's
    // `add_to_linker_instance*`.
    let mut get_host_calls: Vec<TokenStream> = links
        .iter()
        .map(|l| l.call(hg, "add_to_linker_instance_get_host", quote!()))
        .collect();
    // Only without the `&mut` forwarding impls does the `&mut U` getter's
    // `add_to_linker` link each name itself (see `mut_body` below).
    let mut mut_calls: Vec<TokenStream> = if model.opts.skip_mut_forwarding_impls {
        links
            .iter()
            .map(|l| l.call(hg, "add_to_linker_instance_mut", quote!()))
            .collect()
    } else {
        Vec::new()
    };

    let mut own = TokenStream::new();
    if has_own {
        let names = &model.names;
        let imports = &names.imports;
        let inst = quote!(let inst = &mut linker.root(););
        let doc_get_host = format!(
            " Links the functions the world imports directly, served by any \
             [`{imports}`] the getter returns."
        );
        let spec = LinkSpec {
            trait_path: quote!(#imports),
            inst,
            self_prefix: quote!(Self::),
            docs: [
                &doc_get_host,
                " Links the functions the world imports directly, served by the \
                 `&mut U` the getter returns.",
                &format!(
                    " Links the functions the world imports directly, served by the \
                     `<_D as HasData>::Data` the `fn` getter returns, which must \
                     implement [`{imports}`]."
                ),
            ],
            outer_docs: None,
            suffix: "_imports",
            resources: own_resources,
            instance: None,
            options: options.clone(),
            body_gate: body_gate.clone(),
        };
        own = link_fns(model, spec, own_sigs, &root);
        bounds.push(quote!(#imports));
        get_host_calls.push(super::define(
            quote!(Self::add_to_linker_imports_get_host(linker, #opt_arg host_getter)),
        ));
        if model.opts.skip_mut_forwarding_impls {
            mut_calls.push(super::define(
                quote!(Self::add_to_linker_imports_mut(linker, #opt_arg host_getter)),
            ));
        }
    }
    let send = if model.facts.any_async_import {
        quote!(+ ::core::marker::Send)
    } else {
        quote!()
    };
    let t_send = store_data_send(model, &send);
    let get_bounds = if bounds.is_empty() {
        quote!()
    } else {
        quote!(Host: #(#bounds)+* #send)
    };
    // The remapped imports, for the `add_to_linker::<T, D>` form (each
    // interface's bounds once, however many names it is imported under).
    let mut remapped_hosts: Vec<TokenStream> = Vec::new();
    let mut remapped_store: Vec<TokenStream> = Vec::new();
    for link in remapped {
        let host = link.item("Host");
        if !remapped_hosts
            .iter()
            .any(|h| h.to_string() == host.to_string())
        {
            let store = link.item("HostWithStore");
            remapped_hosts.push(host);
            remapped_store.push(quote!(#store<_T>));
        }
    }
    let remapped_calls: Vec<TokenStream> = remapped.iter().map(|l| l.call(hg)).collect();
    let store_traits: Vec<(ModulePath, Vec<Ident>)> = ifaces
        .iter()
        .chain(has_own.then_some(&root))
        .map(|m| (m.clone(), model.with_store_in(m)))
        .filter(|(_, traits)| !traits.is_empty())
        .collect();
    // A body of `calls` (definitions through `super::define`): the slot of
    // their first error, the calls behind the world's gate, the slot.
    let gate_all = |calls: Vec<TokenStream>| {
        let opt_use = options.as_ref().map(|_| quote!(let _ = options;));
        let (slot, tail) = if calls.is_empty() {
            (quote!(), quote!(::core::result::Result::Ok(())))
        } else {
            super::linked_slot()
        };
        let calls = unstable::gated(body_gate.as_ref(), quote!(#opt_use #(#calls)*));
        quote!(#slot #calls #tail)
    };
    if !store_traits.is_empty() {
        let mut calls = world_with_store_calls(hg, links, &store_traits, has_own, &opt_arg);
        calls.extend(remapped_calls);
        let mut bounds = bounds;
        bounds.extend(remapped_hosts);
        return world_with_store(
            model,
            own,
            (&opt_param, gate_all(calls)),
            &bounds,
            (&store_traits, &remapped_store),
            send,
        );
    }
    // The `add_to_linker::<T, D>` form: the `GetHost` form (a `fn` getter
    // is one), then the remapped imports.
    let data_body = {
        let mut calls = vec![super::define(
            quote!(Self::add_to_linker_get_host(linker, #opt_arg host_getter)),
        )];
        calls.extend(remapped_calls);
        gate_all(calls)
    };
    let data_store = quote!(#(+ #remapped_store)*);
    let get_host_calls = gate_all(get_host_calls);
    // With the `&mut` forwarding impls, `&mut U` implements every import's
    // trait, so the `&mut U` getter is a getter of `add_to_linker_get_host`:
    // one call proving the bounds once, where a call per import proves each
    // in this function's bounds again (`cargo check` time, issue 17).
    let mut_body = if model.opts.skip_mut_forwarding_impls {
        let calls = gate_all(mut_calls);
        quote!(let _ = &host_getter; #calls)
    } else {
        quote!(Self::add_to_linker_get_host(linker, #opt_arg host_getter))
    };
    let data_bounds = {
        let all: Vec<&TokenStream> = bounds.iter().chain(&remapped_hosts).collect();
        if all.is_empty() {
            quote!(::core::marker::Sized #send)
        } else {
            quote!(#(#all)+* #send)
        }
    };
    let bounds = quote!(#(#bounds +)* ?::core::marker::Sized #send);
    quote! {
        #own

        /// Links every import of the world, each served by the value the
        /// getter returns, which must implement every import's trait.
        pub fn add_to_linker_get_host<_T, _G>(
            linker: &mut #wt::component::Linker<_T>,
            #opt_param
            host_getter: _G,
        ) -> #wt::Result<()>
        where
            _G: for<'a> #hg::GetHost<&'a mut _T, #get_bounds>,
            _T: 'static #t_send,
        {
            let _ = &host_getter;
            #get_host_calls
        }

        /// Links every import of the world, each served by the
        /// `<_D as HasData>::Data` the `fn` getter returns, which must
        /// implement every import's trait (wasmtime's
        /// `add_to_linker::<T, HasSelf<T>>(linker, |t| t)`).
        pub fn add_to_linker<_T, _D>(
            linker: &mut #wt::component::Linker<_T>,
            #opt_param
            host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>,
        ) -> #wt::Result<()>
        where
            _D: #wt::component::HasData #data_store,
            for<'a> <_D as #wt::component::HasData>::Data<'a>: #data_bounds,
            _T: 'static #t_send,
        {
            #data_body
        }

        /// Links every import of the world, each served by the `&mut U` the
        /// getter returns.
        pub fn add_to_linker_mut<_T, _U>(
            linker: &mut #wt::component::Linker<_T>,
            #opt_param
            host_getter: impl ::core::ops::Fn(&mut _T) -> &mut _U + ::core::marker::Send + ::core::marker::Sync + ::core::marker::Copy + 'static,
        ) -> #wt::Result<()>
        where
            _U: #bounds,
            _T: 'static #t_send,
        {
            #mut_body
        }
    }
}

/// The world's `add_to_linker` when some import has functions flagged
/// `store`: one `fn` getter to `<_D as HasData>::Data`, `_D` implementing
/// every `*WithStore` trait; interfaces without such functions are linked
/// through their `add_to_linker_get_host` with that same getter.
fn world_with_store(
    model: &Model<'_>,
    own: TokenStream,
    (opt_param, calls): (&TokenStream, TokenStream),
    bounds: &[TokenStream],
    (store_traits, remapped_store): (&[(ModulePath, Vec<Ident>)], &[TokenStream]),
    send: TokenStream,
) -> TokenStream {
    let wt = &model.wt;
    let t_send = store_data_send(model, &send);
    let root = ModulePath::root();
    let store_bounds = store_traits
        .iter()
        .flat_map(|(m, traits)| {
            traits.iter().map(|t| {
                let t = root.to(m, t);
                quote!(#t<_T>)
            })
        })
        .chain(remapped_store.iter().cloned());
    quote! {
        #own

        /// Links every import of the world. The getter is a `fn` from the
        /// store data to `<_D as HasData>::Data`, which must implement every
        /// import's trait; `_D` implements the `*WithStore` traits (functions
        /// flagged `store`).
        pub fn add_to_linker<_T, _D>(
            linker: &mut #wt::component::Linker<_T>,
            #opt_param
            host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>,
        ) -> #wt::Result<()>
        where
            _D: #(#store_bounds)+*,
            for<'a> <_D as #wt::component::HasData>::Data<'a>: #(#bounds)+* #send,
            _T: 'static #t_send,
        {
            #calls
        }
    }
}

/// The calls in the world's `add_to_linker` when some import has functions
/// flagged `store`: those interfaces through `add_to_linker_instance`, the
/// others through `add_to_linker_instance_get_host`, with the same getter.
fn world_with_store_calls(
    hg: &TokenStream,
    links: &[ImportLink],
    store_traits: &[(ModulePath, Vec<Ident>)],
    has_own: bool,
    opt_arg: &TokenStream,
) -> Vec<TokenStream> {
    let root = ModulePath::root();
    let has_store = |m: &ModulePath| store_traits.iter().any(|(sm, _)| sm == m);
    let mut calls: Vec<TokenStream> = links
        .iter()
        .map(|link| {
            if has_store(&link.module) {
                link.call(hg, "add_to_linker_instance", quote!(::<_T, _D>))
            } else {
                link.call(hg, "add_to_linker_instance_get_host", quote!())
            }
        })
        .collect();
    if has_own {
        calls.push(if has_store(&root) {
            super::define(
                quote!(Self::add_to_linker_imports::<_T, _D>(linker, #opt_arg host_getter)),
            )
        } else {
            super::define(
                quote!(Self::add_to_linker_imports_get_host(linker, #opt_arg host_getter)),
            )
        });
    }
    calls
}
