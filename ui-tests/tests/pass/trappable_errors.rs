#![deny(warnings)]
// `trappable_error_type` replaces WIT's `error-code` with the host's own
// error (turned back by `convert_error_code`), and `imports: { default:
// trappable }` makes every other function return `wasmtime::Result`.
#[derive(Debug)]
pub enum StoreError {
    Missing,
    Broken(String),
}

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface kv {
            enum error-code { missing, denied }
            get: func(key: string) -> result<string, error-code>;
            len: func() -> u32;
        }
        world w { import kv; }
    ",
    imports: { default: trappable },
    trappable_error_type: { "test:ui/kv.error-code" => StoreError },
});

use test::ui::kv::{ErrorCode, Host};

struct Kv;

impl Host for Kv {
    fn get(&mut self, key: String) -> Result<String, StoreError> {
        match key.as_str() {
            "" => Err(StoreError::Broken("empty key".into())),
            "a" => Ok("1".into()),
            _ => Err(StoreError::Missing),
        }
    }
    fn len(&mut self) -> wasmtime::Result<u32> {
        Ok(1)
    }
    fn convert_error_code(&mut self, err: StoreError) -> wasmtime::Result<ErrorCode> {
        match err {
            StoreError::Missing => Ok(ErrorCode::Missing),
            StoreError::Broken(msg) => Err(wasmtime::Error::msg(msg)),
        }
    }
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<Kv>::new(&engine);
    W::add_to_linker_mut(&mut linker, |k: &mut Kv| k).unwrap();
    // WIT error types implement `std::error::Error`.
    let e: Box<dyn std::error::Error> = Box::new(ErrorCode::Denied);
    assert_eq!(e.to_string(), "Denied");
}
