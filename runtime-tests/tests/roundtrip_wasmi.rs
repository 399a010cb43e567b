//! `roundtrip.rs` on the wasmi target: the same host impl, the same echo
//! guest and the same tests (`roundtrip/body.rs`), through bindings
//! generated with `target: wasmi` and run by wasmi via
//! wasm_component_layer. Every value type crosses the boundary both ways
//! with exact values, flags included (the layer's own flags getter is
//! wrong; hostgen reads flags around it).

#![cfg(feature = "wasmi")]

mod support;

use hostgen::wasmi::{Component, Engine, Linker, Store};
use std::sync::OnceLock;

// The round trips compare values: `PartialEq`, derived only when asked.
hostgen::bindgen!({
    path: "tests/wit/roundtrip.wit",
    world: "roundtrip-flat",
    target: wasmi,
    additional_derives: [PartialEq],
});

// `roundtrip-flat` is `roundtrip` without the `nested` interface, which the
// wasmi target refuses; the shared tests know the world by the other name.
use RoundtripFlat as Roundtrip;
use RoundtripFlatImports as RoundtripImports;
use RoundtripFlatPre as RoundtripPre;

/// The world the echo guest is built for.
const WORLD: &str = "roundtrip-flat";

include!("roundtrip/body.rs");
