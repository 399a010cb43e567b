// The guest's core code of `guest_resources.rs` (wasmtime) and
// `guest_resources_wasmi.rs` (wasmi): it defines `counter` and `other`.

const IMPORTS: &str = r#"
  (import "[export]test:gres/counters" "[resource-new]counter" (func $new_counter (param i32) (result i32)))
  (import "[export]test:gres/counters" "[resource-new]other" (func $new_other (param i32) (result i32)))
  (import "[export]test:gres/counters" "[resource-drop]counter" (func $drop_counter (param i32)))
"#;

const FUNCS: &str = r#"
  (global $next (mut i32) (i32.const 2048))
  (global $drops (mut i32) (i32.const 0))
  (func (export "test:gres/counters#[constructor]counter") (param $start i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (i32.const 4)))
    (i32.store (local.get $p) (local.get $start))
    (call $new_counter (local.get $p)))
  (func (export "test:gres/counters#[method]counter.add") (param $p i32) (param $n i32) (result i32)
    (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (local.get $n)))
    (i32.load (local.get $p)))
  (func (export "test:gres/counters#[method]counter.value") (param $p i32) (result i32)
    (i32.load (local.get $p)))
  (func (export "test:gres/counters#[dtor]counter") (param i32)
    (global.set $drops (i32.add (global.get $drops) (i32.const 1))))
  (func (export "test:gres/counters#[constructor]other") (result i32)
    (call $new_other (i32.const 1)))
  (func (export "test:gres/counters#[dtor]other") (param i32))
  (func (export "test:gres/counters#drops") (result i32) (global.get $drops))
"#;
