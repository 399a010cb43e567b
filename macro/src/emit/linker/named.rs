//! The linker functions of a `named_imports:` entry, as wasmtime's
//! `bindgen!` makes them: `add_to_linker_instance::<T, D>(inst, id, ..)`
//! defines the interface in one instance, every host call receiving a clone
//! of `id`; `add_to_linker::<T, D>(linker, component, lookup, ..)` links each
//! import of `component` that implements the interface (`(implements
//! "ns:pkg/iface")`), under the id `lookup` gives its name.

use super::super::unstable;
use super::closures::{Acquire, wraps};
use crate::model::Model;
use crate::model::named::NamedImport;
use crate::model::paths::ModulePath;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;

pub fn named(model: &Model<'_>, n: &NamedImport<'_>) -> TokenStream {
    let importer = &n.importer;
    let module = &importer.module;
    let wt = &model.module_wt(module);
    let hg = &model.hg;
    let id = module.to(&ModulePath::root(), &n.id_alias);
    let host = &importer.host;
    let with_store = &importer.with_store;
    let sigs = &importer.sigs[..];
    let resources = &importer.resources[..];
    let gating = unstable::interface_gating(model, n.iface);
    // The interface's own `LinkOptions`.
    let options = gating
        .options
        .as_ref()
        .map(|_| module.to(&n.own_module, &names::ident("LinkOptions")));
    let (opt_param, opt_arg, opt_use) = super::fns::options_param(options.as_ref());
    let send = super::fns::send_bound(sigs, resources);
    let t_send = super::fns::store_data_send(model, &send);
    let (slot, tail) = if sigs.is_empty() && resources.is_empty() {
        (
            quote!(let _ = (inst, id);),
            quote!(::core::result::Result::Ok(())),
        )
    } else {
        super::linked_slot()
    };
    let body = wraps(
        model,
        &quote!(#host),
        sigs,
        resources,
        module,
        Acquire::Named,
        Some(&n.wit_name),
    );
    let body = unstable::gated(gating.body_gate.as_ref(), quote!(#opt_use #body));
    let where_clause = quote! {
        where
            _D: #with_store<_T>,
            for<'a> <_D as #wt::component::HasData>::Data<'a>: #host #send,
            _T: 'static #t_send,
    };
    let getter = quote!(host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>);
    let wit_name = &n.wit_name;
    let doc_inst = format!(
        " Defines `{wit_name}` in `inst`, one instance a component imports it \
         as, serving each call with the `<_D as HasData>::Data` the `fn` \
         `host_getter` returns and a clone of `id`."
    );
    let doc_linker = format!(
        " Links every import of `component` that implements `{wit_name}` \
         (`(implements \"{wit_name}\")`), each under the id `lookup` returns \
         for its name (an error from `lookup` is returned as it is), through \
         [`add_to_linker_instance`]."
    );
    quote! {
        #[doc = #doc_inst]
        pub fn add_to_linker_instance<_T, _D>(
            inst: &mut #wt::component::LinkerInstance<'_, _T>,
            id: #id,
            #opt_param
            #getter,
        ) -> #wt::Result<()>
        #where_clause
        {
            #slot
            #body
            #tail
        }

        #[doc = #doc_linker]
        pub fn add_to_linker<_T, _D>(
            linker: &mut #wt::component::Linker<_T>,
            component: &#wt::component::Component,
            lookup: impl ::core::ops::FnMut(&str) -> #wt::Result<#id>,
            #opt_param
            #getter,
        ) -> #wt::Result<()>
        #where_clause
        {
            #hg::__private::link::named(
                linker,
                component,
                #wit_name,
                lookup,
                |inst, id| add_to_linker_instance::<_T, _D>(inst, id, #opt_arg host_getter),
            )
        }
    }
}
