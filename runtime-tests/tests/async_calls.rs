//! Async imports and exports: host functions that await tokio timers and
//! channels while the guest waits, many stores at once on a multi-thread
//! runtime, panics and errors inside async calls, async resources, the
//! dyn-compatible companion trait, and `tracing` spans.

use hostgen::wasmtime;

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use wasmtime::component::{Component, Linker, Resource, ResourceTable};
use wasmtime::{Engine, Store};

hostgen::bindgen!({
    path: "tests/wit/async.wit",
    world: "app",
    imports: {
        "test:asy/clock.fail": async | trappable,
        "test:asy/clock.reverse": async | verbose_tracing,
        "test:asy/clock": async | tracing,
        "test:asy/timers": async,
    },
    exports: { default: async },
    with: { "test:asy/timers.timer": TimerData },
});

use test::asy::{clock, plain, timers};

/// What a `timer` handle refers to.
pub struct TimerData {
    ms: u32,
}

/// The clock host: awaits timers and a channel, and counts calls in flight
/// across every store that shares `stats`.
struct Clock {
    rx: tokio::sync::mpsc::UnboundedReceiver<u64>,
    stats: Arc<Stats>,
}

#[derive(Default)]
struct Stats {
    in_flight: AtomicUsize,
    peak: AtomicUsize,
}

impl clock::Host for Clock {
    async fn sleep_then_echo(&mut self, ms: u32, s: String) -> String {
        let now = self.stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.stats.peak.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(ms.into())).await;
        self.stats.in_flight.fetch_sub(1, Ordering::SeqCst);
        format!("{s}!")
    }

    async fn recv(&mut self) -> u64 {
        self.rx.recv().await.unwrap_or(u64::MAX)
    }

    async fn sum(&mut self, xs: Vec<u32>) -> u64 {
        tokio::task::yield_now().await;
        xs.iter().map(|&x| u64::from(x)).sum()
    }

    async fn reverse(&mut self, mut xs: Vec<u32>) -> Vec<u32> {
        xs.reverse();
        xs
    }

    async fn boom(&mut self) {
        tokio::task::yield_now().await;
        panic!("boom after an await");
    }

    async fn fail(&mut self, n: u32) -> wasmtime::Result<Result<u32, String>> {
        tokio::task::yield_now().await;
        match n {
            0 => Err(wasmtime::Error::msg("zero is not allowed")),
            1 => Ok(Err("one is odd".to_string())),
            n => Ok(Ok(n * 2)),
        }
    }
}

/// Store data; `C` is `Clock` or `dyn clock::DynHost`.
struct State<C: ?Sized> {
    table: ResourceTable,
    drops: u32,
    clock: Box<C>,
}

impl<C: ?Sized> plain::Host for State<C> {
    fn count(&mut self) -> u32 {
        7
    }
}

impl<C: ?Sized + Send> timers::HostTimer for State<C> {
    async fn new(&mut self, ms: u32) -> Resource<TimerData> {
        tokio::task::yield_now().await;
        self.table.push(TimerData { ms }).expect("table has room")
    }

    async fn wait(&mut self, timer: Resource<TimerData>) -> u32 {
        let ms = self.table.get(&timer).expect("live handle").ms;
        tokio::time::sleep(Duration::from_millis(ms.into())).await;
        ms
    }

    async fn drop(&mut self, timer: Resource<TimerData>) -> wasmtime::Result<()> {
        tokio::task::yield_now().await;
        self.table.delete(timer)?;
        self.drops += 1;
        Ok(())
    }
}

impl<C: ?Sized + Send> timers::Host for State<C> {}

const TIMER_IMPORTS: &str = r#"
  (import "test:asy/timers" "[constructor]timer" (func $timer-new (param i32) (result i32)))
  (import "test:asy/timers" "[method]timer.wait" (func $timer-wait (param i32) (result i32)))
  (import "test:asy/timers" "[resource-drop]timer" (func $timer-drop (param i32)))
"#;

const DRIVE: &str = r#"
  (func (export "test:asy/drive#go") (param $ms i32) (result i32)
    (local $h i32) (local $r i32)
    (local.set $h (call $timer-new (local.get $ms)))
    (local.set $r (call $timer-wait (local.get $h)))
    (call $timer-drop (local.get $h))
    (local.get $r))
"#;

fn component(engine: &Engine) -> Component {
    let bytes = support::component("tests/wit/async.wit", "app", TIMER_IMPORTS, DRIVE);
    Component::new(engine, bytes).expect("component compiles")
}

fn linker<C: ?Sized + clock::Host + Send + 'static>(engine: &Engine) -> Linker<State<C>> {
    let mut linker = Linker::new(engine);
    clock::add_to_linker_mut(&mut linker, |s: &mut State<C>| &mut *s.clock).unwrap();
    plain::add_to_linker_mut(&mut linker, |s: &mut State<C>| s).unwrap();
    timers::add_to_linker_mut(&mut linker, |s: &mut State<C>| s).unwrap();
    linker
}

fn clock(stats: &Arc<Stats>) -> (Clock, tokio::sync::mpsc::UnboundedSender<u64>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let clock = Clock {
        rx,
        stats: stats.clone(),
    };
    (clock, tx)
}

fn state<C: ?Sized>(clock: Box<C>) -> State<C> {
    State {
        table: ResourceTable::new(),
        drops: 0,
        clock,
    }
}

/// A fresh engine, store and instance with a static clock host, and the
/// sender feeding the clock's channel.
async fn instance() -> (
    Store<State<Clock>>,
    App,
    tokio::sync::mpsc::UnboundedSender<u64>,
) {
    let engine = Engine::default();
    let (clock, tx) = clock(&Arc::default());
    let mut store = Store::new(&engine, state(Box::new(clock)));
    let app = App::instantiate_async(&mut store, &component(&engine), &linker(&engine))
        .await
        .unwrap();
    (store, app, tx)
}

#[tokio::test]
async fn an_import_awaits_a_timer_while_the_guest_waits() {
    let (mut store, app, _tx) = instance().await;
    let start = std::time::Instant::now();
    let out = app
        .test_asy_clock()
        .call_sleep_then_echo(&mut store, 20, "héllo")
        .await
        .unwrap();
    assert_eq!(out, "héllo!");
    assert!(start.elapsed() >= Duration::from_millis(20));
}

#[tokio::test]
async fn an_import_awaits_a_channel_fed_by_another_task() {
    let (mut store, app, tx) = instance().await;
    let sender = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(5)).await;
        tx.send(u64::MAX - 1).unwrap();
        tx.send(7).unwrap();
    });
    let guest = app.test_asy_clock();
    assert_eq!(guest.call_recv(&mut store).await.unwrap(), u64::MAX - 1);
    assert_eq!(guest.call_recv(&mut store).await.unwrap(), 7);
    sender.await.unwrap();
    // The channel is closed now: the host says so with u64::MAX.
    assert_eq!(guest.call_recv(&mut store).await.unwrap(), u64::MAX);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_and_twenty_eight_stores_call_concurrently() {
    let engine = Engine::default();
    let pre = AppPre::new(
        linker(&engine)
            .instantiate_pre(&component(&engine))
            .unwrap(),
    )
    .unwrap();
    let stats = Arc::new(Stats::default());
    let tasks: Vec<_> = (0..128u32)
        .map(|i| {
            let (pre, engine, stats) = (pre.clone(), engine.clone(), stats.clone());
            tokio::spawn(async move {
                let (clock, _tx) = clock(&stats);
                let mut store = Store::new(&engine, state(Box::new(clock)));
                let app = pre.instantiate_async(&mut store).await.unwrap();
                let word = format!("store {i}");
                let echoed = app
                    .test_asy_clock()
                    .call_sleep_then_echo(&mut store, 10 + i % 7, &word)
                    .await
                    .unwrap();
                let waited = app
                    .test_asy_drive()
                    .call_go(&mut store, i % 3)
                    .await
                    .unwrap();
                let xs: Vec<u32> = (0..=i).collect();
                let sum = app
                    .test_asy_clock()
                    .call_sum(&mut store, &xs)
                    .await
                    .unwrap();
                assert_eq!(store.data().drops, 1);
                (i, echoed, waited, sum)
            })
        })
        .collect();
    for task in tasks {
        let (i, echoed, waited, sum) = task.await.unwrap();
        assert_eq!(echoed, format!("store {i}!"));
        assert_eq!(waited, i % 3);
        assert_eq!(sum, u64::from(i) * u64::from(i + 1) / 2);
    }
    // The sleeps overlapped: the calls really ran at the same time.
    assert!(stats.peak.load(Ordering::SeqCst) > 1);
    assert_eq!(stats.in_flight.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn async_resources_are_created_awaited_and_dropped() {
    let (mut store, app, _tx) = instance().await;
    for ms in [0, 3, 1] {
        assert_eq!(
            app.test_asy_drive().call_go(&mut store, ms).await.unwrap(),
            ms
        );
    }
    assert_eq!(store.data().drops, 3);
    assert!(store.data().table.is_empty());
}

#[tokio::test]
async fn sync_and_async_imports_mix_in_one_world() {
    let (mut store, app, _tx) = instance().await;
    // `plain.count` is a synchronous host function behind an async export.
    assert_eq!(
        app.test_asy_plain().call_count(&mut store).await.unwrap(),
        7
    );
    let guest = app.test_asy_clock();
    assert_eq!(guest.call_sum(&mut store, &[1, 2, 3]).await.unwrap(), 6);
}

#[tokio::test]
async fn a_panic_or_error_inside_an_async_call_traps_and_the_host_state_lives_on() {
    let engine = Engine::default();
    let (clock, _tx) = clock(&Arc::default());
    let component = component(&engine);
    let linker = linker(&engine);
    let mut store = Store::new(&engine, state(Box::new(clock)));

    let app = App::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let guest = app.test_asy_clock();
    assert_eq!(guest.call_fail(&mut store, 21).await.unwrap(), Ok(42));
    assert_eq!(
        guest.call_fail(&mut store, 1).await.unwrap(),
        Err("one is odd".to_string())
    );
    assert_eq!(
        app.test_asy_drive().call_go(&mut store, 1).await.unwrap(),
        1
    );
    let err = guest
        .call_fail(&mut store, 0)
        .await
        .expect_err("an Err from a trappable host traps");
    assert_eq!(err.root_cause().to_string(), "zero is not allowed");

    // wasmtime marks a store that trapped and enters none of its instances
    // again, not even a fresh one ...
    let app = App::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let err = app
        .test_asy_clock()
        .call_sum(&mut store, &[1])
        .await
        .expect_err("a trapped store is not entered again");
    assert_eq!(
        err.to_string(),
        "wasm trap: cannot enter component instance"
    );

    // ... but the host state is intact and carries on in a new store.
    let data = store.into_data();
    assert_eq!(data.drops, 1);
    assert!(data.table.is_empty());
    let mut store = Store::new(&engine, data);
    let app = App::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let err = app
        .test_asy_clock()
        .call_boom(&mut store)
        .await
        .expect_err("a panicking host traps");
    assert_eq!(
        err.root_cause().to_string(),
        "host function `test:asy/clock.boom` panicked: boom after an await"
    );

    let mut store = Store::new(&engine, store.into_data());
    let app = App::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let out = app
        .test_asy_clock()
        .call_sleep_then_echo(&mut store, 1, "again")
        .await
        .unwrap();
    assert_eq!(out, "again!");
    assert_eq!(store.data().drops, 1);
}

/// Runs the same calls against `store` and returns what came back.
async fn script<C: ?Sized + Send + 'static>(
    mut store: Store<State<C>>,
    app: App,
    tx: tokio::sync::mpsc::UnboundedSender<u64>,
) -> Vec<String> {
    let guest = app.test_asy_clock();
    tx.send(99).unwrap();
    vec![
        guest
            .call_sleep_then_echo(&mut store, 2, "x")
            .await
            .unwrap(),
        guest.call_recv(&mut store).await.unwrap().to_string(),
        guest
            .call_sum(&mut store, &[4, 5])
            .await
            .unwrap()
            .to_string(),
        format!(
            "{:?}",
            guest.call_reverse(&mut store, &[1, 2]).await.unwrap()
        ),
        format!("{:?}", guest.call_fail(&mut store, 1).await.unwrap()),
        format!("{:?}", guest.call_fail(&mut store, 5).await.unwrap()),
        app.test_asy_drive()
            .call_go(&mut store, 2)
            .await
            .unwrap()
            .to_string(),
        store.data().drops.to_string(),
    ]
}

#[tokio::test]
async fn a_boxed_dyn_host_gives_the_same_results_as_the_static_one() {
    let engine = Engine::default();
    let component = component(&engine);

    let (static_clock, tx) = clock(&Arc::default());
    let mut store = Store::new(&engine, state(Box::new(static_clock)));
    let app = App::instantiate_async(&mut store, &component, &linker(&engine))
        .await
        .unwrap();
    let from_static = script(store, app, tx).await;

    let (dyn_clock, tx) = clock(&Arc::default());
    let boxed: Box<dyn clock::DynHost> = Box::new(dyn_clock);
    let mut store = Store::new(&engine, state(boxed));
    let app = App::instantiate_async(&mut store, &component, &linker(&engine))
        .await
        .unwrap();
    let from_dyn = script(store, app, tx).await;

    assert_eq!(from_static, from_dyn);
    assert_eq!(from_dyn[0], "x!");
    assert_eq!(from_dyn[1], "99");
    assert_eq!(from_dyn[3], "[2, 1]");
    assert_eq!(from_dyn[4], "Err(\"one is odd\")");
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

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
fn traced_calls_record_arguments_and_results() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .without_time()
        .finish();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    // Global, not scoped: tracing caches each call site's interest, and
    // tests on other threads hit the same call sites.
    tracing::subscriber::set_global_default(subscriber).unwrap();
    rt.block_on(async {
        let (mut store, app, _tx) = instance().await;
        let guest = app.test_asy_clock();
        guest.call_sum(&mut store, &[1, 2, 3]).await.unwrap();
        guest.call_reverse(&mut store, &[4, 5]).await.unwrap();
        app.test_asy_plain().call_count(&mut store).await.unwrap();
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    let find = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{log}"))
    };
    // `tracing`: lists show as their length.
    let call = find("call xs=<list of 3 elements>");
    assert!(
        call.contains(r#"hostgen import{module="test:asy/clock" function="sum"}"#),
        "{call}"
    );
    find("return result=6");
    // `verbose_tracing`: lists in full.
    find("call xs=[4, 5]");
    find("return result=[5, 4]");
    // `plain` has no tracing flag.
    assert!(!log.contains("count"), "{log}");
}
