//! [`Linker`]: host functions by instance and name, made for a store when a
//! component is instantiated in it; and the [`Engine`], [`Component`],
//! [`InstancePre`] and [`Instance`] around it.

use super::Backend;
use super::cx::Types;
use super::error::from_layer;
use super::error::to_layer;
use super::guard::HostPanic;
use super::handles::{Rep, StoreCx, typed_for};
use super::layer;
use super::store::StoreContextMut;
use super::store::{AsContext, AsContextMut, Data};
use super::val::{LiftList, LowerList};
use crate::{Error, Result};
use std::any::TypeId;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The engine: wasmi, through wasm_component_layer. Clones are the same
/// engine.
#[derive(Clone)]
pub struct Engine {
    inner: layer::Engine<Backend>,
    /// Which engine this is: wasmi panics on a module of another engine, so
    /// instantiation compares these first.
    pub(crate) id: u64,
}

/// wasmi with its default configuration.
impl Default for Engine {
    fn default() -> Self {
        Self::new(Backend::default())
    }
}

impl Engine {
    /// An engine over a configured wasmi engine.
    pub fn new(backend: Backend) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Engine {
            inner: layer::Engine::new(backend),
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }

    pub(crate) fn layer(&self) -> &layer::Engine<Backend> {
        &self.inner
    }
}

/// A component, parsed and validated for an [`Engine`].
#[derive(Clone)]
pub struct Component {
    pub(crate) inner: layer::Component,
    engine: Engine,
}

impl Component {
    /// The component in `bytes` (binary; WAT is not accepted).
    pub fn new(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Self> {
        let inner = layer::Component::new(engine.layer(), bytes.as_ref()).map_err(from_layer)?;
        Ok(Component {
            inner,
            engine: engine.clone(),
        })
    }

    /// The component in the file at `path`.
    pub fn from_file(engine: &Engine, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)
            .map_err(|e| Error::msg(format!("cannot read `{}`: {e}", path.display())))?;
        Self::new(engine, bytes)
    }

    /// The engine the component was made for.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
}

/// Makes one host function for a store, given the instance's resource
/// types and the type the component declares for the import (if it
/// imports it).
pub(crate) type MakeFunc<T> = dyn Fn(
        &mut layer::StoreContextMut<'_, Data<T>, Backend>,
        &Arc<Types>,
        Option<&layer::FuncType>,
    ) -> Result<layer::Func>
    + Send
    + Sync;

/// Makes one host resource type (with its destructor) for a store.
type MakeResource<T> = dyn Fn(&mut layer::StoreContextMut<'_, Data<T>, Backend>) -> anyhow::Result<layer::ResourceType>
    + Send
    + Sync;

/// What a definition makes.
enum Make<T> {
    Func(Arc<MakeFunc<T>>),
    Resource(TypeId, Arc<MakeResource<T>>),
}

/// One definition: where, what name, and how to make it for a store.
struct Def<T> {
    /// The interface (`ns:pkg/name@version`), or `None` for the root.
    instance: Option<layer::InterfaceIdentifier>,
    name: Arc<str>,
    make: Make<T>,
}

impl<T> Clone for Def<T> {
    fn clone(&self) -> Self {
        Def {
            instance: self.instance.clone(),
            name: self.name.clone(),
            make: match &self.make {
                Make::Func(f) => Make::Func(f.clone()),
                Make::Resource(id, r) => Make::Resource(*id, r.clone()),
            },
        }
    }
}

/// A host resource's type, as [`LinkerInstance::resource`] takes it: the
/// Rust type that names it in the bindings.
pub struct ResourceType {
    id: TypeId,
}

impl ResourceType {
    /// The host resource named by the Rust type `T`.
    pub fn host<T: 'static>() -> Self {
        ResourceType {
            id: TypeId::of::<T>(),
        }
    }
}

/// Host functions by instance and name, for components whose store data
/// is `T`. Definitions are kept, not made: each instantiation makes them
/// for its store, so one linker serves every store.
pub struct Linker<T> {
    defs: Vec<Def<T>>,
    defined: HashSet<(Option<String>, Arc<str>)>,
}

impl<T> Default for Linker<T> {
    fn default() -> Self {
        Linker {
            defs: Vec::new(),
            defined: HashSet::new(),
        }
    }
}

impl<T> Clone for Linker<T> {
    fn clone(&self) -> Self {
        Linker {
            defs: self.defs.clone(),
            defined: self.defined.clone(),
        }
    }
}

impl<T: 'static> Linker<T> {
    /// An empty linker for components of `engine` (taken as wasmtime's
    /// `Linker::new` takes it, so linking code reads the same; the
    /// definitions are made per store, at instantiation).
    pub fn new(engine: &Engine) -> Self {
        let _ = engine;
        Self::default()
    }

    /// The world's own imports.
    pub fn root(&mut self) -> LinkerInstance<'_, T> {
        LinkerInstance {
            linker: self,
            instance: None,
        }
    }

    /// The imported interface `name`, written `namespace:package/name`
    /// with an optional `@version`. wasm_component_layer links interfaces by
    /// that name only: a world's `import my-name: iface;` cannot be served.
    pub fn instance(&mut self, name: &str) -> Result<LinkerInstance<'_, T>> {
        let id = layer::InterfaceIdentifier::try_from(name).map_err(|e| {
            Error::msg(format!(
                "cannot link `{name}` on the wasmi target: wasm_component_layer links \
                 interfaces by `namespace:package/name[@version]` only ({e})"
            ))
        })?;
        Ok(LinkerInstance {
            linker: self,
            instance: Some(id),
        })
    }

    /// `component` checked against nothing yet: the definitions are made
    /// and matched at [`InstancePre::instantiate`].
    pub fn instantiate_pre(&self, component: &Component) -> Result<InstancePre<T>> {
        Ok(InstancePre {
            linker: self.clone(),
            component: component.clone(),
        })
    }

    /// Instantiates `component` in `store`.
    pub fn instantiate(
        &self,
        store: impl AsContextMut<Data = T>,
        component: &Component,
    ) -> Result<Instance> {
        self.instantiate_pre(component)?.instantiate(store)
    }
}

/// Where a definition goes: an interface of a [`Linker`], or its root.
pub struct LinkerInstance<'a, T> {
    linker: &'a mut Linker<T>,
    instance: Option<layer::InterfaceIdentifier>,
}

impl<T: 'static> LinkerInstance<'_, T> {
    /// Defines the host resource `name` of type `ty`: each handle the guest
    /// drops calls `dtor` with the store and the handle's rep (unless the
    /// guest passed it to the host, which owns it then).
    pub fn resource(
        &mut self,
        name: &str,
        ty: ResourceType,
        dtor: impl Fn(StoreContextMut<'_, T>, u32) -> Result<()> + Send + Sync + 'static,
    ) -> Result<()> {
        let dtor = Arc::new(dtor);
        let make = move |cx: &mut layer::StoreContextMut<'_, Data<T>, Backend>| {
            let dtor = dtor.clone();
            layer::ResourceType::with_destructor::<Rep, _>(&mut *cx, None, move |cx, rep: Rep| {
                if rep.moved {
                    return Ok(());
                }
                dtor(StoreContextMut { inner: cx }, rep.rep).map_err(to_layer)
            })
        };
        self.define(name, Make::Resource(ty.id, Arc::new(make)))
    }

    /// Defines the host function `name` as wasmtime's `func_wrap` does: `f`
    /// gets the store and the parameters `P` (a tuple) and returns the
    /// results `R` (a tuple). Generated code uses it where its shared
    /// helper (`link::func`) does not fit (conversions of
    /// `trappable_error_type`, `skip_mut_forwarding_impls`); it catches
    /// panics itself when `catch_panics` says so.
    pub fn func_wrap<P, R, F>(&mut self, name: &str, f: F) -> Result<()>
    where
        P: LiftList + 'static,
        R: LowerList + 'static,
        F: Fn(StoreContextMut<'_, T>, P) -> Result<R> + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        let func: Arc<str> = Arc::from(name);
        let make = move |cx: &mut layer::StoreContextMut<'_, Data<T>, Backend>,
                         types: &Arc<Types>,
                         theirs: Option<&layer::FuncType>|
              -> Result<layer::Func> {
            let ty = typed_for(&func, P::tys(types), R::tys(types), types, theirs)?;
            let (f, types, func) = (f.clone(), types.clone(), func.clone());
            Ok(layer::Func::new(
                &mut *cx,
                ty,
                move |mut cx: layer::StoreContextMut<'_, Data<T>, Backend>,
                      args: &[layer::Value],
                      results: &mut [layer::Value]| {
                    let params = P::lift_list(
                        &mut StoreCx {
                            store: &mut cx,
                            types: &types,
                        },
                        args,
                    )?;
                    let store = StoreContextMut {
                        inner: layer::AsContextMut::as_context_mut(&mut cx),
                    };
                    // A panic here is one the generated code let through
                    // (`catch_panics: false`): marked, so the export call
                    // resumes it.
                    let r = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        f(store, params)
                    })) {
                        Ok(r) => r.map_err(|e| cx.data_mut().host_failed(&func, e))?,
                        Err(payload) => std::panic::resume_unwind(Box::new(HostPanic(payload))),
                    };
                    r.lower_list(
                        &mut StoreCx {
                            store: &mut cx,
                            types: &types,
                        },
                        results,
                    )
                },
            ))
        };
        self.define_func(name, Arc::new(make))
    }

    /// Defines the function `name` here, made for each store by `make`.
    pub(crate) fn define_func(&mut self, name: &str, make: Arc<MakeFunc<T>>) -> Result<()> {
        self.define(name, Make::Func(make))
    }

    /// Defines `name` here, made for each store by `make`; an error if the
    /// name is defined already.
    fn define(&mut self, name: &str, make: Make<T>) -> Result<()> {
        let key = (
            self.instance.as_ref().map(|i| i.to_string()),
            Arc::from(name),
        );
        if !self.linker.defined.insert(key) {
            let at = match &self.instance {
                Some(i) => format!("`{i}`"),
                None => "the root".to_string(),
            };
            return Err(Error::msg(format!(
                "import of `{name}` in {at} defined twice"
            )));
        }
        self.linker.defs.push(Def {
            instance: self.instance.clone(),
            name: Arc::from(name),
            make,
        });
        Ok(())
    }
}

/// A component and the linker it is to be instantiated with.
pub struct InstancePre<T> {
    linker: Linker<T>,
    component: Component,
}

impl<T> Clone for InstancePre<T> {
    fn clone(&self) -> Self {
        InstancePre {
            linker: self.linker.clone(),
            component: self.component.clone(),
        }
    }
}

impl<T: 'static> InstancePre<T> {
    /// The component.
    pub fn component(&self) -> &Component {
        &self.component
    }

    /// The engine of the component.
    pub fn engine(&self) -> &Engine {
        self.component.engine()
    }

    /// Makes every definition for `store`, and instantiates the component
    /// in it.
    pub fn instantiate(&self, mut store: impl AsContextMut<Data = T>) -> Result<Instance> {
        let mut cx = store.as_context_mut();
        let cx = &mut cx.inner;
        if cx.data().engine != self.component.engine.id {
            return Err(Error::msg(
                "the component was made for another engine than the store's",
            ));
        }
        let mut linker = layer::Linker::default();
        let declared = self.component.inner.imports();
        // Resource types first: a function's type names them.
        let mut types = Types::default();
        for def in &self.linker.defs {
            if let Make::Resource(id, make) = &def.make {
                let ty = make(cx).map_err(from_layer)?;
                types.insert(*id, ty.clone());
                instance_of(&mut linker, &def.instance)?
                    .define_resource(def.name.clone(), ty)
                    .map_err(from_layer)?;
            }
        }
        let types = Arc::new(types);
        for def in &self.linker.defs {
            if let Make::Func(make) = &def.make {
                let theirs = match &def.instance {
                    None => declared.root().func(&*def.name),
                    Some(id) => declared.instance(id).and_then(|i| i.func(&*def.name)),
                };
                let func = make(cx, &types, theirs.as_ref())?;
                instance_of(&mut linker, &def.instance)?
                    .define_func(def.name.clone(), func)
                    .map_err(from_layer)?;
            }
        }
        let component = &self.component.inner;
        let instance = super::guard::guarded(cx, |cx| linker.instantiate(cx, component))?;
        let data = cx.data_mut();
        data.instances.push((instance, types));
        Ok(Instance {
            store: data.id,
            index: data.instances.len() - 1,
            component: self.component.clone(),
        })
    }
}

/// An instance of a component in a store.
#[derive(Clone)]
pub struct Instance {
    pub(crate) store: u64,
    pub(crate) index: usize,
    component: Component,
}

impl Instance {
    /// What the instance was made from (generated code reads its
    /// component).
    pub fn instance_pre<S: AsContext>(&self, _store: &S) -> InstanceSource<'_> {
        InstanceSource {
            component: &self.component,
        }
    }

    /// The layer's instance and its resource types, if `data` is the store
    /// it lives in.
    pub(crate) fn layer<'d, T>(
        &self,
        data: &'d Data<T>,
    ) -> Result<&'d (layer::Instance, Arc<Types>)> {
        if data.id != self.store {
            return Err(Error::msg(
                "an instance was used with a store it does not belong to",
            ));
        }
        Ok(&data.instances[self.index])
    }
}

/// What an [`Instance`] was made from.
pub struct InstanceSource<'a> {
    component: &'a Component,
}

impl InstanceSource<'_> {
    /// The component.
    pub fn component(&self) -> &Component {
        self.component
    }
}

/// The instance `id` of `linker` (its root for `None`), defined if new.
fn instance_of<'l>(
    linker: &'l mut layer::Linker,
    id: &Option<layer::InterfaceIdentifier>,
) -> Result<&'l mut layer::LinkerInstance> {
    let Some(id) = id else {
        return Ok(linker.root_mut());
    };
    if linker.instance(id).is_none() {
        linker.define_instance(id.clone()).map_err(from_layer)?;
    }
    linker
        .instance_mut(id)
        .ok_or_else(|| Error::msg(format!("cannot define instance `{id}`")))
}
