//! The corpus covers every WASI 0.2 and 0.3 world shipped with wasmtime,
//! under every option set of the matrix; spot-check that the headline
//! worlds have the generated items users reach for.

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
    // WASI 0.3 adds 6 in wasmtime-wasi (cli command and imports, clocks,
    // filesystem, random, sockets) and 9 in wasmtime-wasi-http (the same
    // six, http service and middleware, and its own bindings world).
    assert_eq!(hostgen_corpus::WORLDS, 34);
    // wit/interop's `app`, `app-net`, `intercept` and `intercept-net`,
    // wit/p3's `shapes`.
    assert_eq!(hostgen_corpus::LOCAL_WORLDS, 5);
}

#[test]
fn option_matrix_has_every_world_under_every_option_set() {
    use hostgen_corpus::{DISTINCT_WORLDS, EXCLUDED, MATRIX, OPTION_SETS};
    // wasmtime-wasi-http's 8 WASI 0.2 and 6 WASI 0.3 worlds that are
    // copies of wasmtime-wasi's count once: 20 + 5 local + 4 regressions.
    assert_eq!(DISTINCT_WORLDS, 29);
    assert_eq!(OPTION_SETS.len(), 4);
    let worlds: std::collections::BTreeSet<&str> = MATRIX.iter().map(|(w, _)| *w).collect();
    assert_eq!(worlds.len(), DISTINCT_WORLDS);
    for world in &worlds {
        for (suffix, _) in OPTION_SETS {
            let cell = (*world, *suffix);
            let excluded = EXCLUDED.iter().any(|(w, s, _)| (*w, *s) == cell);
            assert!(
                MATRIX.contains(&cell) != excluded,
                "{world} × `{suffix}`: in the matrix or excluded, not both nor neither"
            );
        }
    }
    // Every cell compiles: none is left out.
    assert_eq!(EXCLUDED, &[]);
    assert_eq!(MATRIX.len(), DISTINCT_WORLDS * OPTION_SETS.len());
}

#[test]
fn every_world_has_a_dyn_companion_in_use() {
    // Each world's async columns link a `Box<dyn DynHost>` for an import,
    // or check `dyn DynHost: Host` where every import has an `async func`.
    assert_eq!(hostgen_corpus::WITHOUT_DYN_HOSTS, &[] as &[&str]);
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
