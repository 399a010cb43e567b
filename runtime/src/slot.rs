//! Room for one future inside the future that awaits it, so that a
//! dyn-compatible trait method can hand back a future without a `Box`
//! (issue 15: the `DynHost` companions).
//!
//! A trait object cannot return `impl Future`, and returning
//! `Pin<Box<dyn Future>>` allocates on every call. Instead the caller owns
//! the storage: [`in_slot`] makes a future holding an inline buffer, and on
//! its first poll lends the buffer to the dyn method as a [`SlotRef`]; the
//! method moves its future in with [`SlotRef::put`] and returns the
//! [`Placed`] proof. The future then lives, pinned, in the buffer (or, when
//! it does not fit, in a `Box`), is polled through a `dyn Future` pointer,
//! and is dropped in place when the [`InSlot`] is.
//!
//! Soundness rests on three things, each argued at its `unsafe`:
//! - the buffer never moves while it holds a future: [`InSlot`] is
//!   `!Unpin` and only reached through `Pin`;
//! - a [`SlotRef`] cannot outlive the call it was lent to: it carries a
//!   lifetime `'s` that the method receives generically (`for<'s>`), so no
//!   place outside the call can name its type, and it is consumed by `put`;
//! - the stored future may borrow for `'a` and is dropped in
//!   [`InSlot`]'s `Drop`, and `InSlot` carries `'a`, so the borrow checker
//!   keeps `'a` alive until then.
#![allow(unsafe_code)]

use std::future::Future;
use std::marker::{PhantomData, PhantomPinned};
use std::mem::{MaybeUninit, align_of, size_of};
use std::pin::Pin;
use std::ptr::NonNull;
use std::task::{Context, Poll};

/// Bytes of inline room: a future up to this size (and aligned to at most
/// `SLOT_ALIGN`) is stored without allocating; a larger one is boxed.
pub const SLOT_BYTES: usize = 256;
/// The inline room's alignment.
pub const SLOT_ALIGN: usize = 16;

#[repr(C, align(16))]
struct Buf([MaybeUninit<u8>; SLOT_BYTES]);

/// Makes a type invariant in `'l` (neither shortened nor widened).
type Invariant<'l> = fn(&'l ()) -> &'l ();

/// The stored future, erased to a trait object.
type DynFuture<'a, O> = dyn Future<Output = O> + Send + 'a;

/// Where the stored future lives.
enum Stored<'a, O> {
    /// Not placed yet.
    Empty,
    /// In the buffer.
    Inline(NonNull<DynFuture<'a, O>>),
    /// In a `Box` (it did not fit).
    Boxed(Pin<Box<DynFuture<'a, O>>>),
}

/// The future [`in_slot`] returns: it calls `make` on its first poll, with
/// a [`SlotRef`] to its own buffer, then polls what `make` placed there.
#[must_use = "futures do nothing unless polled"]
pub struct InSlot<'a, O, F> {
    make: Option<F>,
    stored: Stored<'a, O>,
    buf: Buf,
    /// The buffer is pointed to by `stored`: never move it.
    _pinned: PhantomPinned,
}

// SAFETY: the only fields that are not automatically `Send` are the raw
// pointer in `Stored::Inline`, which points at a `dyn Future + Send` in
// our own buffer, and the buffer's bytes, which hold only that future.
// `make` is `Send` by the bound.
unsafe impl<O, F: Send> Send for InSlot<'_, O, F> {}

/// Lent to the method that fills an [`InSlot`]: [`put`](SlotRef::put) moves
/// a future into the slot. `'s` brands the loan (the method is generic
/// over it, so the loan cannot be kept); `'a` bounds what the future may
/// borrow.
pub struct SlotRef<'s, 'a, O> {
    buf: NonNull<Buf>,
    stored: NonNull<Stored<'a, O>>,
    /// Invariant in `'s` and `'a`, so neither can be shortened or widened.
    _brand: PhantomData<(Invariant<'s>, Invariant<'a>)>,
}

/// Proof that a [`SlotRef`] was used: what the filling method returns.
pub struct Placed<'s, O> {
    _brand: PhantomData<(Invariant<'s>, fn() -> O)>,
}

impl<'s, 'a, O> SlotRef<'s, 'a, O> {
    /// Moves `future` into the slot (inline when it fits, else boxed).
    #[inline(always)]
    pub fn put<G>(self, future: G) -> Placed<'s, O>
    where
        G: Future<Output = O> + Send + 'a,
    {
        let stored = if size_of::<G>() <= SLOT_BYTES && align_of::<G>() <= SLOT_ALIGN {
            let at = self.buf.cast::<G>();
            // SAFETY: `buf` points at the slot's buffer, which is valid for
            // `SLOT_BYTES` bytes aligned to `SLOT_ALIGN` (checked above to
            // fit `G`), pinned (the `InSlot` is), and holds nothing: a
            // `SlotRef` is made once per slot, while `stored` is `Empty`,
            // and `put` consumes it.
            unsafe { at.as_ptr().write(future) };
            let dyn_ptr: NonNull<DynFuture<'a, O>> = at;
            Stored::Inline(dyn_ptr)
        } else {
            Stored::Boxed(Box::pin(future))
        };
        // SAFETY: `stored` points at the slot's `stored` field, which
        // nothing else reaches during the call that holds this `SlotRef`
        // (the `InSlot` is inside its own `poll`, waiting for the call).
        // It is `Empty`, so nothing is overwritten without being dropped.
        unsafe { self.stored.as_ptr().write(stored) };
        Placed {
            _brand: PhantomData,
        }
    }
}

/// A future that, on its first poll, lets `make` place a future in its
/// inline room and then polls that: the dyn companions' way to return a
/// future without a `Box`.
#[inline(always)]
pub fn in_slot<'a, O, F>(make: F) -> InSlot<'a, O, F>
where
    F: for<'s> FnOnce(SlotRef<'s, 'a, O>) -> Placed<'s, O>,
{
    InSlot {
        make: Some(make),
        stored: Stored::Empty,
        buf: Buf([MaybeUninit::uninit(); SLOT_BYTES]),
        _pinned: PhantomPinned,
    }
}

impl<'a, O, F> Future for InSlot<'a, O, F>
where
    F: for<'s> FnOnce(SlotRef<'s, 'a, O>) -> Placed<'s, O>,
{
    type Output = O;

    #[inline(always)]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        // SAFETY: nothing is moved out of `this`: `make` is taken (it is
        // not pinned data), the buffer and `stored` are only written
        // through the `SlotRef` and read in place.
        let this = unsafe { self.get_unchecked_mut() };
        if let Some(make) = this.make.take() {
            let slot = SlotRef {
                buf: NonNull::from(&mut this.buf),
                stored: NonNull::from(&mut this.stored),
                _brand: PhantomData,
            };
            let _: Placed<'_, O> = make(slot);
        }
        match &mut this.stored {
            // SAFETY: `put` wrote a future of the pointer's type there; the
            // buffer is pinned with `self` and the future stays until
            // `drop`, so pinning it is sound.
            Stored::Inline(at) => unsafe { Pin::new_unchecked(at.as_mut()) }.poll(cx),
            Stored::Boxed(future) => future.as_mut().poll(cx),
            // `make` returned without `put`: impossible, `Placed` is only
            // made by `put`. A panic in `make` leaves `Empty` and unwinds.
            Stored::Empty => unreachable!("a Placed is only made by SlotRef::put"),
        }
    }
}

impl<O, F> Drop for InSlot<'_, O, F> {
    fn drop(&mut self) {
        if let Stored::Inline(at) = self.stored {
            // SAFETY: the future `put` wrote is there, was never dropped
            // (this is the only place that drops it, and `stored` is reset
            // first so it happens once), and the borrows it holds are alive:
            // `InSlot` carries their lifetime `'a`.
            self.stored = Stored::Empty;
            unsafe { std::ptr::drop_in_place(at.as_ptr()) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Waker;

    /// A dyn-compatible trait in the companions' shape.
    trait Counter: Send {
        fn bump<'s, 'a>(&'a mut self, by: u32, slot: SlotRef<'s, 'a, u32>) -> Placed<'s, u32>;
    }

    /// Pending once, then adds `by` to `n`.
    struct Host {
        n: u32,
        drops: Arc<AtomicUsize>,
    }

    struct CountDrop(Arc<AtomicUsize>);
    impl Drop for CountDrop {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    async fn yield_once() {
        let mut done = false;
        std::future::poll_fn(|cx| {
            if done {
                Poll::Ready(())
            } else {
                done = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await
    }

    impl Counter for Host {
        fn bump<'s, 'a>(&'a mut self, by: u32, slot: SlotRef<'s, 'a, u32>) -> Placed<'s, u32> {
            let guard = CountDrop(self.drops.clone());
            slot.put(async move {
                let _guard = guard;
                yield_once().await;
                self.n += by;
                self.n
            })
        }
    }

    /// A host whose future does not fit inline.
    struct Big;
    impl Counter for Big {
        fn bump<'s, 'a>(&'a mut self, by: u32, slot: SlotRef<'s, 'a, u32>) -> Placed<'s, u32> {
            let pad = [by; 200];
            slot.put(async move {
                yield_once().await;
                pad.iter().sum()
            })
        }
    }

    fn bump(host: &mut dyn Counter, by: u32) -> impl Future<Output = u32> + Send + '_ {
        in_slot(move |slot| host.bump(by, slot))
    }

    fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = std::pin::pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn a_small_future_runs_inline_and_is_dropped_once() {
        let drops = Arc::new(AtomicUsize::new(0));
        let mut host = Host {
            n: 1,
            drops: drops.clone(),
        };
        assert_eq!(block_on(bump(&mut host, 2)), 3);
        assert_eq!(block_on(bump(&mut host, 4)), 7);
        assert_eq!(drops.load(Ordering::SeqCst), 2);
        assert_eq!(host.n, 7);
    }

    #[test]
    fn a_large_future_is_boxed() {
        assert_eq!(block_on(bump(&mut Big, 1)), 200);
    }

    #[test]
    fn dropping_before_the_first_poll_drops_nothing_placed() {
        let drops = Arc::new(AtomicUsize::new(0));
        let mut host = Host {
            n: 0,
            drops: drops.clone(),
        };
        drop(bump(&mut host, 1));
        assert_eq!(drops.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn dropping_a_pending_future_drops_it_in_place() {
        let drops = Arc::new(AtomicUsize::new(0));
        let mut host = Host {
            n: 0,
            drops: drops.clone(),
        };
        {
            let mut f = Box::pin(bump(&mut host, 1));
            let mut cx = Context::from_waker(Waker::noop());
            assert!(f.as_mut().poll(&mut cx).is_pending());
        }
        assert_eq!(drops.load(Ordering::SeqCst), 1);
        assert_eq!(host.n, 0, "never completed");
    }

    #[test]
    fn a_panic_in_the_stored_future_unwinds_and_drops_it() {
        struct Panics(Arc<AtomicUsize>);
        impl Counter for Panics {
            fn bump<'s, 'a>(&'a mut self, _: u32, slot: SlotRef<'s, 'a, u32>) -> Placed<'s, u32> {
                let guard = CountDrop(self.0.clone());
                slot.put(async move {
                    let _guard = guard;
                    yield_once().await;
                    panic!("host panicked")
                })
            }
        }
        let drops = Arc::new(AtomicUsize::new(0));
        let mut host = Panics(drops.clone());
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            block_on(bump(&mut host, 1))
        }));
        assert!(caught.is_err());
        assert_eq!(drops.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn the_stored_future_may_borrow_the_caller() {
        // Not `Send`-relevant here: a borrow of a local, dropped after.
        let seen = Rc::new(Cell::new(0));
        let mut host = Host {
            n: 10,
            drops: Arc::new(AtomicUsize::new(0)),
        };
        let v = block_on(bump(&mut host, 5));
        seen.set(v);
        assert_eq!(seen.get(), 15);
    }
}
