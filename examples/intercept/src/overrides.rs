//! The overridden functions, and nothing else: `wasi:random/random` and
//! `wasi:clocks/wall-clock` are generated with `delegate:` pointing at
//! wasmtime-wasi's own bindings (`wasmtime_wasi::p2::bindings`), so each
//! interface gets a `HostDelegate` trait whose every method forwards to
//! wasmtime-wasi's implementation unless written here. Two are written
//! (deterministic bytes, a fixed time); `get-random-u64` and `resolution`
//! are forwarded with no line of code. The types are wasmtime-wasi's own
//! (`Datetime` is its record), so values pass through unconverted.
//!
//! The inner hosts are what wasmtime-wasi implements its traits for: its
//! `WasiRandomCtx` (reached with `WasiCtx::random`) and a
//! `WasiClocksCtxView<'_>` (from `WasiClocksView::clocks`, which it
//! implements for every `WasiView`).

use hostgen::wasmtime;

use crate::State;
use crate::deps::wasmtime_wasi;
use crate::wasi::clocks::wall_clock::{self, Datetime};
use crate::wasi::random::random;
use wasmtime_wasi::clocks::{WasiClocksCtxView, WasiClocksView};
use wasmtime_wasi::random::WasiRandomCtx;

/// What `wall-clock.now` returns: 2000-01-01 00:00:00.123456789 UTC.
pub const FIXED_NOW: Datetime = Datetime {
    seconds: 946_684_800,
    nanoseconds: 123_456_789,
};

/// The most bytes one `get-random-bytes` call gets (wasmtime-wasi has a
/// limit of its own, not public).
pub const MAX_RANDOM_BYTES: u64 = 1 << 16;

/// The overrides' state, kept in [`State`].
#[derive(Debug, Default)]
pub struct Overrides {
    /// The byte `get-random-bytes` returns next; it counts up, wrapping.
    next_byte: u8,
    /// Each overridden call served, e.g. `get-random-bytes(8)`.
    pub calls: Vec<String>,
}

/// The host of the overridden interfaces: the store data, seen through
/// the `*Delegate` traits. [`crate::linker`] serves the imports with
/// `hostgen::Delegate(Overriding { state })`.
pub struct Overriding<'a> {
    pub state: &'a mut State,
}

impl random::HostDelegate for Overriding<'_> {
    type Inner<'a>
        = &'a mut WasiRandomCtx
    where
        Self: 'a;
    fn inner(&mut self) -> &mut WasiRandomCtx {
        self.state.ctx.random()
    }

    /// Overridden: counting bytes, `00 01 02 ...`, continuing across calls.
    fn get_random_bytes(&mut self, len: u64) -> wasmtime::Result<Vec<u8>> {
        if len > MAX_RANDOM_BYTES {
            wasmtime::bail!("get-random-bytes: {len} bytes asked, at most {MAX_RANDOM_BYTES}");
        }
        let o = &mut self.state.overrides;
        o.calls.push(format!("get-random-bytes({len})"));
        let first = o.next_byte;
        o.next_byte = first.wrapping_add(len as u8);
        Ok((0..len).map(|i| first.wrapping_add(i as u8)).collect())
    }
}

impl wall_clock::HostDelegate for Overriding<'_> {
    type Inner<'a>
        = WasiClocksCtxView<'a>
    where
        Self: 'a;
    fn inner(&mut self) -> WasiClocksCtxView<'_> {
        self.state.clocks()
    }

    /// Overridden: always [`FIXED_NOW`].
    fn now(&mut self) -> wasmtime::Result<Datetime> {
        self.state.overrides.calls.push("now()".to_string());
        Ok(FIXED_NOW)
    }
}

/// The getter [`crate::linker`] links the overridden interfaces with.
pub fn host(state: &mut State) -> hostgen::Delegate<Overriding<'_>> {
    hostgen::Delegate(Overriding { state })
}
