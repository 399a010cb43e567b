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
    // copies of wasmtime-wasi's count once: 20 + 5 local + 4 regressions,
    // and wasmtime's own bindgen! test worlds.
    assert_eq!(
        DISTINCT_WORLDS,
        29 + hostgen_corpus::WASMTIME_CODEGEN_WORLDS
    );
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
    // Only worlds with nothing to serve have none: those of wasmtime's
    // bindgen! tests that only export, or import an interface of types.
    let mut nothing_to_serve = vec![
        "tests/codegen/empty.wit foo:foo/empty",
        "tests/codegen/function-new.wit foo:foo/foo",
        "tests/codegen/path1 paths:path1/path1",
        "tests/codegen/path2 paths:path2/path2",
        "tests/codegen/smoke-default.wit foo:foo/the-world",
        "tests/codegen/smoke-export.wit foo:foo/the-world",
        "tests/codegen/wat.wit same:name/example",
    ];
    // wasmtime 50's copy of this file (48's is refused, see
    // `wasmtime_codegen_worlds_are_generated`) imports only types.
    if cfg!(feature = "wasmtime-50") {
        nothing_to_serve.push("tests/codegen/worlds-with-types.wit foo:foo/foo");
    }
    assert_eq!(hostgen_corpus::WITHOUT_DYN_HOSTS, nothing_to_serve);
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
    // Records derive what wasmtime's do (`Clone`, `Debug`), not `PartialEq`.
    let c = e.clone();
    assert_eq!((c.key, c.tags), (e.key, e.tags));
}

#[test]
fn wasmtime_codegen_worlds_are_generated() {
    use hostgen_corpus::{WASMTIME_CODEGEN_REFUSED, WASMTIME_CODEGEN_WORLDS};
    // wasmtime's `tests/codegen` holds 35 packages (files, or folders with
    // `deps/`) of one world each. wasmtime 48's and 49's copies of six
    // hold a 64-member `flags` or an empty `record`, which the component
    // model no longer allows and hostgen's wit-parser refuses; wasmtime
    // 50's copies of the six comply.
    let refused: Vec<&str> = WASMTIME_CODEGEN_REFUSED.iter().map(|(f, _)| *f).collect();
    if cfg!(feature = "wasmtime-50") {
        assert_eq!(refused, Vec::<&str>::new());
        assert_eq!(WASMTIME_CODEGEN_WORLDS, 35);
    } else {
        assert_eq!(
            refused,
            [
                "flags.wit",
                "records.wit",
                "simple-wasi.wit",
                "use-paths.wit",
                "variants.wit",
                "worlds-with-types.wit"
            ]
        );
        assert_eq!(WASMTIME_CODEGEN_WORLDS, 29);
    }
    // `implements.wit` imports one interface under two names: one `Host`
    // trait, linked once per name (through `add_to_linker_instance`, or by
    // the world's `add_to_linker` with a getter per name).
    use hostgen_corpus::wasmtime_codegen::implements_cache::foo::foo::store;
    struct Store;
    impl store::Host for Store {
        fn get(&mut self, key: String) -> Option<String> {
            Some(key)
        }
        fn set(&mut self, _: String, _: String) {}
    }
    let mut linker = wasmtime::component::Linker::<Store>::new(&wasmtime::Engine::default());
    for name in ["hot-cache", "durable"] {
        store::add_to_linker_instance_mut(&mut linker.instance(name).unwrap(), |s: &mut Store| s)
            .unwrap();
    }
}
