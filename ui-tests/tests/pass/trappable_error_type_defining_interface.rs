#![deny(warnings)]
// As in wasmtime's `bindgen!`: a `trappable_error_type` entry may name a
// type no function returns, and the interface that defines the type
// declares its `convert_*` (here `counter` only takes it as a parameter);
// an interface whose functions return it (`meter`) requires that `Host`
// instead of declaring its own.
pub struct MyError(u32);

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter {
            enum error-code { overflow }
            describe: func(e: error-code) -> string;
        }
        interface meter {
            use counter.{error-code};
            read: func() -> result<u32, error-code>;
        }
        world w { import counter; import meter; }
    ",
    trappable_error_type: { "test:ui/counter.error-code" => MyError },
});

use test::ui::counter::{self, ErrorCode};
use test::ui::meter;

struct State;

impl counter::Host for State {
    fn describe(&mut self, e: ErrorCode) -> String {
        format!("{e:?}")
    }
    fn convert_error_code(&mut self, err: MyError) -> wasmtime::Result<ErrorCode> {
        match err.0 {
            0 => Ok(ErrorCode::Overflow),
            n => Err(wasmtime::format_err!("trap {n}")),
        }
    }
}

impl meter::Host for State {
    fn read(&mut self) -> Result<u32, MyError> {
        Err(MyError(0))
    }
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    meter::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
    counter::add_to_linker_mut(&mut linker, |s: &mut State| s).unwrap();
    let mut state = State;
    let _ = meter::Host::read(&mut state);
    assert!(matches!(
        counter::Host::convert_error_code(&mut state, MyError(0)),
        Ok(ErrorCode::Overflow)
    ));
}
