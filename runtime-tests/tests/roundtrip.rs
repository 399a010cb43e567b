//! Every WIT value type crosses the boundary both ways with exact values:
//! the host calls the guest's export, the guest calls the host's import with
//! what it received, and the host's answer travels back out.

use hostgen::wasmtime;

mod support;

use std::sync::OnceLock;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

// The round trips compare values: `PartialEq`, which records and variants
// derive only when asked (as with wasmtime's `bindgen!`).
hostgen::bindgen!({
    path: "tests/wit/roundtrip.wit",
    world: "roundtrip",
    additional_derives: [PartialEq],
});

/// The world the echo guest is built for.
const WORLD: &str = "roundtrip";

include!("roundtrip/body.rs");

// `nested`: values the wasmi target refuses (`roundtrip_wasmi.rs` runs the
// rest), so tested here only.

use test::rt::nested::{Everything, Shape};

impl test::rt::nested::Host for Echo {
    echo_methods! {
        echo_option: Option<Option<u32>>;
        echo_everything: Everything;
        echo_shape: Shape;
    }
}

/// `with_guest` for the exported `nested`.
fn with_nested<R>(
    call: impl FnOnce(&exports::test::rt::nested::Guest, &mut Store<Echo>) -> hostgen::Result<R>,
) -> (R, Vec<String>) {
    let (mut store, world) = instantiate();
    let r = call(world.test_rt_nested(), &mut store).expect("call succeeds");
    (r, std::mem::take(&mut store.data_mut().seen))
}

#[test]
fn options_of_options() {
    for value in [None, Some(None), Some(Some(0)), Some(Some(u32::MAX))] {
        let (back, seen) = with_nested(|g, s| g.call_echo_option(s, value));
        assert_eq!(back, value);
        assert_eq!(seen, [format!("echo_option({value:?})")]);
    }
}

#[test]
fn records_and_variants_holding_options() {
    let everything = Everything {
        b: true,
        u8v: u8::MAX,
        u16v: u16::MAX,
        u32v: u32::MAX,
        u64v: u64::MAX,
        s8v: i8::MIN,
        s16v: i16::MIN,
        s32v: i32::MIN,
        s64v: i64::MIN,
        f32v: 3.25,
        f64v: -1e300,
        c: '🦀',
        s: "every field".into(),
        bytes: vec![0, 255],
        maybe: Some("present".into()),
        pair: (42, "pair".into()),
        at: Point { x: 3, y: -4 },
        points: vec![Point { x: 0, y: 0 }; 3],
    };
    let (back, seen) = with_nested(|g, s| g.call_echo_everything(s, &everything));
    assert_eq!(back, everything);
    assert_eq!(seen, [format!("echo_everything({everything:?})")]);

    for shape in [
        Shape::Nothing,
        Shape::Circle(0.5),
        Shape::Rect(Point { x: 1, y: 2 }),
        Shape::Label("label".into()),
        Shape::Nested(None),
        Shape::Nested(Some(vec![Point { x: 9, y: 9 }])),
    ] {
        let (back, seen) = with_nested(|g, s| g.call_echo_shape(s, &shape));
        assert_eq!(back, shape);
        assert_eq!(seen, [format!("echo_shape({shape:?})")]);
    }
}
