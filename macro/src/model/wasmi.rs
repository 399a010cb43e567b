//! What `target: wasmi` cannot generate, refused in one error at the
//! option, every use named: the wasmi target runs through
//! wasm_component_layer 0.1.18, which has no async and a lowering bug
//! (below).
//!
//! The lowering bug: when wasm_component_layer lowers an `option`, a
//! `result` or a `variant` whose value is a case without payload (`none`,
//! `ok` of `result<_, E>`, a unit case), its `lower_variant_arm` and
//! `write_variant_arm_to_memory` pop one value too many off their operand
//! stack. That is harmless only when the stack is empty there: when the
//! value is a whole parameter lowered first (or any whole parameter passed
//! through memory) or a function's whole result. Anywhere else (a field,
//! a list element, a payload, a later parameter) the call loses a value
//! and the layer panics (its stack-length `assert_eq!`), or could mis-place
//! values. The layer lowers an export's parameters and an import's result,
//! so those are checked; lifting has no such bug.

use super::Model;
use crate::model::FuncSig;
use wit_parser::abi::AbiVariant;
use wit_parser::{Resolve, Type, TypeDefKind, TypeId, TypeOwner};

/// The note every refusal for the lowering bug carries.
const LOWERING_BUG: &str = "wasm_component_layer 0.1.18 loses a value when it lowers an \
     `option`, `result` or `variant` case without payload anywhere but as a whole first \
     parameter or a whole result (`lower_variant_arm` pops one operand too many), and the \
     call panics";

/// Whether `ty` is or holds a type that has a case without payload.
fn holds_unit_case(resolve: &Resolve, ty: &Type) -> bool {
    let Type::Id(id) = ty else {
        return false;
    };
    match &resolve.types[*id].kind {
        TypeDefKind::Option(_) => true,
        TypeDefKind::Result(r) if r.ok.is_none() || r.err.is_none() => true,
        TypeDefKind::Variant(v) if v.cases.iter().any(|c| c.ty.is_none()) => true,
        TypeDefKind::Result(_)
        | TypeDefKind::Variant(_)
        | TypeDefKind::Record(_)
        | TypeDefKind::Resource
        | TypeDefKind::Handle(_)
        | TypeDefKind::Flags(_)
        | TypeDefKind::Tuple(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::List(_)
        | TypeDefKind::Map(..)
        | TypeDefKind::FixedLengthList(..)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Type(_)
        | TypeDefKind::Unknown => nests_unit_case(resolve, ty),
    }
}

/// Whether `ty` holds, strictly inside it, a type that has a case without
/// payload.
fn nests_unit_case(resolve: &Resolve, ty: &Type) -> bool {
    let Type::Id(id) = ty else {
        return false;
    };
    let holds = |t: &Type| holds_unit_case(resolve, t);
    match &resolve.types[*id].kind {
        TypeDefKind::Type(t) => nests_unit_case(resolve, t),
        TypeDefKind::Option(t) | TypeDefKind::List(t) => holds(t),
        TypeDefKind::Result(r) => r.ok.iter().chain(r.err.iter()).any(holds),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).any(holds),
        TypeDefKind::Record(r) => r.fields.iter().any(|f| holds(&f.ty)),
        TypeDefKind::Tuple(t) => t.types.iter().any(holds),
        TypeDefKind::FixedLengthList(t, _) => holds(t),
        TypeDefKind::Map(k, v) => holds(k) || holds(v),
        // A handle's resource, a stream's or future's payload is not
        // lowered with the value.
        TypeDefKind::Resource
        | TypeDefKind::Handle(_)
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Unknown => false,
    }
}

/// Whether `ty`, an export's parameter, lends the guest a handle the
/// wasmi target cannot lend: a `borrow` of a host resource anywhere, or of
/// a guest resource inside another value (only a whole parameter is lent,
/// by `TypedFunc::call`). `guest` says whether a resource is the guest's.
fn lends(resolve: &Resolve, ty: &Type, whole: bool, guest: &dyn Fn(TypeId) -> bool) -> bool {
    let Type::Id(id) = ty else {
        return false;
    };
    let inner = |t: &Type| lends(resolve, t, false, guest);
    match &resolve.types[*id].kind {
        TypeDefKind::Handle(wit_parser::Handle::Borrow(r)) => !(whole && guest(*r)),
        TypeDefKind::Type(t) => lends(resolve, t, whole, guest),
        TypeDefKind::Option(t) | TypeDefKind::List(t) => inner(t),
        TypeDefKind::Result(r) => r.ok.iter().chain(r.err.iter()).any(inner),
        TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).any(inner),
        TypeDefKind::Record(r) => r.fields.iter().any(|f| inner(&f.ty)),
        TypeDefKind::Tuple(t) => t.types.iter().any(inner),
        TypeDefKind::FixedLengthList(t, _) => inner(t),
        TypeDefKind::Map(k, v) => inner(k) || inner(v),
        // An `own` handle moves; a stream's or future's payload is not
        // lowered with the value.
        TypeDefKind::Handle(wit_parser::Handle::Own(_))
        | TypeDefKind::Resource
        | TypeDefKind::Flags(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Future(_)
        | TypeDefKind::Stream(_)
        | TypeDefKind::Unknown => false,
    }
}

/// `ty` as WIT writes it (named types by name), for messages.
fn wit_type(resolve: &Resolve, ty: &Type) -> String {
    let id = match ty {
        Type::Id(id) => *id,
        Type::Bool => return "bool".into(),
        Type::U8 => return "u8".into(),
        Type::U16 => return "u16".into(),
        Type::U32 => return "u32".into(),
        Type::U64 => return "u64".into(),
        Type::S8 => return "s8".into(),
        Type::S16 => return "s16".into(),
        Type::S32 => return "s32".into(),
        Type::S64 => return "s64".into(),
        Type::F32 => return "f32".into(),
        Type::F64 => return "f64".into(),
        Type::Char => return "char".into(),
        Type::String => return "string".into(),
        Type::ErrorContext => return "error-context".into(),
    };
    let def = &resolve.types[id];
    if let Some(name) = &def.name {
        return name.clone();
    }
    let opt = |t: &Option<Type>| t.as_ref().map_or("_".to_string(), |t| wit_type(resolve, t));
    match &def.kind {
        TypeDefKind::Option(t) => format!("option<{}>", wit_type(resolve, t)),
        TypeDefKind::List(t) => format!("list<{}>", wit_type(resolve, t)),
        TypeDefKind::Result(r) if r.ok.is_none() && r.err.is_none() => "result".into(),
        TypeDefKind::Result(r) if r.err.is_none() => format!("result<{}>", opt(&r.ok)),
        TypeDefKind::Result(r) => format!("result<{}, {}>", opt(&r.ok), opt(&r.err)),
        TypeDefKind::Tuple(t) => {
            let tys: Vec<String> = t.types.iter().map(|t| wit_type(resolve, t)).collect();
            format!("tuple<{}>", tys.join(", "))
        }
        TypeDefKind::Type(t) => wit_type(resolve, t),
        TypeDefKind::Handle(wit_parser::Handle::Own(r)) => wit_type(resolve, &Type::Id(*r)),
        TypeDefKind::Handle(wit_parser::Handle::Borrow(r)) => {
            format!("borrow<{}>", wit_type(resolve, &Type::Id(*r)))
        }
        TypeDefKind::Map(k, v) => {
            format!("map<{}, {}>", wit_type(resolve, k), wit_type(resolve, v))
        }
        TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", wit_type(resolve, t)),
        TypeDefKind::Future(t) => format!("future<{}>", opt(t)),
        TypeDefKind::Stream(t) => format!("stream<{}>", opt(t)),
        // Always named, so written by name above.
        TypeDefKind::Record(_)
        | TypeDefKind::Resource
        | TypeDefKind::Flags(_)
        | TypeDefKind::Variant(_)
        | TypeDefKind::Enum(_)
        | TypeDefKind::Unknown => "?".into(),
    }
}

/// The values of `sig` that wasm_component_layer would lower wrongly: an
/// export's parameters, an import's result.
fn lowering_bug(resolve: &Resolve, sig: &FuncSig<'_>, export: bool) -> Vec<String> {
    let f = sig.func;
    let mut found = Vec::new();
    if export {
        let indirect = resolve
            .wasm_signature(AbiVariant::GuestExport, f)
            .indirect_params;
        for (i, p) in f.params.iter().enumerate() {
            let whole_ok = i == 0 || indirect;
            if nests_unit_case(resolve, &p.ty) || (!whole_ok && holds_unit_case(resolve, &p.ty)) {
                found.push(format!(
                    "export `{}`: parameter `{}` (`{}`) {}",
                    f.name,
                    p.name,
                    wit_type(resolve, &p.ty),
                    if nests_unit_case(resolve, &p.ty) {
                        "nests an `option`, `result` or `variant`"
                    } else {
                        "is an `option`, `result` or `variant` after the first parameter"
                    }
                ));
            }
        }
    } else if let Some(ty) = &f.result
        && nests_unit_case(resolve, ty)
    {
        found.push(format!(
            "import `{}`: its result (`{}`) nests an `option`, `result` or `variant`",
            f.name,
            wit_type(resolve, ty)
        ));
    }
    found
}

/// With `target: wasmi`, an error listing what the world uses that the
/// wasmi target does not support; `Ok` otherwise.
pub fn check(model: &Model<'_>) -> syn::Result<()> {
    let Some(span) = model.opts.wasmi else {
        return Ok(());
    };
    let mut problems = Vec::new();
    let mut funcs = |sig: &FuncSig<'_>, side: &str| {
        let name = &sig.func.name;
        let f = &sig.flags;
        if f.concurrent {
            problems.push(format!(
                "{side} `{name}` is a WIT `async func` (wasm_component_layer has no async)"
            ));
        } else if f.is_async {
            problems.push(format!(
                "{side} `{name}` is flagged `async` (wasm_component_layer has no async)"
            ));
        }
        if f.store {
            problems.push(format!(
                "{side} `{name}` is flagged `store` (the wasmi target has no `hostgen::Access`)"
            ));
        }
        if f.tracing || f.verbose_tracing {
            problems.push(format!(
                "{side} `{name}` is flagged `tracing` (not on the wasmi target yet)"
            ));
        }
    };
    let mut lowering = Vec::new();
    let mut lending = Vec::new();
    // A resource of an exported interface is the guest's.
    let guest = |r: TypeId| match model.resolve.types[r].owner {
        TypeOwner::Interface(i) => model.export_modules.contains_key(&i),
        TypeOwner::World(_) | TypeOwner::None => false,
    };
    let mut importers: Vec<_> = model.importers.values().collect();
    importers.sort_by_key(|i| i.iface.map(|id| id.index()));
    for importer in importers.into_iter().chain([&model.own_imports]) {
        for sig in &importer.sigs {
            funcs(sig, "import");
            lowering.extend(lowering_bug(model.resolve, sig, false));
        }
    }
    let side = &model.export_side;
    for exporter in side.interfaces.iter().chain([&side.world]) {
        for f in &exporter.funcs {
            funcs(&f.sig, "export");
            lowering.extend(lowering_bug(model.resolve, &f.sig, true));
            for p in &f.sig.func.params {
                if lends(model.resolve, &p.ty, true, &guest) {
                    lending.push(format!(
                        "export `{}`: parameter `{}` (`{}`) lends the guest a host resource, \
                         or a guest resource inside another value; the wasmi target lends \
                         only a guest resource passed whole",
                        f.sig.func.name,
                        p.name,
                        wit_type(model.resolve, &p.ty)
                    ));
                }
            }
        }
    }
    if !model.opts.named_imports.is_empty() {
        problems.push(
            "`named_imports:` links the imports a component annotates with \
             `(implements \"..\")`, which wasm_component_layer does not read"
                .to_string(),
        );
    }
    problems.extend(lending);
    let note = (!lowering.is_empty()).then(|| {
        format!(
            "\n  (why: {LOWERING_BUG}; \
             hostgen refuses them rather than let a call panic)"
        )
    });
    problems.extend(lowering);
    // Host resources (imported) are linked; a resource the guest defines
    // (exported) has no `ResourceAny` on this target yet.
    let host: Vec<_> = model
        .importers
        .values()
        .chain([&model.own_imports])
        .flat_map(|i| &i.resources)
        .collect();
    for r in &host {
        if r.drop_flags.is_async || r.drop_flags.store {
            problems.push(format!(
                "the destructor of resource `{}` is flagged `async` or `store`",
                r.wit_name
            ));
        }
    }
    if model.facts.uses_cm_async {
        problems.push(
            "the world uses `stream`, `future` or `error-context` (WASI 0.3), which \
             wasm_component_layer does not have"
                .to_string(),
        );
    }
    if model.usage.borrowing() {
        problems.push(
            "`ownership: Borrowing` gives borrowed types wasmtime's `ComponentType` and \
             `Lower` derives, which the wasmi target does not have"
                .to_string(),
        );
    }
    if model.opts.anyhow {
        problems.push(
            "`anyhow: true` names `wasmtime::anyhow`; on the wasmi target host functions \
             return `hostgen::Result`"
                .to_string(),
        );
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.dedup();
    Err(syn::Error::new(
        span,
        format!(
            "`target: wasmi` cannot generate this world:\n  - {}{}",
            problems.join("\n  - "),
            note.unwrap_or_default()
        ),
    ))
}
