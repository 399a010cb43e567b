//! Every option the macro accepts changes what it generates, or is refused
//! with the reason: the test walks the option table (`opts::KEYS`, the
//! renamed `opts::AS_FLAGS` and each side's flags), so an option added
//! without a case here fails it.

use crate::expand::expand;
use crate::func_flags::Side;
use crate::opts::{AS_FLAGS, KEYS};
use proc_macro2::TokenStream;
use quote::quote;

/// One world that every option has something to act on: an imported
/// interface with a resource, a record, a trappable error and an
/// `@unstable` function, a second imported interface, a world-level
/// function import and an exported function.
const WIT: &str = "
    package t:opts;

    interface types {
        record point { x: u32 }
        enum err-code { bad }
    }

    interface a {
        use types.{point, err-code};
        resource r {
            constructor();
            get: func() -> u32;
        }
        f: func(p: point) -> result<u32, err-code>;
        @unstable(feature = extra)
        g: func();
    }

    interface b {
        h: func(s: string);
    }

    world w {
        import a;
        import b;
        import log: func(s: string);
        export run: func() -> u32;
    }

    world other {
        import b;
    }
";

/// A world whose export takes a string, for `ownership:`.
const BORROW_WIT: &str = "package t:borrowing; world w { export f: func(s: list<string>); }";

/// What a case expects of the changed input.
enum Expect {
    /// It expands, to something other than the baseline's expansion.
    Changes,
    /// It is refused, with a message containing this text.
    Refused(&'static str),
}

struct Case {
    /// The option (or `imports.<flag>` / `exports.<flag>`) it exercises.
    option: String,
    baseline: TokenStream,
    changed: TokenStream,
    expect: Expect,
}

/// `{ inline: WIT, world: "w", <extra> }`.
fn with(extra: TokenStream) -> TokenStream {
    quote!({ inline: #WIT, world: "w", #extra })
}

fn plain() -> TokenStream {
    with(quote!())
}

fn changes(option: &str, changed: TokenStream) -> Case {
    Case {
        option: option.to_string(),
        baseline: plain(),
        changed,
        expect: Expect::Changes,
    }
}

fn refused(option: &str, changed: TokenStream, text: &'static str) -> Case {
    Case {
        option: option.to_string(),
        baseline: plain(),
        changed,
        expect: Expect::Refused(text),
    }
}

/// A flag of `side`, given to the function (or destructor) it acts on.
fn flag_case(side: Side, flag: &str) -> Case {
    let flag_ident = syn::Ident::new(flag, proc_macro2::Span::call_site());
    let (key, target) = match side {
        Side::Imports => ("imports", "t:opts/a.f"),
        Side::Exports => ("exports", "run"),
    };
    let key = syn::Ident::new(key, proc_macro2::Span::call_site());
    match flag {
        // `exact` narrows a key to the function it names: on an interface's
        // name the entry then matches nothing, and says so.
        "exact" => refused(
            &format!("{key}.exact"),
            with(quote!(#key: { "t:opts/a": exact | async })),
            "(it is `exact`, so it must name one function",
        ),
        _ => changes(
            &format!("{key}.{flag}"),
            with(quote!(#key: { #target: #flag_ident })),
        ),
    }
}

fn cases() -> Vec<Case> {
    let other_wit = "package t:other; world w { import f: func(); }";
    let mut cases = vec![
        Case {
            option: "path".into(),
            baseline: quote!({ path: "../wit", world: "example:app/app" }),
            changed: quote!({ path: "../ui-tests/wit", world: "main" }),
            expect: Expect::Changes,
        },
        changes("inline", quote!({ inline: #other_wit })),
        Case {
            option: "interfaces".into(),
            baseline: quote!({ inline: "package t:i; world w { import x: interface { f: func(); } }" }),
            changed: quote!({ interfaces: "import x: interface { f: func(); }" }),
            expect: Expect::Changes,
        },
        Case {
            option: "world".into(),
            baseline: plain(),
            changed: quote!({ inline: #WIT, world: "other" }),
            expect: Expect::Changes,
        },
        changes("features", with(quote!(features: ["extra"]))),
        changes("all_features", with(quote!(all_features: true))),
        changes(
            "skip_mut_forwarding_impls",
            with(quote!(skip_mut_forwarding_impls: true)),
        ),
        changes(
            "additional_derives",
            with(quote!(additional_derives: [Hash])),
        ),
        changes("with", with(quote!(with: { "t:opts/b": other::b }))),
        changes(
            "trappable_error_type",
            with(quote!(trappable_error_type: { "t:opts/types.err-code" => MyError })),
        ),
        changes("delegate", with(quote!(delegate: { "t:opts/b": self }))),
        changes(
            "named_imports",
            with(quote!(named_imports: { "t:opts/b": String })),
        ),
        changes("either", with(quote!(either: true))),
        changes("hostgen_crate", with(quote!(hostgen_crate: my::hostgen))),
        changes("wasmtime_crate", with(quote!(wasmtime_crate: my::wasmtime))),
        changes("catch_panics", with(quote!(catch_panics: false))),
        changes(
            "anyhow",
            with(quote!(anyhow: true, imports: { default: trappable })),
        ),
        // `Owning` is the default; `Borrowing` changes the export calls
        // (the world's `run` takes no string: a world that passes one).
        Case {
            option: "ownership".into(),
            baseline: quote!({ inline: #BORROW_WIT }),
            changed: quote!({
                inline: #BORROW_WIT,
                ownership: Borrowing { duplicate_if_necessary: false },
            }),
            expect: Expect::Changes,
        },
        changes("debug", with(quote!(debug: true))),
        changes(
            "include_generated_code_from_file",
            with(quote!(include_generated_code_from_file: true)),
        ),
        changes(
            "include_component_type",
            with(quote!(include_component_type: true)),
        ),
        changes(
            "require_store_data_send",
            with(quote!(require_store_data_send: true)),
        ),
        changes("stringify", with(quote!(stringify: true))),
        Case {
            option: "target".into(),
            // wasmi refuses `@unstable` items gated when linking: choose the
            // feature on both sides.
            baseline: with(quote!(features: ["extra"])),
            changed: with(quote!(features: ["extra"], target: wasmi)),
            expect: Expect::Changes,
        },
        refused(
            "async",
            with(quote!(async: true)),
            "`imports: { default: async }` and `exports: { default: async }`",
        ),
        refused(
            "trappable_imports",
            with(quote!(trappable_imports: true)),
            "`imports: { default: trappable }`",
        ),
        refused(
            "tracing",
            with(quote!(tracing: true)),
            "`imports: { default: tracing }`",
        ),
        refused(
            "verbose_tracing",
            with(quote!(verbose_tracing: true)),
            "`imports: { default: verbose_tracing }`",
        ),
        // wasmtime's `[drop]` flagged `store`: the destructor moves to the
        // `*WithStore` trait and gets the store.
        changes(
            "imports.store on a destructor",
            with(quote!(imports: { "t:opts/a.[drop]r": store })),
        ),
        changes(
            "imports.store on a constructor",
            with(quote!(imports: { "t:opts/a.[constructor]r": store })),
        ),
    ];
    for side in [Side::Imports, Side::Exports] {
        cases.extend(side.known().iter().map(|flag| flag_case(side, flag)));
    }
    cases
}

fn expansion(input: &TokenStream) -> Result<String, String> {
    expand(input.clone()).map(|t| t.to_string()).map_err(|e| {
        e.into_iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join(" | ")
    })
}

#[test]
fn every_option_has_a_case() {
    let cases = cases();
    let has = |name: &str| cases.iter().any(|c| c.option == name);
    let mut missing: Vec<String> = KEYS
        .iter()
        .chain(AS_FLAGS)
        .map(|(k, _)| k.to_string())
        .filter(|k| !has(k) && k != "imports" && k != "exports")
        .collect();
    for (side, key) in [(Side::Imports, "imports"), (Side::Exports, "exports")] {
        missing.extend(
            side.known()
                .iter()
                .map(|f| format!("{key}.{f}"))
                .filter(|k| !has(k)),
        );
    }
    assert!(missing.is_empty(), "options without a case: {missing:?}");
}

#[test]
fn every_accepted_option_changes_the_output_or_is_refused_with_the_reason() {
    let mut failures = Vec::new();
    for case in cases() {
        let baseline = match expansion(&case.baseline) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!(
                    "{}: the baseline does not expand: {e}",
                    case.option
                ));
                continue;
            }
        };
        match (&case.expect, expansion(&case.changed)) {
            (Expect::Changes, Ok(changed)) if changed != baseline => {}
            (Expect::Changes, Ok(_)) => failures.push(format!(
                "{}: accepted, and the output is the same",
                case.option
            )),
            (Expect::Changes, Err(e)) => failures.push(format!("{}: refused: {e}", case.option)),
            (Expect::Refused(text), Err(e)) if e.contains(text) => {}
            (Expect::Refused(text), Err(e)) => failures.push(format!(
                "{}: refused without the reason `{text}`: {e}",
                case.option
            )),
            (Expect::Refused(_), Ok(_)) => {
                failures.push(format!("{}: accepted, expected a refusal", case.option))
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn borrowing_is_refused_on_wasmi_with_the_reason() {
    let err = expansion(&quote!({
        inline: #BORROW_WIT,
        ownership: Borrowing { duplicate_if_necessary: true },
        target: wasmi,
    }))
    .unwrap_err();
    assert!(
        err.contains("`ownership: Borrowing` gives borrowed types wasmtime's `ComponentType`"),
        "{err}"
    );
}
