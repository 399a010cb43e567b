//! The export side: `<World>`, `<World>Pre`, `<World>Indices`, `call_*` for
//! functions the world exports, and a `Guest` accessor per exported
//! interface. Each `TypedFunc` is type-checked once, when the instance is
//! loaded; a call is then `TypedFunc::call` and nothing more.

use super::docs;
use super::types::{Borrow, param_ty};
use crate::model::exporter::{Accessor, ExportFunc, Exporter};
use crate::model::paths::ModulePath;
use crate::model::{Model, WorldNames};
use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::{InterfaceId, World};

/// The pieces one set of exported functions contributes to its owner (the
/// world struct or an interface's `Guest`).
#[derive(Default)]
struct Parts {
    fields: Vec<TokenStream>,
    index_fields: Vec<TokenStream>,
    lookups: Vec<TokenStream>,
    loads: Vec<TokenStream>,
    names: Vec<Ident>,
    methods: Vec<TokenStream>,
    /// Per exported resource of an interface, its functions' methods in
    /// wasmtime's shape (on `Guest<Resource>`).
    resources: Vec<(wit_parser::TypeId, Vec<TokenStream>)>,
}

impl Parts {
    /// Adds the exported functions of `exporter`.
    fn functions(&mut self, model: &Model<'_>, exporter: &Exporter<'_>) {
        let module = &exporter.module;
        let wt = &model.module_wt(module);
        let hg = &model.hg;
        for ExportFunc { sig, field } in &exporter.funcs {
            let f = sig.func;
            let method = &sig.name;
            let flags = sig.flags;
            // A concurrent call outlives no borrow: its arguments are owned
            // (`call_concurrent` wants `'static` parameters).
            let (static_params, elided_params): (Vec<_>, Vec<_>) = if flags.concurrent {
                let owned: Vec<_> = sig
                    .params
                    .iter()
                    .map(|(_, t)| match model.guest_handle(t, module) {
                        Some(_) => quote!(#wt::component::ResourceAny),
                        None => super::types::ty(model, t, module),
                    })
                    .collect();
                (owned.clone(), owned)
            } else if model.usage.borrowing() {
                // `ownership: Borrowing`: borrowed all the way down.
                sig.params
                    .iter()
                    .map(|(_, t)| match model.guest_handle(t, module) {
                        Some(_) => {
                            let any = quote!(#wt::component::ResourceAny);
                            (any.clone(), any)
                        }
                        None => (
                            super::borrowed::ty_with(model, t, module, &quote!('static)),
                            super::borrowed::ty_with(model, t, module, &quote!('_)),
                        ),
                    })
                    .unzip()
            } else {
                sig.params
                    .iter()
                    .map(|(_, t)| {
                        (
                            param_ty(model, t, module, Borrow::Static),
                            param_ty(model, t, module, Borrow::Elided),
                        )
                    })
                    .unzip()
            };
            let ret = super::signature::ret_ty(model, f, module);
            let results = if f.result.is_some() {
                quote!((#ret,))
            } else {
                quote!(())
            };
            let wit_name = &f.name;
            let lookup_in = match exporter.iface {
                Some(_) => quote!(::core::option::Option::Some((&instance, name))),
                None => quote!(::core::option::Option::None),
            };
            self.fields
                .push(quote!(#field: #wt::component::TypedFunc<(#(#static_params,)*), #results>));
            self.index_fields
                .push(quote!(#field: #wt::component::ComponentExportIndex));
            self.lookups.push(quote! {
                let #field = #hg::__private::export_index(component, #lookup_in, #wit_name)?;
            });
            self.loads.push(quote! {
                let #field = #hg::__private::typed_func(&mut store, instance, &self.#field, #wit_name)?;
            });
            self.names.push(field.clone());

            // Guest resource handles are typed in the signature and
            // untyped (`ResourceAny`) in the `TypedFunc`.
            let params = sig.params.iter().zip(&elided_params).map(|((p, t), ty)| {
                match model.guest_handle(t, module) {
                    Some(r) => {
                        let typed = model.type_path(r, module);
                        quote!(#p: #typed)
                    }
                    None => quote!(#p: #ty),
                }
            });
            let args = sig
                .params
                .iter()
                .map(|(p, t)| match model.guest_handle(t, module) {
                    Some(_) => quote!(#p.into_any()),
                    None => quote!(#p),
                });
            let fdocs = docs(&f.docs);
            let typed_ret = f
                .result
                .as_ref()
                .and_then(|t| model.guest_handle(t, module));
            let (bind, out, ret) = match (&f.result, typed_ret) {
                (Some(_), Some(r)) => {
                    let typed = model.type_path(r, module);
                    (quote!((ret,)), quote!(#typed::from_any(ret)), typed)
                }
                (Some(_), None) => (quote!((ret,)), quote!(ret), ret.clone()),
                (None, _) => (quote!(()), quote!(()), ret.clone()),
            };
            let allow = sig.lint_allow();
            let call = Call {
                wt,
                flags,
                attrs: quote!(#fdocs #allow),
                field,
                elided_params: &elided_params,
                results: &results,
            };
            self.methods.push(call.method(
                method,
                quote!(self),
                (&params.collect::<Vec<_>>(), &args.collect::<Vec<_>>()),
                (&bind, &out, &ret),
            ));
            // wasmtime's shape for a resource's function: `guest.res()
            // .call_<item>(..)` on `Guest<Res>`, handles untyped
            // (`ResourceAny`) in and out, as wasmtime's `bindgen!` has them.
            if let (Some(res), Some(_)) = (f.kind.resource(), exporter.iface) {
                let item = names::ident(&format!("call_{}", names::snake(f.item_name())));
                let params: Vec<TokenStream> = sig
                    .params
                    .iter()
                    .zip(&elided_params)
                    .map(|((p, _), ty)| quote!(#p: #ty))
                    .collect();
                let args: Vec<TokenStream> = sig.params.iter().map(|(p, _)| quote!(#p)).collect();
                let (bind, out) = match &f.result {
                    Some(_) => (quote!((ret,)), quote!(ret)),
                    None => (quote!(()), quote!(())),
                };
                let untyped = super::signature::ret_ty(model, f, module);
                let method = call.method(
                    &item,
                    quote!(self.funcs),
                    (&params, &args),
                    (&bind, &out, &untyped),
                );
                match self.resources.iter_mut().find(|(r, _)| *r == res) {
                    Some((_, methods)) => methods.push(method),
                    None => self.resources.push((res, vec![method])),
                }
            }
        }
    }
}

/// How one exported function is called, for the `call_*` methods that
/// reach it.
struct Call<'a> {
    wt: &'a TokenStream,
    flags: crate::func_flags::FuncFlags,
    /// Docs and lint allows.
    attrs: TokenStream,
    /// The `Guest` field holding its `TypedFunc`.
    field: &'a Ident,
    elided_params: &'a [TokenStream],
    results: &'a TokenStream,
}

impl Call<'_> {
    /// The method `name` calling the function through `funcs.field`
    /// (`funcs` the `Guest`, `self` or `self.funcs`) with `params`, whose
    /// `args` go to the `TypedFunc`, and the call's results bound by `bind`
    /// returned as `out` of type `ret`.
    fn method(
        &self,
        name: &Ident,
        funcs: TokenStream,
        (params, args): (&[TokenStream], &[TokenStream]),
        (bind, out, ret): (&TokenStream, &TokenStream, &TokenStream),
    ) -> TokenStream {
        let Call {
            wt,
            flags,
            attrs,
            field,
            elided_params,
            results,
        } = self;
        let callee = quote! {
            let callee: #wt::component::TypedFunc<(#(#elided_params,)*), #results> =
                #funcs.#field;
        };
        if flags.concurrent {
            quote! {
                #attrs
                ///
                /// The call runs concurrently with others in the store's
                /// event loop: make it inside `Store::run_concurrent`, with
                /// the accessor that gives.
                pub async fn #name<_T, _D>(
                    &self,
                    accessor: &#wt::component::Accessor<_T, _D>,
                    #(#params),*
                ) -> #wt::Result<#ret>
                where
                    _T: ::core::marker::Send,
                    _D: #wt::component::HasData,
                {
                    #callee
                    let #bind = callee.call_concurrent(accessor, (#(#args,)*)).await?;
                    ::core::result::Result::Ok(#out)
                }
            }
        } else if flags.is_async {
            quote! {
                #attrs
                pub async fn #name<_S: #wt::AsContextMut<Data: ::core::marker::Send>>(
                    &self,
                    store: _S,
                    #(#params),*
                ) -> #wt::Result<#ret> {
                    #callee
                    let #bind = callee.call_async(store, (#(#args,)*)).await?;
                    ::core::result::Result::Ok(#out)
                }
            }
        } else {
            quote! {
                #attrs
                pub fn #name<_S: #wt::AsContextMut>(
                    &self,
                    store: _S,
                    #(#params),*
                ) -> #wt::Result<#ret> {
                    #callee
                    let #bind = callee.call(store, (#(#args,)*))?;
                    ::core::result::Result::Ok(#out)
                }
            }
        }
    }
}

/// The `Guest` and `GuestIndices` of one exported interface, in its module.
/// `instance` is the name the world first exports it as.
fn interface(
    model: &Model<'_>,
    exporter: &Exporter<'_>,
    id: InterfaceId,
    instance: &str,
) -> TokenStream {
    let wt = &model.module_wt(&exporter.module);
    let hg = &model.hg;
    let mut parts = Parts::default();
    parts.functions(model, exporter);
    let Parts {
        fields,
        index_fields,
        lookups,
        loads,
        names,
        methods,
        resources,
    } = parts;
    let (resource_accessors, resource_items) = resource_accessors(model, &resources);
    let doc = format!(
        " The functions of WIT interface `{}` a guest exports.",
        model
            .resolve
            .id_of(id)
            .unwrap_or_else(|| instance.to_string())
    );
    let new_doc = format!(" Finds each function of the interface exported as `{instance}`.");
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy)]
        pub struct Guest { #(#fields,)* }

        /// Where the functions of [`Guest`] are in a component, looked up
        /// once before instantiation.
        #[derive(Clone)]
        pub struct GuestIndices { #(#index_fields,)* }

        impl GuestIndices {
            #[doc = #new_doc]
            pub fn new(component: &#wt::component::Component) -> #wt::Result<Self> {
                Self::new_at(component, #instance)
            }

            /// Finds each function of the interface exported under `name`
            /// (a world may export one interface under several names:
            /// `export hot: store; export cold: store;`).
            pub fn new_at(component: &#wt::component::Component, name: &str) -> #wt::Result<Self> {
                let instance = #hg::__private::export_index(component, ::core::option::Option::None, name)?;
                let _ = &instance;
                #(#lookups)*
                ::core::result::Result::Ok(GuestIndices { #(#names,)* })
            }

            /// Type-checks each function against `instance`.
            pub fn load(
                &self,
                mut store: impl #wt::AsContextMut,
                instance: &#wt::component::Instance,
            ) -> #wt::Result<Guest> {
                let mut store = store.as_context_mut();
                let _ = (&mut store, instance);
                #(#loads)*
                ::core::result::Result::Ok(Guest { #(#names,)* })
            }
        }

        impl Guest { #(#methods)* #(#resource_accessors)* }
        #(#resource_items)*
    }
}

/// wasmtime's accessors for the functions of each exported resource:
/// `Guest::<res>()` returning a `Guest<Res>` whose `call_<item>` methods
/// (`call_constructor`, `call_<method>`) take and return handles untyped.
fn resource_accessors(
    model: &Model<'_>,
    resources: &[(wit_parser::TypeId, Vec<TokenStream>)],
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    resources
        .iter()
        .map(|(res, methods)| {
            let wit = model.resolve.types[*res]
                .name
                .as_deref()
                .unwrap_or_default();
            let accessor = names::ident(&names::snake(wit));
            let name = quote::format_ident!("Guest{}", model.type_ident(*res));
            let doc = format!(
                " The functions of the guest's resource `{wit}`, as wasmtime's \
                 `bindgen!` has them: handles are `ResourceAny`."
            );
            let accessor_doc = format!(" The functions of resource `{wit}` ([`{name}`]).");
            (
                quote! {
                    #[doc = #accessor_doc]
                    pub fn #accessor(&self) -> #name<'_> {
                        #name { funcs: self }
                    }
                },
                quote! {
                    #[doc = #doc]
                    #[derive(Clone, Copy)]
                    pub struct #name<'a> {
                        funcs: &'a Guest,
                    }
                    impl #name<'_> { #(#methods)* }
                },
            )
        })
        .unzip()
}

/// What the export side generates.
pub struct ExportItems {
    /// Each exported interface's `Guest` and `GuestIndices`, for its module.
    pub guests: Vec<(ModulePath, TokenStream)>,
    /// The world struct and everything around it, at the root.
    pub world: TokenStream,
}

/// The export side: the world struct and everything around it, and a
/// `Guest` per exported interface.
pub fn world(model: &Model<'_>, world: &World) -> ExportItems {
    let root = ModulePath::root();
    let exports = &model.export_side;
    let mut guests = Vec::new();
    for exporter in &exports.interfaces {
        let Some(id) = exporter.iface else { continue };
        let Some(first) = exports.accessors.iter().find(|a| a.iface == id) else {
            continue;
        };
        guests.push((
            exporter.module.clone(),
            interface(model, exporter, id, &first.instance),
        ));
    }
    let mut parts = Parts::default();
    let mut accessors = Vec::new();
    for Accessor {
        iface,
        instance,
        field,
    } in &exports.accessors
    {
        let module = &model.export_modules[iface];
        let guest = root.to(module, &names::ident("Guest"));
        let guest_indices = root.to(module, &names::ident("GuestIndices"));
        let doc = format!(" The functions the guest exports as `{instance}`.");
        parts.fields.push(quote!(#field: #guest));
        parts.index_fields.push(quote!(#field: #guest_indices));
        parts
            .lookups
            .push(quote!(let #field = #guest_indices::new_at(component, #instance)?;));
        parts
            .loads
            .push(quote!(let #field = self.#field.load(&mut store, instance)?;));
        parts.names.push(field.clone());
        accessors.push(quote! {
            #[doc = #doc]
            pub fn #field(&self) -> &#guest { &self.#field }
        });
    }
    parts.functions(model, &exports.world);
    ExportItems {
        guests,
        world: world_items(model, world, parts, accessors),
    }
}

fn world_items(
    model: &Model<'_>,
    world: &World,
    parts: Parts,
    accessors: Vec<TokenStream>,
) -> TokenStream {
    let wt = &model.wt;
    let WorldNames {
        world: world_ident,
        pre,
        indices,
        ..
    } = &model.names;
    let Parts {
        fields,
        index_fields,
        lookups,
        loads,
        names: field_names,
        methods,
        ..
    } = parts;
    let world_docs = docs(&world.docs);
    let world_doc = format!(
        " The exports of an instance of world `{}`, and `add_to_linker` for its imports.",
        world.name
    );
    let pre_doc = format!(
        " A component pre-linked against world `{}`: instantiate it many times cheaply.",
        world.name
    );
    let indices_doc = format!(
        " Where the exports of world `{}` are in a component, looked up once.",
        world.name
    );
    // The async instantiation wasmtime needs when the linker holds async
    // host functions; the wasmi target has none.
    let (pre_async, world_async) = if model.opts.wasmi.is_some() {
        (TokenStream::new(), TokenStream::new())
    } else {
        (
            quote! {
            /// Instantiates the component in `store`, which must be used this
            /// way when the linker holds async host functions.
            pub async fn instantiate_async(
                &self,
                mut store: impl #wt::AsContextMut<Data = _T>,
            ) -> #wt::Result<#world_ident>
            where
                _T: ::core::marker::Send,
            {
                let mut store = store.as_context_mut();
                let instance = self.instance_pre.instantiate_async(&mut store).await?;
                self.indices.load(&mut store, &instance)
            }
            },
            quote! {
            /// Links `component` with `linker` and instantiates it in `store`,
            /// which must be used this way when the linker holds async host
            /// functions.
            pub async fn instantiate_async<_T: ::core::marker::Send + 'static>(
                store: impl #wt::AsContextMut<Data = _T>,
                component: &#wt::component::Component,
                linker: &#wt::component::Linker<_T>,
            ) -> #wt::Result<Self> {
                let pre = linker.instantiate_pre(component)?;
                #pre::new(pre)?.instantiate_async(store).await
            }
            },
        )
    };
    quote! {
        #world_docs
        #[doc = #world_doc]
        #[derive(Clone, Copy)]
        pub struct #world_ident { #(#fields,)* }

        #[doc = #indices_doc]
        #[derive(Clone)]
        pub struct #indices { #(#index_fields,)* }

        #[doc = #pre_doc]
        pub struct #pre<_T: 'static> {
            instance_pre: #wt::component::InstancePre<_T>,
            indices: #indices,
        }

        impl<_T: 'static> ::core::clone::Clone for #pre<_T> {
            fn clone(&self) -> Self {
                Self { instance_pre: self.instance_pre.clone(), indices: self.indices.clone() }
            }
        }

        impl<_T: 'static> #pre<_T> {
            /// Looks up the world's exports in the pre-instantiated component.
            pub fn new(instance_pre: #wt::component::InstancePre<_T>) -> #wt::Result<Self> {
                let indices = #indices::new(instance_pre.component())?;
                ::core::result::Result::Ok(Self { instance_pre, indices })
            }

            /// The engine the component was compiled for.
            pub fn engine(&self) -> &#wt::Engine {
                self.instance_pre.engine()
            }

            /// The underlying `InstancePre`.
            pub fn instance_pre(&self) -> &#wt::component::InstancePre<_T> {
                &self.instance_pre
            }

            /// Instantiates the component in `store`.
            pub fn instantiate(
                &self,
                mut store: impl #wt::AsContextMut<Data = _T>,
            ) -> #wt::Result<#world_ident> {
                let mut store = store.as_context_mut();
                let instance = self.instance_pre.instantiate(&mut store)?;
                self.indices.load(&mut store, &instance)
            }

            #pre_async
        }

        impl #indices {
            /// Finds each export of the world in `component`.
            pub fn new(component: &#wt::component::Component) -> #wt::Result<Self> {
                let _ = component;
                #(#lookups)*
                ::core::result::Result::Ok(#indices { #(#field_names,)* })
            }

            /// Type-checks each export against `instance`.
            pub fn load(
                &self,
                mut store: impl #wt::AsContextMut,
                instance: &#wt::component::Instance,
            ) -> #wt::Result<#world_ident> {
                let mut store = store.as_context_mut();
                let _ = (&mut store, instance);
                #(#loads)*
                ::core::result::Result::Ok(#world_ident { #(#field_names,)* })
            }
        }

        impl #world_ident {
            /// Links `component` with `linker` and instantiates it in `store`.
            pub fn instantiate<_T: 'static>(
                store: impl #wt::AsContextMut<Data = _T>,
                component: &#wt::component::Component,
                linker: &#wt::component::Linker<_T>,
            ) -> #wt::Result<Self> {
                let pre = linker.instantiate_pre(component)?;
                #pre::new(pre)?.instantiate(store)
            }

            #world_async

            /// Loads the world's exports from an existing `instance`.
            pub fn new<_T: 'static>(
                mut store: impl #wt::AsContextMut<Data = _T>,
                instance: &#wt::component::Instance,
            ) -> #wt::Result<Self> {
                let indices = #indices::new(instance.instance_pre(&store).component())?;
                indices.load(&mut store, instance)
            }

            #(#accessors)*
            #(#methods)*
        }
    }
}
