//! The corpus covers every WASI 0.2 world shipped with wasmtime; spot-check
//! that the two headline worlds have the generated items users reach for.

use hostgen_corpus::wasmtime_wasi::wasi_cli_command::Command;
use hostgen_corpus::wasmtime_wasi_http::wasi_http_proxy::Proxy;

#[test]
fn every_shipped_world_is_generated() {
    // 9 worlds in wasmtime-wasi's WIT (cli, clocks, filesystem, io, random,
    // sockets imports; command; bindings; test-reactor) and 10 in
    // wasmtime-wasi-http's (the same packages plus http imports and proxy).
    // Each also generated with every import and export async.
    assert_eq!(hostgen_corpus::WORLDS, 19);
}

#[test]
fn headline_worlds_have_their_exports_and_linkers() {
    let _run: fn(&Command) -> &hostgen_corpus::wasmtime_wasi::wasi_cli_command::exports::wasi::cli::run::Guest =
        Command::wasi_cli_run;
    let _handle: fn(&Proxy) -> &hostgen_corpus::wasmtime_wasi_http::wasi_http_proxy::exports::wasi::http::incoming_handler::Guest =
        Proxy::wasi_http_incoming_handler;
}
