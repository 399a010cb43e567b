//! The `bindgen!` proc-macro of hostgen. Use it through the `hostgen` crate,
//! which documents the options and the generated API.
//!
//! # How the macro works
//!
//! Data flows one way, through four phases:
//!
//! 1. **Options** (`opts.rs`; the per-function flag maps `imports:` and
//!    `exports:` in `func_flags.rs`): the macro input is
//!    parsed into `opts::Opts`; every bad option is an error at its own
//!    token, all reported in one pass.
//! 2. **Loading** (`load.rs`): wit-parser reads the WIT (`path`, `inline`,
//!    `interfaces`) into a `Resolve` and picks the world; every file read is
//!    tracked so editing it rebuilds the crate.
//! 3. **Model** (`model/`): `supported.rs` first refuses the WIT this
//!    version cannot generate (accessors, unresolved types; one error naming
//!    every use); then one pass over the resolved WIT builds
//!    `model::Model`, which the emitters only read: every interface's module
//!    and every type's, trait's and world item's Rust name (`naming.rs`,
//!    through `names.rs`, whose `reserved` table lists every name the
//!    expansion adds to a scope WIT names share), the import side's
//!    functions grouped by the trait that serves them with their flags and
//!    how they return (`importer.rs`, `func.rs`, `errors.rs`), facts about
//!    types (`analysis.rs`: Copy, Eq, Debug, handles) and about the world (`facts.rs`: async imports,
//!    component-model-async, `*WithStore` traits per module, which option
//!    entries matched), and `@unstable` link gates (`features.rs`).
//! 4. **Emitters** (`emit/`), each a function of the model returning
//!    tokens: `types` (records, variants, flags, resources, handles), `host`
//!    (the `Host` traits and forwarding impls, with `signature` for method
//!    signatures and `dyn_host` for dyn-compatible companions), `linker`
//!    (`add_to_linker*`, with `unstable` for `LinkOptions` and `tracing`
//!    for spans), `exports` (`<World>`, `Guest`, `call_*`). `emit/mod.rs`
//!    runs them and places each result in the module tree (`tree.rs`).
//!
//! `expand.rs` ties the phases together and wraps the output (rebuild
//! tracking, `debug` files, `stringify`, the feature checks). Errors go to
//! one collector (`diag.rs`) that every phase records into and goes on:
//! a bad option, refused WIT, a bad `delegate:` or `named_imports:` entry
//! and an entry that matched nothing come out of one compile, checked once
//! before anything is emitted. Only input that does not parse, a bad
//! option saying where the WIT is, and WIT that does not load stop early.
//!
//! **Adding an emitter**: give it its own file under `emit/`, make it a
//! function of `&Model` that returns tokens, and place them from
//! `emit::generate`. If it needs a fact the model lacks, compute it in
//! `model/` (never in an emitter, and never by one emitter calling into
//! another's internals). If it adds names next to WIT-derived ones, list
//! them in `names::reserved`. Generated code names everything by absolute
//! path (`::core::…`, `::std::…`, the runtime's `__private`) and starts
//! its generic parameters with `_`, so no WIT name can shadow what it uses.

mod diag;
mod emit;
#[cfg(test)]
mod every_option;
mod expand;
mod func_flags;
mod load;
mod model;
mod names;
mod opts;

/// Generates host bindings for a WIT world. See the `hostgen` crate docs.
#[proc_macro]
pub fn bindgen(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
