//! The linker functions of one importer: an interface's
//! `add_to_linker_instance*` and `add_to_linker*` (free functions in its
//! module), or the world's own `add_to_linker_imports*`.

use super::super::unstable;
use super::closures::{Acquire, wraps};
use crate::model::importer::ResourceDef;
use crate::model::paths::ModulePath;
use crate::model::{FuncSig, Model};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::{InterfaceId, WorldKey};

/// The linker functions of imported interface `id` (named `key`), free
/// functions in its module, with its `LinkOptions` when gated.
pub fn interface(model: &Model<'_>, key: &WorldKey, id: InterfaceId) -> TokenStream {
    let importer = &model.importers[&id];
    let instance = &model.instance_name(key);
    let trait_name = &importer.host;
    let sigs = &importer.sigs[..];
    let resources = &importer.resources[..];
    let module = &importer.module;
    let gating = unstable::interface_gating(model, id);
    let inst = if sigs.is_empty() && resources.is_empty() {
        quote!(let _ = inst;)
    } else {
        quote!()
    };
    let serve_get_host = format!(
        "serving each call with the value `host_getter` returns from the store \
         data (any type implementing [`{trait_name}`], such as a wrapper that \
         borrows the store data)."
    );
    let serve_mut = format!(
        "serving each call with the `&mut U` `host_getter` returns from the \
         store data (`U` may be `dyn {trait_name}`)."
    );
    let into_inst = format!(
        " Defines `{instance}` in `inst`, the instance it is imported as \
         (`&mut linker.instance(\"my-name\")?` for a world's \
         `import my-name: {};`), ",
        instance.rsplit('/').next().unwrap_or(instance)
    );
    let serve_data = "serving each call with the `<_D as HasData>::Data` the `fn` \
                      `host_getter` returns, as with wasmtime's `bindgen!` \
                      (`add_to_linker::<T, HasSelf<T>>(linker, |t| t)`).";
    let into_linker = format!(" Links `{instance}` into `linker`, ");
    let spec = LinkSpec {
        trait_path: quote!(#trait_name),
        inst,
        self_prefix: quote!(),
        docs: [
            &format!("{into_inst}{serve_get_host}"),
            &format!("{into_inst}{serve_mut}"),
            &format!("{into_inst}{serve_data}"),
        ],
        outer_docs: Some([
            format!("{into_linker}{serve_get_host}"),
            format!("{into_linker}{serve_mut}"),
            format!("{into_linker}{serve_data}"),
        ]),
        suffix: "",
        resources,
        instance: Some(instance),
        options: gating.options,
        body_gate: gating.body_gate,
    };
    let decl = gating.decl;
    let fns = link_fns(model, spec, sigs, module);
    quote!(#decl #fns)
}

/// Where and how one pair of linker functions links its trait.
pub(super) struct LinkSpec<'s> {
    /// The trait the functions serve.
    pub(super) trait_path: TokenStream,
    /// The statement that binds `inst`, the `LinkerInstance` to define in.
    pub(super) inst: TokenStream,
    /// Empty for free functions, `Self::` for associated ones: how
    /// `add_to_linker` reaches its sibling.
    pub(super) self_prefix: TokenStream,
    /// Docs of `add_to_linker*_get_host`, `add_to_linker*_mut` and
    /// `add_to_linker*` (for an interface: of `add_to_linker_instance*`).
    pub(super) docs: [&'s str; 3],
    /// For an interface: the same docs of the functions that link at its
    /// own name.
    pub(super) outer_docs: Option<[String; 3]>,
    /// `""`, or `"_imports"` for the world's own imports.
    pub(super) suffix: &'s str,
    pub(super) resources: &'s [ResourceDef],
    /// The interface's WIT name (`None` for the world's own imports).
    pub(super) instance: Option<&'s str>,
    /// With `@unstable` items gated at link time: the `LinkOptions` type
    /// the functions take after the linker.
    pub(super) options: Option<TokenStream>,
    /// The `LinkOptions` flag everything linked is behind (an `@unstable`
    /// interface).
    pub(super) body_gate: Option<Ident>,
}

pub(super) fn link_fns(
    model: &Model<'_>,
    spec: LinkSpec<'_>,
    sigs: &[FuncSig<'_>],
    module: &ModulePath,
) -> TokenStream {
    let LinkSpec {
        trait_path,
        inst,
        self_prefix,
        docs: [doc_get_host, doc_mut, doc_data],
        outer_docs,
        suffix,
        resources,
        instance,
        options,
        body_gate,
    } = spec;
    let (opt_param, opt_arg, opt_use) = options_param(options.as_ref());
    // The traits of other interfaces whose `convert_*` these functions call.
    let converts = model.convert_bounds(sigs, module, module);
    let trait_bounds = &quote!(#trait_path #(+ #converts)*);
    let trait_path = &trait_path;
    let wt = &model.module_wt(module);
    let send = send_bound(sigs, resources);
    let t_send = store_data_send(model, &send);
    let hg = &model.hg;
    let get_host_fn = quote::format_ident!("add_to_linker{suffix}_get_host");
    let mut_fn = quote::format_ident!("add_to_linker{suffix}_mut");
    // wasmtime's shape: a `fn` getter to a `HasData` marker's `Data`.
    let data_fn = quote::format_ident!("add_to_linker{suffix}");
    // An interface's functions define into a `LinkerInstance` the caller
    // names (`add_to_linker_instance*`: a named import such as `import
    // hot-cache: store;` links there), and `add_to_linker*` link at the
    // interface's own name through them. The world's own imports define at
    // the root.
    let (linker_param, get_host_fn, mut_fn, data_fn, wrappers) = match instance {
        Some(instance) => {
            let inst_get_host = quote::format_ident!("add_to_linker_instance{suffix}_get_host");
            let inst_mut = quote::format_ident!("add_to_linker_instance{suffix}_mut");
            let inst_data = quote::format_ident!("add_to_linker_instance{suffix}");
            let wrappers = Wrappers {
                instance,
                docs: outer_docs.unwrap_or_default(),
                get_host_fn,
                mut_fn,
                data_fn,
                inst_get_host: inst_get_host.clone(),
                inst_mut: inst_mut.clone(),
                inst_data: inst_data.clone(),
            };
            (
                quote!(inst: &mut #wt::component::LinkerInstance<'_, _T>),
                inst_get_host,
                inst_mut,
                inst_data,
                Some(wrappers),
            )
        }
        None => (
            quote!(linker: &mut #wt::component::Linker<_T>),
            get_host_fn,
            mut_fn,
            data_fn,
            None,
        ),
    };
    // The slot of the definitions' first error, and the tail returning it.
    let (slot, tail) = if sigs.is_empty() && resources.is_empty() {
        (quote!(), quote!(::core::result::Result::Ok(())))
    } else {
        super::linked_slot()
    };
    let forward_from = match instance {
        Some(_) => quote!(inst),
        None => quote!(linker),
    };
    let via_get_host = wraps(
        model,
        trait_path,
        sigs,
        resources,
        module,
        Acquire::GetHost,
        instance,
    );
    let via_get_host = unstable::gated(body_gate.as_ref(), quote!(#opt_use #via_get_host));
    if sigs.iter().any(|s| s.flags.store) || resources.iter().any(|r| r.drop_flags.store) {
        // Functions flagged `store` are associated functions of a trait
        // implemented by a `HasData` marker `_D`; the getter is then a `fn`
        // pointer from the store data to `_D::Data`, as `Access` keeps it.
        let store_traits: Vec<TokenStream> = model
            .with_store_in(module)
            .iter()
            .map(|t| quote!(#t<_T>))
            .collect();
        let doc = format!(
            "{} The getter is a `fn` from the store data to `<_D as HasData>::Data`; \
             `_D` implements the `*WithStore` traits (functions flagged `store`).",
            doc_get_host
        );
        let where_clause = quote! {
            where
                _D: #(#store_traits)+*,
                for<'a> <_D as #wt::component::HasData>::Data<'a>: #trait_bounds #send,
                _T: 'static #t_send,
        };
        let wrapper = wrappers.map(|w| {
            let Wrappers {
                instance,
                data_fn: outer,
                inst_data,
                docs: [doc, ..],
                ..
            } = w;
            let define = super::link_at(
                hg,
                instance,
                quote!(#inst_data::<_T, _D>),
                options.as_ref().map(|_| quote!(options)),
            );
            let doc = format!(
                "{doc} The getter is a `fn` from the store data to \
                 `<_D as HasData>::Data`; `_D` implements the `*WithStore` \
                 traits (functions flagged `store`)."
            );
            quote! {
                #[doc = #doc]
                pub fn #outer<_T, _D>(
                    linker: &mut #wt::component::Linker<_T>,
                    #opt_param
                    host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>,
                ) -> #wt::Result<()>
                #where_clause
                {
                    #define
                }
            }
        });
        return quote! {
            #[doc = #doc]
            pub fn #data_fn<_T, _D>(
                #linker_param,
                #opt_param
                host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>,
            ) -> #wt::Result<()>
            #where_clause
            {
                #inst
                #slot
                #via_get_host
                #tail
            }
            #wrapper
        };
    }
    let mut_body = if model.opts.skip_mut_forwarding_impls {
        let via_mut = wraps(
            model,
            trait_path,
            sigs,
            resources,
            module,
            Acquire::MutRef,
            instance,
        );
        let via_mut = unstable::gated(body_gate.as_ref(), quote!(#opt_use #via_mut));
        quote! { #inst #slot #via_mut #tail }
    } else {
        quote! { #self_prefix #get_host_fn(#forward_from, #opt_arg host_getter) }
    };
    let get_host_where = quote! {
        where
            _G: for<'a> #hg::GetHost<&'a mut _T, Host: #trait_bounds #send>,
            _T: 'static #t_send,
    };
    let mut_where = quote! {
        where
            _U: #trait_bounds + ?::core::marker::Sized #send,
            _T: 'static #t_send,
    };
    // wasmtime's shape, served through the `GetHost` form: a `fn` pointer
    // is a `GetHost` whose `Host` is the marker's `Data`.
    let data_where = quote! {
        where
            _D: #wt::component::HasData,
            for<'a> <_D as #wt::component::HasData>::Data<'a>: #trait_bounds #send,
            _T: 'static #t_send,
    };
    let mut_getter = quote!(
        impl ::core::ops::Fn(&mut _T) -> &mut _U
        + ::core::marker::Send
        + ::core::marker::Sync
        + ::core::marker::Copy
        + 'static
    );
    let wrappers = wrappers.map(|w| {
        let Wrappers {
            instance,
            get_host_fn: outer_get_host,
            mut_fn: outer_mut,
            data_fn: outer_data,
            inst_get_host,
            inst_mut,
            inst_data,
            docs: [doc_get_host, doc_mut, doc_data],
        } = w;
        let opts = options.as_ref().map(|_| quote!(options));
        let define_get_host = super::link_at(hg, instance, quote!(#inst_get_host), opts.clone());
        let define_mut = super::link_at(hg, instance, quote!(#inst_mut), opts.clone());
        let define_data = super::link_at(hg, instance, quote!(#inst_data::<_T, _D>), opts);
        quote! {
            #[doc = #doc_data]
            pub fn #outer_data<_T, _D>(
                linker: &mut #wt::component::Linker<_T>,
                #opt_param
                host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>,
            ) -> #wt::Result<()>
            #data_where
            {
                #define_data
            }

            #[doc = #doc_get_host]
            pub fn #outer_get_host<_T, _G>(
                linker: &mut #wt::component::Linker<_T>,
                #opt_param
                host_getter: _G,
            ) -> #wt::Result<()>
            #get_host_where
            {
                #define_get_host
            }

            #[doc = #doc_mut]
            pub fn #outer_mut<_T, _U>(
                linker: &mut #wt::component::Linker<_T>,
                #opt_param
                host_getter: #mut_getter,
            ) -> #wt::Result<()>
            #mut_where
            {
                #define_mut
            }
        }
    });
    quote! {
        #[doc = #doc_get_host]
        pub fn #get_host_fn<_T, _G>(
            #linker_param,
                #opt_param
            host_getter: _G,
        ) -> #wt::Result<()>
        #get_host_where
        {
            #inst
            #slot
            #via_get_host
            #tail
        }

        #[doc = #doc_mut]
        pub fn #mut_fn<_T, _U>(
            #linker_param,
                #opt_param
            host_getter: #mut_getter,
        ) -> #wt::Result<()>
        #mut_where
        {
            #mut_body
        }

        #[doc = #doc_data]
        pub fn #data_fn<_T, _D>(
            #linker_param,
            #opt_param
            host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>,
        ) -> #wt::Result<()>
        #data_where
        {
            #self_prefix #get_host_fn(#forward_from, #opt_arg host_getter)
        }

        #wrappers
    }
}

/// For an interface: the names of the functions that link at its own
/// instance name through the `add_to_linker_instance*` ones.
struct Wrappers<'s> {
    instance: &'s str,
    docs: [String; 3],
    get_host_fn: Ident,
    mut_fn: Ident,
    data_fn: Ident,
    inst_get_host: Ident,
    inst_mut: Ident,
    inst_data: Ident,
}

/// For linker functions taking the `LinkOptions` type `options`: the
/// parameter, the argument that forwards it, and the statement that marks
/// it used.
pub(super) fn options_param(
    options: Option<&TokenStream>,
) -> (TokenStream, TokenStream, TokenStream) {
    match options {
        Some(t) => (
            quote!(options: &#t,),
            quote!(options,),
            quote!(let _ = options;),
        ),
        None => (quote!(), quote!(), quote!()),
    }
}

/// `+ Send` when a function or destructor of `sigs`/`resources` is async:
/// it keeps the store and the host across `.await`s in a `Send` future.
pub(super) fn send_bound(sigs: &[FuncSig<'_>], resources: &[ResourceDef]) -> TokenStream {
    if sigs.iter().any(|s| s.flags.is_async) || resources.iter().any(|r| r.drop_flags.is_async) {
        quote!(+ ::core::marker::Send)
    } else {
        quote!()
    }
}

/// The `Send` bound on the store data `_T`: needed by async host functions,
/// and asked for by `require_store_data_send: true`.
pub(super) fn store_data_send(model: &Model<'_>, send: &TokenStream) -> TokenStream {
    if send.is_empty() && model.opts.require_store_data_send {
        quote!(+ ::core::marker::Send)
    } else {
        send.clone()
    }
}
