//! The `imports:` and `exports:` flag maps:
//! `{ default: async, "ns:pkg/iface.f": async | trappable, .. }`.
//!
//! Parsing checks each flag against the side it is given for; matching
//! follows wasmtime's `bindgen!` so a map moves over unchanged: for a
//! function `f` of interface `ns:pkg/iface@1.0.0` the keys tried, most
//! specific first, are `ns:pkg/iface@1.0.0.f`, `ns:pkg/iface.f`,
//! `ns:pkg/iface@1.0.0`, `ns:pkg/iface`, `ns:pkg@1.0.0`, `ns:pkg`, `ns`; for
//! each key the first entry naming it wins, and `default` applies when none
//! does. An entry flagged `exact` only matches the function it names, never
//! as a prefix. A resource's destructor is the function `[drop]<resource>`.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token, braced};
use wit_parser::{InterfaceId, Resolve};

/// Which map an entry belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Imports,
    Exports,
}

impl Side {
    fn key(self) -> &'static str {
        match self {
            Side::Imports => "imports",
            Side::Exports => "exports",
        }
    }

    pub(crate) fn known(self) -> &'static [&'static str] {
        match self {
            Side::Imports => &[
                "async",
                "trappable",
                "store",
                "tracing",
                "verbose_tracing",
                "exact",
            ],
            Side::Exports => &["async", "store", "exact"],
        }
    }
}

/// The flags of one function.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct FuncFlags {
    /// An `async` host method (imports) or `call_*` (exports).
    pub is_async: bool,
    /// Host methods return `wasmtime::Result<T>`; `Err` traps.
    pub trappable: bool,
    /// Imports: the host function reaches the store: it moves to the
    /// interface's `HostWithStore` trait and takes a `hostgen::Access`.
    /// Exports: `call_*` takes an `&Accessor` and runs concurrently.
    pub store: bool,
    /// A `tracing` span and events per host call.
    pub tracing: bool,
    /// `tracing`, with lists printed in full.
    pub verbose_tracing: bool,
    /// The entry names one function only, not a prefix.
    pub exact: bool,
    /// A WIT `async func`: concurrent, linked with `func_wrap_concurrent`,
    /// its host function receiving an `Accessor` (never set by a map).
    pub concurrent: bool,
}

/// One entry: `default` or a WIT name, and its flags.
pub struct FlagEntry {
    /// `None` for `default`.
    pub key: Option<LitStr>,
    pub span: Span,
    pub flags: FuncFlags,
}

/// `{ default: flag | flag, "name": flag, .. }` for `side`. Bad flags and
/// duplicate keys are pushed onto `errors` so later entries are still read.
pub fn parse(
    input: ParseStream<'_>,
    side: Side,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<Vec<FlagEntry>> {
    let content;
    braced!(content in input);
    let mut out: Vec<FlagEntry> = Vec::new();
    while !content.is_empty() {
        let (key, span) = if content.peek(LitStr) {
            let key: LitStr = content.parse()?;
            let span = key.span();
            (Some(key), span)
        } else {
            let ident = Ident::parse_any(&content)?;
            if ident != "default" {
                errors.push(syn::Error::new(
                    ident.span(),
                    format!("expected `default` or a WIT name in quotes, found `{ident}`"),
                ));
            }
            (None, ident.span())
        };
        content.parse::<Token![:]>()?;
        let mut flags = FuncFlags::default();
        loop {
            let flag = Ident::parse_any(&content)?;
            set(&mut flags, &flag, side, errors);
            if !content.peek(Token![|]) {
                break;
            }
            content.parse::<Token![|]>()?;
        }
        if flags.verbose_tracing {
            flags.tracing = true;
        }
        let name = key.as_ref().map(LitStr::value);
        if let Some(first) = out
            .iter()
            .find(|e| e.key.as_ref().map(LitStr::value) == name)
        {
            let shown = name.as_deref().unwrap_or("default");
            let mut err = syn::Error::new(span, format!("duplicate entry `{shown}`"));
            err.combine(syn::Error::new(first.span, "first given here"));
            errors.push(err);
        } else {
            out.push(FlagEntry { key, span, flags });
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(out)
}

fn set(flags: &mut FuncFlags, flag: &Ident, side: Side, errors: &mut Vec<syn::Error>) {
    let name = flag.to_string();
    if !side.known().contains(&name.as_str()) {
        let msg = if Side::Imports.known().contains(&name.as_str()) {
            format!(
                "the `{name}` flag applies to imports only; `exports` takes {}",
                list(side.known())
            )
        } else {
            format!(
                "unknown flag `{name}`; `{}` takes {}",
                side.key(),
                list(side.known())
            )
        };
        errors.push(syn::Error::new(flag.span(), msg));
        return;
    }
    let slot = match name.as_str() {
        "async" => &mut flags.is_async,
        "trappable" => &mut flags.trappable,
        "store" => &mut flags.store,
        "tracing" => &mut flags.tracing,
        "verbose_tracing" => &mut flags.verbose_tracing,
        _ => &mut flags.exact,
    };
    if *slot {
        errors.push(syn::Error::new(
            flag.span(),
            format!("flag `{name}` given twice"),
        ));
    }
    *slot = true;
}

fn list(flags: &[&str]) -> String {
    let quoted: Vec<String> = flags.iter().map(|f| format!("`{f}`")).collect();
    quoted.join(", ")
}

/// A flag map during generation: answers lookups. Which entries matched
/// is gathered once over the world's functions (`matching`), so an entry
/// that matched nothing is an error (`check_all_used`).
pub struct FlagTable<'o> {
    side: Side,
    entries: &'o [FlagEntry],
    /// Each entry's key as text (`None` for `default`), read once: a
    /// `LitStr`'s value is parsed from its token on every call.
    keys: Vec<Option<String>>,
}

impl<'o> FlagTable<'o> {
    pub fn new(side: Side, entries: &'o [FlagEntry]) -> Self {
        let keys = entries
            .iter()
            .map(|e| e.key.as_ref().map(LitStr::value))
            .collect();
        FlagTable {
            side,
            entries,
            keys,
        }
    }

    /// The flags of function `func` (its WIT name, such as `f`,
    /// `[method]file.read` or `[drop]file`) of interface `iface`, or of the
    /// world when `iface` is `None`.
    pub fn lookup(&self, resolve: &Resolve, iface: Option<InterfaceId>, func: &str) -> FuncFlags {
        match self.matching(resolve, iface, func) {
            Some(i) => self.entries[i].flags,
            None => self.default(),
        }
    }

    /// The entry (by index) that gives `func` its flags, if one names it.
    pub fn matching(
        &self,
        resolve: &Resolve,
        iface: Option<InterfaceId>,
        func: &str,
    ) -> Option<usize> {
        // With `default` alone (the common map) there is nothing to match.
        if self.keys.iter().all(Option::is_none) {
            return None;
        }
        lookup_keys(resolve, iface, func)
            .into_iter()
            .find_map(|(key, own)| {
                self.entries.iter().zip(&self.keys).position(|(e, k)| {
                    k.as_deref() == Some(key.as_str()) && (own || !e.flags.exact)
                })
            })
    }

    /// The `default:` entry's flags.
    pub fn default(&self) -> FuncFlags {
        self.entries
            .iter()
            .find(|e| e.key.is_none())
            .map(|e| e.flags)
            .unwrap_or_default()
    }

    /// Errors for the entries that matched no function: all but `default`
    /// and those in `used` (indices from `matching`).
    pub fn check_all_used(&self, used: &[usize]) -> syn::Result<()> {
        let what = match self.side {
            Side::Imports => "imported",
            Side::Exports => "exported",
        };
        let mut errors = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, e)| e.key.is_some() && !used.contains(i))
            .map(|(_, e)| {
                let key = e.key.as_ref().map(|k| k.value()).unwrap_or_default();
                let exact = if e.flags.exact {
                    " (it is `exact`, so it must name one function: `ns:pkg/iface.f`)"
                } else {
                    ""
                };
                syn::Error::new(
                    e.span,
                    format!(
                        "`{}` entry `{key}` matches no {what} interface or function{exact}",
                        self.side.key()
                    ),
                )
            });
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        errors.for_each(|e| first.combine(e));
        Err(first)
    }
}

/// The keys tried for `func`, most specific first, each with whether it
/// names the function itself (only those may match an `exact` entry).
fn lookup_keys(resolve: &Resolve, iface: Option<InterfaceId>, func: &str) -> Vec<(String, bool)> {
    let Some(id) = iface else {
        return vec![(func.to_string(), true)];
    };
    let iface = &resolve.interfaces[id];
    let (Some(pkg), Some(name)) = (iface.package, &iface.name) else {
        return vec![(func.to_string(), true)];
    };
    let pkg = &resolve.packages[pkg].name;
    let bare_pkg = format!("{}:{}", pkg.namespace, pkg.name);
    let bare_iface = format!("{bare_pkg}/{name}");
    let mut out = Vec::new();
    if let Some(v) = &pkg.version {
        out.push((format!("{bare_pkg}/{name}@{v}.{func}"), true));
    }
    out.push((format!("{bare_iface}.{func}"), true));
    if let Some(v) = &pkg.version {
        out.push((format!("{bare_pkg}/{name}@{v}"), false));
    }
    out.push((bare_iface, false));
    if let Some(v) = &pkg.version {
        out.push((format!("{bare_pkg}@{v}"), false));
    }
    out.push((bare_pkg, false));
    out.push((pkg.namespace.clone(), false));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::parse::Parser;

    fn parse_side(side: Side, tokens: proc_macro2::TokenStream) -> (Vec<FlagEntry>, Vec<String>) {
        let mut errors = Vec::new();
        let entries = (|input: ParseStream<'_>| parse(input, side, &mut errors))
            .parse2(tokens)
            .unwrap();
        (entries, errors.iter().map(|e| e.to_string()).collect())
    }

    fn resolve() -> (Resolve, InterfaceId, InterfaceId) {
        let mut r = Resolve::default();
        r.push_str(
            "t.wit",
            "package a:b@1.2.0;
             interface i { f: func(); g: func(); resource r { m: func(); } }
             interface j { h: func(); }",
        )
        .unwrap();
        let id = |n: &str| {
            r.interfaces
                .iter()
                .find(|(_, i)| i.name.as_deref() == Some(n))
                .unwrap()
                .0
        };
        let (i, j) = (id("i"), id("j"));
        (r, i, j)
    }

    #[test]
    fn keys_walk_from_function_to_namespace() {
        let (r, i, _) = resolve();
        let keys: Vec<String> = lookup_keys(&r, Some(i), "f")
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            keys,
            [
                "a:b/i@1.2.0.f",
                "a:b/i.f",
                "a:b/i@1.2.0",
                "a:b/i",
                "a:b@1.2.0",
                "a:b",
                "a"
            ]
        );
    }

    #[test]
    fn most_specific_key_wins_then_default() {
        let (r, i, j) = resolve();
        let (entries, errors) = parse_side(
            Side::Imports,
            quote!({ "a:b/i": trappable, "a:b/i.f": async, default: tracing }),
        );
        assert!(errors.is_empty(), "{errors:?}");
        let t = FlagTable::new(Side::Imports, &entries);
        let f = t.lookup(&r, Some(i), "f");
        assert!(f.is_async && !f.trappable);
        let g = t.lookup(&r, Some(i), "g");
        assert!(g.trappable && !g.is_async);
        let h = t.lookup(&r, Some(j), "h");
        assert!(h.tracing && !h.trappable);
        let used: Vec<usize> = [(i, "f"), (i, "g"), (j, "h")]
            .iter()
            .filter_map(|(iface, func)| t.matching(&r, Some(*iface), func))
            .collect();
        assert!(t.check_all_used(&used).is_ok());
    }

    #[test]
    fn exact_entries_never_match_as_prefixes() {
        let (r, i, _) = resolve();
        let (entries, _) = parse_side(
            Side::Imports,
            quote!({ "a:b/i": async | exact, "a:b": trappable }),
        );
        let t = FlagTable::new(Side::Imports, &entries);
        assert!(t.lookup(&r, Some(i), "f").trappable);
        let used: Vec<usize> = t.matching(&r, Some(i), "f").into_iter().collect();
        let err = t.check_all_used(&used).unwrap_err().to_string();
        assert!(
            err.contains("`imports` entry `a:b/i` matches no imported"),
            "{err}"
        );
        assert!(err.contains("it is `exact`"), "{err}");
    }

    #[test]
    fn versions_and_resource_functions_match() {
        let (r, i, _) = resolve();
        let (entries, _) = parse_side(
            Side::Imports,
            quote!({ "a:b/i@1.2.0.[method]r.m": async, "a:b@1.2.0": trappable }),
        );
        let t = FlagTable::new(Side::Imports, &entries);
        assert!(t.lookup(&r, Some(i), "[method]r.m").is_async);
        assert!(t.lookup(&r, Some(i), "[drop]r").trappable);
    }

    #[test]
    fn bad_flags_are_reported_for_their_side() {
        let (_, errors) = parse_side(
            Side::Exports,
            quote!({ default: trappable | asynk | tracing, "x": async | async }),
        );
        assert_eq!(
            errors,
            [
                "the `trappable` flag applies to imports only; `exports` takes `async`, `store`, `exact`",
                "unknown flag `asynk`; `exports` takes `async`, `store`, `exact`",
                "the `tracing` flag applies to imports only; `exports` takes `async`, `store`, `exact`",
                "flag `async` given twice",
            ]
        );
        let (_, errors) = parse_side(Side::Imports, quote!({ "x": async, "x": trappable }));
        assert_eq!(errors, ["duplicate entry `x`"]);
    }
}
