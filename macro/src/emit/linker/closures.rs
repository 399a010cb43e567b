//! The closures that define an importer's resources and functions in a
//! `LinkerInstance`: one `func_wrap*` closure per host function, fetching
//! the host from the store data through the getter and calling the trait
//! method; nothing else runs per call.

use super::super::tracing;
use super::super::types::ty;
use super::super::unstable;
use super::{define, try_value};
use crate::model::func::Returns;
use crate::model::importer::ResourceDef;
use crate::model::paths::ModulePath;
use crate::model::{FuncSig, Model};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) enum Acquire {
    GetHost,
    MutRef,
    /// As `GetHost`, for a `named_imports:` entry: every call passes `id`
    /// (a clone of the linker function's `id`) after the host.
    Named,
}

impl Acquire {
    /// The `id` argument of a `named_imports:` call.
    fn id_arg(&self) -> Option<TokenStream> {
        matches!(self, Acquire::Named).then(|| quote!(id,))
    }

    /// `closure` (a `move` closure that uses `id`) capturing its own clone
    /// of `id`, for a `named_imports:` entry; `closure` as it is otherwise.
    fn capture(&self, closure: TokenStream) -> TokenStream {
        match self {
            Acquire::Named => quote!({
                let id = ::core::clone::Clone::clone(&id);
                #closure
            }),
            _ => closure,
        }
    }

    /// The first statement of a closure's body: for a `named_imports:`
    /// entry, the call's own clone of `id` (it is passed by value).
    fn rebind(&self) -> TokenStream {
        match self {
            Acquire::Named => quote!(let id = ::core::clone::Clone::clone(&id);),
            _ => TokenStream::new(),
        }
    }
}

/// The `resource` definitions and `func_wrap` calls that link `resources`
/// and `sigs` into `inst`.
pub(super) fn wraps(
    model: &Model<'_>,
    trait_path: &TokenStream,
    sigs: &[FuncSig<'_>],
    resources: &[ResourceDef],
    module: &ModulePath,
    acquire: Acquire,
    instance: Option<&str>,
) -> TokenStream {
    let wt = &model.module_wt(module);
    let hg = &model.hg;
    // The name a panic message gives: `ns:pkg/iface.f`, or `f` at the root.
    let qualified = |name: &str| match instance {
        Some(i) => format!("{i}.{name}"),
        None => name.to_string(),
    };
    let host = match acquire {
        Acquire::GetHost | Acquire::Named => quote!(&mut host_getter(caller.data_mut())),
        Acquire::MutRef => quote!(host_getter(caller.data_mut())),
    };
    let id_arg = acquire.id_arg();
    let rebind = acquire.rebind();
    // Awaits an async host call; with `catch_panics`, a panic in any poll
    // becomes an error (the future is pinned in place, not moved).
    let await_call = |what: &str, call: TokenStream| {
        if model.opts.catch_panics {
            try_value(quote!(#hg::__private::catch_future(#what, ::core::pin::pin!(#call)).await))
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
            ..
        } = r;
        let what = qualified(&format!("[resource-drop]{wit_name}"));
        if drop_flags.store {
            return store_dtor(model, r, &what, module, &acquire);
        }
        let drop = quote!(#host_trait::drop(host, #id_arg #wt::component::Resource::new_own(rep)));
        if drop_flags.is_async {
            let call = model.to_wasmtime(module, await_call(&what, drop));
            let body = quote!(async move { let host = #host; #call });
            let closure = acquire.capture(quote! {
                move |mut caller: #wt::StoreContextMut<'_, _T>, rep: u32| {
                    #rebind
                    ::std::boxed::Box::new(#body)
                }
            });
            return unstable::gated(
                gate.as_ref(),
                define(quote! {
                    inst.resource_async(
                        #wit_name,
                        #wt::component::ResourceType::host::<#ty>(),
                        #closure,
                    )
                }),
            );
        }
        let drop = model.to_wasmtime(module, drop);
        let drop_call = if model.opts.catch_panics {
            quote!(#hg::__private::catch(#what, move || #drop))
        } else {
            drop
        };
        let closure = acquire.capture(quote! {
            move |mut caller: #wt::StoreContextMut<'_, _T>, rep: u32| {
                #rebind
                let host = #host;
                #drop_call
            }
        });
        unstable::gated(
            gate.as_ref(),
            define(quote! {
                inst.resource(
                    #wit_name,
                    #wt::component::ResourceType::host::<#ty>(),
                    #closure,
                )
            }),
        )
    });
    let main_trait = trait_path;
    // With a `store` function in the interface the getter is a `fn`
    // pointer to `HasData::Data<'_>`, which has helpers of its own.
    let data_getter =
        sigs.iter().any(|s| s.flags.store) || resources.iter().any(|r| r.drop_flags.store);
    // The `func_wrap*` call of one host function.
    let wrap_one = |s: &FuncSig<'_>| {
        let wit_name = &s.func.name;
        let fname = &s.name;
        let args = s.arg_idents();
        let tys = s.params.iter().map(|(_, t)| ty(model, t, module));
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
                quote!(<_D as #store_trait<_T>>::#fname(host, #id_arg #(#args),*)),
                quote!(let host = &caller.with_getter::<_D>(host_getter);),
                quote!(&mut host_getter(access.get())),
            ),
            Some(store_trait) => (
                quote! {
                    <_D as #store_trait<_T>>::#fname(
                        #hg::Access::new(#wt::AsContextMut::as_context_mut(&mut caller), host_getter),
                        #id_arg
                        #(#args),*
                    )
                },
                quote!(),
                quote!(&mut host_getter(caller.data_mut())),
            ),
            None => (
                quote!(#trait_path::#fname(host, #id_arg #(#args),*)),
                quote!(let host = #host;),
                quote!(host),
            ),
        };
        let trace = tracing::Trace::new(model, s, instance);
        let tys: Vec<TokenStream> = tys.collect();
        let site = Site {
            acquire: &acquire,
            data_getter,
            trait_path: &trait_path,
            args: &args,
            tys: &tys,
            what: &what,
        };
        if let Some(generic) = generic_wrap(model, s, module, &trace, site) {
            return generic;
        }
        let closure = Closure {
            wt,
            wit_name,
            params: quote!((#(#args,)*): (#(#tys,)*)),
            bind_host,
            trace,
            has_result: s.func.result.is_some(),
            acquire: &acquire,
        };
        if is_async {
            let call = await_call(&what, call);
            // An async call's answer, `?` applied where it is a `wasmtime::Result`.
            let async_value = match &s.returns {
                Returns::Plain => call,
                Returns::Trappable => try_value(model.to_wasmtime(module, call)),
                Returns::Mapped { err, .. } => {
                    let convert = &err.convert;
                    let main_trait = model.convert_trait(err, main_trait, module);
                    // Bound first: the call's future borrows `host` until the
                    // end of its statement.
                    let convert = if s.flags.concurrent {
                        // The store is lent to a closure between awaits.
                        quote!(caller.with(|mut access| #main_trait::#convert(#convert_host, e)))
                    } else {
                        quote!(#main_trait::#convert(#convert_host, e))
                    };
                    let convert_value = try_value(model.to_wasmtime(module, convert));
                    quote! {{
                        let r = #call;
                        match r {
                            ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
                            ::core::result::Result::Err(e) => ::core::result::Result::Err(#convert_value),
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
            Returns::Trappable => model.to_wasmtime(module, call),
            Returns::Mapped { err, .. } => {
                let convert = &err.convert;
                let main_trait = model.convert_trait(err, main_trait, module);
                let convert =
                    model.to_wasmtime(module, quote!(#main_trait::#convert(#convert_host, e)));
                quote! {
                    match #call {
                        ::core::result::Result::Ok(v) => ::core::result::Result::Ok(::core::result::Result::Ok(v)),
                        ::core::result::Result::Err(e) => #convert.map(::core::result::Result::Err),
                    }
                }
            }
        };
        let call = if model.opts.catch_panics {
            try_value(quote!(#hg::__private::catch(#what, move || #call)))
        } else {
            // Typed, so a `match` in `call` knows its error type.
            let r = try_value(quote!(r));
            quote!({
                let r: #wt::Result<_> = #call;
                #r
            })
        };
        closure.wrap(Wrap::Sync(call))
    };
    let calls = sigs.iter().map(|s| {
        let gate = model.gate(&s.func.stability);
        unstable::gated(gate.as_ref(), wrap_one(s))
    });
    quote!(#(#dtors)* #(#calls)*)
}

/// The common host function, linked through `hostgen::__private::link`'s
/// generic helpers: a unit struct whose `SyncCall` impl calls the trait
/// method (sync) or whose `AsyncCall` impl returns the method's future
/// (async); a sync `store` function as a closure taking an `Access`. The
/// store plumbing, the panic catch and (for async) the `async` block are the helper's, type-checked once in hostgen instead of
/// once per function in every expansion (`cargo check` time, issue 17).
///
/// `None` for what the helpers do not cover (the caller spells out the
/// closure): a `&mut U` getter without forwarding impls, `tracing`, async
/// functions of interfaces with `store` functions, WIT `async func`,
/// `trappable_error_type` conversions, and async
/// functions with `catch_panics: false` (their spelled-out `async` block
/// lets LLVM elide the per-call box; see `link::func_async`) or `trappable`
/// with `anyhow: true`.
fn generic_wrap(
    model: &Model<'_>,
    s: &FuncSig<'_>,
    module: &ModulePath,
    trace: &tracing::Trace,
    site: Site<'_>,
) -> Option<TokenStream> {
    let Site {
        acquire,
        data_getter,
        trait_path,
        args,
        tys,
        what,
    } = site;
    let trappable = match s.returns {
        Returns::Plain => false,
        Returns::Trappable => true,
        Returns::Mapped { .. } => return None,
    };
    let is_async = s.flags.is_async;
    if !matches!(acquire, Acquire::GetHost)
        || trace.is_on()
        || s.flags.concurrent
        || (data_getter && is_async)
        || (is_async && (!model.opts.catch_panics || (trappable && model.opts.anyhow)))
    {
        return None;
    }
    let hg = &model.hg;
    let link = quote!(#hg::__private::link);
    let wit_name = &s.func.name;
    let fname = &s.name;
    let catch = if model.opts.catch_panics {
        quote!(#link::Catch)
    } else {
        quote!(#link::Unwind)
    };
    // A `store` function gets an `Access`; any other gets the host.
    let (call, helper) = match &s.store_trait {
        Some(store_trait) => (
            quote!(<_D as #store_trait<_T>>::#fname(access, #(#args),*)),
            quote!(func_store),
        ),
        None => (
            quote!(#trait_path::#fname(host, #(#args),*)),
            if data_getter {
                quote!(func_data)
            } else {
                quote!(func)
            },
        ),
    };
    let results = if s.func.result.is_some() {
        quote!(#link::One)
    } else {
        quote!(#link::Zero)
    };
    // The helper, its first type argument (panics for sync, how the value
    // returns for async), and `__Call`'s trait, output and body.
    let (helper, mode, call_trait, out, returns, body) = if is_async {
        let out = super::super::signature::out_ty(model, s, module);
        let kind = if trappable {
            quote!(#link::Trappable)
        } else {
            quote!(#link::Plain)
        };
        let returns = quote!(impl ::core::future::Future<Output = #out> + ::core::marker::Send);
        (
            quote!(func_async),
            kind,
            quote!(AsyncCall),
            out,
            returns,
            call,
        )
    } else {
        // A `store` function that cannot fail returns its value bare, and
        // `func_store_value` wraps it.
        let (helper, value) = match (trappable, s.store_trait.is_some()) {
            (true, _) => (helper, model.to_wasmtime(module, call)),
            (false, true) => (quote!(func_store_value), call),
            (false, false) => (helper, quote!(::core::result::Result::Ok(#call))),
        };
        if s.store_trait.is_some() {
            return Some(quote! {
                #link::#helper(
                    &mut linked, inst, host_getter, #catch, #results, #wit_name, #what,
                    |access, (#(#args,)*): (#(#tys,)*)| #value,
                );
            });
        }
        let wt = model.module_wt(module);
        let ret = super::super::signature::ret_ty(model, s.func, module);
        let returns = quote!(#wt::Result<#ret>);
        (helper, catch, quote!(SyncCall), ret, returns, value)
    };
    let definition = quote! {
        #link::#helper(&mut linked, inst, host_getter, #mode, #results, #wit_name, #what, __Call);
    };
    // `_H` and `__Call` cannot clash with a WIT name (no underscores there).
    Some(quote! {
        {
            #[allow(non_camel_case_types)]
            struct __Call;
            impl<_H: #trait_path + ?::core::marker::Sized>
                #link::#call_trait<_H, (#(#tys,)*), #out> for __Call
            {
                #[inline]
                fn call(host: &mut _H, (#(#args,)*): (#(#tys,)*)) -> #returns {
                    #body
                }
            }
            #definition
        }
    })
}

/// Where a host function is linked: what `generic_wrap` needs besides the
/// function itself.
struct Site<'a> {
    acquire: &'a Acquire,
    /// The getter is a `fn` pointer to `HasData::Data` (the interface has
    /// `store` functions).
    data_getter: bool,
    trait_path: &'a TokenStream,
    args: &'a [proc_macro2::Ident],
    tys: &'a [TokenStream],
    /// The name in panic messages.
    what: &'a str,
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
    /// How the host is reached (for `named_imports:`, with an `id`).
    acquire: &'a Acquire,
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
            acquire,
        } = self;
        let rebind = acquire.rebind();
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
            let closure = acquire.capture(quote! {
                move |mut caller: #wt::StoreContextMut<'_, _T>, #params| {
                    #rebind
                    #span
                    #enter
                    #bind_host
                    #trace_call
                    #bind #value;
                    #trace_ret
                    ::core::result::Result::Ok(#out)
                }
            });
            return define(quote!(inst.func_wrap(#wit_name, #closure)));
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
        define(if let Wrap::Concurrent(_) = wrap {
            let closure = acquire.capture(quote! {
                move |caller: &#wt::component::Accessor<_T>, #params| {
                    #rebind
                    #span
                    ::std::boxed::Box::pin(#body)
                }
            });
            quote!(inst.func_wrap_concurrent(#wit_name, #closure))
        } else {
            let closure = acquire.capture(quote! {
                move |mut caller: #wt::StoreContextMut<'_, _T>, #params| {
                    #rebind
                    #span
                    ::std::boxed::Box::new(#body)
                }
            });
            quote!(inst.func_wrap_async(#wit_name, #closure))
        })
    }
}

/// The definition of a resource whose destructor is flagged `store`: `drop`
/// is an associated function of the resource's `*WithStore` trait,
/// implemented by the `HasData` marker `_D`, and receives an `Access` (sync)
/// or an `&Accessor` (async, linked with `resource_concurrent`), as with
/// wasmtime's `bindgen!`.
fn store_dtor(
    model: &Model<'_>,
    r: &ResourceDef,
    what: &str,
    module: &ModulePath,
    acquire: &Acquire,
) -> TokenStream {
    let wt = &model.module_wt(module);
    let hg = &model.hg;
    let ResourceDef {
        wit_name,
        ty,
        id,
        drop_flags,
        gate,
        ..
    } = r;
    let store_trait = model.store_trait(*id);
    let id_arg = acquire.id_arg();
    let rebind = acquire.rebind();
    let rep = quote!(#id_arg #wt::component::Resource::new_own(rep));
    let definition = if drop_flags.is_async {
        let call = quote!(<_D as #store_trait<_T>>::drop(accessor, #rep));
        let call = if model.opts.catch_panics {
            try_value(quote!(#hg::__private::catch_future(#what, ::core::pin::pin!(#call)).await))
        } else {
            quote!(#call.await)
        };
        let call = model.to_wasmtime(module, call);
        let closure = acquire.capture(quote! {
            move |caller: &#wt::component::Accessor<_T>, rep: u32| {
                #rebind
                ::std::boxed::Box::pin(async move {
                    let accessor = &caller.with_getter::<_D>(host_getter);
                    #call
                })
            }
        });
        quote! {
            inst.resource_concurrent(
                #wit_name,
                #wt::component::ResourceType::host::<#ty>(),
                #closure,
            )
        }
    } else {
        let call = model.to_wasmtime(
            module,
            quote! {
                <_D as #store_trait<_T>>::drop(
                    #hg::Access::new(#wt::AsContextMut::as_context_mut(&mut caller), host_getter),
                    #rep,
                )
            },
        );
        let call = if model.opts.catch_panics {
            quote!(#hg::__private::catch(#what, move || #call))
        } else {
            call
        };
        let closure = match acquire {
            Acquire::Named => acquire.capture(quote! {
                move |mut caller: #wt::StoreContextMut<'_, _T>, rep: u32| { #rebind #call }
            }),
            _ => quote!(move |mut caller: #wt::StoreContextMut<'_, _T>, rep: u32| #call),
        };
        quote! {
            inst.resource(
                #wit_name,
                #wt::component::ResourceType::host::<#ty>(),
                #closure,
            )
        }
    };
    unstable::gated(gate.as_ref(), define(definition))
}
