//! The `bindgen!` proc-macro of hostgen. Use it through the `hostgen` crate,
//! which documents the options and the generated API.
//!
//! # How the macro works
//!
//! Data flows one way, through four phases:
//!
//! 1. **Options** (`opts.rs`, flag maps in `flags.rs`): the macro input is
//!    parsed into `opts::Opts`; every bad option is an error at its own
//!    token, all reported in one pass.
//! 2. **Loading** (`load.rs`): wit-parser reads the WIT (`path`, `inline`,
//!    `interfaces`) into a `Resolve` and picks the world; every file read is
//!    tracked so editing it rebuilds the crate.
//! 3. **Names and facts** (`codegen/mod.rs` `assign_names`,
//!    `codegen/facts.rs`): before anything is emitted, every interface gets
//!    its module, every type, trait and world item its Rust name (through
//!    `names.rs`, whose `reserved` table lists every name the expansion
//!    adds to a scope WIT names share), and `codegen::facts::Facts` records
//!    what depends on the world as a whole (async imports,
//!    component-model-async, `*WithStore` traits per module).
//! 4. **Emitters** (`codegen/`), each a function of the names and facts:
//!    `types` (records, variants, flags, resources, handles), `host` (the
//!    `Host` traits and forwarding impls, with `signature` for method
//!    signatures and `dyn_host` for dyn-compatible companions), `linker`
//!    (`add_to_linker*`, with `unstable` for `@unstable` link gates and
//!    `tracing` for spans), `exports` (`<World>`, `Guest`, `call_*`),
//!    `errors` (trappable errors), `with` (bindings from elsewhere), and
//!    `modules`, which nests everything into the module tree.
//!
//! `expand.rs` ties the phases together and wraps the output (rebuild
//! tracking, `debug` files, `stringify`, the feature checks).
//!
//! **Adding an emitter**: give it its own file under `codegen/`, read what
//! it needs from `Gen` (names, flags via `func_flags`/`export_func_flags`,
//! `Facts`), push its tokens into the module tree, and if it adds names
//! next to WIT-derived ones, list them in `names::reserved`. Generated code
//! names everything by absolute path (`::core::…`, `::std::…`, the
//! runtime's `__private`) and starts its generic parameters with `_`, so
//! no WIT name can shadow what it uses.

mod codegen;
mod expand;
mod flags;
mod load;
mod names;
mod opts;

/// Generates host bindings for a WIT world. See the `hostgen` crate docs.
#[proc_macro]
pub fn bindgen(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
