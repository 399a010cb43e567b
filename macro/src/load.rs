//! Loads WIT with wit-parser, picks the world, and records every file read so
//! that editing one rebuilds the crate.

use crate::opts::Opts;
use proc_macro2::Span;
use std::path::{Path, PathBuf};
use wit_parser::{PackageId, Resolve, WorldId};

/// The WIT the macro generates code for.
pub struct Loaded {
    pub resolve: Resolve,
    pub world: WorldId,
    /// Absolute paths of every WIT file read.
    pub files: Vec<PathBuf>,
}

/// Where relative `path:` entries start: the invoking crate's manifest dir.
pub fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub fn load(opts: &Opts) -> syn::Result<Loaded> {
    let root = manifest_dir();
    let mut resolve = Resolve {
        // Gated at link time, every item is generated.
        all_features: opts.all_features || opts.link_gated(),
        ..Resolve::default()
    };
    resolve
        .features
        .extend(opts.features.iter().flatten().cloned());

    let mut main = Vec::new();
    let mut files = Vec::new();
    let mut paths: Vec<(PathBuf, Span)> = opts
        .paths
        .iter()
        .map(|lit| (root.join(lit.value()), lit.span()))
        .collect();
    if paths.is_empty() && opts.inline.is_none() {
        paths.push((root.join("wit"), Span::call_site()));
    }
    for (path, span) in &paths {
        if !path.exists() {
            return Err(syn::Error::new(
                *span,
                format!(
                    "WIT path `{}` does not exist\n  = help: paths are relative to \
                     the directory of the crate's Cargo.toml (CARGO_MANIFEST_DIR)",
                    path.strip_prefix(&root).unwrap_or(path).display(),
                ),
            ));
        }
        let (pkg, sources) = resolve
            .push_path(path)
            .map_err(|e| wit_error(*span, &resolve, &e, Some(path)))?;
        main.push(pkg);
        files.extend(sources.paths().map(|p| root.join(p)));
    }
    if let Some(inline) = &opts.inline {
        let pkg = resolve
            .push_str("inline.wit", &inline.value())
            .map_err(|e| wit_error(inline.span(), &resolve, &e, None))?;
        main.push(pkg);
    }
    let world = select_world(&resolve, &main, opts)?;
    files.sort();
    files.dedup();
    Ok(Loaded {
        resolve,
        world,
        files,
    })
}

fn select_world(resolve: &Resolve, main: &[PackageId], opts: &Opts) -> syn::Result<WorldId> {
    let span = opts
        .world
        .as_ref()
        .map(|w| w.span())
        .unwrap_or(opts.source_span);
    let name = opts.world.as_ref().map(|w| w.value());
    if let Ok(id) = resolve.select_world(main, name.as_deref()) {
        return Ok(id);
    }
    let available = world_names(resolve, main);
    let listed = available
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let msg = match &name {
        _ if available.is_empty() => "the WIT defines no world\n  = help: add one, e.g. \
                                      `world app { import my-interface; }`"
            .to_string(),
        None => format!(
            "the WIT defines several worlds; choose one with `world: \"...\"`\n  \
             = help: the worlds are {listed}"
        ),
        Some(wanted) => {
            let short = |w: &String| w.rsplit('/').next().unwrap_or(w).to_string();
            let close = available
                .iter()
                .map(|w| (strsim::jaro_winkler(&short(w), wanted), w))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, w)| format!("did you mean `{}`? ", short(w)))
                .unwrap_or_default();
            format!("no world `{wanted}` in this WIT\n  = help: {close}the worlds are {listed}")
        }
    };
    Err(syn::Error::new(span, msg))
}

fn world_names(resolve: &Resolve, main: &[PackageId]) -> Vec<String> {
    main.iter()
        .flat_map(|pkg| {
            let package = &resolve.packages[*pkg];
            package
                .worlds
                .keys()
                .map(move |w| resolve.id_of_name(*pkg, w))
        })
        .collect()
}

/// A WIT error rendered by wit-parser with file:line:col and the offending
/// line, plus its causes.
fn wit_error(span: Span, resolve: &Resolve, e: &anyhow::Error, path: Option<&Path>) -> syn::Error {
    let mut msg = format!("failed to load WIT: {}", resolve.render_error(e));
    // Paths relative to the crate, so messages read the same on every machine.
    let root = manifest_dir();
    let prefix = format!("{}/", root.display());
    msg = msg.replace(&prefix, "");
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !msg.contains(&cause) {
            msg.push_str("\n  caused by: ");
            msg.push_str(&cause);
        }
    }
    let package_not_found = e.chain().any(|cause| {
        cause
            .downcast_ref::<wit_parser::ResolveError>()
            .is_some_and(|r| {
                matches!(
                    r.kind(),
                    wit_parser::ResolveErrorKind::PackageNotFound { .. }
                )
            })
    });
    if package_not_found && let Some(path) = path.filter(|p| p.is_dir()) {
        msg.push_str(&format!(
            "\n  = help: put the WIT of each dependency in `{}` (one folder or file per package)",
            path.join("deps").display()
        ));
    }
    syn::Error::new(span, msg)
}
