//! wasmi against wasmtime for the same guest and the same host impl: the
//! `bench:calls` guest without its resource (`wit-flat/flat.wit`), linked
//! by hostgen for wasmtime (a) and for wasmi through wasm_component_layer
//! (b, `target: wasmi`).

/// The host state both serve.
#[derive(Default)]
pub struct State {
    pub total: u64,
}

/// The import each `run` case calls (`crate::Case` without the resource).
pub const CASES: [crate::Case; 5] = [
    crate::Case::Nothing,
    crate::Case::FourU32,
    crate::Case::String32,
    crate::Case::Bytes4k,
    crate::Case::Record5,
];

/// The host impl, one source for both targets.
macro_rules! impl_host {
    () => {
        impl bench::flat::calls::Host for super::State {
            fn nothing(&mut self) {
                self.total += 1;
            }
            fn four(&mut self, a: u32, b: u32, c: u32, d: u32) -> u32 {
                a ^ b ^ c ^ d
            }
            fn echo_string(&mut self, s: String) -> String {
                s
            }
            fn sum_bytes(&mut self, b: Vec<u8>) -> u32 {
                b.len() as u32
            }
            fn record_in(&mut self, r: bench::flat::calls::Rec) -> u32 {
                r.a ^ r.e
            }
        }
    };
}

/// (a) hostgen on wasmtime.
pub mod on_wasmtime {
    use super::State;
    use hostgen::wasmtime::component::{Component, Linker};
    use hostgen::wasmtime::{Engine, Store};
    hostgen::bindgen!({ path: "wit-flat", world: "flat" });
    impl_host!();

    /// The guest instantiated in a fresh store.
    pub fn instance(engine: &Engine, component: &Component) -> (Store<State>, Flat) {
        let mut linker = Linker::new(engine);
        Flat::add_to_linker_mut(&mut linker, |s: &mut State| s).expect("links");
        let mut store = Store::new(engine, State::default());
        let world = Flat::instantiate(&mut store, component, &linker).expect("instantiates");
        (store, world)
    }
}

/// (b) hostgen on wasmi.
pub mod on_wasmi {
    use super::State;
    use hostgen::wasmi::{Component, Engine, Linker, Store};
    hostgen::bindgen!({ path: "wit-flat", world: "flat", target: wasmi });
    impl_host!();

    /// The guest instantiated in a fresh store.
    pub fn instance(engine: &Engine, component: &Component) -> (Store<State>, Flat) {
        let mut linker = Linker::new(engine);
        Flat::add_to_linker_mut(&mut linker, |s: &mut State| s).expect("links");
        let mut store = Store::new(engine, State::default());
        let world = Flat::instantiate(&mut store, component, &linker).expect("instantiates");
        (store, world)
    }
}

const GUEST: &str = r#"(module
  (import "bench:flat/calls" "nothing" (func $nothing))
  (import "bench:flat/calls" "four" (func $four (param i32 i32 i32 i32) (result i32)))
  (import "bench:flat/calls" "echo-string" (func $echo (param i32 i32 i32)))
  (import "bench:flat/calls" "sum-bytes" (func $sum (param i32 i32) (result i32)))
  (import "bench:flat/calls" "record-in" (func $rec (param i32 i64 f32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 1024) "0123456789abcdef0123456789abcdef")
  (global $heap (mut i32) (i32.const 8192))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func (export "run") (param $which i32) (param $n i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (block $b4 (block $b3 (block $b2 (block $b1 (block $b0
          (br_table $b0 $b1 $b2 $b3 $b4 (local.get $which)))
          (call $nothing) (br $l))
          (drop (call $four (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4))) (br $l))
          (call $echo (i32.const 1024) (i32.const 32) (i32.const 16))
          (global.set $heap (i32.const 8192)) (br $l))
          (drop (call $sum (i32.const 2048) (i32.const 4096))) (br $l))
        (drop (call $rec (i32.const 1) (i64.const 2) (f32.const 3) (i32.const 4) (i32.const 5)))
        (br $l))))
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "cabi_post_echo") (param i32)
    (global.set $heap (i32.const 8192)))
)"#;

/// The guest component's bytes.
pub fn component_bytes() -> Vec<u8> {
    crate::component_bytes(
        concat!(env!("CARGO_MANIFEST_DIR"), "/wit-flat"),
        "flat",
        GUEST,
    )
}
