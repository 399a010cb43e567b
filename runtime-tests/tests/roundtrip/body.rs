// The host impl and the tests of `roundtrip.rs` (wasmtime) and
// `roundtrip_wasmi.rs` (wasmi), included by both after their own setup:
// `Engine`, `Component`, `Linker`, `Store`, the bindings of
// `tests/wit/roundtrip.wit` (world `Roundtrip`) and `WORLD`, its WIT name.
// The two targets' APIs are the same, so is everything below.

use exports::test::rt::values::Guest;
use test::rt::values::{Color, FlagSet, Host, Message, Mid, Plain, Point, Signal, Small, Wide};

/// The host: returns every value unchanged and records what it saw.
#[derive(Default)]
struct Echo {
    seen: Vec<String>,
    pings: u32,
}

macro_rules! echo_methods {
    ($($name:ident: $ty:ty;)*) => {
        $(fn $name(&mut self, x: $ty) -> $ty {
            self.seen.push(format!("{}({x:?})", stringify!($name)));
            x
        })*
    };
}

impl Host for Echo {
    echo_methods! {
        echo_bool: bool;
        echo_u8: u8;
        echo_u16: u16;
        echo_u32: u32;
        echo_u64: u64;
        echo_s8: i8;
        echo_s16: i16;
        echo_s32: i32;
        echo_s64: i64;
        echo_f32: f32;
        echo_f64: f64;
        echo_char: char;
        echo_string: String;
        echo_bytes: Vec<u8>;
        echo_strings: Vec<String>;
        echo_nested_list: Vec<Vec<u16>>;
        echo_tuple: (u8, String, f64);
        echo_result: Result<String, u32>;
        echo_result_ok: Result<String, ()>;
        echo_result_err: Result<(), String>;
        echo_result_empty: Result<(), ()>;
        echo_point: Point;
        echo_color: Color;
        echo_message: Message;
        echo_signal: Signal;
        echo_maybe: Option<u32>;
        echo_plain: Plain;
        echo_small: Small;
        echo_wide: Wide;
        echo_mid: Mid;
        echo_flag_sets: Vec<FlagSet>;
        echo_points: Vec<Point>;
        echo_id: u64;
    }

    #[allow(clippy::too_many_arguments)]
    fn many(
        &mut self,
        a: u8,
        b: u16,
        c: u32,
        d: u64,
        e: i8,
        f: i16,
        g: i32,
        h: i64,
        i: f32,
        j: f64,
        k: char,
        l: bool,
        m: String,
        n: Point,
        o: Color,
    ) -> String {
        format!("{a} {b} {c} {d} {e} {f} {g} {h} {i} {j} {k} {l} {m} {n:?} {o:?}")
    }

    fn ping(&mut self) {
        self.pings += 1;
    }
}

impl RoundtripImports for Echo {
    fn host_shout(&mut self, text: String) -> String {
        text.to_uppercase()
    }
}

fn component() -> &'static (Engine, Component) {
    static COMPONENT: OnceLock<(Engine, Component)> = OnceLock::new();
    COMPONENT.get_or_init(|| {
        let engine = Engine::default();
        let bytes = support::echo_component("tests/wit/roundtrip.wit", WORLD);
        let component = Component::new(&engine, bytes).expect("component compiles");
        (engine, component)
    })
}

fn instantiate() -> (Store<Echo>, Roundtrip) {
    let (engine, component) = component();
    let mut linker = Linker::new(engine);
    Roundtrip::add_to_linker_mut(&mut linker, |s: &mut Echo| s).expect("links");
    let mut store = Store::new(engine, Echo::default());
    let world = Roundtrip::instantiate(&mut store, component, &linker).expect("instantiates");
    (store, world)
}

/// Calls `call` with the guest, returns its result and what the host saw.
fn with_guest<R>(
    call: impl FnOnce(&Guest, &mut Store<Echo>) -> hostgen::Result<R>,
) -> (R, Vec<String>) {
    let (mut store, world) = instantiate();
    let r = call(world.test_rt_values(), &mut store).expect("call succeeds");
    (r, std::mem::take(&mut store.data_mut().seen))
}

macro_rules! roundtrip {
    ($method:ident, $host:literal, $($value:expr),+ $(,)?) => {$(
        let value = $value;
        let (back, seen) = with_guest(|g, s| g.$method(&mut *s, value.clone()));
        assert_eq!(back, value, "{} returned a different value", stringify!($method));
        assert_eq!(seen, vec![format!("{}({:?})", $host, value)]);
    )+};
}

#[test]
fn integers_at_their_extremes() {
    roundtrip!(call_echo_bool, "echo_bool", true, false);
    roundtrip!(call_echo_u8, "echo_u8", 0, 1, u8::MAX);
    roundtrip!(call_echo_u16, "echo_u16", 0, u16::MAX);
    roundtrip!(call_echo_u32, "echo_u32", 0, u32::MAX);
    roundtrip!(call_echo_u64, "echo_u64", 0, u64::MAX, 1 << 63);
    roundtrip!(call_echo_s8, "echo_s8", i8::MIN, -1, i8::MAX);
    roundtrip!(call_echo_s16, "echo_s16", i16::MIN, i16::MAX);
    roundtrip!(call_echo_s32, "echo_s32", i32::MIN, i32::MAX);
    roundtrip!(call_echo_s64, "echo_s64", i64::MIN, i64::MAX);
    roundtrip!(call_echo_id, "echo_id", u64::MAX);
}

#[test]
fn floats_including_nan_and_infinities() {
    roundtrip!(
        call_echo_f32,
        "echo_f32",
        0.0f32,
        -0.0,
        1.5,
        f32::MAX,
        f32::MIN_POSITIVE,
        f32::INFINITY,
        f32::NEG_INFINITY
    );
    roundtrip!(
        call_echo_f64,
        "echo_f64",
        0.0f64,
        f64::MAX,
        f64::EPSILON,
        f64::NEG_INFINITY
    );
    let (back, seen) = with_guest(|g, s| g.call_echo_f32(s, f32::NAN));
    assert!(back.is_nan());
    assert_eq!(seen, ["echo_f32(NaN)"]);
    let (back, _) = with_guest(|g, s| g.call_echo_f64(s, f64::NAN));
    assert!(back.is_nan());
    // Negative zero keeps its sign.
    let (back, _) = with_guest(|g, s| g.call_echo_f64(s, -0.0));
    assert!(back == 0.0 && back.is_sign_negative());
}

#[test]
fn chars_and_strings() {
    roundtrip!(
        call_echo_char,
        "echo_char",
        'a',
        '\0',
        'é',
        'ß',
        '中',
        '🦀',
        char::MAX
    );
    for text in ["", "hello", "Zoë → 中文 🦀", &"x".repeat(100_000)] {
        let (back, seen) = with_guest(|g, s| g.call_echo_string(s, text));
        assert_eq!(back, text);
        assert_eq!(seen, [format!("echo_string({text:?})")]);
    }
}

#[test]
fn lists() {
    let bytes: Vec<u8> = (0..=255).collect();
    for value in [vec![], vec![0u8], bytes.clone(), bytes.repeat(64)] {
        let (back, seen) = with_guest(|g, s| g.call_echo_bytes(s, &value));
        assert_eq!(back, value);
        assert_eq!(seen, [format!("echo_bytes({value:?})")]);
    }
    let strings = vec![String::new(), "a".into(), "ünïcödé".into()];
    let (back, _) = with_guest(|g, s| g.call_echo_strings(s, &strings));
    assert_eq!(back, strings);
    let (back, _) = with_guest(|g, s| g.call_echo_strings(s, &[]));
    assert!(back.is_empty());
    let nested = vec![vec![], vec![1u16, u16::MAX], vec![7; 1000]];
    let (back, _) = with_guest(|g, s| g.call_echo_nested_list(s, &nested));
    assert_eq!(back, nested);
    let points = vec![Point { x: i32::MIN, y: 0 }, Point { x: 1, y: i32::MAX }];
    let (back, seen) = with_guest(|g, s| g.call_echo_points(s, &points));
    assert_eq!(back, points);
    assert_eq!(seen, [format!("echo_points({points:?})")]);
}

#[test]
fn tuples_options_and_results() {
    let tuple = (u8::MAX, "tuple ✓".to_string(), -2.5f64);
    let (back, _) = with_guest(|g, s| g.call_echo_tuple(s, &tuple));
    assert_eq!(back, tuple);
    roundtrip!(call_echo_maybe, "echo_maybe", None, Some(0), Some(u32::MAX));
    roundtrip!(call_echo_signal, "echo_signal", Signal::Stop, Signal::Go(7));
    for value in [
        Ok("fine".to_string()),
        Ok(String::new()),
        Err(0),
        Err(u32::MAX),
    ] {
        let (back, seen) = with_guest(|g, s| g.call_echo_result(s, &value));
        assert_eq!(back, value);
        assert_eq!(seen, [format!("echo_result({value:?})")]);
    }
    for value in [Ok("only ok".to_string()), Err(())] {
        let (back, _) = with_guest(|g, s| g.call_echo_result_ok(s, &value));
        assert_eq!(back, value);
    }
    for value in [Ok(()), Err("only err".to_string())] {
        let (back, _) = with_guest(|g, s| g.call_echo_result_err(s, &value));
        assert_eq!(back, value);
    }
    roundtrip!(call_echo_result_empty, "echo_result_empty", Ok(()), Err(()));
}

#[test]
fn records_variants_enums() {
    roundtrip!(call_echo_point, "echo_point", Point { x: -1, y: 2 });
    let plain = Plain {
        at: Point { x: 3, y: -4 },
        pair: (42, "pair".into()),
        points: vec![Point { x: 0, y: 0 }; 3],
        tint: Color::Green,
        marks: Small::A | Small::C,
        messages: vec![
            Message::Text("ünï".into()),
            Message::At(Point { x: 1, y: 1 }),
            Message::Trail(vec![Point { x: 5, y: 6 }]),
            Message::Tinted((Color::Blue, 7)),
        ],
    };
    let (back, seen) = with_guest(|g, s| g.call_echo_plain(s, &plain));
    assert_eq!(back, plain);
    assert_eq!(seen, [format!("echo_plain({plain:?})")]);
    for message in plain.messages.clone() {
        let (back, seen) = with_guest(|g, s| g.call_echo_message(s, &message));
        assert_eq!(back, message);
        assert_eq!(seen, [format!("echo_message({message:?})")]);
    }
    roundtrip!(
        call_echo_color,
        "echo_color",
        Color::Red,
        Color::Green,
        Color::Blue
    );
}

#[test]
fn flags_small_and_wide() {
    roundtrip!(
        call_echo_small,
        "echo_small",
        Small::empty(),
        Small::A,
        Small::B | Small::C,
        Small::all()
    );
    roundtrip!(
        call_echo_wide,
        "echo_wide",
        Wide::empty(),
        Wide::B0,
        Wide::B0 | Wide::B31,
        Wide::B31,
        Wide::all(),
    );
}

#[test]
fn flags_of_every_size_flat_and_in_memory() {
    roundtrip!(
        call_echo_mid,
        "echo_mid",
        Mid::empty(),
        Mid::M0 | Mid::M9,
        Mid::M8,
        Mid::all()
    );
    let sets = vec![
        FlagSet {
            s: Small::B,
            m: Mid::M8 | Mid::M1,
            w: Wide::B31 | Wide::B0,
        },
        FlagSet {
            s: Small::all(),
            m: Mid::empty(),
            w: Wide::B16,
        },
        FlagSet {
            s: Small::empty(),
            m: Mid::all(),
            w: Wide::all(),
        },
    ];
    let (back, seen) = with_guest(|g, s| g.call_echo_flag_sets(s, &sets));
    assert_eq!(back, sets);
    assert_eq!(seen, [format!("echo_flag_sets({sets:?})")]);
    assert_eq!(
        seen[0],
        "echo_flag_sets([FlagSet { s: (B), m: (M1|M8), w: (B0|B31) }, \
         FlagSet { s: (A|B|C), m: (), w: (B16) }, \
         FlagSet { s: (), m: (M0|M1|M2|M3|M4|M5|M6|M7|M8|M9), w: (B0|B1|B2|B3|B4|B5|B6|B7|B8|B9|B10|B11|B12|B13|B14|B15|B16|B17|B18|B19|B20|B21|B22|B23|B24|B25|B26|B27|B28|B29|B30|B31) }])"
    );
}

#[test]
fn flags_operators_and_equality() {
    // `all()` and `!` set the defined flags only, so the bits past the
    // last flag never make equal values differ.
    assert_eq!(Small::all(), Small::A | Small::B | Small::C);
    assert_eq!(!Small::empty(), Small::all());
    assert_eq!(!(Small::A | Small::B), Small::C);
    assert_eq!(Small::default(), Small::empty());
    assert!(Small::all().contains(Small::A | Small::C));
    assert!(!Small::A.contains(Small::A | Small::B));
    assert!((Small::A | Small::B).intersects(Small::B | Small::C));
    assert!(!Small::A.intersects(Small::C));
    let mut f = Small::A;
    f |= Small::C;
    f &= !Small::A;
    f ^= Small::B;
    assert_eq!(f, Small::B | Small::C);
    assert_eq!((Small::A | Small::B) & Small::B, Small::B);
    assert_eq!((Small::A | Small::B) ^ Small::B, Small::A);
    assert_eq!(format!("{:?}", Small::A | Small::C), "(A|C)");
    assert_eq!(format!("{:?}", Small::empty()), "()");
    assert_eq!(format!("{:?}", !Small::B), "(A|C)");
    assert_eq!(Small::C.as_array(), [1 << 2]);
    assert_eq!(Mid::M9.as_array(), [1 << 9]);
    assert_eq!(Wide::B31.as_array(), [1 << 31]);
    assert_eq!(Wide::all().as_array(), [u32::MAX]);
}

#[test]
fn many_parameters_go_through_memory() {
    let (back, _) = with_guest(|g, s| {
        g.call_many(
            s,
            1,
            2,
            3,
            u64::MAX,
            -5,
            -6,
            -7,
            i64::MIN,
            0.5,
            0.25,
            'ø',
            true,
            "m",
            Point { x: 1, y: 2 },
            Color::Blue,
        )
    });
    assert_eq!(
        back,
        "1 2 3 18446744073709551615 -5 -6 -7 -9223372036854775808 0.5 0.25 ø true m Point { x: 1, y: 2 } Blue"
    );
}

#[test]
fn no_params_no_result() {
    let (mut store, world) = instantiate();
    for _ in 0..3 {
        world.test_rt_values().call_ping(&mut store).unwrap();
    }
    assert_eq!(store.data().pings, 3);
}

#[test]
fn world_level_import_and_export() {
    let (mut store, world) = instantiate();
    assert_eq!(world.call_shout(&mut store, "héllo").unwrap(), "HÉLLO");
}

#[test]
fn one_pre_many_stores() {
    let (engine, component) = component();
    let mut linker = Linker::new(engine);
    Roundtrip::add_to_linker_mut(&mut linker, |s: &mut Echo| s).unwrap();
    let pre = RoundtripPre::new(linker.instantiate_pre(component).unwrap()).unwrap();
    for i in 0..5u32 {
        let mut store = Store::new(engine, Echo::default());
        let world = pre.instantiate(&mut store).unwrap();
        assert_eq!(
            world.test_rt_values().call_echo_u32(&mut store, i).unwrap(),
            i
        );
        assert_eq!(store.data().seen, [format!("echo_u32({i})")]);
    }
}
