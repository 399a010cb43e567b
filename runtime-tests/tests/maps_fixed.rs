//! WIT `map<K, V>` (`HashMap<K, V>`) and fixed-size `list<T, N>` (`[T; N]`)
//! through a real component, in every position: the host calls the guest's
//! export, the guest passes the value to the host's import, the host records
//! what it received and answers with a changed value (so a value the host
//! merely passed back could not pass for a correct one), which travels back
//! out through the export. Once with synchronous bindings, once with async
//! imports and exports, `trappable` and `tracing`.
//!
//! Components carrying these types need two wasmtime `Config` switches, off
//! by default on wasmtime 48, 49 and 50: `wasm_component_model_map` and
//! `wasm_component_model_fixed_length_lists`.

use hostgen::wasmtime;

mod support;

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use wasmtime::component::{Component, Linker};
use wasmtime::{Config, Engine, Store};

/// The host's own error for `lookup`, in place of WIT's `lookup-error`.
#[derive(Debug)]
pub enum LookupFailure {
    /// No such key: the guest gets `missing(key)`.
    Missing(String),
    /// The keys sharing the first letter: the guest gets `near(..)`.
    Near(HashMap<String, u32>),
    /// Not for the guest: a trap.
    Fatal,
}

hostgen::bindgen!({
    path: "tests/wit/maps.wit",
    world: "maps",
    imports: { "test:maps/values.echo-counts": trappable },
    trappable_error_type: { "test:maps/values.lookup-error" => LookupFailure },
    // The tests compare values (records and variants derive no `PartialEq`
    // unless asked, as with wasmtime's `bindgen!`).
    additional_derives: [PartialEq],
});

mod concurrent {
    pub use super::LookupFailure;
    hostgen::bindgen!({
        path: "tests/wit/maps.wit",
        world: "maps",
        imports: {
            "test:maps/values.echo-counts": async | trappable | tracing,
            "test:maps/values.echo-nested-map": async | verbose_tracing,
            default: async | tracing,
        },
        exports: { default: async },
        trappable_error_type: { "test:maps/values.lookup-error" => LookupFailure },
        additional_derives: [PartialEq],
    });
}

/// The host: keeps every argument it receives, answers with a changed value.
#[derive(Default)]
struct Tweak {
    seen: Vec<Box<dyn Any + Send>>,
}

impl Tweak {
    fn saw<T: Clone + Send + 'static>(&mut self, x: &T) {
        self.seen.push(Box::new(x.clone()));
    }
}

type Counts = HashMap<String, u32>;

fn bump(m: Counts) -> Counts {
    m.into_iter().map(|(k, v)| (k, v.wrapping_add(1))).collect()
}

fn reversed<T, const N: usize>(mut a: [T; N]) -> [T; N] {
    a.reverse();
    a
}

fn transpose(m: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    [[m[0][0], m[1][0]], [m[0][1], m[1][1]]]
}

fn lookup(m: &Counts, key: &str) -> Result<u32, LookupFailure> {
    if key == "fatal" {
        return Err(LookupFailure::Fatal);
    }
    if let Some(v) = m.get(key) {
        return Ok(*v);
    }
    let first = key.chars().next();
    let near: Counts = m
        .iter()
        .filter(|(k, _)| k.chars().next() == first)
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    if near.is_empty() {
        Err(LookupFailure::Missing(key.to_string()))
    } else {
        Err(LookupFailure::Near(near))
    }
}

/// The `Host` and `MapsImports` impls, once sync and once async (`$kw` is
/// `async` or nothing), for the bindings of the module it is invoked in.
macro_rules! tweak_host {
    ($($kw:tt)?) => {
        use self::test::maps::values::{Entry, Inventory, LookupError};

        impl self::test::maps::values::Host for crate::Tweak {
            $($kw)? fn echo_map(&mut self, x: HashMap<String, u32>) -> HashMap<String, u32> {
                self.saw(&x);
                crate::bump(x)
            }
            $($kw)? fn echo_counts(&mut self, x: HashMap<String, u32>) -> wasmtime::Result<HashMap<String, u32>> {
                self.saw(&x);
                if x.contains_key("trap") {
                    return Err(wasmtime::Error::msg("the host refuses `trap`"));
                }
                Ok(crate::bump(x))
            }
            $($kw)? fn echo_keys(&mut self, x: HashMap<char, bool>) -> HashMap<char, bool> {
                self.saw(&x);
                x.into_iter().map(|(k, v)| (k, !v)).collect()
            }
            $($kw)? fn echo_wide_keys(&mut self, x: HashMap<i64, f64>) -> HashMap<i64, f64> {
                self.saw(&x);
                x.into_iter().map(|(k, v)| (k, -v)).collect()
            }
            $($kw)? fn echo_nested_map(
                &mut self,
                mut x: HashMap<String, HashMap<u8, String>>,
            ) -> HashMap<String, HashMap<u8, String>> {
                self.saw(&x);
                x.entry("host".into()).or_default().insert(0, "added".into());
                x
            }
            $($kw)? fn echo_rgb(&mut self, x: [u8; 3]) -> [u8; 3] {
                self.saw(&x);
                crate::reversed(x)
            }
            $($kw)? fn echo_quad(&mut self, x: [u32; 4]) -> [u32; 4] {
                self.saw(&x);
                crate::reversed(x)
            }
            $($kw)? fn echo_names(&mut self, x: [String; 3]) -> [String; 3] {
                self.saw(&x);
                crate::reversed(x)
            }
            $($kw)? fn echo_matrix(&mut self, x: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
                self.saw(&x);
                crate::transpose(x)
            }
            $($kw)? fn echo_wide(&mut self, x: [u32; 20]) -> [u32; 20] {
                self.saw(&x);
                crate::reversed(x)
            }
            $($kw)? fn echo_inventory(&mut self, x: Inventory) -> Inventory {
                self.saw(&x);
                Inventory {
                    name: x.name.to_uppercase(),
                    stock: crate::bump(x.stock),
                    origin: crate::reversed(x.origin),
                    tags: crate::reversed(x.tags),
                }
            }
            $($kw)? fn echo_entry(&mut self, x: Entry) -> Entry {
                self.saw(&x);
                match x {
                    Entry::Empty => Entry::Empty,
                    Entry::Counts(c) => Entry::Counts(crate::bump(c)),
                    Entry::Pixel(p) => Entry::Pixel(crate::reversed(p)),
                    Entry::Labels(l) => Entry::Labels(
                        l.into_iter()
                            .map(|(k, mut v)| {
                                v.reverse();
                                (k, v)
                            })
                            .collect(),
                    ),
                }
            }
            $($kw)? fn echo_grid(&mut self, x: Vec<[u8; 3]>) -> Vec<[u8; 3]> {
                self.saw(&x);
                x.into_iter().map(crate::reversed).collect()
            }
            $($kw)? fn echo_maps(&mut self, x: Vec<HashMap<String, u32>>) -> Vec<HashMap<String, u32>> {
                self.saw(&x);
                x.into_iter().map(crate::bump).collect()
            }
            $($kw)? fn echo_maybe(&mut self, x: Option<HashMap<String, i64>>) -> Option<HashMap<String, i64>> {
                self.saw(&x);
                x.map(|m| m.into_iter().map(|(k, v)| (k, v.wrapping_neg())).collect())
            }
            $($kw)? fn echo_outcome(
                &mut self,
                x: Result<HashMap<u64, String>, [i16; 2]>,
            ) -> Result<HashMap<u64, String>, [i16; 2]> {
                self.saw(&x);
                match x {
                    Ok(m) => Ok(m.into_iter().map(|(k, v)| (k, v.to_uppercase())).collect()),
                    Err(a) => Err(crate::reversed(a)),
                }
            }
            $($kw)? fn echo_pair(
                &mut self,
                x: (HashMap<bool, u8>, [char; 2]),
            ) -> (HashMap<bool, u8>, [char; 2]) {
                self.saw(&x);
                let (m, c) = x;
                (m.into_iter().map(|(k, v)| (k, v.wrapping_add(1))).collect(), crate::reversed(c))
            }
            $($kw)? fn lookup(&mut self, m: HashMap<String, u32>, key: String) -> Result<u32, LookupFailure> {
                self.saw(&m);
                crate::lookup(&m, &key)
            }
            fn convert_lookup_error(&mut self, e: LookupFailure) -> wasmtime::Result<LookupError> {
                match e {
                    LookupFailure::Missing(k) => Ok(LookupError::Missing(k)),
                    LookupFailure::Near(m) => Ok(LookupError::Near(m)),
                    LookupFailure::Fatal => Err(wasmtime::Error::msg("lookup failed for good")),
                }
            }
        }

        impl MapsImports for crate::Tweak {
            $($kw)? fn host_invert(&mut self, x: HashMap<String, u32>) -> HashMap<u32, String> {
                self.saw(&x);
                x.into_iter().map(|(k, v)| (v, k)).collect()
            }
            $($kw)? fn host_swap(&mut self, x: [u16; 2]) -> [u16; 2] {
                self.saw(&x);
                crate::reversed(x)
            }
        }
    };
}

tweak_host!();

mod concurrent_host {
    use super::concurrent::*;
    use super::{HashMap, LookupFailure, wasmtime};
    tweak_host!(async);
}

/// An engine that accepts maps and fixed-size lists.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut config = Config::new();
        config
            .wasm_component_model_map(true)
            .wasm_component_model_fixed_length_lists(true);
        Engine::new(&config).expect("engine")
    })
}

fn bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| support::echo_component("tests/wit/maps.wit", "maps"))
}

fn component() -> &'static Component {
    static COMPONENT: OnceLock<Component> = OnceLock::new();
    COMPONENT.get_or_init(|| Component::new(engine(), bytes()).expect("component compiles"))
}

fn instantiate() -> (Store<Tweak>, Maps) {
    let mut linker = Linker::new(engine());
    Maps::add_to_linker_mut(&mut linker, |s: &mut Tweak| s).expect("links");
    let mut store = Store::new(engine(), Tweak::default());
    let world = Maps::instantiate(&mut store, component(), &linker).expect("instantiates");
    (store, world)
}

/// What the host received, in order, each downcast to `T`.
fn seen<T: 'static>(store: &mut Store<Tweak>) -> Vec<T> {
    std::mem::take(&mut store.data_mut().seen)
        .into_iter()
        .map(|b| {
            *b.downcast::<T>()
                .expect("the host received a value of this type")
        })
        .collect()
}

/// Calls `call` on a fresh instance; returns its result and the one value
/// the host received.
fn through<T: 'static, R>(
    call: impl FnOnce(&exports::test::maps::values::Guest, &mut Store<Tweak>) -> wasmtime::Result<R>,
) -> (R, T) {
    let (mut store, world) = instantiate();
    let r = call(world.test_maps_values(), &mut store).expect("call succeeds");
    let mut seen = seen::<T>(&mut store);
    assert_eq!(seen.len(), 1, "the host was called once");
    (r, seen.remove(0))
}

fn counts(entries: &[(&str, u32)]) -> Counts {
    entries.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Each of the two switches is needed: without them wasmtime refuses the
/// component when compiling it.
#[test]
fn the_engine_needs_both_switches() {
    let Err(err) = Component::new(&Engine::default(), bytes()) else {
        panic!("maps are off by default");
    };
    let msg = format!("{err:?}");
    assert!(
        msg.contains("Maps require the component model map feature"),
        "{msg}"
    );

    let mut config = Config::new();
    config.wasm_component_model_map(true);
    let Err(err) = Component::new(&Engine::new(&config).unwrap(), bytes()) else {
        panic!("fixed-size lists are off by default");
    };
    let msg = format!("{err:?}");
    assert!(
        msg.contains("Fixed-length lists require the component model fixed-length lists feature"),
        "{msg}"
    );
}

#[test]
fn maps() {
    let many: Counts = (0..500).map(|i| (format!("key {i}"), i * 7)).collect();
    for value in [
        Counts::new(),
        counts(&[("", 0)]),
        counts(&[("one", 1), ("max", u32::MAX), ("ünïcödé 🦀", 42)]),
        many,
    ] {
        let (back, got) = through::<Counts, _>(|g, s| g.call_echo_map(s, &value));
        assert_eq!(got, value);
        assert_eq!(back, bump(value.clone()));
        assert_eq!(back.len(), value.len());
    }

    let keys: HashMap<char, bool> = [('a', true), ('🦀', false), (char::MAX, true)].into();
    let (back, got) = through::<HashMap<char, bool>, _>(|g, s| g.call_echo_keys(s, &keys));
    assert_eq!(got, keys);
    assert_eq!(
        back,
        [('a', false), ('🦀', true), (char::MAX, false)].into()
    );

    let wide: HashMap<i64, f64> = [(i64::MIN, 1.5), (0, -0.25), (i64::MAX, f64::MAX)].into();
    let (back, got) = through::<HashMap<i64, f64>, _>(|g, s| g.call_echo_wide_keys(s, &wide));
    assert_eq!(got, wide);
    assert_eq!(
        back,
        [(i64::MIN, -1.5), (0, 0.25), (i64::MAX, -f64::MAX)].into()
    );
}

#[test]
fn named_and_nested_maps() {
    let value = counts(&[("a", 1), ("b", 2)]);
    let (back, got) = through::<Counts, _>(|g, s| g.call_echo_counts(s, &value));
    assert_eq!(got, value);
    assert_eq!(back, counts(&[("a", 2), ("b", 3)]));

    let nested: HashMap<String, HashMap<u8, String>> = [
        (
            "x".to_string(),
            [(1, "one".to_string()), (255, String::new())].into(),
        ),
        ("empty".to_string(), HashMap::new()),
    ]
    .into();
    let (back, got) = through::<HashMap<String, HashMap<u8, String>>, _>(|g, s| {
        g.call_echo_nested_map(s, &nested)
    });
    assert_eq!(got, nested);
    let mut expected = nested.clone();
    expected.insert("host".into(), [(0, "added".to_string())].into());
    assert_eq!(back, expected);

    let list = vec![
        counts(&[]),
        counts(&[("k", 9)]),
        counts(&[("a", 0), ("b", 1)]),
    ];
    let (back, got) = through::<Vec<Counts>, _>(|g, s| g.call_echo_maps(s, &list));
    assert_eq!(got, list);
    assert_eq!(back, list.into_iter().map(bump).collect::<Vec<_>>());
}

#[test]
fn fixed_size_lists() {
    let (back, got) = through::<[u8; 3], _>(|g, s| g.call_echo_rgb(s, [1, 2, 255]));
    assert_eq!((got, back), ([1, 2, 255], [255, 2, 1]));

    let (back, got) = through::<[u32; 4], _>(|g, s| g.call_echo_quad(s, [0, 1, 2, u32::MAX]));
    assert_eq!((got, back), ([0, 1, 2, u32::MAX], [u32::MAX, 2, 1, 0]));

    // Not `Copy`: passed by reference.
    let names = [String::new(), "two".to_string(), "drei 🦀".to_string()];
    let (back, got) = through::<[String; 3], _>(|g, s| g.call_echo_names(s, &names));
    assert_eq!(got, names);
    assert_eq!(back, ["drei 🦀".to_string(), "two".into(), String::new()]);

    let matrix = [[1.0, 2.0], [-3.5, f64::MIN_POSITIVE]];
    let (back, got) = through::<[[f64; 2]; 2], _>(|g, s| g.call_echo_matrix(s, matrix));
    assert_eq!(got, matrix);
    assert_eq!(back, [[1.0, -3.5], [2.0, f64::MIN_POSITIVE]]);

    let wide: [u32; 20] = std::array::from_fn(|i| i as u32 * 1000);
    let (back, got) = through::<[u32; 20], _>(|g, s| g.call_echo_wide(s, wide));
    assert_eq!(got, wide);
    assert_eq!(back, std::array::from_fn(|i| (19 - i) as u32 * 1000));

    let grid = vec![[0u8, 1, 2], [3, 4, 5], [u8::MAX; 3]];
    let (back, got) = through::<Vec<[u8; 3]>, _>(|g, s| g.call_echo_grid(s, &grid));
    assert_eq!(got, grid);
    assert_eq!(back, vec![[2, 1, 0], [5, 4, 3], [u8::MAX; 3]]);
    let (back, _) = through::<Vec<[u8; 3]>, _>(|g, s| g.call_echo_grid(s, &[]));
    assert!(back.is_empty());
}

#[test]
fn records_and_variants_holding_them() {
    use test::maps::values::{Entry, Inventory};
    let inventory = Inventory {
        name: "shelf".into(),
        stock: counts(&[("apples", 3), ("pears", 0)]),
        origin: [1.25, -2.5],
        tags: ["fresh".into(), String::new()],
    };
    let (back, got) = through::<Inventory, _>(|g, s| g.call_echo_inventory(s, &inventory));
    assert_eq!(got, inventory);
    assert_eq!(
        back,
        Inventory {
            name: "SHELF".into(),
            stock: counts(&[("apples", 4), ("pears", 1)]),
            origin: [-2.5, 1.25],
            tags: [String::new(), "fresh".into()],
        }
    );

    let labels: HashMap<u32, Vec<String>> =
        [(7, vec!["a".to_string(), "b".to_string()]), (0, vec![])].into();
    for (value, expected) in [
        (Entry::Empty, Entry::Empty),
        (
            Entry::Counts(counts(&[("n", 41)])),
            Entry::Counts(counts(&[("n", 42)])),
        ),
        (Entry::Pixel([9, 8, 7]), Entry::Pixel([7, 8, 9])),
        (
            Entry::Labels(labels.clone()),
            Entry::Labels([(7, vec!["b".to_string(), "a".to_string()]), (0, vec![])].into()),
        ),
    ] {
        let (back, got) = through::<Entry, _>(|g, s| g.call_echo_entry(s, &value));
        assert_eq!(got, value);
        assert_eq!(back, expected);
    }
}

#[test]
fn inside_options_results_and_tuples() {
    let some: HashMap<String, i64> = [("neg".to_string(), -5), ("min".into(), i64::MIN)].into();
    for (value, expected) in [
        (None, None),
        (Some(HashMap::new()), Some(HashMap::new())),
        (
            Some(some),
            Some([("neg".to_string(), 5), ("min".into(), i64::MIN)].into()),
        ),
    ] {
        let (back, got) =
            through::<Option<HashMap<String, i64>>, _>(|g, s| g.call_echo_maybe(s, &value));
        assert_eq!(got, value);
        assert_eq!(back, expected);
    }

    type Outcome = Result<HashMap<u64, String>, [i16; 2]>;
    for (value, expected) in [
        (
            Ok([(u64::MAX, "big".to_string())].into()),
            Ok([(u64::MAX, "BIG".to_string())].into()),
        ),
        (Err([i16::MIN, 1]), Err([1, i16::MIN])),
    ] {
        let value: Outcome = value;
        let (back, got) = through::<Outcome, _>(|g, s| g.call_echo_outcome(s, &value));
        assert_eq!(got, value);
        assert_eq!(back, expected);
    }

    let pair = (HashMap::from([(true, 1u8), (false, 254)]), ['x', '🦀']);
    let (back, got) =
        through::<(HashMap<bool, u8>, [char; 2]), _>(|g, s| g.call_echo_pair(s, &pair));
    assert_eq!(got, pair);
    assert_eq!(
        back,
        (HashMap::from([(true, 2), (false, 255)]), ['🦀', 'x'])
    );
}

#[test]
fn world_level_functions() {
    let (mut store, world) = instantiate();
    let value = counts(&[("one", 1), ("two", 2)]);
    let back = world.call_invert(&mut store, &value).unwrap();
    assert_eq!(
        back,
        HashMap::from([(1, "one".to_string()), (2, "two".into())])
    );
    assert_eq!(seen::<Counts>(&mut store), [value]);

    assert_eq!(
        world.call_swap(&mut store, [1, u16::MAX]).unwrap(),
        [u16::MAX, 1]
    );
    assert_eq!(seen::<[u16; 2]>(&mut store), [[1, u16::MAX]]);
}

#[test]
fn trappable_and_error_types_carry_maps() {
    use test::maps::values::LookupError;
    let stock = counts(&[("apple", 1), ("avocado", 2), ("banana", 3)]);

    let (back, got) = through::<Counts, _>(|g, s| g.call_lookup(s, &stock, "banana"));
    assert_eq!((back, got), (Ok(3), stock.clone()));
    let (back, _) = through::<Counts, _>(|g, s| g.call_lookup(s, &stock, "cherry"));
    assert_eq!(back, Err(LookupError::Missing("cherry".into())));
    let (back, _) = through::<Counts, _>(|g, s| g.call_lookup(s, &stock, "apricot"));
    assert_eq!(
        back,
        Err(LookupError::Near(counts(&[("apple", 1), ("avocado", 2)])))
    );

    // `convert_lookup_error` returning `Err` traps.
    let (mut store, world) = instantiate();
    let err = world
        .test_maps_values()
        .call_lookup(&mut store, &stock, "fatal")
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("lookup failed for good"),
        "{err:?}"
    );

    // A trappable import's `Err` traps.
    let (mut store, world) = instantiate();
    let err = world
        .test_maps_values()
        .call_echo_counts(&mut store, &counts(&[("trap", 0)]))
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("the host refuses `trap`"),
        "{err:?}"
    );
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn async_bindings_and_tracing() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .without_time()
        .finish();
    // Global, not scoped: tracing caches each call site's interest, and
    // tests on other threads hit the same call sites.
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        use concurrent::test::maps::values::{Entry, Inventory};
        let mut linker = Linker::new(engine());
        concurrent::Maps::add_to_linker_mut(&mut linker, |s: &mut Tweak| s).unwrap();
        let mut store = Store::new(engine(), Tweak::default());
        let world = concurrent::Maps::instantiate_async(&mut store, component(), &linker)
            .await
            .unwrap();
        let guest = world.test_maps_values();

        let value = counts(&[("a", 1), ("b", 2)]);
        let back = guest.call_echo_map(&mut store, &value).await.unwrap();
        assert_eq!(back, bump(value.clone()));
        assert_eq!(seen::<Counts>(&mut store), [value]);

        let back = guest.call_echo_rgb(&mut store, [4, 5, 6]).await.unwrap();
        assert_eq!(back, [6, 5, 4]);
        assert_eq!(seen::<[u8; 3]>(&mut store), [[4, 5, 6]]);

        let inventory = Inventory {
            name: "box".into(),
            stock: counts(&[("nails", 100)]),
            origin: [0.5, 0.25],
            tags: ["a".into(), "b".into()],
        };
        let back = guest
            .call_echo_inventory(&mut store, &inventory)
            .await
            .unwrap();
        assert_eq!(back.stock, counts(&[("nails", 101)]));
        assert_eq!(back.origin, [0.25, 0.5]);
        assert_eq!(seen::<Inventory>(&mut store), [inventory]);

        let entry = Entry::Pixel([1, 2, 3]);
        let back = guest.call_echo_entry(&mut store, &entry).await.unwrap();
        assert_eq!(back, Entry::Pixel([3, 2, 1]));

        let nested = HashMap::from([("n".to_string(), HashMap::from([(1u8, "x".to_string())]))]);
        let back = guest
            .call_echo_nested_map(&mut store, &nested)
            .await
            .unwrap();
        assert_eq!(back.len(), 2);

        let back = guest
            .call_echo_maybe(&mut store, &Some(HashMap::from([("k".to_string(), 3)])))
            .await
            .unwrap();
        assert_eq!(back, Some(HashMap::from([("k".to_string(), -3)])));

        let err = guest
            .call_echo_counts(&mut store, &counts(&[("trap", 0)]))
            .await
            .unwrap_err();
        assert!(
            format!("{err:?}").contains("the host refuses `trap`"),
            "{err:?}"
        );

        // A trap poisons the store; the rest runs on a new one.
        let mut store = Store::new(engine(), store.into_data());
        let world = concurrent::Maps::instantiate_async(&mut store, component(), &linker)
            .await
            .unwrap();
        assert_eq!(world.call_swap(&mut store, [7, 8]).await.unwrap(), [8, 7]);
        let inverted = world
            .call_invert(&mut store, &counts(&[("seven", 7)]))
            .await
            .unwrap();
        assert_eq!(inverted, HashMap::from([(7, "seven".to_string())]));
    });

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    let find = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{log}"))
    };
    // `tracing`: maps show as their size, fixed-size lists in full.
    let call = find("call x=<map of 2 entries>");
    assert!(
        call.contains(r#"hostgen import{module="test:maps/values" function="echo-map"}"#),
        "{call}"
    );
    find("return result=<map of 2 entries>");
    find("call x=[4, 5, 6]");
    find("return result=[6, 5, 4]");
    find(
        r#"result=Inventory { name: "BOX", stock: {"nails": 101}, origin: [0.25, 0.5], tags: ["b", "a"] }"#,
    );
    find("call x=Pixel([1, 2, 3])");
    find(r#"call x=Some({"k": 3})"#);
    // `verbose_tracing`: maps in full.
    find(r#"call x={"n": {1: "x"}}"#);
    find(r#"function="host-swap"}: "#);
    find("call x=[7, 8]");
}
