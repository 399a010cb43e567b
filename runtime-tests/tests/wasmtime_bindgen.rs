//! The behaviours that wasmtime v48's own run-time tests check of its
//! `bindgen!` (`tests/all/component_model/bindgen.rs`, `bindgen/results.rs`,
//! `bindgen/ownership.rs`), checked here against hostgen's bindings: each
//! `mod` below is named after the wasmtime test module whose behaviour it
//! ports, generates its bindings from WIT of the same shape, instantiates a
//! real component and calls it. The WIT and the guests (core WAT wrapped
//! into a component by `wit-component`) are written for these tests; the
//! guests do a little more than wasmtime's (values go both ways, the host
//! records what it was asked), so each test checks what crosses the
//! boundary, not only that a call returns.
//!
//! Ported elsewhere: `unstable_import` (`tests/unstable.rs`), `implements`
//! (`tests/named_interfaces.rs`), `named_imports*`
//! (`tests/named_imports.rs`).

use hostgen::wasmtime;

use wit_component::{ComponentEncoder, StringEncoding};
use wit_parser::Resolve;

/// `bindgen_and_wit!(NAME, { inline: "..", options.. })` is
/// `hostgen::bindgen!({ inline: "..", options.. })` plus `const NAME: &str`
/// holding the same WIT text, which the guest's component is built from.
macro_rules! bindgen_and_wit {
    ($name:ident, { inline: $wit:tt $(, $($opts:tt)*)? }) => {
        const $name: &str = $wit;
        hostgen::bindgen!({ inline: $wit $(, $($opts)*)? });
    };
}

/// `no_imports_concurrent`.
#[path = "wasmtime_bindgen/concurrent.rs"]
mod concurrent;
/// `no_imports`, `one_import`, `one_import_concurrent`, `async_config`.
#[path = "wasmtime_bindgen/imports.rs"]
mod imports;
/// `anyhow_errors`, `include_component_type` (wasmtime's
/// `tests/codegen.rs`).
#[path = "wasmtime_bindgen/options.rs"]
mod options;
/// `owning`, `borrowing_no_duplication`, `borrowing_with_duplication`.
#[path = "wasmtime_bindgen/ownership.rs"]
mod ownership;
/// `resources_at_interface_level`, `resources_at_world_level`,
/// `exported_resources`.
#[path = "wasmtime_bindgen/resources.rs"]
mod resources;
/// `empty_error`, `string_error`, `enum_error`, `record_error`,
/// `variant_error`, `multiple_interfaces_error`, `with_remapping`.
#[path = "wasmtime_bindgen/results.rs"]
mod results;

/// The component for `world` of the WIT text `wit`, around the core module
/// `core` (WAT), whose imports and exports follow `wit-component`'s names
/// (`"ns:pkg/iface" "f"`, `"$root" "f"`, `"ns:pkg/iface#f"`, …).
fn guest(wit: &str, world: &str, core: &str) -> Vec<u8> {
    let mut resolve = Resolve::default();
    let pkg = resolve.push_str("test.wit", wit).expect("test WIT parses");
    let world = resolve
        .select_world(&[pkg], Some(world))
        .expect("world exists");
    guest_of(&resolve, world, core)
}

/// The component for `world` of `resolve` around the core module `core`.
fn guest_of(resolve: &Resolve, world: wit_parser::WorldId, core: &str) -> Vec<u8> {
    let mut module = wat::parse_str(core).expect("guest WAT is valid");
    // `false`: no 🔗 canonical names, which wasmtime refuses unless
    // configured to accept them (50 only).
    wit_component::embed_component_metadata(
        &mut module,
        resolve,
        world,
        StringEncoding::UTF8,
        false,
    )
    .expect("component metadata embeds");
    ComponentEncoder::default()
        .module(&module)
        .expect("core module accepted")
        .validate(true)
        .encode()
        .expect("component encodes")
}

/// A core module: `head` (which holds the imports, as WAT wants them
/// before any definition), then [`MEMORY`], then `tail`.
fn with_memory(head: &str, tail: &str) -> String {
    format!("(module\n{head}\n{MEMORY}\n{tail}\n)")
}

/// A linear memory and a bump `cabi_realloc` (never frees; grows the memory
/// as needed), for guests that pass strings, lists or results through
/// memory. The first 1 KiB is left to the guest for return areas.
const MEMORY: &str = r#"
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))
  (func $realloc (export "cabi_realloc")
        (param $old i32) (param $old_len i32) (param $align i32) (param $len i32)
        (result i32)
    (local $at i32) (local $short i32)
    (local.set $at
      (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
               (i32.sub (i32.const 0) (local.get $align))))
    (global.set $bump (i32.add (local.get $at) (local.get $len)))
    ;; Short by $short bytes: grow by $short / 64 KiB + 1 pages.
    (local.set $short
      (i32.sub (global.get $bump) (i32.mul (memory.size) (i32.const 65536))))
    (if (i32.gt_s (local.get $short) (i32.const 0))
      (then
        (if (i32.eq (i32.const -1)
                    (memory.grow (i32.add (i32.shr_u (local.get $short) (i32.const 16))
                                          (i32.const 1))))
          (then unreachable))))
    (if (local.get $old)
      (then (memory.copy (local.get $at) (local.get $old) (local.get $old_len))))
    (local.get $at))
"#;
