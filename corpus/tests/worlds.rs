//! The corpus covers every WASI 0.2 world shipped with wasmtime; spot-check
//! that the two headline worlds have the generated items users reach for.

use hostgen::wasmtime;
use hostgen_corpus::wasmtime_wasi::wasi_cli_command::Command;
use hostgen_corpus::wasmtime_wasi_http::wasi_http_proxy::Proxy;
use hostgen_corpus::wasmtime_wasi_http_p3::wasi_http_service::Service;
use hostgen_corpus::wasmtime_wasi_p3::wasi_cli_command::Command as CommandP3;

#[test]
fn every_shipped_world_is_generated() {
    // 9 worlds in wasmtime-wasi's WIT (cli, clocks, filesystem, io, random,
    // sockets imports; command; bindings; test-reactor) and 10 in
    // wasmtime-wasi-http's (the same packages plus http imports and proxy).
    // Each also generated with every import and export async. WASI 0.3
    // adds 6 in wasmtime-wasi (cli command and imports, clocks, filesystem,
    // random, sockets) and 9 in wasmtime-wasi-http (the same six, http
    // service and middleware, and its own bindings world).
    assert_eq!(hostgen_corpus::WORLDS, 34);
}

#[test]
fn headline_worlds_have_their_exports_and_linkers() {
    let _run: fn(&Command) -> &hostgen_corpus::wasmtime_wasi::wasi_cli_command::exports::wasi::cli::run::Guest =
        Command::wasi_cli_run;
    let _handle: fn(&Proxy) -> &hostgen_corpus::wasmtime_wasi_http::wasi_http_proxy::exports::wasi::http::incoming_handler::Guest =
        Proxy::wasi_http_incoming_handler;
}

#[test]
fn wasi_0_3_worlds_have_async_exports() {
    // `wasi:cli/run.run` and `wasi:http/handler.handle` are `async func`s:
    // their `call_*` are async and take the `Accessor` of
    // `Store::run_concurrent`, so several calls can be in flight.
    async fn run(
        c: &CommandP3,
        a: &wasmtime::component::Accessor<()>,
    ) -> wasmtime::Result<Result<(), ()>> {
        c.wasi_cli_run().call_run(a).await
    }
    let _ = run;
    let _service: fn(&Service) -> &hostgen_corpus::wasmtime_wasi_http_p3::wasi_http_service::exports::wasi::http::handler::Guest =
        Service::wasi_http_handler;
}

#[test]
fn regression_worlds_are_generated() {
    // One world each in regressions/import-export-resources.wit,
    // map-fixed-in-payloads.wit, p3-error-context-fields.wit and
    // p3-named-stream.wit.
    assert_eq!(hostgen_corpus::REGRESSION_WORLDS, 4);
    // The payloads world's types are what wasmtime lifts them as.
    use hostgen_corpus::regressions::map_fixed_in_payloads_payloads::dxp::payloads::data::Entry;
    let e = Entry {
        key: [1, 2, 3, 4],
        tags: std::collections::HashMap::from([("a".to_string(), 1)]),
    };
    assert_eq!(e.clone(), e);
}
