//! How a host method is written: its parameters, what it returns, and its
//! signature in a host trait (async methods return `impl Future`) or in
//! the trait's dyn-compatible companion (boxed futures). Shared by the host
//! traits and their companions.

use super::types::ty;
use crate::func_flags::FuncFlags;
use crate::model::func::{Returns, TrappableError};
use crate::model::paths::ModulePath;
use crate::model::{FuncSig, Model};
use crate::names;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::Function;

/// The return type of a host method: the WIT result, or `()`.
pub fn ret_ty(model: &Model<'_>, f: &Function, module: &ModulePath) -> TokenStream {
    super::types::opt_ty(model, f.result.as_ref(), module)
}

/// The type a host method produces (awaited, for an async one): the WIT
/// result as the method returns it, `()` when there is none.
pub fn out_ty(model: &Model<'_>, s: &FuncSig<'_>, module: &ModulePath) -> TokenStream {
    match &s.returns {
        Returns::Mapped { ok, err } => {
            let ok = super::types::opt_ty(model, ok.as_ref(), module);
            let err = module.to(&ModulePath::root(), &err.alias);
            quote!(::core::result::Result<#ok, #err>)
        }
        Returns::Trappable => {
            let t = ret_ty(model, s.func, module);
            let result = model.trap_result(module);
            quote!(#result<#t>)
        }
        Returns::Plain => ret_ty(model, s.func, module),
    }
}

/// How a method signature is written: in a `Host` trait (async methods
/// return `impl Future`) or in its dyn-compatible companion (async methods
/// take a `slot` to put their future in, and return the proof they did).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Static,
    Dyn,
}

/// `fn name(&mut self, a: A, ..) -> R` for a method producing `out`.
pub fn method(
    model: &Model<'_>,
    name: &Ident,
    params: &[TokenStream],
    out: &TokenStream,
    is_async: bool,
    shape: Shape,
) -> TokenStream {
    if is_async && shape == Shape::Dyn {
        // The caller lends the future's room (`hostgen::__private::InSlotCall`):
        // no allocation per call. `'s` brands the loan of that room.
        let hg = &model.hg;
        return quote! {
            fn #name<'s, 'a>(
                &'a mut self,
                #(#params,)*
                slot: #hg::__private::SlotRef<'s, 'a, #out>,
            ) -> #hg::__private::Placed<'s, #out>
        };
    }
    let ret = ret_clause(out, is_async);
    quote!(fn #name(&mut self, #(#params),*) #ret)
}

/// `-> R`, `-> impl Future<Output = R> + Send` when async, or nothing for a
/// synchronous `()`.
pub fn ret_clause(out: &TokenStream, is_async: bool) -> TokenStream {
    if is_async {
        quote!(-> impl ::core::future::Future<Output = #out> + ::core::marker::Send)
    } else if out.to_string() == "()" {
        TokenStream::new()
    } else {
        quote!(-> #out)
    }
}

/// The type of each parameter of `s`.
pub fn param_types(model: &Model<'_>, s: &FuncSig<'_>, module: &ModulePath) -> Vec<TokenStream> {
    s.params.iter().map(|(_, t)| ty(model, t, module)).collect()
}

/// `name: Type` for each parameter of `s`.
pub fn params(model: &Model<'_>, s: &FuncSig<'_>, module: &ModulePath) -> Vec<TokenStream> {
    s.params
        .iter()
        .zip(param_types(model, s, module))
        .map(|((p, _), t)| quote!(#p: #t))
        .collect()
}

/// The parameters of a method with parameter `names` and `types` (the
/// `named_imports:` id type `id` first): `name: Type` each, but one tuple
/// `args: (A, ..)` for an async method of a dyn companion, so that the
/// `from dyn` side can hold the call as a named future
/// (`hostgen::__private::InSlotCall`) with the method as a fn pointer.
fn shaped_params(
    names: Vec<TokenStream>,
    types: Vec<TokenStream>,
    id: Option<&TokenStream>,
    is_async: bool,
    shape: Shape,
) -> Vec<TokenStream> {
    if is_async && shape == Shape::Dyn {
        let types = id.into_iter().chain(&types);
        return vec![quote!(args: (#(#types,)*))];
    }
    let params = names
        .iter()
        .zip(&types)
        .map(|(p, t)| quote!(#p: #t))
        .collect();
    with_id(id, params)
}

/// `id: Id` first, for the traits of a `named_imports:` entry (`id` the
/// id type written from the trait's module), then `params`.
pub fn with_id(id: Option<&TokenStream>, params: Vec<TokenStream>) -> Vec<TokenStream> {
    match id {
        Some(id) => std::iter::once(quote!(id: #id)).chain(params).collect(),
        None => params,
    }
}

/// The signature of host method `s` (with the `named_imports:` id type
/// `id`, its first parameter).
pub fn signature(
    model: &Model<'_>,
    s: &FuncSig<'_>,
    module: &ModulePath,
    shape: Shape,
    id: Option<&TokenStream>,
) -> TokenStream {
    let names = s.params.iter().map(|(p, _)| quote!(#p)).collect();
    let types = param_types(model, s, module);
    let params = shaped_params(names, types, id, s.flags.is_async, shape);
    let out = out_ty(model, s, module);
    let allow = s.lint_allow();
    let sig = method(model, &s.name, &params, &out, s.flags.is_async, shape);
    quote!(#allow #sig)
}

/// The type of a resource trait's `drop` parameter, `rep`.
pub fn drop_param_ty(model: &Model<'_>, res: &Ident, module: &ModulePath) -> TokenStream {
    let wt = &model.module_wt(module);
    quote!(#wt::component::Resource<#res>)
}

/// The signature of a resource trait's `drop` (with the `named_imports:`
/// id type `id`, its first parameter).
pub fn drop_signature(
    model: &Model<'_>,
    res: &Ident,
    flags: FuncFlags,
    module: &ModulePath,
    (shape, id): (Shape, Option<&TokenStream>),
) -> TokenStream {
    let params = shaped_params(
        vec![quote!(rep)],
        vec![drop_param_ty(model, res, module)],
        id,
        flags.is_async,
        shape,
    );
    let result = model.trap_result(module);
    method(
        model,
        &names::ident("drop"),
        &params,
        &quote!(#result<()>),
        flags.is_async,
        shape,
    )
}

/// The signature of `convert_<error>`: the Rust error to the WIT error or
/// a trap.
pub fn convert_signature(
    model: &Model<'_>,
    err: &TrappableError,
    module: &ModulePath,
) -> TokenStream {
    let result = model.trap_result(module);
    let TrappableError {
        alias,
        wit,
        convert,
        ..
    } = err;
    let rust = module.to(&ModulePath::root(), alias);
    let wit = ty(model, wit, module);
    quote!(fn #convert(&mut self, err: #rust) -> #result<#wit>)
}
