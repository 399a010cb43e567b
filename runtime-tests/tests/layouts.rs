//! Canonical-ABI layouts of records and variants, both ways across a real
//! guest: flat (parameters), in memory (lists, results, large payloads),
//! payload slots shared by cases of different flat types, a two-byte
//! discriminant, records of 16 fields (the most hostgen's runtime lifts as
//! a tuple) and 17 (wasmtime's derive), variants inside records and records
//! inside variants. A guest that sends a discriminant out of range gets an
//! error naming it, and a guest whose types differ fails to instantiate
//! with the mismatch spelled out.

use hostgen::wasmtime;

mod support;

use std::sync::OnceLock;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store};

// Records and variants derive no `PartialEq` unless asked, as with
// wasmtime's `bindgen!`; the round trips compare values.
hostgen::bindgen!({
    path: "tests/wit/layouts.wit",
    world: "layouts",
    additional_derives: [PartialEq],
});

use test::layouts::shapes::{
    Big, Boxed, Color, Holder, Host, Many, Mixed, Point, Seventeen, Sixteen, Tagged,
};

/// The host: returns every value unchanged and records what it saw.
#[derive(Default)]
struct Echo {
    seen: Vec<String>,
}

macro_rules! echo_methods {
    ($($name:ident: $ty:ty;)*) => {
        $(fn $name(&mut self, x: $ty) -> $ty {
            self.seen.push(format!("{x:?}"));
            x
        })*
    };
}

impl Host for Echo {
    echo_methods! {
        echo_point: Point;
        echo_tagged: Tagged;
        echo_sixteen: Sixteen;
        echo_seventeen: Seventeen;
        echo_mixed: Mixed;
        echo_mixeds: Vec<Mixed>;
        echo_boxed: Boxed;
        echo_big: Big;
        echo_bigs: Vec<Big>;
        echo_holder: Holder;
        echo_colors: Vec<Color>;
        echo_many: Many;
        echo_manys: Vec<Many>;
    }

    fn echo_pair(&mut self, a: Mixed, b: Point) -> (Mixed, Point) {
        self.seen.push(format!("{a:?} {b:?}"));
        (a, b)
    }
}

const IMPORTS: &str = r#"
  (import "test:layouts/shapes" "echo-mixed" (func $bad_echo (param i32 i64 i32 i32)))
"#;

// `mixed` is 8-aligned with a one-byte discriminant, `big` 4-aligned with a
// two-byte one; both come back through memory at 2048, above the return
// area the forwarders use.
const FUNCS: &str = r#"
  (func (export "test:layouts/bad#bad-mixed") (result i32)
    (i32.store8 (i32.const 2048) (i32.const 9))
    (i32.const 2048))
  (func (export "test:layouts/bad#bad-big") (result i32)
    (i32.store16 (i32.const 2048) (i32.const 300))
    (i32.const 2048))
  (func (export "test:layouts/bad#bad-color") (result i32)
    (i32.const 3))
  (func (export "test:layouts/bad#bad-many") (result i32)
    (i32.const 260))
  (func (export "test:layouts/bad#bad-call")
    (call $bad_echo (i32.const 99) (i64.const 0) (i32.const 0) (i32.const 2048)))
  (func (export "test:layouts/bad#bad-style") (result i32)
    (i32.const 0xff))
  (func (export "test:layouts/bad#bad-styles") (result i32)
    (i32.store8 (i32.const 2064) (i32.const 0xf9))
    (i32.store8 (i32.const 2065) (i32.const 0x0f))
    (i32.store (i32.const 2048) (i32.const 2064))
    (i32.store (i32.const 2052) (i32.const 2))
    (i32.const 2048))
"#;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::default)
}

fn component() -> &'static Component {
    static COMPONENT: OnceLock<Component> = OnceLock::new();
    COMPONENT.get_or_init(|| {
        let bytes = support::component("tests/wit/layouts.wit", "layouts", IMPORTS, FUNCS);
        Component::new(engine(), bytes).expect("component compiles")
    })
}

fn linker() -> Linker<Echo> {
    let mut linker = Linker::new(engine());
    Layouts::add_to_linker_mut(&mut linker, |s: &mut Echo| s).expect("links");
    linker
}

/// Calls `call` with a fresh instance; its result and what the host saw.
fn with_guest<R>(
    call: impl FnOnce(&Layouts, &mut Store<Echo>) -> wasmtime::Result<R>,
) -> (wasmtime::Result<R>, Vec<String>) {
    let mut store = Store::new(engine(), Echo::default());
    let world = Layouts::instantiate(&mut store, component(), &linker()).expect("instantiates");
    let r = call(&world, &mut store);
    (r, std::mem::take(&mut store.data_mut().seen))
}

/// Sends each value to the guest's `$method`, which passes it to the host's
/// import and returns the host's answer: it must come back equal, and the
/// host must have seen it equal.
/// (`Copy` types are passed by value, the others by reference.)
macro_rules! echo {
    ($method:ident, $($value:expr),+ $(,)?) => {$(
        let value = $value;
        echo!(@check $method, value, &value);
    )+};
    (copy $method:ident, $($value:expr),+ $(,)?) => {$(
        let value = $value;
        echo!(@check $method, value, value);
    )+};
    (@check $method:ident, $value:ident, $arg:expr) => {
        let (back, seen) = with_guest(|w, s| w.test_layouts_shapes().$method(&mut *s, $arg));
        assert_eq!(back.expect("call succeeds"), $value, "{}", stringify!($method));
        assert_eq!(seen, [format!("{:?}", $value)]);
    };
}

fn sixteen(n: u8) -> Sixteen {
    Sixteen {
        a: n % 2 == 1,
        b: u8::MAX - n,
        c: u16::MAX,
        d: u32::MAX - u32::from(n),
        e: u64::MAX,
        f: i8::MIN,
        g: i16::MIN,
        h: i32::MIN + i32::from(n),
        i: i64::MIN,
        j: -1.5,
        k: f64::MAX,
        l: '🦀',
        m: format!("sixteen {n}"),
        n: vec![n; usize::from(n)],
        o: if n == 0 { None } else { Some(u16::from(n)) },
        p: Point {
            x: -i32::from(n),
            y: i32::MAX,
        },
    }
}

fn seventeen(n: u8) -> Seventeen {
    let s = sixteen(n);
    Seventeen {
        a: s.a,
        b: s.b,
        c: s.c,
        d: s.d,
        e: s.e,
        f: s.f,
        g: s.g,
        h: s.h,
        i: s.i,
        j: s.j,
        k: s.k,
        l: s.l,
        m: s.m,
        n: s.n,
        o: s.o,
        p: s.p,
        q: Color::Blue,
    }
}

fn every_mixed() -> Vec<Mixed> {
    vec![
        Mixed::None,
        Mixed::F(-0.0),
        Mixed::F(f32::MAX),
        Mixed::D(f64::MIN_POSITIVE),
        Mixed::L(u64::MAX),
        Mixed::B(i8::MIN),
        Mixed::Text("joined ✓".into()),
        Mixed::Text(String::new()),
        Mixed::At(Point { x: i32::MIN, y: -1 }),
        Mixed::C(Color::Green),
    ]
}

#[test]
fn records_of_sixteen_and_seventeen_fields() {
    echo!(copy call_echo_point, Point { x: i32::MIN, y: i32::MAX });
    echo!(
        call_echo_tagged,
        Tagged {
            name: "flat".into(),
            c: Color::Red,
            at: Point { x: 5, y: -5 },
            mixed: Mixed::L(1 << 40),
        }
    );
    echo!(call_echo_sixteen, sixteen(0), sixteen(7));
    echo!(call_echo_seventeen, seventeen(0), seventeen(3));
}

#[test]
fn variant_cases_sharing_payload_slots() {
    for m in every_mixed() {
        echo!(call_echo_mixed, m);
    }
    echo!(call_echo_mixeds, every_mixed(), vec![]);
    let (back, seen) = with_guest(|w, s| {
        w.test_layouts_shapes()
            .call_echo_pair(s, &Mixed::D(2.5), Point { x: 1, y: 2 })
    });
    assert_eq!(back.unwrap(), (Mixed::D(2.5), Point { x: 1, y: 2 }));
    assert_eq!(seen, ["D(2.5) Point { x: 1, y: 2 }"]);
}

#[test]
fn payloads_through_memory() {
    echo!(
        call_echo_boxed,
        Boxed::Empty,
        Boxed::All(sixteen(5)),
        Boxed::More(seventeen(9)),
        Boxed::Many(every_mixed()),
    );
}

#[test]
fn a_two_byte_discriminant() {
    echo!(copy call_echo_big, Big::C0, Big::C255, Big::C256, Big::C298, Big::Last(u32::MAX));
    echo!(
        call_echo_bigs,
        vec![Big::C1, Big::Last(7), Big::C297, Big::Last(0)]
    );
}

#[test]
fn enums_one_and_two_bytes_wide() {
    echo!(
        call_echo_colors,
        vec![Color::Red, Color::Green, Color::Blue, Color::Red]
    );
    echo!(copy call_echo_many, Many::E0, Many::E255, Many::E256, Many::E259);
    echo!(
        call_echo_manys,
        vec![Many::E259, Many::E1, Many::E256, Many::E0]
    );
}

#[test]
fn variants_in_records_in_variants() {
    echo!(
        call_echo_holder,
        Holder {
            m: Mixed::Text("held".into()),
            big: Big::Last(42),
            boxed: Boxed::Many(vec![Mixed::At(Point { x: 3, y: 4 }), Mixed::None]),
            points: vec![Point { x: 0, y: 1 }; 4],
        },
        Holder {
            m: Mixed::None,
            big: Big::C257,
            boxed: Boxed::Empty,
            points: vec![],
        },
    );
}

#[test]
fn a_discriminant_out_of_range_is_an_error() {
    let (r, _) = with_guest(|w, s| w.test_layouts_bad().call_bad_mixed(s));
    assert_eq!(r.unwrap_err().to_string(), "unexpected discriminant: 9");
    let (r, _) = with_guest(|w, s| w.test_layouts_bad().call_bad_big(s));
    assert_eq!(r.unwrap_err().to_string(), "unexpected discriminant: 300");
    let (r, _) = with_guest(|w, s| w.test_layouts_bad().call_bad_color(s));
    assert_eq!(r.unwrap_err().to_string(), "unexpected discriminant: 3");
    let (r, _) = with_guest(|w, s| w.test_layouts_bad().call_bad_many(s));
    assert_eq!(r.unwrap_err().to_string(), "unexpected discriminant: 260");
    // Lifting the host function's parameter fails before the host runs.
    let (r, seen) = with_guest(|w, s| w.test_layouts_bad().call_bad_call(s));
    let err = format!("{:?}", r.unwrap_err());
    assert!(err.contains("unexpected discriminant: 99"), "{err}");
    assert!(seen.is_empty());
}

#[test]
fn bits_past_the_last_flag_from_the_guest_are_dropped() {
    use exports::test::layouts::bad::Style;
    let all = Style::BOLD | Style::ITALIC | Style::DASHED;
    let (r, _) = with_guest(|w, s| w.test_layouts_bad().call_bad_style(s));
    let style = r.unwrap();
    assert_eq!(style, all);
    // The value holds the three flags' bits only, so `Hash`, `Ord` and any
    // derive over the bits agree with `==`.
    assert_eq!(style.as_array(), [0b111]);
    assert_eq!(format!("{style:?}"), "(BOLD|ITALIC|DASHED)");
    let (r, _) = with_guest(|w, s| w.test_layouts_bad().call_bad_styles(s));
    let styles = r.unwrap();
    assert_eq!(styles, [Style::BOLD, all]);
    assert_eq!(styles[0].as_array(), [0b001]);
    assert_eq!(styles[1].as_array(), [0b111]);
}

#[test]
fn a_guest_with_other_field_names_does_not_instantiate() {
    let bytes = support::component("tests/wit/layouts-renamed.wit", "layouts", IMPORTS, FUNCS);
    let component = Component::new(engine(), bytes).expect("component compiles");
    let mut store = Store::new(engine(), Echo::default());
    let err = match Layouts::instantiate(&mut store, &component, &linker()) {
        Ok(_) => panic!("a guest whose `point` has field `z` instantiated"),
        Err(e) => format!("{e:?}"),
    };
    assert!(
        err.contains("expected record field named y, found z"),
        "{err}"
    );
}
