//! `ownership: Borrowing { .. }` (wasmtime's option, same meaning): types
//! as export calls take them, borrowed all the way down, and the borrowed
//! definitions of the types that have one (`Thing<'a>`, `ThingParam<'a>`).
//!
//! Borrowed forms only go to the guest, so they implement
//! `ComponentType` and `Lower` (wasmtime's derive), never `Lift`.

use super::types::ty;
use crate::model::Model;
use crate::model::paths::ModulePath;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use wit_parser::{Type, TypeDefKind, TypeId};

/// How an export call takes `t` under `ownership: Borrowing`, with
/// lifetime `lt` (`'_` in a call's signature, `'static` in the stored
/// `TypedFunc`, `'a` inside a borrowed definition): strings and lists by
/// reference, a type with a borrowed form as that form, another type that
/// holds a string or a list by reference, the rest by value.
pub fn ty_with(model: &Model<'_>, t: &Type, from: &ModulePath, lt: &TokenStream) -> TokenStream {
    let id = match t {
        Type::String => return quote!(&#lt str),
        Type::Id(id) => *id,
        crate::model::integer_types!() | Type::F32 | Type::F64 | Type::ErrorContext => {
            return ty(model, t, from);
        }
    };
    let def = &model.resolve.types[id];
    let usage = &model.usage;
    if def.name.is_some() {
        if model.is_remapped_type(id) || !usage.has_list(id) {
            return ty(model, t, from);
        }
        if usage.has_lifetime(id) {
            let path = model.param_path(id, from);
            return quote!(#path<#lt>);
        }
        let path = model.type_path(id, from);
        return quote!(&#lt #path);
    }
    anonymous(model, t, &def.kind, from, lt)
}

/// The borrowed definition of named type `id` (which holds a string or a
/// list), named as `Model::param_ident` says, generic over `'a`.
pub fn typedef(model: &Model<'_>, id: TypeId, module: &ModulePath) -> TokenStream {
    let def = &model.resolve.types[id];
    let name = model.param_ident(id);
    let docs = super::docs(&def.docs);
    let wt = model.module_wt(module);
    let lt = quote!('a);
    let field_ty = |t: &Type| ty_with(model, t, module, &lt);
    let this = Type::Id(id);
    // References and the by-value types they sit next to copy; a handle
    // does not.
    let copy = (!model.analysis.has_handle(&this)).then(|| quote!(Clone, Copy,));
    let debug = model.analysis.is_debug(&this).then(|| quote!(Debug,));
    let derives = quote! {
        #[derive(#copy #debug #wt::component::ComponentType, #wt::component::Lower)]
    };
    let wt_attr = quote!(#[component(wasmtime_crate = #wt)]);
    match &def.kind {
        TypeDefKind::Record(r) => {
            let fields = r.fields.iter().map(|f| {
                let fname = names::ident(&names::snake(&f.name));
                let wit = &f.name;
                let fty = field_ty(&f.ty);
                let fdocs = super::docs(&f.docs);
                quote! { #fdocs #[component(name = #wit)] pub #fname: #fty }
            });
            quote! {
                #docs
                #derives
                #[component(record)]
                #wt_attr
                pub struct #name<'a> { #(#fields,)* }
            }
        }
        TypeDefKind::Variant(v) => {
            let cases = v.cases.iter().map(|c| {
                let cname = names::ident(&names::camel(&c.name));
                let wit = &c.name;
                let cdocs = super::docs(&c.docs);
                match &c.ty {
                    Some(t) => {
                        let t = field_ty(t);
                        quote! { #cdocs #[component(name = #wit)] #cname(#t) }
                    }
                    None => quote! { #cdocs #[component(name = #wit)] #cname },
                }
            });
            quote! {
                #docs
                #derives
                #[component(variant)]
                #wt_attr
                pub enum #name<'a> { #(#cases,)* }
            }
        }
        TypeDefKind::Option(_)
        | TypeDefKind::Result(_)
        | TypeDefKind::List(_)
        | TypeDefKind::Map(..)
        | TypeDefKind::FixedLengthList(..)
        | TypeDefKind::Tuple(_)
        | TypeDefKind::Type(_) => {
            let target = anonymous(model, &this, &def.kind, module, &lt);
            quote! { #docs pub type #name<'a> = #target; }
        }
        // Hold no string or list of their own: never borrowed forms.
        TypeDefKind::Resource
        | TypeDefKind::Handle(_)
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Unknown => {
            super::internal_error(&format!("a borrowed WIT `{}`", def.kind.as_str()))
        }
    }
}

/// The borrowed form of `whole`, an anonymous type (or a named alias being
/// defined) of kind `kind`.
fn anonymous(
    model: &Model<'_>,
    whole: &Type,
    kind: &TypeDefKind,
    from: &ModulePath,
    lt: &TokenStream,
) -> TokenStream {
    let inner = |t: &Type| ty_with(model, t, from, lt);
    let opt = |t: Option<&Type>| t.map(inner).unwrap_or_else(|| quote!(()));
    match kind {
        TypeDefKind::List(t) => {
            let t = inner(t);
            quote!(&#lt [#t])
        }
        TypeDefKind::Option(t) => {
            let t = inner(t);
            quote!(::core::option::Option<#t>)
        }
        TypeDefKind::Result(r) => {
            let ok = opt(r.ok.as_ref());
            let err = opt(r.err.as_ref());
            quote!(::core::result::Result<#ok, #err>)
        }
        TypeDefKind::Tuple(t) => {
            let ts = t.types.iter().map(inner);
            quote!((#(#ts,)*))
        }
        TypeDefKind::FixedLengthList(t, n) => {
            let t = inner(t);
            let n = proc_macro2::Literal::u32_unsuffixed(*n);
            quote!([#t; #n])
        }
        TypeDefKind::Type(t) => inner(t),
        // A map goes by reference to the owned map (wasmtime lowers no
        // borrowed map); handles, streams and futures move.
        TypeDefKind::Map(..) => {
            let owned = ty(model, whole, from);
            quote!(&#lt #owned)
        }
        TypeDefKind::Handle(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Record(_)
        | TypeDefKind::Resource
        | TypeDefKind::Flags(_)
        | TypeDefKind::Variant(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Unknown => ty(model, whole, from),
    }
}
