// The host and the guest's core code of `faults.rs` (wasmtime) and
// `faults_wasmi.rs` (wasmi), included by both after their bindings of
// `tests/wit/faults.wit`.

use test::faults::host_fns::Host;

#[derive(Default)]
struct State {
    steps: Vec<u32>,
}

impl Host for State {
    fn boom(&mut self, msg: String) -> u32 {
        if !msg.is_empty() {
            panic!("host exploded: {msg}");
        }
        7
    }
    fn step(&mut self, n: u32) {
        self.steps.push(n);
    }
}

const IMPORTS: &str = r#"
  (import "test:faults/host-fns" "boom" (func $boom (param i32 i32) (result i32)))
  (import "test:faults/host-fns" "step" (func $step (param i32)))
"#;

const FUNCS: &str = r#"
  (func (export "call-boom") (param i32 i32) (result i32)
    (call $boom (local.get 0) (local.get 1)))
  (func (export "step-then-trap") (param i32)
    (call $step (local.get 0))
    unreachable)
  (func (export "spin")
    (loop $l (br $l)))
"#;
