//! The macro's input: the short forms `bindgen!()`, `bindgen!("world")`,
//! `bindgen!(in "path")`, `bindgen!("world" in "path")`, and the braced form
//! `bindgen!({ key: value, .. })`. Every bad key or value is reported at its
//! own token, all of them in one compile.

use crate::diag::Errors;
use crate::func_flags::{self, FlagEntry};
use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitBool, LitStr, Token, braced, bracketed};

/// Options accepted in the braced form, with what each expects.
pub(crate) const KEYS: &[(&str, &str)] = &[
    ("path", "a string literal or a list of them"),
    ("inline", "a string literal of WIT source"),
    (
        "interfaces",
        "a string literal of world items (`import ns:pkg/iface;`, `export x: interface { .. }`)",
    ),
    ("world", "a string literal naming a world"),
    ("features", "a list of string literals"),
    ("all_features", "`true` or `false`"),
    ("skip_mut_forwarding_impls", "`true` or `false`"),
    ("additional_derives", "a list of paths"),
    (
        "with",
        "a map `{ \"ns:pkg/iface\": path, \"ns:pkg/iface.resource\": Type, .. }`",
    ),
    (
        "imports",
        "a map `{ default: async, \"ns:pkg/iface.f\": async | trappable, .. }`",
    ),
    (
        "exports",
        "a map `{ default: async, \"ns:pkg/iface.f\": async, .. }`",
    ),
    (
        "trappable_error_type",
        "a map `{ \"ns:pkg/iface.error\" => MyError, .. }`",
    ),
    (
        "delegate",
        "a map `{ \"ns:pkg/iface\": self, \"ns:pkg/other\": path::to::bindings, .. }`",
    ),
    ("named_imports", "a map `{ \"ns:pkg/iface\": IdType, .. }`"),
    ("either", "`true` or `false`"),
    ("hostgen_crate", "a path"),
    ("wasmtime_crate", "a path"),
    ("catch_panics", "`true` or `false`"),
    ("anyhow", "`true` or `false`"),
    (
        "ownership",
        "`Owning` or `Borrowing { duplicate_if_necessary: true | false }`",
    ),
    ("debug", "`true`, `false` or a directory (a string literal)"),
    ("include_generated_code_from_file", "`true` or `false`"),
    ("include_component_type", "`true` or `false`"),
    ("require_store_data_send", "`true` or `false`"),
    ("stringify", "`true` or `false`"),
    ("target", "`wasmtime` or `wasmi`"),
];

/// The package and world `interfaces:` items are wrapped in.
const SYNTHESIZED: (&str, &str) = ("hostgen:synthesized", "interfaces");

/// Options older wasmtime `bindgen!`s took whose job the `imports:` and
/// `exports:` flag maps do here, with the spelling to use.
pub(crate) const AS_FLAGS: &[(&str, &str)] = &[
    (
        "async",
        "`imports: { default: async }` and `exports: { default: async }`",
    ),
    ("trappable_imports", "`imports: { default: trappable }`"),
    ("tracing", "`imports: { default: tracing }`"),
    ("verbose_tracing", "`imports: { default: verbose_tracing }`"),
];

/// Everything the macro was told.
pub struct Opts {
    /// `path:` entries (relative to `CARGO_MANIFEST_DIR`).
    pub paths: Vec<LitStr>,
    /// `inline:` WIT source (for `interfaces:`, the world made around it).
    pub inline: Option<LitStr>,
    /// `interfaces:` was given: generate the interfaces' modules only, no
    /// world struct and no world-level linker functions.
    pub only_interfaces: bool,
    pub world: Option<LitStr>,
    /// `features:`, when given: the `@unstable` features whose items are
    /// generated (chosen when compiling, nothing gated at link time).
    pub features: Option<Vec<String>>,
    pub all_features: bool,
    pub skip_mut_forwarding_impls: bool,
    pub additional_derives: Vec<syn::Path>,
    /// `with:` entries: a WIT name (namespace, package, interface, or
    /// `iface.resource`) and the Rust path that replaces it.
    pub with: Vec<(LitStr, syn::Path)>,
    /// `imports:` flag entries, in the order given.
    pub imports: Vec<FlagEntry>,
    /// `exports:` flag entries, in the order given.
    pub exports: Vec<FlagEntry>,
    /// `trappable_error_type:` entries: a WIT type and the Rust error type
    /// host functions return in its place.
    pub trappable_error_type: Vec<(LitStr, syn::Path)>,
    /// `delegate:` entries: a WIT name (namespace, package or interface)
    /// and where the traits of the host that its `*Delegate` traits forward
    /// to are: `self` (these bindings) or another bindings' module.
    pub delegate: Vec<(LitStr, syn::Path)>,
    /// `named_imports:` entries: an imported interface and the type of the
    /// id its `named_imports::` bindings pass to every host method.
    pub named_imports: Vec<(LitStr, syn::Path)>,
    /// `Host` impls for `hostgen::Either<A, B>` (static dispatch over a
    /// closed set of hosts).
    pub either: bool,
    /// Path to the `hostgen` runtime crate, as generated code names it: with
    /// `target: wasmi`, its `__wasmi` module.
    pub hostgen: syn::Path,
    /// Path to the `hostgen` runtime crate itself.
    pub hostgen_root: syn::Path,
    /// Path to `wasmtime`; by default `<hostgen>::__private::wasmtime`.
    pub wasmtime: syn::Path,
    /// Catch host panics at the boundary and trap (default `true`).
    pub catch_panics: bool,
    /// Trappable host functions, destructors and `convert_*` return
    /// `wasmtime::anyhow::Result` instead of `wasmtime::Result`.
    pub anyhow: bool,
    /// `_T: Send` on every linker function, async or not.
    pub require_store_data_send: bool,
    /// `ownership:`: how export calls take values that hold strings and
    /// lists.
    pub ownership: Ownership,
    /// `debug:` (or wasmtime's `include_generated_code_from_file:`): write
    /// the formatted expansion to a file and `include!` it.
    pub debug: Option<Debug>,
    /// `include_component_type: true`: a `COMPONENT_TYPE` constant with the
    /// world encoded as wit-component encodes it.
    pub include_component_type: bool,
    /// Expand to a string literal of the formatted expansion (snapshots).
    pub stringify: bool,
    /// Where errors about the WIT as a whole are reported.
    pub source_span: Span,
    /// `target: wasmi`: the bindings are for `hostgen::wasmi` (wasmi through
    /// wasm_component_layer) instead of wasmtime; with its span.
    pub wasmi: Option<Span>,
}

/// The options as parsed: the bad ones left out and reported in `errors`.
struct Parsed {
    opts: Opts,
    errors: Vec<syn::Error>,
    /// An error concerns where the WIT is (`path`, `inline`, `interfaces`,
    /// `world`, `features`): loading it would only add confusing errors.
    fatal: bool,
}

impl Parse for Parsed {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut raw = Raw::default();
        if input.peek(syn::token::Brace) {
            let content;
            braced!(content in input);
            raw.parse_fields(&content)?;
            // A trailing comma after the braces is harmless.
            let _ = input.parse::<Option<Token![,]>>()?;
        } else {
            raw.parse_short(input)?;
        }
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the options"));
        }
        raw.finish(input.span())
    }
}

#[derive(Default)]
struct Raw {
    seen: Vec<Ident>,
    paths: Vec<LitStr>,
    inline: Option<LitStr>,
    interfaces: Option<LitStr>,
    world: Option<LitStr>,
    features: Option<Vec<String>>,
    all_features: bool,
    skip_mut_forwarding_impls: bool,
    additional_derives: Vec<syn::Path>,
    with: Vec<(LitStr, syn::Path)>,
    imports: Vec<FlagEntry>,
    exports: Vec<FlagEntry>,
    trappable_error_type: Vec<(LitStr, syn::Path)>,
    delegate: Vec<(LitStr, syn::Path)>,
    named_imports: Vec<(LitStr, syn::Path)>,
    either: bool,
    hostgen: Option<syn::Path>,
    wasmtime: Option<syn::Path>,
    catch_panics: Option<bool>,
    anyhow: bool,
    require_store_data_send: bool,
    ownership: Ownership,
    debug: Option<Debug>,
    include_component_type: bool,
    stringify: bool,
    wasmi: Option<Span>,
    errors: Vec<syn::Error>,
    /// One of the `SOURCE` options is bad.
    source_error: bool,
}

/// The options that say where the WIT is: with one of them bad, the WIT is
/// not loaded.
const SOURCE: &[&str] = &[
    "path",
    "inline",
    "interfaces",
    "world",
    "features",
    "all_features",
];

impl Raw {
    fn parse_short(&mut self, input: ParseStream<'_>) -> syn::Result<()> {
        if input.is_empty() {
            return Ok(());
        }
        if input.peek(LitStr) {
            self.world = Some(input.parse()?);
        }
        if input.peek(Token![in]) {
            input.parse::<Token![in]>()?;
            self.paths.push(input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected a string literal with the WIT path after `in`",
                )
            })?);
        }
        if !input.is_empty() {
            return Err(input.error(
                "expected `\"world\"`, `in \"path\"`, `\"world\" in \"path\"` or `{ key: value, .. }`",
            ));
        }
        Ok(())
    }

    fn parse_fields(&mut self, input: ParseStream<'_>) -> syn::Result<()> {
        while !input.is_empty() {
            let key = Ident::parse_any(input)?;
            input.parse::<Token![:]>()?;
            if let Err(e) = self.parse_value(&key, input) {
                self.source_error |= SOURCE.contains(&key.to_string().as_str());
                self.errors.push(e);
                skip_value(input)?;
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(())
    }

    fn parse_value(&mut self, key: &Ident, input: ParseStream<'_>) -> syn::Result<()> {
        let name = key.to_string();
        if let Some(first) = self.seen.iter().find(|k| **k == name) {
            let mut err = syn::Error::new(key.span(), format!("duplicate option `{name}`"));
            err.combine(syn::Error::new(
                first.span(),
                format!("`{name}` first given here"),
            ));
            return Err(err);
        }
        self.seen.push(key.clone());
        let expected = KEYS.iter().find(|(k, _)| *k == name).map(|(_, e)| *e);
        let result = match name.as_str() {
            "path" => parse_one_or_many(input).map(|v| self.paths = v),
            "inline" => input.parse().map(|v| self.inline = Some(v)),
            "interfaces" => input.parse().map(|v| self.interfaces = Some(v)),
            "world" => input.parse().map(|v| self.world = Some(v)),
            "features" => parse_list::<LitStr>(input)
                .map(|v| self.features = Some(v.iter().map(LitStr::value).collect())),
            "all_features" => parse_bool(input).map(|v| self.all_features = v),
            "skip_mut_forwarding_impls" => {
                parse_bool(input).map(|v| self.skip_mut_forwarding_impls = v)
            }
            "additional_derives" => {
                parse_list::<syn::Path>(input).map(|v| self.additional_derives = v)
            }
            "with" => parse_map(input, &mut self.errors).map(|v| {
                self.errors.extend(refuse_self(&v, "with"));
                self.with = v
            }),
            "trappable_error_type" => parse_map(input, &mut self.errors).map(|v| {
                self.errors.extend(refuse_self(&v, "trappable_error_type"));
                self.trappable_error_type = v
            }),
            "delegate" => parse_map(input, &mut self.errors).map(|v| self.delegate = v),
            "named_imports" => parse_map(input, &mut self.errors).map(|v| {
                self.errors.extend(refuse_self(&v, "named_imports"));
                self.named_imports = v
            }),
            "either" => parse_bool(input).map(|v| self.either = v),
            "imports" => func_flags::parse(input, func_flags::Side::Imports, &mut self.errors)
                .map(|v| self.imports = v),
            "exports" => func_flags::parse(input, func_flags::Side::Exports, &mut self.errors)
                .map(|v| self.exports = v),
            "hostgen_crate" => input.parse().map(|v| self.hostgen = Some(v)),
            "wasmtime_crate" => input.parse().map(|v| self.wasmtime = Some(v)),
            "catch_panics" => parse_bool(input).map(|v| self.catch_panics = Some(v)),
            "anyhow" => parse_bool(input).map(|v| self.anyhow = v),
            // Its own messages say what is wrong inside `Borrowing { .. }`.
            "ownership" => return parse_ownership(input).map(|v| self.ownership = v),
            // wasmtime's name for the same thing: write the expansion to a
            // file and `include!` it, so errors point into real lines.
            "debug" => parse_debug(input).map(|v| self.debug = self.debug.take().or(v)),
            "include_generated_code_from_file" => parse_bool(input)
                .map(|v| self.debug = self.debug.take().or(v.then_some(Debug::TempDir))),
            "include_component_type" => parse_bool(input).map(|v| self.include_component_type = v),
            "require_store_data_send" => {
                parse_bool(input).map(|v| self.require_store_data_send = v)
            }
            "stringify" => parse_bool(input).map(|v| self.stringify = v),
            "target" => parse_target(input).map(|v| self.wasmi = v),
            _ => {
                return Err(match AS_FLAGS.iter().find(|(k, _)| *k == name) {
                    Some((_, instead)) => syn::Error::new(
                        key.span(),
                        format!("hostgen has no option `{name}`; write {instead} instead"),
                    ),
                    None => unknown_key(key),
                });
            }
        };
        result.map_err(|e| {
            let expected = expected.unwrap_or("a value");
            syn::Error::new(e.span(), format!("`{name}` expects {expected}"))
        })
    }

    fn finish(mut self, span: Span) -> syn::Result<Parsed> {
        let mut errors = std::mem::take(&mut self.errors);
        let mut fatal = self.source_error;
        let only_interfaces = self.interfaces.is_some();
        if let Some(items) = self.interfaces.take() {
            // As wasmtime's `bindgen!` does: the items become a world of a
            // package of their own, and only the interfaces are generated.
            // The wrapper shares the first line, so WIT errors keep their
            // line numbers.
            let (package, world) = SYNTHESIZED;
            fatal |= self.inline.is_some() || self.world.is_some();
            if let Some(inline) = &self.inline {
                errors.push(syn::Error::new(
                    inline.span(),
                    "`inline` and `interfaces` both give WIT source; use one \
                     (`interfaces` wraps its items in a world of their own)",
                ));
            }
            if let Some(world) = &self.world {
                errors.push(syn::Error::new(
                    world.span(),
                    "`interfaces` makes a world of its own, so `world` cannot be \
                     given with it",
                ));
            }
            let source = format!(
                "package {package}; world {world} {{ {}\n}}\n",
                items.value()
            );
            self.world = Some(LitStr::new(&format!("{package}/{world}"), items.span()));
            self.inline = Some(LitStr::new(&source, items.span()));
        }
        if let (Some(inline), Some(_)) = (&self.inline, self.paths.first())
            && self.world.is_none()
        {
            // Both are allowed (inline WIT may use packages from `path`), but
            // then the world cannot be guessed reliably.
            fatal = true;
            errors.push(syn::Error::new(
                inline.span(),
                "with both `path` and `inline`, name the world with `world: \"...\"`",
            ));
        }
        let hostgen = self.hostgen.unwrap_or_else(|| syn::parse_quote!(::hostgen));
        // The wasmi target's code names the same items as the wasmtime
        // target's, under `hostgen::__wasmi` (see `hostgen::wasmi`).
        let hostgen_root = hostgen.clone();
        let hostgen: syn::Path = match self.wasmi {
            Some(_) => syn::parse_quote!(#hostgen::__wasmi),
            None => hostgen,
        };
        let wasmtime = self
            .wasmtime
            .unwrap_or_else(|| syn::parse_quote!(#hostgen::__private::wasmtime));
        let source_span = self
            .inline
            .as_ref()
            .map(LitStr::span)
            .or_else(|| self.paths.first().map(LitStr::span))
            .unwrap_or(span);
        let opts = Opts {
            paths: self.paths,
            inline: self.inline,
            only_interfaces,
            world: self.world,
            features: self.features,
            all_features: self.all_features,
            skip_mut_forwarding_impls: self.skip_mut_forwarding_impls,
            additional_derives: self.additional_derives,
            with: self.with,
            imports: self.imports,
            exports: self.exports,
            trappable_error_type: self.trappable_error_type,
            delegate: self.delegate,
            named_imports: self.named_imports,
            either: self.either,
            hostgen,
            hostgen_root,
            wasmtime,
            catch_panics: self.catch_panics.unwrap_or(true),
            anyhow: self.anyhow,
            require_store_data_send: self.require_store_data_send,
            ownership: self.ownership,
            debug: self.debug,
            include_component_type: self.include_component_type,
            stringify: self.stringify,
            source_span,
            wasmi: self.wasmi,
        };
        Ok(Parsed {
            opts,
            errors,
            fatal,
        })
    }
}

impl Opts {
    /// Whether `@unstable` items are all generated and gated when linking
    /// by a `LinkOptions` argument (wasmtime's way): so unless `features:`
    /// or `all_features:` chose them when compiling.
    pub fn link_gated(&self) -> bool {
        self.features.is_none() && !self.all_features
    }
}

fn unknown_key(key: &Ident) -> syn::Error {
    let name = key.to_string();
    let best = KEYS
        .iter()
        .map(|(k, _)| *k)
        .chain(AS_FLAGS.iter().map(|(k, _)| *k))
        .map(|k| (strsim::jaro_winkler(&name, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let known: Vec<_> = KEYS.iter().map(|(k, _)| format!("`{k}`")).collect();
    let msg = match best {
        Some((_, k)) => format!("unknown option `{name}`; did you mean `{k}`?"),
        None => format!(
            "unknown option `{name}`; expected one of {}",
            known.join(", ")
        ),
    };
    syn::Error::new(key.span(), msg)
}

/// `ownership:`, as wasmtime's `bindgen!` takes it: how export calls take
/// values that hold strings and lists.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub enum Ownership {
    /// Owned types everywhere; `call_*` take top-level strings, lists and
    /// records holding them by reference (`&str`, `&[T]`, `&Record`).
    #[default]
    Owning,
    /// Export calls take borrowed values all the way down (`&[&[&str]]`),
    /// and a type passed only to the guest has a lifetime (`Thing<'a>` with
    /// `&'a str` fields). A type both passed and returned stays owned
    /// (passed as `&Thing`), or with `duplicate_if_necessary` exists twice,
    /// `ThingParam<'a>` and `ThingResult`.
    Borrowing { duplicate_if_necessary: bool },
}

/// `Owning` or `Borrowing { duplicate_if_necessary: bool }`.
fn parse_ownership(input: ParseStream<'_>) -> syn::Result<Ownership> {
    let mode = Ident::parse_any(input)?;
    if mode == "Owning" {
        return Ok(Ownership::Owning);
    }
    if mode != "Borrowing" {
        return Err(syn::Error::new(
            mode.span(),
            format!("`ownership` expects `Owning` or `Borrowing {{ .. }}`, found `{mode}`"),
        ));
    }
    let content;
    braced!(content in input);
    // The braces' tokens, read whole, so an error inside them is the only
    // one reported.
    let inner: TokenStream = content.parse()?;
    let duplicate_if_necessary = syn::parse::Parser::parse2(
        |input: ParseStream<'_>| {
            let field = Ident::parse_any(input)?;
            if field != "duplicate_if_necessary" {
                return Err(syn::Error::new(
                    field.span(),
                    format!(
                        "`Borrowing` takes `duplicate_if_necessary: true | false`, \
                         found `{field}`"
                    ),
                ));
            }
            input.parse::<Token![:]>()?;
            let value = parse_bool(input)?;
            let _ = input.parse::<Option<Token![,]>>()?;
            if !input.is_empty() {
                return Err(input.error("`Borrowing` takes only `duplicate_if_necessary`"));
            }
            Ok(value)
        },
        inner,
    )?;
    Ok(Ownership::Borrowing {
        duplicate_if_necessary,
    })
}

/// `target: wasmtime` (the default) or `target: wasmi`: `Some` with the
/// span for wasmi.
fn parse_target(input: ParseStream<'_>) -> syn::Result<Option<Span>> {
    let target: Ident = input.parse()?;
    match target.to_string().as_str() {
        "wasmtime" => Ok(None),
        "wasmi" => Ok(Some(target.span())),
        _ => Err(syn::Error::new(
            target.span(),
            format!("unknown target `{target}`: write `wasmtime` (the default) or `wasmi`"),
        )),
    }
}

/// Where `debug:` writes the expansion.
pub enum Debug {
    /// `debug: true`: `$HOSTGEN_DEBUG_DIR`, or `hostgen-debug` in the
    /// system's temporary directory.
    TempDir,
    /// `debug: "dir"` (wasmtime 51's form): that directory, relative to
    /// the crate's `CARGO_MANIFEST_DIR`.
    Dir(LitStr),
}

/// `debug: true | false | "dir"`.
fn parse_debug(input: ParseStream<'_>) -> syn::Result<Option<Debug>> {
    if input.peek(LitStr) {
        return Ok(Some(Debug::Dir(input.parse()?)));
    }
    Ok(parse_bool(input)?.then_some(Debug::TempDir))
}

fn parse_bool(input: ParseStream<'_>) -> syn::Result<bool> {
    Ok(input.parse::<LitBool>()?.value)
}

fn parse_list<T: Parse>(input: ParseStream<'_>) -> syn::Result<Vec<T>> {
    let content;
    bracketed!(content in input);
    Ok(Punctuated::<T, Token![,]>::parse_terminated(&content)?
        .into_iter()
        .collect())
}

/// Errors for map values that are `self`, which only `delegate:` takes.
fn refuse_self(entries: &[(LitStr, syn::Path)], option: &str) -> Vec<syn::Error> {
    entries
        .iter()
        .filter(|(_, p)| p.is_ident("self"))
        .map(|(_, p)| {
            syn::Error::new_spanned(
                p,
                format!(
                    "`self` (these bindings) is only meaningful in `delegate:`; \
                     `{option}:` needs the path of a Rust item defined elsewhere"
                ),
            )
        })
        .collect()
}

/// `{ "key": value, .. }`; a key given twice is reported and skipped.
fn parse_map<V: Parse>(
    input: ParseStream<'_>,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<Vec<(LitStr, V)>> {
    let content;
    braced!(content in input);
    let mut out: Vec<(LitStr, V)> = Vec::new();
    while !content.is_empty() {
        let key: LitStr = content.parse()?;
        if content.peek(Token![=>]) {
            content.parse::<Token![=>]>()?;
        } else {
            content.parse::<Token![:]>()?;
        }
        let value: V = content.parse()?;
        if let Some((first, _)) = out.iter().find(|(k, _)| k.value() == key.value()) {
            let mut err = syn::Error::new(key.span(), format!("duplicate entry `{}`", key.value()));
            err.combine(syn::Error::new(first.span(), "first given here"));
            errors.push(err);
        } else {
            out.push((key, value));
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(out)
}

fn parse_one_or_many(input: ParseStream<'_>) -> syn::Result<Vec<LitStr>> {
    if input.peek(syn::token::Bracket) {
        parse_list(input)
    } else {
        Ok(vec![input.parse()?])
    }
}

/// Skips the rest of a value after an error so the following keys are still
/// checked.
fn skip_value(input: ParseStream<'_>) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// The options in `tokens`. A bad option is recorded in `errors` and left
/// out (its default applies); input that does not parse, or a bad option
/// saying where the WIT is, is an `Err` with every error so far.
pub fn parse(tokens: TokenStream, errors: &mut Errors) -> syn::Result<Opts> {
    let parsed: Parsed = syn::parse2(tokens).map_err(|e| errors.fail(e))?;
    for e in parsed.errors {
        errors.push(e);
    }
    if parsed.fatal {
        // `fatal` comes with an error of its own, now in `errors`.
        errors.check()?;
    }
    Ok(parsed.opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// `parse`, every error recorded as an `Err`.
    fn parse_all(tokens: TokenStream) -> syn::Result<Opts> {
        let mut errors = Errors::default();
        let opts = parse(tokens, &mut errors);
        errors.check()?;
        opts
    }

    fn err(tokens: TokenStream) -> String {
        match parse_all(tokens) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e
                .into_iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }

    #[test]
    fn short_forms() {
        let o = parse_all(quote!()).unwrap();
        assert!(o.world.is_none() && o.paths.is_empty());
        let o = parse_all(quote!("w")).unwrap();
        assert_eq!(o.world.unwrap().value(), "w");
        let o = parse_all(quote!(in "dir")).unwrap();
        assert_eq!(o.paths[0].value(), "dir");
        let o = parse_all(quote!("w" in "dir")).unwrap();
        assert_eq!(
            (o.world.unwrap().value(), o.paths[0].value()),
            ("w".into(), "dir".into())
        );
    }

    #[test]
    fn braced_form() {
        let o = parse_all(quote!({
            path: ["a", "b"],
            world: "w",
            skip_mut_forwarding_impls: true,
            additional_derives: [serde::Serialize, Hash],
        }))
        .unwrap();
        assert_eq!(o.paths.len(), 2);
        assert!(o.skip_mut_forwarding_impls);
        assert_eq!(o.additional_derives.len(), 2);
    }

    #[test]
    fn all_errors_in_one_pass() {
        let msg = err(quote!({
            wrold: "w",
            path: 1,
            debug: true,
            debug: false,
            ownership: x,
            include_component_type: 1,
        }));
        assert_eq!(
            msg,
            "unknown option `wrold`; did you mean `world`? \
             | `path` expects a string literal or a list of them \
             | duplicate option `debug` | `debug` first given here \
             | `ownership` expects `Owning` or `Borrowing { .. }`, found `x` \
             | `include_component_type` expects `true` or `false`"
        );
    }

    #[test]
    fn unknown_key_without_a_close_match_lists_the_keys() {
        assert!(
            err(quote!({ zzz: 1 })).starts_with("unknown option `zzz`; expected one of `path`")
        );
    }
}
