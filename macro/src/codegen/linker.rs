//! `add_to_linker` and `add_to_linker_get_host`: per imported interface, for
//! the world's own imports, and for the whole world.
//!
//! Each host function is one `func_wrap` closure that fetches the host from
//! the store data through the getter and calls the trait method; nothing
//! else runs per call.

use super::errors::Returns;
use super::modules::ModulePath;
use super::tracing;
use super::types::ty;
use super::unstable;
use super::{FuncSig, Gen, WorldNames};
use crate::flags::Flags;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// How a `func_wrap` closure reaches the host: through a `GetHost` getter
/// (whose result is a value that implements the trait), or through a getter
/// returning `&mut U`.
#[derive(Clone, Copy)]
enum Acquire {
    GetHost,
    MutRef,
}

/// An imported resource: the linker defines it with a destructor that calls
/// its trait's `drop`.
pub struct ResourceDef {
    pub wit_name: String,
    pub ty: Ident,
    pub host_trait: Ident,
    /// The `imports:` flags of `[drop]<resource>`.
    pub drop_flags: Flags,
    /// The `LinkOptions` flag the resource is `@unstable` behind.
    pub gate: Option<Ident>,
}

/// The `resource` definitions and `func_wrap` calls that link `resources`
/// and `sigs` into `inst`.
fn wraps(
    cx: &Gen<'_>,
    trait_path: &TokenStream,
    sigs: &[FuncSig<'_>],
    resources: &[ResourceDef],
    module: &ModulePath,
    acquire: Acquire,
    instance: Option<&str>,
) -> TokenStream {
    let wt = &cx.module_wt(module);
    let hg = &cx.hg;
    // The name a panic message gives: `ns:pkg/iface.f`, or `f` at the root.
    let qualified = |name: &str| match instance {
        Some(i) => format!("{i}.{name}"),
        None => name.to_string(),
    };
    let host = match acquire {
        Acquire::GetHost => quote!(&mut host_getter(caller.data_mut())),
        Acquire::MutRef => quote!(host_getter(caller.data_mut())),
    };
    // Awaits an async host call; with `catch_panics`, a panic in any poll
    // becomes an error (the future is pinned in place, not moved).
    let await_call = |what: &str, call: TokenStream| {
        if cx.opts.catch_panics {
            quote!(#hg::__private::catch_future(#what, ::core::pin::pin!(#call)).await?)
        } else {
            quote!(#call.await)
        }
    };
    let dtors = resources.iter().map(|r| {
        let ResourceDef {
            wit_name,
            ty,
            host_trait,
            drop_flags,
            gate,
        } = r;
        let what = qualified(&format!("[resource-drop]{wit_name}"));
        let drop = quote!(#host_trait::drop(host, #wt::component::Resource::new_own(rep)));
        if drop_flags.is_async {
            let call = cx.to_wasmtime(module, await_call(&what, drop));
            let body = quote!(async move { let host = #host; #call });
            return unstable::gated(
                gate.as_ref(),
                quote! {
                    inst.resource_async(
                        #wit_name,
                        #wt::component::ResourceType::host::<#ty>(),
                        move |mut caller: #wt::StoreContextMut<'_, _T>, rep: u32| {
                            ::std::boxed::Box::new(#body)
                        },
                    )?;
                },
            );
        }
        let drop = cx.to_wasmtime(module, drop);
        let drop_call = if cx.opts.catch_panics {
            quote!(#hg::__private::catch(#what, move || #drop))
        } else {
            drop
        };
        unstable::gated(
            gate.as_ref(),
            quote! {
                inst.resource(
                    #wit_name,
                    #wt::component::ResourceType::host::<#ty>(),
                    move |mut caller: #wt::StoreContextMut<'_, _T>, rep: u32| {
                        let host = #host;
                        #drop_call
                    },
                )?;
            },
        )
    });
    let main_trait = trait_path;
    // The `func_wrap*` call of one host function.
    let wrap_one = |s: &FuncSig<'_>| {
        let wit_name = &s.func.name;
        let fname = &s.name;
        let args = s.arg_idents();
        let tys = s.params.iter().map(|(_, t)| ty(cx, t, module));
        let trait_path = match &s.owner {
            Some(owner) => quote!(#owner),
            None => trait_path.clone(),
        };
        let is_async = s.flags.is_async;
        let what = qualified(wit_name);
        // A `store` function gets an `Access` (the store and the getter),
        // and `host` is only made for `convert_*`, after the call.
        let (call, bind_host, convert_host) = match &s.store_trait {
            Some(store_trait) if s.flags.concurrent => (
                quote!(<_D as #store_trait>::#fname(host, #(#args),*)),
                quote!(let host = &caller.with_getter::<_D>(host_getter);),
                quote!(&mut host_getter(access.get())),
            ),
            Some(store_trait) => (
                quote! {
                    <_D as #store_trait>::#fname(
                        #hg::Access::new(#wt::AsContextMut::as_context_mut(&mut caller), host_getter),
                        #(#args),*
                    )
                },
                quote!(),
                quote!(&mut host_getter(caller.data_mut())),
            ),
            None => (
                quote!(#trait_path::#fname(host, #(#args),*)),
                quote!(let host = #host;),
                quote!(host),
            ),
        };
        let closure = Closure {
            wt,
            wit_name,
            params: quote!((#(#args,)*): (#(#tys,)*)),
            bind_host,
            trace: tracing::Trace::new(cx, s, instance),
            has_result: s.func.result.is_some(),
        };
        if is_async {
            let call = await_call(&what, call);
            // An async call's answer, `?` applied where it is a `wasmtime::Result`.
            let async_value = match &s.returns {
                Returns::Plain => call,
                Returns::Trappable => {
                    let call = cx.to_wasmtime(module, call);
                    quote!(#call?)
                }
                Returns::Mapped { err, .. } => {
                    let convert = &err.convert;
                    // Bound first: the call's future borrows `host` until the
                    // end of its statement.
                    let convert = if s.flags.concurrent {
                        // The store is lent to a closure between awaits.
                        quote!(caller.with(|mut access| #main_trait::#convert(#convert_host, e)))
                    } else {
                        quote!(#main_trait::#convert(#convert_host, e))
                    };
                    let convert = cx.to_wasmtime(module, convert);
                    quote! {{
                        let r = #call;
                        match r {
                            ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
                            ::core::result::Result::Err(e) => ::core::result::Result::Err(#convert?),
                        }
                    }}
                }
            };
            return closure.wrap(if s.flags.concurrent {
                Wrap::Concurrent(async_value)
            } else {
                Wrap::Async(async_value)
            });
        }
        // The host's answer as a `wasmtime::Result`: `Err` traps.
        let call = match &s.returns {
            Returns::Plain => quote!(::core::result::Result::Ok(#call)),
            Returns::Trappable => cx.to_wasmtime(module, call),
            Returns::Mapped { err, .. } => {
                let convert = &err.convert;
                let convert =
                    cx.to_wasmtime(module, quote!(#main_trait::#convert(#convert_host, e)));
                quote! {
                    match #call {
                        ::core::result::Result::Ok(v) => ::core::result::Result::Ok(::core::result::Result::Ok(v)),
                        ::core::result::Result::Err(e) => #convert.map(::core::result::Result::Err),
                    }
                }
            }
        };
        let call = if cx.opts.catch_panics {
            quote!(#hg::__private::catch(#what, move || #call)?)
        } else {
            quote!({
                let r: #wt::Result<_> = #call;
                r?
            })
        };
        closure.wrap(Wrap::Sync(call))
    };
    let calls = sigs.iter().map(|s| {
        let gate = cx.gate(&s.func.stability);
        unstable::gated(gate.as_ref(), wrap_one(s))
    });
    quote!(#(#dtors)* #(#calls)*)
}

/// What one host function's linker closure is made of.
struct Closure<'a> {
    wt: &'a TokenStream,
    wit_name: &'a str,
    /// `(arg0, ..): (T0, ..)`.
    params: TokenStream,
    /// `let host = ..;`, or nothing for a `store` function.
    bind_host: TokenStream,
    trace: tracing::Trace,
    has_result: bool,
}

/// Which linker method a closure goes to, with the host's answer (`?`
/// applied): awaited for the async ones.
enum Wrap {
    Sync(TokenStream),
    Async(TokenStream),
    /// A WIT `async func`.
    Concurrent(TokenStream),
}

impl Closure<'_> {
    fn wrap(self, wrap: Wrap) -> TokenStream {
        let Closure {
            wt,
            wit_name,
            params,
            bind_host,
            trace,
            has_result,
        } = self;
        let bind = if has_result {
            quote!(let r =)
        } else {
            quote!()
        };
        let out = if has_result { quote!((r,)) } else { quote!(()) };
        let (span, trace_call, trace_ret) = (trace.span(), trace.call(), trace.ret());
        let (value, is_async) = match &wrap {
            Wrap::Sync(v) => (v, false),
            Wrap::Async(v) | Wrap::Concurrent(v) => (v, true),
        };
        if !is_async {
            let enter = trace.enter();
            return quote! {
                inst.func_wrap(
                    #wit_name,
                    move |mut caller: #wt::StoreContextMut<'_, _T>, #params| {
                        #span
                        #enter
                        #bind_host
                        #trace_call
                        #bind #value;
                        #trace_ret
                        ::core::result::Result::Ok(#out)
                    },
                )?;
            };
        }
        // The result spelled out, so the block's error type is known
        // without the panic-catching wrapper too.
        let body = trace.instrument(quote! {
            async move {
                #bind_host
                #trace_call
                #bind #value;
                #trace_ret
                ::core::result::Result::Ok::<_, #wt::Error>(#out)
            }
        });
        if let Wrap::Concurrent(_) = wrap {
            quote! {
                inst.func_wrap_concurrent(
                    #wit_name,
                    move |caller: &#wt::component::Accessor<_T>, #params| {
                        #span
                        ::std::boxed::Box::pin(#body)
                    },
                )?;
            }
        } else {
            quote! {
                inst.func_wrap_async(
                    #wit_name,
                    move |mut caller: #wt::StoreContextMut<'_, _T>, #params| {
                        #span
                        ::std::boxed::Box::new(#body)
                    },
                )?;
            }
        }
    }
}

/// The two linker functions of an imported interface, free functions in its
/// module.
pub fn interface(
    cx: &Gen<'_>,
    instance: &str,
    trait_name: &Ident,
    sigs: &[FuncSig<'_>],
    resources: &[ResourceDef],
    module: &ModulePath,
    gating: unstable::Gating,
) -> TokenStream {
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
    let into_linker = format!(" Links `{instance}` into `linker`, ");
    let target = Target {
        trait_path: quote!(#trait_name),
        inst,
        self_prefix: quote!(),
        docs: [
            &format!("{into_inst}{serve_get_host}"),
            &format!("{into_inst}{serve_mut}"),
        ],
        outer_docs: Some([
            format!("{into_linker}{serve_get_host}"),
            format!("{into_linker}{serve_mut}"),
        ]),
        suffix: "",
        resources,
        instance: Some(instance),
        options: gating.options,
        body_gate: gating.body_gate,
    };
    let decl = gating.decl;
    let fns = link_fns(cx, target, sigs, module);
    quote!(#decl #fns)
}

/// Where and how one pair of linker functions links its trait.
struct Target<'s> {
    /// The trait the functions serve.
    trait_path: TokenStream,
    /// The statement that binds `inst`, the `LinkerInstance` to define in.
    inst: TokenStream,
    /// Empty for free functions, `Self::` for associated ones: how
    /// `add_to_linker` reaches its sibling.
    self_prefix: TokenStream,
    /// Docs of `add_to_linker*_get_host` and `add_to_linker*` (for an
    /// interface: of `add_to_linker_instance*`).
    docs: [&'s str; 2],
    /// For an interface: docs of `add_to_linker_get_host` and
    /// `add_to_linker`, which link at its own name.
    outer_docs: Option<[String; 2]>,
    /// `""`, or `"_imports"` for the world's own imports.
    suffix: &'s str,
    resources: &'s [ResourceDef],
    /// The interface's WIT name (`None` for the world's own imports).
    instance: Option<&'s str>,
    /// With `@unstable` items gated at link time: the `LinkOptions` type
    /// the functions take after the linker.
    options: Option<TokenStream>,
    /// The `LinkOptions` flag everything linked is behind (an `@unstable`
    /// interface).
    body_gate: Option<Ident>,
}

fn link_fns(
    cx: &Gen<'_>,
    target: Target<'_>,
    sigs: &[FuncSig<'_>],
    module: &ModulePath,
) -> TokenStream {
    let Target {
        trait_path,
        inst,
        self_prefix,
        docs: [doc_get_host, doc_mut],
        outer_docs,
        suffix,
        resources,
        instance,
        options,
        body_gate,
    } = target;
    let (opt_param, opt_arg, opt_use) = match &options {
        Some(t) => (
            quote!(options: &#t,),
            quote!(options,),
            quote!(let _ = options;),
        ),
        None => (quote!(), quote!(), quote!()),
    };
    let trait_path = &trait_path;
    let wt = &cx.module_wt(module);
    // Async host functions keep the store and the host across `.await`s
    // in a `Send` future.
    let send = if sigs.iter().any(|s| s.flags.is_async)
        || resources.iter().any(|r| r.drop_flags.is_async)
    {
        quote!(+ ::core::marker::Send)
    } else {
        quote!()
    };
    let t_send = store_data_send(cx, &send);
    let hg = &cx.hg;
    let get_host_fn = quote::format_ident!("add_to_linker{suffix}_get_host");
    let mut_fn = quote::format_ident!("add_to_linker{suffix}");
    // An interface's functions define into a `LinkerInstance` the caller
    // names (`add_to_linker_instance*`: a named import such as `import
    // hot-cache: store;` links there), and `add_to_linker*` link at the
    // interface's own name through them. The world's own imports define at
    // the root.
    let (linker_param, get_host_fn, mut_fn, wrappers) = match instance {
        Some(instance) => {
            let inst_get_host = quote::format_ident!("add_to_linker_instance{suffix}_get_host");
            let inst_mut = quote::format_ident!("add_to_linker_instance{suffix}");
            let wrappers = Wrappers {
                instance,
                docs: outer_docs.unwrap_or_default(),
                get_host_fn,
                mut_fn,
                inst_get_host: inst_get_host.clone(),
                inst_mut: inst_mut.clone(),
            };
            (
                quote!(inst: &mut #wt::component::LinkerInstance<'_, _T>),
                inst_get_host,
                inst_mut,
                Some(wrappers),
            )
        }
        None => (
            quote!(linker: &mut #wt::component::Linker<_T>),
            get_host_fn,
            mut_fn,
            None,
        ),
    };
    let forward_from = match instance {
        Some(_) => quote!(inst),
        None => quote!(linker),
    };
    let via_get_host = wraps(
        cx,
        trait_path,
        sigs,
        resources,
        module,
        Acquire::GetHost,
        instance,
    );
    let via_get_host = unstable::gated(body_gate.as_ref(), quote!(#opt_use #via_get_host));
    if sigs.iter().any(|s| s.flags.store) {
        // Functions flagged `store` are associated functions of a trait
        // implemented by a `HasData` marker `_D`; the getter is then a `fn`
        // pointer from the store data to `_D::Data`, as `Access` keeps it.
        let store_traits: Vec<TokenStream> = cx
            .with_store_in(module)
            .iter()
            .map(|t| quote!(#t))
            .collect();
        let doc = format!(
            "{} The getter is a `fn` from the store data to `<_D as HasData>::Data`; \
             `_D` implements the `*WithStore` traits (functions flagged `store`).",
            doc_get_host
        );
        let where_clause = quote! {
            where
                _D: #(#store_traits)+*,
                for<'a> <_D as #wt::component::HasData>::Data<'a>: #trait_path #send,
                _T: 'static #t_send,
        };
        let wrapper = wrappers.map(|w| {
            let Wrappers {
                instance,
                mut_fn: outer,
                inst_mut,
                docs: [doc, _],
                ..
            } = w;
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
                    #inst_mut::<_T, _D>(&mut linker.instance(#instance)?, #opt_arg host_getter)
                }
            }
        });
        return quote! {
            #[doc = #doc]
            pub fn #mut_fn<_T, _D>(
                #linker_param,
                #opt_param
                host_getter: fn(&mut _T) -> <_D as #wt::component::HasData>::Data<'_>,
            ) -> #wt::Result<()>
            #where_clause
            {
                #inst
                #via_get_host
                ::core::result::Result::Ok(())
            }
            #wrapper
        };
    }
    let mut_body = if cx.opts.skip_mut_forwarding_impls {
        let via_mut = wraps(
            cx,
            trait_path,
            sigs,
            resources,
            module,
            Acquire::MutRef,
            instance,
        );
        let via_mut = unstable::gated(body_gate.as_ref(), quote!(#opt_use #via_mut));
        quote! { #inst #via_mut ::core::result::Result::Ok(()) }
    } else {
        quote! { #self_prefix #get_host_fn(#forward_from, #opt_arg host_getter) }
    };
    let get_host_where = quote! {
        where
            _G: for<'a> #hg::GetHost<&'a mut _T, Host: #trait_path #send>,
            _T: 'static #t_send,
    };
    let mut_where = quote! {
        where
            _U: #trait_path + ?::core::marker::Sized #send,
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
            inst_get_host,
            inst_mut,
            docs: [doc_get_host, doc_mut],
        } = w;
        quote! {
            #[doc = #doc_get_host]
            pub fn #outer_get_host<_T, _G>(
                linker: &mut #wt::component::Linker<_T>,
                #opt_param
                host_getter: _G,
            ) -> #wt::Result<()>
            #get_host_where
            {
                #inst_get_host(&mut linker.instance(#instance)?, #opt_arg host_getter)
            }

            #[doc = #doc_mut]
            pub fn #outer_mut<_T, _U>(
                linker: &mut #wt::component::Linker<_T>,
                #opt_param
                host_getter: #mut_getter,
            ) -> #wt::Result<()>
            #mut_where
            {
                #inst_mut(&mut linker.instance(#instance)?, #opt_arg host_getter)
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
            #via_get_host
            ::core::result::Result::Ok(())
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

        #wrappers
    }
}

/// For an interface: the names of the functions that link at its own
/// instance name through the `add_to_linker_instance*` ones.
struct Wrappers<'s> {
    instance: &'s str,
    docs: [String; 2],
    get_host_fn: Ident,
    mut_fn: Ident,
    inst_get_host: Ident,
    inst_mut: Ident,
}

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
    fn call(&self, f: &str, turbofish: TokenStream) -> TokenStream {
        let f = ModulePath::root().to(&self.module, &crate::names::ident(f));
        let name = &self.instance;
        let options = if self.options {
            quote!(&options.into(),)
        } else {
            quote!()
        };
        unstable::gated(
            self.gate.as_ref(),
            quote!(#f #turbofish(&mut linker.instance(#name)?, #options host_getter)?;),
        )
    }
}

/// `add_to_linker*` on the world struct: the world's own imports, and every
/// import at once.
pub fn world(
    cx: &Gen<'_>,
    names: &WorldNames,
    links: &[ImportLink],
    own_sigs: &[FuncSig<'_>],
    own_resources: &[ResourceDef],
    gating: WorldGating,
) -> TokenStream {
    let has_own = !own_sigs.is_empty() || !own_resources.is_empty();
    let WorldGating { options, body_gate } = gating;
    let (opt_param, opt_arg) = match &options {
        Some(t) => (quote!(options: &#t,), quote!(options,)),
        None => (quote!(), quote!()),
    };
    let wt = &cx.wt;
    let hg = &cx.hg;
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
    // Every name is linked at that name, through the interface's
    // `add_to_linker_instance*`.
    let mut get_host_calls: Vec<TokenStream> = links
        .iter()
        .map(|l| l.call("add_to_linker_instance_get_host", quote!()))
        .collect();
    let mut mut_calls: Vec<TokenStream> = links
        .iter()
        .map(|l| l.call("add_to_linker_instance", quote!()))
        .collect();

    let mut own = TokenStream::new();
    if has_own {
        let imports = &names.imports;
        let inst = quote!(let mut inst = linker.root(););
        let doc_get_host = format!(
            " Links the functions the world imports directly, served by any \
             [`{imports}`] the getter returns."
        );
        let target = Target {
            trait_path: quote!(#imports),
            inst,
            self_prefix: quote!(Self::),
            docs: [
                &doc_get_host,
                " Links the functions the world imports directly, served by the \
                 `&mut U` the getter returns.",
            ],
            outer_docs: None,
            suffix: "_imports",
            resources: own_resources,
            instance: None,
            options: options.clone(),
            body_gate: body_gate.clone(),
        };
        own = link_fns(cx, target, own_sigs, &root);
        bounds.push(quote!(#imports));
        get_host_calls
            .push(quote!(Self::add_to_linker_imports_get_host(linker, #opt_arg host_getter)?;));
        mut_calls.push(quote!(Self::add_to_linker_imports(linker, #opt_arg host_getter)?;));
    }
    let send = if cx.facts.any_async_import {
        quote!(+ ::core::marker::Send)
    } else {
        quote!()
    };
    let t_send = store_data_send(cx, &send);
    let get_bounds = if bounds.is_empty() {
        quote!()
    } else {
        quote!(Host: #(#bounds)+* #send)
    };
    let store_traits: Vec<(ModulePath, Vec<Ident>)> = ifaces
        .iter()
        .chain(has_own.then_some(&root))
        .map(|m| (m.clone(), cx.with_store_in(m)))
        .filter(|(_, traits)| !traits.is_empty())
        .collect();
    let gate_all = |calls: Vec<TokenStream>| {
        let opt_use = options.as_ref().map(|_| quote!(let _ = options;));
        unstable::gated(body_gate.as_ref(), quote!(#opt_use #(#calls)*))
    };
    if !store_traits.is_empty() {
        let calls = world_with_store_calls(links, &store_traits, has_own, &opt_arg);
        return world_with_store(
            cx,
            own,
            (&opt_param, gate_all(calls)),
            &bounds,
            &store_traits,
            send,
        );
    }
    let get_host_calls = gate_all(get_host_calls);
    let mut_calls = gate_all(mut_calls);
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
            ::core::result::Result::Ok(())
        }

        /// Links every import of the world, each served by the `&mut U` the
        /// getter returns.
        pub fn add_to_linker<_T, _U>(
            linker: &mut #wt::component::Linker<_T>,
            #opt_param
            host_getter: impl ::core::ops::Fn(&mut _T) -> &mut _U + ::core::marker::Send + ::core::marker::Sync + ::core::marker::Copy + 'static,
        ) -> #wt::Result<()>
        where
            _U: #bounds,
            _T: 'static #t_send,
        {
            let _ = &host_getter;
            #mut_calls
            ::core::result::Result::Ok(())
        }
    }
}

/// The world's `add_to_linker` when some import has functions flagged
/// `store`: one `fn` getter to `<_D as HasData>::Data`, `_D` implementing
/// every `*WithStore` trait; interfaces without such functions are linked
/// through their `add_to_linker_get_host` with that same getter.
fn world_with_store(
    cx: &Gen<'_>,
    own: TokenStream,
    (opt_param, calls): (&TokenStream, TokenStream),
    bounds: &[TokenStream],
    store_traits: &[(ModulePath, Vec<Ident>)],
    send: TokenStream,
) -> TokenStream {
    let wt = &cx.wt;
    let t_send = store_data_send(cx, &send);
    let root = ModulePath::root();
    let store_bounds = store_traits
        .iter()
        .flat_map(|(m, traits)| traits.iter().map(|t| root.to(m, t)));
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
            ::core::result::Result::Ok(())
        }
    }
}

/// The calls in the world's `add_to_linker` when some import has functions
/// flagged `store`: those interfaces through `add_to_linker_instance`, the
/// others through `add_to_linker_instance_get_host`, with the same getter.
fn world_with_store_calls(
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
                link.call("add_to_linker_instance", quote!(::<_T, _D>))
            } else {
                link.call("add_to_linker_instance_get_host", quote!())
            }
        })
        .collect();
    if has_own {
        calls.push(if has_store(&root) {
            quote!(Self::add_to_linker_imports::<_T, _D>(linker, #opt_arg host_getter)?;)
        } else {
            quote!(Self::add_to_linker_imports_get_host(linker, #opt_arg host_getter)?;)
        });
    }
    calls
}

/// How the world's linker functions are gated: the `LinkOptions` type they
/// take and the flag the whole world is behind.
pub struct WorldGating {
    pub options: Option<TokenStream>,
    pub body_gate: Option<Ident>,
}

/// The `Send` bound on the store data `_T`: needed by async host functions,
/// and asked for by `require_store_data_send: true`.
fn store_data_send(cx: &Gen<'_>, send: &TokenStream) -> TokenStream {
    if send.is_empty() && cx.opts.require_store_data_send {
        quote!(+ ::core::marker::Send)
    } else {
        send.clone()
    }
}
