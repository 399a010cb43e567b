//! What hostgen refuses before building the model: WIT function kinds it
//! cannot generate (accessors) and types it cannot resolve, every use named,
//! all in one error at the WIT source.

use super::analysis::for_each_child;
use proc_macro2::Span;
use std::collections::HashSet;
use wit_parser::{Function, FunctionKind, Resolve, Type, TypeDefKind, TypeId, World, WorldItem};

/// Refuses the WIT this version cannot generate, naming each use, all in
/// one error.
pub fn check_supported(resolve: &Resolve, span: Span, world: &World) -> syn::Result<()> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut visit = |ty: &Type, place: &str, problems: &mut Vec<String>| {
        unsupported_in(resolve, ty, &mut seen, &mut |what| {
            problems.push(format!("{what} (used by {place})"))
        });
    };
    // Why accessors are refused, with the first one as the example.
    let mut accessor_note = None;
    let mut accessors = |f: &Function, place: &str, problems: &mut Vec<String>| {
        if let Some(what) = accessor(resolve, f) {
            problems.push(format!("{what} ({place})"));
            accessor_note.get_or_insert_with(|| accessor_help(f));
        }
    };
    for (key, item) in world.imports.iter().chain(world.exports.iter()) {
        let name = resolve.name_world_key(key);
        match item {
            WorldItem::Interface { id, .. } => {
                let iface = &resolve.interfaces[*id];
                for (tname, ty) in &iface.types {
                    visit(
                        &Type::Id(*ty),
                        &format!("type `{tname}` in `{name}`"),
                        &mut problems,
                    );
                }
                for (fname, f) in &iface.functions {
                    let place = format!("function `{fname}` in `{name}`");
                    accessors(f, &place, &mut problems);
                    for ty in f.params.iter().map(|p| &p.ty).chain(f.result.iter()) {
                        visit(ty, &place, &mut problems);
                    }
                }
            }
            WorldItem::Function(f) => {
                let place = format!("world function `{}`", f.name);
                accessors(f, &place, &mut problems);
                for ty in f.params.iter().map(|p| &p.ty).chain(f.result.iter()) {
                    visit(ty, &place, &mut problems);
                }
            }
            WorldItem::Type { id, .. } => {
                visit(&Type::Id(*id), &format!("type `{name}`"), &mut problems)
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.dedup();
    let mut msg = format!(
        "this world uses WIT features hostgen does not support yet:\n  - {}",
        problems.join("\n  - ")
    );
    msg.extend(accessor_note);
    Err(syn::Error::new(span, msg))
}

/// An accessor function (`prop: get()`, `prop: set(..)`, their resource
/// forms: the component model's 📡 `[get]`/`[set]` names), described as
/// the WIT writes it; `None` for the kinds hostgen generates. Every kind is
/// listed so that one a newer wit-parser adds does not compile until it is
/// generated or refused here.
fn accessor(resolve: &Resolve, f: &Function) -> Option<String> {
    let of = |r: &TypeId| {
        let resource = resolve.types[*r].name.as_deref().unwrap_or_default();
        format!(" of resource `{resource}`")
    };
    let (form, owner) = match &f.kind {
        FunctionKind::Freestanding
        | FunctionKind::AsyncFreestanding
        | FunctionKind::Method(_)
        | FunctionKind::AsyncMethod(_)
        | FunctionKind::Static(_)
        | FunctionKind::AsyncStatic(_)
        | FunctionKind::Constructor(_) => return None,
        FunctionKind::Getter => ("get()", String::new()),
        FunctionKind::Setter => ("set(..)", String::new()),
        FunctionKind::MethodGetter(r) => ("get()", of(r)),
        FunctionKind::MethodSetter(r) => ("set(..)", of(r)),
        FunctionKind::StaticGetter(r) => ("static get()", of(r)),
        FunctionKind::StaticSetter(r) => ("static set(..)", of(r)),
    };
    Some(format!("accessor `{}: {form}`{owner}", f.item_name()))
}

/// Why accessors are refused and what to write instead, with `f`'s name.
fn accessor_help(f: &Function) -> String {
    let prop = f.item_name();
    let func = match f.kind {
        FunctionKind::StaticGetter(_) | FunctionKind::StaticSetter(_) => "static func",
        FunctionKind::Freestanding
        | FunctionKind::AsyncFreestanding
        | FunctionKind::Method(_)
        | FunctionKind::AsyncMethod(_)
        | FunctionKind::Static(_)
        | FunctionKind::AsyncStatic(_)
        | FunctionKind::Constructor(_)
        | FunctionKind::Getter
        | FunctionKind::Setter
        | FunctionKind::MethodGetter(_)
        | FunctionKind::MethodSetter(_) => "func",
    };
    format!(
        "\n  = note: wasmtime 48 and 49 cannot load a component that has accessors, \
         wasmtime 50 only with `Config::wasm_component_model_accessors` (a work in \
         progress), and wasmtime 50's own `bindgen!` refuses them (\"unimplemented \
         getter/setter\")\n  \
         = help: declare functions instead, e.g. `get-{prop}: {func}() -> T;` and \
         `set-{prop}: {func}(value: T);`"
    )
}

/// Reports every unresolved type inside `ty`, following `future` and
/// `stream` payloads too.
fn unsupported_in(
    resolve: &Resolve,
    ty: &Type,
    seen: &mut HashSet<TypeId>,
    report: &mut dyn FnMut(&str),
) {
    let Type::Id(id) = *ty else {
        return;
    };
    if !seen.insert(id) {
        return;
    }
    let kind = &resolve.types[id].kind;
    if let TypeDefKind::Unknown = kind {
        return report("an unresolved type");
    }
    let mut children = Vec::new();
    for_each_child(resolve, id, |t| children.push(*t));
    // Payloads too, which `for_each_child` leaves out (the derive facts stop
    // at a handle), but which the generator writes like any other type.
    if let TypeDefKind::Future(Some(t)) | TypeDefKind::Stream(Some(t)) = kind {
        children.push(*t);
    }
    for child in children {
        unsupported_in(resolve, &child, seen, report);
    }
}
