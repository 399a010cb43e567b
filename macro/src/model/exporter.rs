//! The export side as data: each exported interface's `Guest` (once,
//! however many names it is exported under), the world's accessor per
//! exported name, and every exported function with the names its field and
//! `call_*` method take, distinct in their scope.

use super::Base;
use super::func::FuncSig;
use super::paths::ModulePath;
use crate::names::{self, NameSet};
use proc_macro2::Ident;
use wit_parser::{Function, FunctionKind, InterfaceId, WorldItem, WorldKey};

/// The exported functions of one owner: an interface's `Guest`, or the
/// world struct.
#[derive(Default)]
pub struct Exporter<'a> {
    /// The interface (`None`: the world's own exports).
    pub iface: Option<InterfaceId>,
    /// The module the owner is in.
    pub module: ModulePath,
    pub funcs: Vec<ExportFunc<'a>>,
}

/// One exported function: `sig.name` is its `call_*` method, `sig.flags`
/// its `exports:` flags.
pub struct ExportFunc<'a> {
    pub sig: FuncSig<'a>,
    /// The field holding its `TypedFunc` (and its export index).
    pub field: Ident,
}

/// The world's accessor for one exported name of an interface.
pub struct Accessor {
    pub iface: InterfaceId,
    /// The name the world exports it as (`wasi:cli/run@0.2.0`, `hot`).
    pub instance: String,
    /// The world struct's field and method.
    pub field: Ident,
}

/// Everything the world exports.
#[derive(Default)]
pub struct Exports<'a> {
    /// One per exported interface, in the order first exported.
    pub interfaces: Vec<Exporter<'a>>,
    /// One per exported name of an interface, in WIT order.
    pub accessors: Vec<Accessor>,
    /// The functions the world exports directly.
    pub world: Exporter<'a>,
}

/// The export side of world `base`. The world struct's scope holds its own
/// methods (`names::reserved::WORLD_METHODS`), then each accessor, then
/// each function's field and `call_*`; a `Guest`'s holds
/// `names::reserved::GUEST_ITEMS` and its functions'.
pub fn exports<'a>(base: &Base<'a>) -> Exports<'a> {
    let world = base.world();
    let mut world_scope = NameSet::with_reserved(names::reserved::WORLD_METHODS);
    let mut interfaces: Vec<Exporter<'a>> = Vec::new();
    let mut accessors = Vec::new();
    let mut own: Vec<&'a Function> = Vec::new();
    for (key, item) in &world.exports {
        match item {
            WorldItem::Function(f) => own.push(f),
            WorldItem::Interface { id, .. } => {
                let module = base.export_modules[id].clone();
                let accessor = match key {
                    WorldKey::Name(n) => names::snake(n),
                    // `exports::ns::pkg::iface` → `ns_pkg_iface`
                    WorldKey::Interface(_) => module.0[1..]
                        .iter()
                        .map(|s| s.trim_end_matches('_'))
                        .collect::<Vec<_>>()
                        .join("_"),
                };
                accessors.push(Accessor {
                    iface: *id,
                    instance: base.instance_name(key),
                    field: names::ident(&world_scope.claim(accessor)),
                });
                if interfaces.iter().any(|e| e.iface == Some(*id)) {
                    continue;
                }
                let funcs: Vec<&'a Function> =
                    base.resolve.interfaces[*id].functions.values().collect();
                let mut scope = NameSet::with_reserved(names::reserved::GUEST_ITEMS);
                interfaces.push(Exporter {
                    iface: Some(*id),
                    funcs: functions(base, Some(*id), &funcs, &mut scope),
                    module,
                });
            }
            WorldItem::Type { .. } => {}
        }
    }
    let world = Exporter {
        iface: None,
        module: ModulePath::root(),
        funcs: functions(base, None, &own, &mut world_scope),
    };
    Exports {
        interfaces,
        accessors,
        world,
    }
}

/// `funcs` of `iface` (or of the world), named in `scope`.
fn functions<'a>(
    base: &Base<'a>,
    iface: Option<InterfaceId>,
    funcs: &[&'a Function],
    scope: &mut NameSet,
) -> Vec<ExportFunc<'a>> {
    funcs
        .iter()
        .map(|f| {
            let name = export_name(base, f);
            let field = names::ident(&scope.claim(names::snake(&name)));
            let method = scope.claim(format!("call_{}", names::snake(&name)));
            let mut sig = FuncSig::new(f, method);
            sig.flags = base.export_func_flags(iface, f);
            ExportFunc { sig, field }
        })
        .collect()
}

/// `f`, or for a resource's functions `res-new`, `res-method`, `res-static`.
/// (Accessors, the other kinds, never get here: `check_supported` refuses
/// them.)
fn export_name(base: &Base<'_>, f: &Function) -> String {
    let res_name = |id: wit_parser::TypeId| base.resolve.types[id].name.clone().unwrap_or_default();
    match (&f.kind, f.kind.resource()) {
        (FunctionKind::Constructor(r), _) => format!("{}-new", res_name(*r)),
        (_, Some(r)) => format!("{}-{}", res_name(r), f.item_name()),
        (_, None) => f.name.clone(),
    }
}
