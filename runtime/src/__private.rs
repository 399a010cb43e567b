//! What generated code calls. Keeping these here, not in every expansion,
//! keeps the generated code small.

pub use wasmtime;
use wasmtime::component::{
    Component, ComponentExportIndex, ComponentNamedList, Instance, Lift, Lower, TypedFunc,
};
use wasmtime::{AsContextMut, Error, Result};

/// Looks up an export of `component` (inside the exported instance
/// `instance`, if given), failing with an error that names it.
pub fn export_index(
    component: &Component,
    instance: Option<(&ComponentExportIndex, &str)>,
    name: &str,
) -> Result<ComponentExportIndex> {
    component
        .get_export_index(instance.map(|(i, _)| i), name)
        .ok_or_else(|| match instance {
            Some((_, iface)) => Error::msg(format!(
                "the component's export `{iface}` has no function `{name}`"
            )),
            None => Error::msg(format!("the component has no export named `{name}`")),
        })
}

/// The typed function at `index`, or an error naming the WIT function whose
/// signature the component's export does not match.
pub fn typed_func<P, R>(
    store: impl AsContextMut,
    instance: &Instance,
    index: &ComponentExportIndex,
    name: &str,
) -> Result<TypedFunc<P, R>>
where
    P: ComponentNamedList + Lower,
    R: ComponentNamedList + Lift,
{
    instance
        .get_typed_func::<P, R>(store, index)
        .map_err(|e| e.context(format!("export `{name}` does not match its WIT signature")))
}
