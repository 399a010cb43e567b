//! Options → loaded WIT → generated tokens, plus what wraps the output:
//! rebuild tracking, `debug` files and `stringify`.

use crate::diag::Errors;
use crate::{emit, load, model, opts};
use proc_macro2::TokenStream;
use quote::quote;
use std::path::PathBuf;

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    // Every phase records its errors here and goes on where it can; they
    // are reported together before anything is emitted.
    let mut errors = Errors::default();
    let opts = opts::parse(input, &mut errors)?;
    let loaded = load::load(&opts).map_err(|e| errors.fail(e))?;
    let model = model::Model::build(&loaded, &opts, &mut errors);
    errors.check()?;
    let emit::Generated {
        code,
        needs_cm_async,
    } = emit::generate(&model);

    // One `include_bytes!` per WIT file read: rustc then rebuilds the crate
    // when any of them changes.
    let tracked: Vec<TokenStream> = loaded
        .files
        .iter()
        .filter_map(|p| p.to_str())
        .map(|p| {
            quote!(
                const _: &[u8] = include_bytes!(#p);
            )
        })
        .collect();
    if opts.stringify {
        // A block expression, so the tracking items come along.
        let text = pretty(&code)?;
        return Ok(quote!({ #(#tracked)* #text }));
    }
    let debug = match &opts.debug {
        Some(d) => Some(d),
        None => std::env::var_os("HOSTGEN_DEBUG").map(|_| &opts::Debug::TempDir),
    };
    let body = if let Some(debug) = debug {
        let path = write_debug(&pretty(&code)?, &loaded, debug)?;
        let path = path.to_string_lossy().into_owned();
        quote!(include!(#path);)
    } else {
        code
    };
    // Without hostgen's `component-model-async` feature the runtime's macro
    // replaces the code with one clear error instead of a hundred
    // missing-item ones.
    let hg = &opts.hostgen;
    let body = if needs_cm_async {
        quote!(#hg::__private::require_component_model_async! { #body })
    } else {
        body
    };
    // `anyhow: true` names `wasmtime::anyhow`, there only with wasmtime's
    // `anyhow` feature, which hostgen's feature of that name turns on.
    let body = if opts.anyhow {
        quote!(#hg::__private::require_anyhow! { #body })
    } else {
        body
    };
    // `target: wasmi` names `hostgen::__wasmi`, there only with hostgen's
    // `wasmi` feature.
    let body = if opts.wasmi.is_some() {
        let root = &opts.hostgen_root;
        quote!(#root::__hostgen_require_wasmi! { #body })
    } else {
        body
    };
    Ok(quote! {
        #body
        const _: () = { #(#tracked)* };
    })
}

fn pretty(code: &TokenStream) -> syn::Result<String> {
    let file: syn::File = syn::parse2(code.clone()).map_err(|e| {
        syn::Error::new(
            proc_macro2::Span::call_site(),
            format!("internal error: generated code does not parse: {e}"),
        )
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Writes the formatted expansion to its own file and returns its path.
/// The name carries the world and a hash of the contents, so two
/// invocations never overwrite each other's file.
fn write_debug(text: &str, loaded: &load::Loaded, debug: &opts::Debug) -> syn::Result<PathBuf> {
    use std::hash::{Hash, Hasher};
    let (dir, span) = match debug {
        opts::Debug::Dir(dir) => (load::manifest_dir().join(dir.value()), dir.span()),
        opts::Debug::TempDir => (
            std::env::var_os("HOSTGEN_DEBUG_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| std::env::temp_dir().join("hostgen-debug")),
            proc_macro2::Span::call_site(),
        ),
    };
    let world = &loaded.resolve.worlds[loaded.world].name;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    let path = dir.join(format!("{world}-{:016x}.rs", hasher.finish()));
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|e| {
            syn::Error::new(
                span,
                format!("`debug`: cannot write `{}`: {e}", path.display()),
            )
        })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wit_file_read_is_tracked_for_rebuilds() {
        let out = expand(quote!({ path: "../ui-tests/wit", world: "main" }))
            .unwrap()
            .to_string();
        for file in ["ui-tests/wit/main.wit", "ui-tests/wit/deps/dep/dep.wit"] {
            assert!(
                out.contains("include_bytes !")
                    && out.split("include_bytes !").any(|s| s.contains(file)),
                "{file} is not tracked"
            );
        }
    }

    #[test]
    fn a_missing_dependency_points_at_deps() {
        let err = expand(quote!({ path: "../ui-tests/wit-missing-dep", world: "w" }))
            .unwrap_err()
            .to_string();
        assert!(err.contains("package 'test:dep' not found"), "{err}");
        assert!(
            err.contains("= help: put the WIT of each dependency in `")
                && err.contains("wit-missing-dep/deps` (one folder or file per package)"),
            "{err}"
        );
        // An interface missing from a dependency that is there gets no such
        // help, though its text says "not found in package": wit-parser's
        // error kind decides, not its text.
        let err = expand(quote!({ path: "../ui-tests/wit-bad-use", world: "w" }))
            .unwrap_err()
            .to_string();
        assert!(err.contains("interface 'nope' not found"), "{err}");
        assert!(!err.contains("help: put the WIT"), "{err}");
    }

    #[test]
    fn debug_writes_a_formatted_file_and_includes_it() {
        let out = expand(quote!({ path: "../wit", world: "example:app/app", debug: true }))
            .unwrap()
            .to_string();
        let path = out
            .split("include ! (\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the expansion includes the debug file");
        let text = std::fs::read_to_string(path).unwrap();
        assert!(
            text.contains("pub trait Host {\n"),
            "formatted by prettyplease"
        );
        syn::parse_file(&text).unwrap();
    }

    #[test]
    fn debug_with_a_directory_writes_there() {
        let dir = std::env::temp_dir().join(format!("hostgen-debug-dir-{}", std::process::id()));
        let lit = dir.to_str().unwrap();
        let out = expand(quote!({ path: "../wit", world: "example:app/app", debug: #lit }))
            .unwrap()
            .to_string();
        let written: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(written.len(), 1, "one file for one expansion");
        let file = written[0].as_ref().unwrap().path();
        assert!(out.contains(file.to_str().unwrap()), "{out}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn stringify_returns_the_formatted_expansion() {
        let out =
            expand(quote!({ path: "../wit", world: "example:app/app", stringify: true })).unwrap();
        let block: syn::ExprBlock = syn::parse2(out).unwrap();
        let tracked = block
            .block
            .stmts
            .iter()
            .filter(|s| matches!(s, syn::Stmt::Item(_)))
            .count();
        assert_eq!(tracked, 1, "app.wit is tracked for rebuilds");
        let Some(syn::Stmt::Expr(syn::Expr::Lit(lit), None)) = block.block.stmts.last() else {
            panic!("the block ends in the expansion's text");
        };
        let syn::Lit::Str(text) = &lit.lit else {
            panic!("a string literal")
        };
        assert!(
            text.value()
                .contains("pub fn add_to_linker_get_host<_T, _G>(")
        );
    }
}
