//! Builds real guest components for tests: a core module written in WAT
//! whose every export forwards to the matching import, wrapped into a
//! component by `wit-component` from the same WIT the host is generated
//! from. Values therefore cross the canonical ABI twice (host → guest on the
//! export call, guest → host on the import call, and back), through linear
//! memory and `cabi_realloc`, exactly as with a compiled guest.

use std::fmt::Write;
use wit_parser::abi::{AbiVariant, WasmType};
use wit_parser::{Function, Resolve, WorldItem, WorldKey};

/// The component for `world` in the WIT package at `path`. Each function an
/// exported interface has forwards to the same function of the same
/// interface imported; a world-level export `f` forwards to the world-level
/// import `host-f` when there is one.
#[allow(dead_code)] // each test crate uses what it needs
pub fn echo_component(path: &str, world: &str) -> Vec<u8> {
    component(path, world, "", "")
}

/// Like [`echo_component`], plus hand-written core imports and functions
/// (`extra_imports` go before every definition, as WAT requires).
#[allow(dead_code)]
pub fn component(path: &str, world: &str, extra_imports: &str, extra_funcs: &str) -> Vec<u8> {
    let mut resolve = Resolve::default();
    let (pkg, _) = resolve.push_path(path).expect("test WIT parses");
    let world_id = resolve
        .select_world(&[pkg], Some(world))
        .expect("world exists");
    let world = &resolve.worlds[world_id];

    let mut imports = String::new();
    let mut exports = String::new();
    for (key, item) in &world.exports {
        match item {
            // An exported interface the world does not import is written by
            // hand.
            WorldItem::Interface { .. } if !world.imports.contains_key(key) => {}
            // So is one that defines resources: the guest implements those.
            WorldItem::Interface { id, .. }
                if resolve.interfaces[*id]
                    .functions
                    .values()
                    .any(|f| f.kind.resource().is_some()) => {}
            WorldItem::Interface { id, .. } => {
                let name = resolve.name_world_key(key);
                for f in resolve.interfaces[*id].functions.values() {
                    let export = format!("{name}#{}", f.name);
                    forward(
                        &resolve,
                        f,
                        &name,
                        &f.name,
                        &export,
                        &mut imports,
                        &mut exports,
                    );
                }
            }
            WorldItem::Function(f) => {
                // Exports without a `host-` twin are written by hand.
                let import = format!("host-{}", f.name);
                if !world.imports.contains_key(&WorldKey::Name(import.clone())) {
                    continue;
                }
                forward(
                    &resolve,
                    f,
                    "$root",
                    &import,
                    &f.name,
                    &mut imports,
                    &mut exports,
                );
            }
            WorldItem::Type { .. } => {}
        }
    }
    let wat = format!(
        r#"(module
  {imports}
  {extra_imports}
  (memory (export "memory") 1)
  ;; Return area for results passed through memory; the heap starts above it.
  (global $heap (mut i32) (i32.const 4096))
  (func $realloc (export "cabi_realloc")
        (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32)
        (result i32)
    (local $ret i32)
    (local.set $ret
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ret) (local.get $new_size)))
    (block $ok
      (br_if $ok (i32.le_u (global.get $heap)
                           (i32.mul (memory.size) (i32.const 65536))))
      (br_if $ok (i32.ne (i32.const -1)
        (memory.grow (i32.sub
          (i32.shr_u (i32.add (global.get $heap) (i32.const 65535)) (i32.const 16))
          (memory.size)))))
      unreachable)
    (if (local.get $old)
      (then (memory.copy (local.get $ret) (local.get $old) (local.get $old_size))))
    (local.get $ret))
  ;; Everything a call allocated is dead once its results are lifted.
  (func $reset (global.set $heap (i32.const 4096)))
  {exports}
  {extra_funcs}
)"#
    );
    let mut module = wat::parse_str(&wat).expect("generated WAT is valid");
    wit_component::embed_component_metadata(
        &mut module,
        &resolve,
        world_id,
        wit_component::StringEncoding::UTF8,
        // No 🔗 canonical names (`@0.2` plus a version suffix): wasmtime
        // refuses them unless configured to accept them (50 only).
        false,
    )
    .expect("embed component metadata");
    wit_component::ComponentEncoder::default()
        .module(&module)
        .expect("module accepted")
        .validate(true)
        .encode()
        .expect("component encodes")
}

fn wasm_ty(t: &WasmType) -> &'static str {
    match t {
        WasmType::I32 | WasmType::Pointer | WasmType::Length => "i32",
        WasmType::I64 | WasmType::PointerOrI64 => "i64",
        WasmType::F32 => "f32",
        WasmType::F64 => "f64",
    }
}

fn list(kind: &str, tys: &[WasmType]) -> String {
    if tys.is_empty() {
        return String::new();
    }
    let tys: Vec<_> = tys.iter().map(wasm_ty).collect();
    format!("({kind} {})", tys.join(" "))
}

/// A lowered import and a lifted export that forwards to it.
fn forward(
    resolve: &Resolve,
    f: &Function,
    module: &str,
    import: &str,
    export: &str,
    imports: &mut String,
    exports: &mut String,
) {
    let imp = resolve.wasm_signature(AbiVariant::GuestImport, f);
    let exp = resolve.wasm_signature(AbiVariant::GuestExport, f);
    let callee = format!("$import-{}", exports.len());
    writeln!(
        imports,
        r#"(import "{module}" "{import}" (func {callee} {} {}))"#,
        list("param", &imp.params),
        list("result", &imp.results)
    )
    .unwrap();
    let mut body = String::new();
    for i in 0..exp.params.len() {
        write!(body, "(local.get {i}) ").unwrap();
    }
    // Results through memory: the import writes them to the return area and
    // the export hands that same area back.
    if imp.retptr {
        body.push_str("(i32.const 8) ");
    }
    write!(body, "(call {callee})").unwrap();
    if exp.retptr {
        body.push_str(" (i32.const 8)");
    }
    writeln!(
        exports,
        r#"(func (export "{export}") {} {} {body})
  (func (export "cabi_post_{export}") {} (call $reset))"#,
        list("param", &exp.params),
        list("result", &exp.results),
        list("param", &exp.results),
    )
    .unwrap();
}
