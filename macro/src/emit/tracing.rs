//! The `tracing` and `verbose_tracing` flags: a `tracing` span per host
//! call, named `hostgen import`, with the interface and the function, an
//! event with the arguments when the call starts and one with the result
//! when it returns. A `list` or `map` argument or result is shown as its
//! length unless the flag is `verbose_tracing`.

use crate::model::{FuncSig, Model};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wit_parser::{Resolve, Type, TypeDefKind};

/// What one host function's tracing emits; empty when the flag is off.
pub struct Trace {
    on: bool,
    tr: TokenStream,
    hg: TokenStream,
    module: String,
    function: String,
    /// Field name and argument of each parameter, and how to show it.
    params: Vec<(Ident, Ident, Show)>,
    has_result: bool,
    result: Show,
}

/// How a value appears in an event.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    /// With `Debug`.
    Full,
    /// A list, as its length.
    Length,
    /// A map, as its number of entries.
    Entries,
    /// A value with no `Debug` (it holds an `error-context`).
    Opaque,
}

impl Trace {
    pub fn new(model: &Model<'_>, s: &FuncSig<'_>, instance: Option<&str>) -> Self {
        let hg = model.hg.clone();
        let verbose = s.flags.verbose_tracing;
        let show = |t: &Type| {
            if !model.analysis.is_debug(t) {
                Show::Opaque
            } else if !verbose && is_kind(model.resolve, t, |k| matches!(k, TypeDefKind::List(_))) {
                Show::Length
            } else if !verbose && is_kind(model.resolve, t, |k| matches!(k, TypeDefKind::Map(..))) {
                Show::Entries
            } else {
                Show::Full
            }
        };
        Trace {
            on: s.flags.tracing,
            tr: quote!(#hg::__private::tracing),
            hg,
            module: instance.unwrap_or("$root").to_string(),
            function: s.func.name.clone(),
            params: s
                .params
                .iter()
                .zip(s.arg_idents())
                .map(|((name, t), arg)| (name.clone(), arg, show(t)))
                .collect(),
            has_result: s.func.result.is_some(),
            result: s.func.result.as_ref().map_or(Show::Full, show),
        }
    }

    /// Whether the function is traced at all.
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// `let span = …;`, before the call.
    pub fn span(&self) -> TokenStream {
        if !self.on {
            return TokenStream::new();
        }
        let Trace {
            tr,
            module,
            function,
            ..
        } = self;
        quote! {
            let span = #tr::span!(
                #tr::Level::TRACE,
                "hostgen import",
                module = #module,
                function = #function,
            );
        }
    }

    /// Enters the span for a synchronous call.
    pub fn enter(&self) -> TokenStream {
        if self.on {
            quote!(let _enter = span.enter();)
        } else {
            TokenStream::new()
        }
    }

    /// Runs an async call's future inside the span.
    pub fn instrument(&self, body: TokenStream) -> TokenStream {
        if self.on {
            let tr = &self.tr;
            quote!(#tr::Instrument::instrument(#body, span))
        } else {
            body
        }
    }

    /// The event with the arguments.
    pub fn call(&self) -> TokenStream {
        if !self.on {
            return TokenStream::new();
        }
        let Trace { tr, hg, .. } = self;
        let fields = self.params.iter().map(|(name, arg, show)| match show {
            Show::Full => quote!(#name = ?#arg),
            Show::Length => quote!(#name = ?#hg::__private::Elided(#arg.len())),
            Show::Entries => quote!(#name = ?#hg::__private::ElidedMap(#arg.len())),
            Show::Opaque => quote!(#name = "<no Debug>"),
        });
        quote!(#tr::event!(#tr::Level::TRACE, #(#fields,)* "call");)
    }

    /// The event with the result, bound to `r`.
    pub fn ret(&self) -> TokenStream {
        if !self.on {
            return TokenStream::new();
        }
        let Trace { tr, hg, .. } = self;
        match (self.has_result, self.result) {
            (false, _) => quote!(#tr::event!(#tr::Level::TRACE, "return");),
            (true, Show::Full) => quote!(#tr::event!(#tr::Level::TRACE, result = ?r, "return");),
            (true, Show::Length) => quote! {
                #tr::event!(#tr::Level::TRACE, result = ?#hg::__private::Elided(r.len()), "return");
            },
            (true, Show::Entries) => quote! {
                #tr::event!(#tr::Level::TRACE, result = ?#hg::__private::ElidedMap(r.len()), "return");
            },
            (true, Show::Opaque) => {
                quote!(#tr::event!(#tr::Level::TRACE, result = "<no Debug>", "return");)
            }
        }
    }
}

/// Whether `t` is a type of a kind `pred` accepts (through type aliases).
/// A fixed-size `list<T, N>` is not a `List`: it is shown in full, like a
/// tuple.
fn is_kind(resolve: &Resolve, t: &Type, pred: impl Fn(&TypeDefKind) -> bool) -> bool {
    let mut cur = *t;
    loop {
        let Type::Id(id) = cur else { return false };
        match &resolve.types[id].kind {
            TypeDefKind::Type(inner) => cur = *inner,
            kind => return pred(kind),
        }
    }
}
