//! Host errors: `imports: { .. trappable }` turns an `Err` into a trap, and
//! `trappable_error_type` lets hosts return their own error type, turned
//! into the WIT error (or a trap) by `convert_error_code`.

use hostgen::wasmtime;

mod support;

use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

/// The host's own error type, in place of WIT's `error-code`.
#[derive(Debug)]
pub enum KvError {
    Missing,
    Forbidden,
    /// Not something the guest can handle: becomes a trap.
    Fatal(String),
}

hostgen::bindgen!({
    path: "tests/wit/errors.wit",
    world: "errs",
    imports: { "test:errs/kv.explode": trappable },
    trappable_error_type: { "test:errs/kv.error-code" => KvError },
});

use test::errs::kv::{ErrorCode, FsError, Host};

#[derive(Default)]
struct Kv {
    map: std::collections::BTreeMap<String, String>,
}

impl Host for Kv {
    fn get(&mut self, key: String) -> Result<String, KvError> {
        match key.as_str() {
            "secret" => Err(KvError::Forbidden),
            "boom" => Err(KvError::Fatal("disk on fire".into())),
            _ => self.map.get(&key).cloned().ok_or(KvError::Missing),
        }
    }
    fn put(&mut self, key: String, value: String) -> Result<(), KvError> {
        if key.is_empty() {
            return Err(KvError::Forbidden);
        }
        self.map.insert(key, value);
        Ok(())
    }
    fn check(&mut self, key: String) -> Result<u32, FsError> {
        match key.as_str() {
            "io" => Err(FsError::Io("read failed".into())),
            "code" => Err(FsError::Code(ErrorCode::Denied)),
            _ => Ok(key.len() as u32),
        }
    }
    fn explode(&mut self, msg: String) -> wasmtime::Result<u32> {
        if msg.is_empty() {
            return Ok(0);
        }
        Err(wasmtime::Error::msg(format!("host refused: {msg}")))
    }
    fn convert_error_code(&mut self, err: KvError) -> wasmtime::Result<ErrorCode> {
        match err {
            KvError::Missing => Ok(ErrorCode::NotFound),
            KvError::Forbidden => Ok(ErrorCode::Denied),
            KvError::Fatal(msg) => Err(wasmtime::Error::msg(msg)),
        }
    }
}

fn instantiate() -> (Store<Kv>, Errs) {
    let engine = Engine::default();
    let component = Component::new(
        &engine,
        support::echo_component("tests/wit/errors.wit", "errs"),
    )
    .unwrap();
    let mut linker = Linker::new(&engine);
    Errs::add_to_linker_mut(&mut linker, |k: &mut Kv| k).unwrap();
    let mut store = Store::new(&engine, Kv::default());
    let world = Errs::instantiate(&mut store, &component, &linker).unwrap();
    (store, world)
}

#[test]
fn host_errors_become_wit_errors() {
    let (mut store, world) = instantiate();
    let kv = world.test_errs_kv();
    assert_eq!(kv.call_put(&mut store, "a", "1").unwrap(), Ok(()));
    assert_eq!(
        kv.call_put(&mut store, "", "1").unwrap(),
        Err(ErrorCode::Denied)
    );
    assert_eq!(kv.call_get(&mut store, "a").unwrap(), Ok("1".to_string()));
    assert_eq!(
        kv.call_get(&mut store, "b").unwrap(),
        Err(ErrorCode::NotFound)
    );
    assert_eq!(
        kv.call_get(&mut store, "secret").unwrap(),
        Err(ErrorCode::Denied)
    );
}

#[test]
fn convert_can_trap_with_the_host_message() {
    let (mut store, world) = instantiate();
    let err = world
        .test_errs_kv()
        .call_get(&mut store, "boom")
        .unwrap_err();
    assert_eq!(err.root_cause().to_string(), "disk on fire");
}

#[test]
fn trappable_functions_trap_on_err() {
    let (mut store, world) = instantiate();
    assert_eq!(
        world.test_errs_kv().call_explode(&mut store, "").unwrap(),
        0
    );
    let (mut store, world) = instantiate();
    let err = world
        .test_errs_kv()
        .call_explode(&mut store, "no")
        .unwrap_err();
    assert_eq!(err.root_cause().to_string(), "host refused: no");
}

#[test]
fn wit_error_types_are_std_errors() {
    fn is_error<E: std::error::Error>(_: &E) {}
    is_error(&ErrorCode::NotFound);
    is_error(&FsError::Io("x".into()));
    assert_eq!(ErrorCode::Denied.to_string(), "Denied");
    assert_eq!(
        FsError::Io("read failed".into()).to_string(),
        "Io(\"read failed\")"
    );
    let (mut store, world) = instantiate();
    // A variant derives no `PartialEq` (as with wasmtime's `bindgen!`).
    assert!(matches!(
        world.test_errs_kv().call_check(&mut store, "io").unwrap(),
        Err(FsError::Io(m)) if m == "read failed"
    ));
    assert!(matches!(
        world.test_errs_kv().call_check(&mut store, "code").unwrap(),
        Err(FsError::Code(ErrorCode::Denied))
    ));
    assert!(matches!(
        world.test_errs_kv().call_check(&mut store, "four").unwrap(),
        Ok(4)
    ));
}

/// Regression: an interface with no free functions whose resource method
/// returns a trappable error type still gets a `Host` with `convert_*` to
/// implement (it used to get an empty blanket impl that conflicted).
mod resource_only_interface {
    pub struct MyErr;
    pub struct RData;

    hostgen::bindgen!({
        inline: "
            package t:m;
            interface i {
                enum error-code { bad }
                resource r { f: func() -> result<u32, error-code>; }
            }
            world w { import i; }
        ",
        with: { "t:m/i.r": RData },
        trappable_error_type: { "t:m/i.error-code" => MyErr },
    });

    use hostgen::wasmtime;
    use t::m::i::{ErrorCode, Host, HostR};
    use wasmtime::component::Resource;

    struct S;
    impl HostR for S {
        fn f(&mut self, _: Resource<RData>) -> Result<u32, MyErr> {
            Err(MyErr)
        }
        fn drop(&mut self, _: Resource<RData>) -> wasmtime::Result<()> {
            Ok(())
        }
    }
    impl Host for S {
        fn convert_error_code(&mut self, _: MyErr) -> wasmtime::Result<ErrorCode> {
            Ok(ErrorCode::Bad)
        }
    }

    #[test]
    fn convert_is_declared_on_host() {
        assert_eq!(
            Host::convert_error_code(&mut S, MyErr).unwrap(),
            ErrorCode::Bad
        );
        let engine = wasmtime::Engine::default();
        let mut linker = wasmtime::component::Linker::<S>::new(&engine);
        W::add_to_linker_mut(&mut linker, |s: &mut S| s).unwrap();
    }
}
