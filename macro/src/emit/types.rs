//! WIT types → Rust: references to types (`ty`, `param_ty`) and the type
//! definitions themselves (`typedef`), with derives chosen from the
//! model's type analysis.

use super::abi;
use crate::model::Model;
use crate::model::paths::ModulePath;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use wit_parser::{Handle, Type, TypeDefKind, TypeId};

/// How a top-level parameter of an export call is passed.
#[derive(Clone, Copy)]
pub enum Borrow {
    /// `&str`, `&[T]`, `&Record` for parameters of `call_*` functions.
    Elided,
    /// The same with `'static`, for the stored `TypedFunc` signature.
    Static,
}

/// The owned Rust type of a WIT type, as written from module `from`.
pub fn ty(model: &Model<'_>, t: &Type, from: &ModulePath) -> TokenStream {
    match t {
        Type::Bool => quote!(bool),
        Type::U8 => quote!(u8),
        Type::U16 => quote!(u16),
        Type::U32 => quote!(u32),
        Type::U64 => quote!(u64),
        Type::S8 => quote!(i8),
        Type::S16 => quote!(i16),
        Type::S32 => quote!(i32),
        Type::S64 => quote!(i64),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::Char => quote!(char),
        Type::String => quote!(::std::string::String),
        Type::ErrorContext => {
            let wt = &model.module_wt(from);
            quote!(#wt::component::ErrorContext)
        }
        Type::Id(id) => {
            let def = &model.resolve.types[*id];
            if def.name.is_some() {
                return model.type_path(*id, from);
            }
            anonymous(model, &def.kind, from)
        }
    }
}

fn anonymous(model: &Model<'_>, kind: &TypeDefKind, from: &ModulePath) -> TokenStream {
    match kind {
        TypeDefKind::Option(t) => {
            let t = ty(model, t, from);
            quote!(::core::option::Option<#t>)
        }
        TypeDefKind::Result(r) => {
            let ok = opt_ty(model, r.ok.as_ref(), from);
            let err = opt_ty(model, r.err.as_ref(), from);
            quote!(::core::result::Result<#ok, #err>)
        }
        TypeDefKind::List(t) => {
            let t = ty(model, t, from);
            quote!(::std::vec::Vec<#t>)
        }
        // wasmtime lifts and lowers `map` as std's `HashMap` (default
        // hasher) and `list<T, N>` as an array, as its `bindgen!` writes them.
        TypeDefKind::Map(k, v) => {
            let k = ty(model, k, from);
            let v = ty(model, v, from);
            quote!(::std::collections::HashMap<#k, #v>)
        }
        TypeDefKind::FixedLengthList(t, n) => {
            let t = ty(model, t, from);
            let n = proc_macro2::Literal::u32_unsuffixed(*n);
            quote!([#t; #n])
        }
        TypeDefKind::Tuple(t) => {
            let ts = t.types.iter().map(|t| ty(model, t, from));
            quote!((#(#ts,)*))
        }
        TypeDefKind::Type(t) => ty(model, t, from),
        TypeDefKind::Stream(t) => {
            let wt = &model.module_wt(from);
            let t = opt_ty(model, t.as_ref(), from);
            quote!(#wt::component::StreamReader<#t>)
        }
        TypeDefKind::Future(t) => {
            let wt = &model.module_wt(from);
            let t = opt_ty(model, t.as_ref(), from);
            quote!(#wt::component::FutureReader<#t>)
        }
        TypeDefKind::Handle(Handle::Own(res) | Handle::Borrow(res)) => {
            let wt = &model.module_wt(from);
            if model.is_guest_resource(*res, from) {
                quote!(#wt::component::ResourceAny)
            } else {
                let res = model.type_path(*res, from);
                quote!(#wt::component::Resource<#res>)
            }
        }
        // Always named (written by name in `ty`), or refused by
        // `model::supported` first.
        TypeDefKind::Record(_)
        | TypeDefKind::Resource
        | TypeDefKind::Flags(_)
        | TypeDefKind::Variant(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Unknown => {
            super::internal_error(&format!("an anonymous WIT `{}`", kind.as_str()))
        }
    }
}

/// `T`, or `()` for an absent `result` payload.
pub fn opt_ty(model: &Model<'_>, t: Option<&Type>, from: &ModulePath) -> TokenStream {
    t.map(|t| ty(model, t, from)).unwrap_or_else(|| quote!(()))
}

/// A top-level parameter of an export call: strings and lists by slice,
/// other non-`Copy` values by reference, the rest by value.
pub fn param_ty(model: &Model<'_>, t: &Type, from: &ModulePath, borrow: Borrow) -> TokenStream {
    let lt = match borrow {
        Borrow::Elided => quote!(&),
        Borrow::Static => quote!(&'static),
    };
    // Strings and lists, also behind aliases, are passed as slices.
    let mut target = t;
    while let Type::Id(id) = target {
        match &model.resolve.types[*id].kind {
            TypeDefKind::Type(inner) => target = inner,
            TypeDefKind::List(elem) => {
                let elem = ty(model, elem, from);
                return quote!(#lt [#elem]);
            }
            TypeDefKind::Record(_)
            | TypeDefKind::Resource
            | TypeDefKind::Handle(_)
            | TypeDefKind::Flags(_)
            | TypeDefKind::Tuple(_)
            | TypeDefKind::Variant(_)
            | TypeDefKind::Enum(_)
            | TypeDefKind::Option(_)
            | TypeDefKind::Result(_)
            | TypeDefKind::Map(..)
            | TypeDefKind::FixedLengthList(..)
            | TypeDefKind::Future(_)
            | TypeDefKind::Stream(_)
            | TypeDefKind::Unknown => break,
        }
    }
    if let Type::String = target {
        return quote!(#lt str);
    }
    if model.guest_handle(t, from).is_some() {
        let wt = &model.module_wt(from);
        return quote!(#wt::component::ResourceAny);
    }
    let owned = ty(model, t, from);
    // An `own` handle, a stream, a future or an error context moves to the
    // guest; a `borrow` is lent by reference.
    let own_handle = match target {
        Type::ErrorContext => true,
        Type::Id(id) => matches!(
            model.resolve.types[*id].kind,
            TypeDefKind::Handle(Handle::Own(_)) | TypeDefKind::Stream(_) | TypeDefKind::Future(_)
        ),
        crate::model::integer_types!() | Type::F32 | Type::F64 | Type::String => false,
    };
    if own_handle || model.analysis.is_copy(t) {
        owned
    } else {
        quote!(#lt #owned)
    }
}

/// The owned definition of the named type `id`, placed in module `module`
/// (`borrowed::typedef` writes the borrowed one, `emit::typedef` picks).
pub fn typedef(model: &Model<'_>, id: TypeId, module: &ModulePath) -> TokenStream {
    let def = &model.resolve.types[id];
    let name = model.type_ident(id).clone();
    let docs = super::docs(&def.docs);
    let wt = model.module_wt(module);
    let derive_abi = quote! {
        #[derive(#wt::component::ComponentType, #wt::component::Lift, #wt::component::Lower)]
    };
    let wt_attr = quote!(#[component(wasmtime_crate = #wt)]);
    let this = Type::Id(id);
    let copy = model.analysis.is_copy(&this);
    let eq = model.analysis.is_eq(&this);
    let handle = model.analysis.has_handle(&this);
    let debug = model.analysis.is_debug(&this);
    let (std_derives, std_impls) = derives(model, &name, copy, eq, handle, false, debug);
    // `Display` is written with `Debug`, and `Error` needs both.
    let error_impls = match def.name.as_deref() {
        Some(n) if debug && is_error_name(n) => error_impls(&name),
        _ => TokenStream::new(),
    };
    match &def.kind {
        // The wasmi target's `record!` takes any number of fields.
        TypeDefKind::Record(r)
            if r.fields.len() <= abi::MAX_FIELDS || model.opts.wasmi.is_some() =>
        {
            let mut abi_fields = Vec::new();
            let fields = r.fields.iter().map(|f| {
                let fname = names::ident(&names::snake(&f.name));
                let fty = ty(model, &f.ty, module);
                let fdocs = super::docs(&f.docs);
                let def = quote! { #fdocs pub #fname: #fty };
                abi_fields.push(abi::Field {
                    ident: fname,
                    wit: f.name.clone(),
                    ty: fty,
                });
                def
            });
            let fields: Vec<TokenStream> = fields.collect();
            let impls = abi::record(&model.hg, &name, &abi_fields);
            quote! {
                #docs
                #std_derives
                pub struct #name { #(#fields,)* }
                #std_impls
                #impls
            }
        }
        // Larger records than the runtime's tuple impls cover keep
        // wasmtime's derive.
        TypeDefKind::Record(r) => {
            let fields = r.fields.iter().map(|f| {
                let fname = names::ident(&names::snake(&f.name));
                let wit = &f.name;
                let fty = ty(model, &f.ty, module);
                let fdocs = super::docs(&f.docs);
                quote! { #fdocs #[component(name = #wit)] pub #fname: #fty }
            });
            quote! {
                #docs
                #derive_abi
                #std_derives
                #[component(record)]
                #wt_attr
                pub struct #name { #(#fields,)* }
                #std_impls
            }
        }
        TypeDefKind::Variant(v) => {
            let mut abi_cases = Vec::new();
            let cases = v.cases.iter().map(|c| {
                let cname = names::ident(&names::camel(&c.name));
                let cdocs = super::docs(&c.docs);
                let payload = c.ty.as_ref().map(|t| ty(model, t, module));
                let def = match &payload {
                    Some(t) => quote! { #cdocs #cname(#t) },
                    None => quote! { #cdocs #cname },
                };
                abi_cases.push(abi::Case {
                    ident: cname,
                    wit: c.name.clone(),
                    ty: payload,
                });
                def
            });
            let cases: Vec<TokenStream> = cases.collect();
            let impls = abi::variant(&model.hg, &name, &abi_cases);
            quote! {
                #docs
                #std_derives
                pub enum #name { #(#cases,)* }
                #std_impls
                #impls
                #error_impls
            }
        }
        TypeDefKind::Enum(e) => {
            let repr = match e.cases.len() {
                0..=256 => quote!(u8),
                257..=65536 => quote!(u16),
                _ => quote!(u32),
            };
            let mut abi_cases = Vec::new();
            let cases = e.cases.iter().map(|c| {
                let cname = names::ident(&names::camel(&c.name));
                let cdocs = super::docs(&c.docs);
                let def = quote! { #cdocs #cname };
                abi_cases.push((cname, c.name.clone()));
                def
            });
            let cases: Vec<TokenStream> = cases.collect();
            let impls = abi::enum_(&model.hg, &name, &abi_cases);
            let (std_derives, std_impls) = derives(model, &name, true, true, false, true, true);
            quote! {
                #docs
                #std_derives
                #[repr(#repr)]
                pub enum #name { #(#cases,)* }
                #std_impls
                #impls
                #error_impls
            }
        }
        // wit-parser takes 1 to 32 flags ("cannot have more than 32
        // flags"), which `abi::flags!` covers; more reach the error below.
        TypeDefKind::Flags(f) if (1..=abi::MAX_FLAGS).contains(&f.flags.len()) => {
            let flags: Vec<abi::Flag> = f
                .flags
                .iter()
                .map(|flag| abi::Flag {
                    docs: super::docs(&flag.docs),
                    ident: names::ident(&names::shouty(&flag.name)),
                    wit: flag.name.clone(),
                })
                .collect();
            let ty = abi::flags(&model.hg, &docs, &name, &flags);
            let extra = flags_derives(model, &name);
            quote! { #ty #extra }
        }
        TypeDefKind::Resource if model.is_guest_resource(id, module) => {
            let wit = def.name.as_deref().unwrap_or_default();
            let doc = format!(
                " A handle to a `{wit}` resource the guest owns. Its functions are \
                 `call_{}_*` on the interface's `Guest`, which accept only this \
                 type, so a handle of another resource cannot be passed by mistake.",
                names::snake(wit)
            );
            quote! {
                #docs
                #[doc = #doc]
                #[derive(Debug, Clone, Copy, PartialEq, Eq)]
                pub struct #name(#wt::component::ResourceAny);

                impl #name {
                    /// Wraps an untyped handle. Calls that receive it check that it
                    /// is this resource.
                    pub fn from_any(any: #wt::component::ResourceAny) -> Self {
                        Self(any)
                    }

                    /// The untyped handle.
                    pub fn into_any(self) -> #wt::component::ResourceAny {
                        self.0
                    }

                    /// Drops the guest's resource, running its destructor.
                    pub fn resource_drop(self, store: impl #wt::AsContextMut) -> #wt::Result<()> {
                        self.0.resource_drop(store)
                    }

                    /// Drops the guest resource, on a store whose host functions may
                    /// be async.
                    pub async fn resource_drop_async(
                        self,
                        store: impl #wt::AsContextMut<Data: ::core::marker::Send>,
                    ) -> #wt::Result<()> {
                        self.0.resource_drop_async(store).await
                    }
                }
            }
        }
        TypeDefKind::Resource if model.resource_with(id).is_some() => {
            let alias = model.resource_with(id).expect("checked by the guard");
            let path = module.to(&ModulePath::root(), &alias);
            quote! { #docs pub type #name = #path; }
        }
        TypeDefKind::Resource => {
            let doc = format!(
                " The host's `{}` resource: the `T` of `Resource<T>` handles. \
                 Map it to your own type with `with:` to store data behind it.",
                def.name.as_deref().unwrap_or_default()
            );
            quote! { #docs #[doc = #doc] pub enum #name {} }
        }
        TypeDefKind::Option(_)
        | TypeDefKind::Result(_)
        | TypeDefKind::List(_)
        | TypeDefKind::Map(..)
        | TypeDefKind::FixedLengthList(..)
        | TypeDefKind::Tuple(_)
        | TypeDefKind::Handle(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Type(_) => {
            let target = anonymous(model, &def.kind, module);
            quote! { #docs pub type #name = #target; }
        }
        // wit-parser allows 1 to 32 flags, and resolves every type.
        TypeDefKind::Flags(_) | TypeDefKind::Unknown => {
            super::internal_error(&format!("WIT type `{}`", def.kind.as_str()))
        }
    }
}

/// `abi::flags!` takes no derives and implements `Copy`, `Clone`,
/// `Default`, `PartialEq`, `Eq` and `Debug` itself; of `additional_derives`, `Hash`,
/// `PartialOrd` and `Ord` are written by hand from the flag bits so records
/// holding flags can derive them too. Other derives do not apply to flags.
fn flags_derives(model: &Model<'_>, name: &proc_macro2::Ident) -> TokenStream {
    let wanted = |t: &str| {
        model
            .opts
            .additional_derives
            .iter()
            .any(|p| p.segments.last().is_some_and(|s| s.ident == t))
    };
    let mut out = TokenStream::new();
    if wanted("Hash") {
        out.extend(quote! {
            impl ::core::hash::Hash for #name {
                fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                    self.as_array().hash(state)
                }
            }
        });
    }
    if wanted("PartialOrd") || wanted("Ord") {
        out.extend(quote! {
            impl ::core::cmp::PartialOrd for #name {
                fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                    ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
                }
            }
            impl ::core::cmp::Ord for #name {
                fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                    self.as_array().cmp(&other.as_array())
                }
            }
        });
    }
    out
}

/// The std traits of a record, variant or enum, as wasmtime's `bindgen!`
/// gives them: `Clone` (and `Copy` where every field is), `Debug`, and for
/// an enum (`is_enum`) `PartialEq` and `Eq`; then the user's
/// `additional_derives` less the ones already there. Nothing more, so a
/// user's own `impl PartialEq` written for wasmtime's bindings still
/// compiles (E0119 otherwise); `additional_derives: [PartialEq]` asks for
/// it. `Eq` (an enum's, or asked for) is written out after the item rather
/// than derived, where the analysis found every field `Eq` (what the derive
/// would assert field by field), and left out elsewhere: the same impl, with
/// less for rustc to check (issue 17).
fn derives(
    model: &Model<'_>,
    name: &proc_macro2::Ident,
    copy: bool,
    eq: bool,
    handle: bool,
    is_enum: bool,
    debug: bool,
) -> (TokenStream, TokenStream) {
    let mut std: Vec<&str> = if handle {
        vec!["Debug"]
    } else {
        vec!["Clone", "Debug"]
    };
    if !debug {
        std.retain(|d| *d != "Debug");
    }
    if copy && !handle {
        std.push("Copy");
    }
    if is_enum {
        std.push("PartialEq");
    }
    let derived = std.iter().map(|d| names::ident(d));
    let wants = |name: &str| {
        model
            .opts
            .additional_derives
            .iter()
            .any(|p| p.segments.last().is_some_and(|s| s.ident == name))
    };
    // Asked for, `Eq` goes where the fields allow it (not on a record of
    // floats), so one `additional_derives` entry serves every type.
    let eq_capable = eq && !handle;
    let eq = eq_capable && (is_enum || wants("Eq"));
    let impls = if eq {
        quote! { impl ::core::cmp::Eq for #name {} }
    } else {
        TokenStream::new()
    };
    // A user's `additional_derives` entry that names one of ours is dropped,
    // since implementing a trait twice is a conflict.
    let extra = model.opts.additional_derives.iter().filter(|p| {
        let last = p
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let ours = std.contains(&last.as_str()) || (last == "Eq" && (eq || !eq_capable));
        !ours
    });
    (quote! { #[derive(#(#derived,)* #(#extra,)*)] }, impls)
}

/// Whether WIT type `name` reads as an error type: `error`, `*-error`,
/// `error-code`, `errno`.
fn is_error_name(name: &str) -> bool {
    name == "error" || name.ends_with("-error") || name == "error-code" || name == "errno"
}

/// `Display` and `std::error::Error` for an error-like enum or variant.
fn error_impls(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(self, f)
            }
        }
        impl ::std::error::Error for #name {}
    }
}
