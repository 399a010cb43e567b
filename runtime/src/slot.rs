//! Room for a dyn host's future, so that a dyn-compatible trait method can
//! hand back a future without allocating on every call (issue 15: the
//! `DynHost` companions).
//!
//! A trait object cannot return `impl Future`, and returning
//! `Pin<Box<dyn Future>>` allocates on every call. Instead the caller lends
//! the room: [`in_slot`] makes a small future that, on its first poll, lends
//! a [`SlotRef`] to the dyn method; the method moves its future in with
//! [`SlotRef::put`], which also polls it once, and returns the [`Placed`]
//! proof carrying that first poll's result.
//!
//! The room is a buffer of [`SLOT_BYTES`] taken from a per-thread pool of
//! spare buffers and given back when the future is dropped, so in the
//! steady state a call allocates nothing; a future that does not fit is
//! boxed. The room is not inside the calling future on purpose: that
//! future is itself boxed by `func_wrap_async`, and a room of a few hundred
//! bytes inside it would be copied into that box on every call.
//!
//! The first poll goes through the future's own type, inside the dyn
//! method, so a host future that completes at once (the common case) costs
//! one indirect call and is dropped right there. A pending one stays in the
//! buffer, is polled through a `dyn Future` pointer after that, and is
//! dropped in place when it completes or when the [`InSlot`] is dropped.
//!
//! Soundness rests on these, each argued at its `unsafe`:
//! - a buffer holding a future is owned by exactly one [`InSlot`] (through
//!   `stored`), or during the first poll by [`SlotRef::put`], and is heap
//!   memory, so the future never moves: it is pinned;
//! - a [`SlotRef`] cannot outlive the call it was lent to: it carries a
//!   lifetime `'s` that the method receives generically (`for<'s>`), so no
//!   place outside the call can name its type, and it is consumed by `put`;
//! - the stored future may borrow for `'a` and is dropped in place, at the
//!   latest in [`InSlot`]'s `Drop`, and `InSlot` carries `'a`, so the borrow
//!   checker keeps `'a` alive until then;
//! - the future is named by one owner at a time (`put`'s unwinding guard
//!   during the first poll, then `stored`), and `stored` is set to `Empty`
//!   before the future is dropped, so it is dropped exactly once even if
//!   its `poll` or its `Drop` panics (a panic in `Drop` gives the buffer
//!   back while unwinding, never frees it twice).
#![allow(unsafe_code)]

use std::future::Future;
use std::marker::PhantomData;
use std::mem::{ManuallyDrop, MaybeUninit, align_of, size_of};
use std::pin::Pin;
use std::ptr::NonNull;
use std::task::{Context, Poll};

/// Bytes of room: a future up to this size (and aligned to at most
/// `SLOT_ALIGN`) is stored without allocating; a larger one is boxed.
pub const SLOT_BYTES: usize = 1024;
/// The room's alignment.
pub const SLOT_ALIGN: usize = 16;

#[repr(C, align(16))]
struct Buf([MaybeUninit<u8>; SLOT_BYTES]);

/// The per-thread pool of spare buffers: a list threaded through the
/// buffers themselves (each spare one holds the pointer to the next), so
/// taking and giving back is a few loads and stores.
///
/// The list is in a thread-local without a destructor, which Rust reaches
/// with no check; a second thread-local, touched when a buffer is
/// allocated on a thread or a kept one is given back to it (the two ways a
/// buffer enters a thread's list), frees the list when the thread ends.
mod pool {
    use super::Buf;
    use std::cell::Cell;
    use std::mem::MaybeUninit;
    use std::ptr::NonNull;

    /// Spare buffers kept per thread: as many as futures of dyn hosts
    /// pending at once on one thread, usually one.
    const KEEP: usize = 8;

    /// A link of the list, written at the start of a spare buffer.
    type Link = Option<NonNull<Buf>>;

    thread_local! {
        static HEAD: Cell<Link> = const { Cell::new(None) };
        /// Spare buffers in the list, plus those lent by `take` and not
        /// yet given back or kept; `CLOSED` once the thread's cleanup ran.
        static LEN: Cell<usize> = const { Cell::new(0) };
        static CLEANUP: Cleanup = const { Cleanup };
    }

    /// Frees the thread's spare buffers when the thread ends.
    struct Cleanup;

    impl Drop for Cleanup {
        fn drop(&mut self) {
            LEN.set(CLOSED);
            while let Some(buf) = HEAD.get() {
                // SAFETY: a spare buffer is ours, made by `fresh`'s
                // `Box::leak`, and holds the next link at its start.
                unsafe {
                    HEAD.set(buf.cast::<Link>().read());
                    free(buf);
                }
            }
        }
    }

    /// `LEN` once the thread's cleanup has run: nothing is kept after it.
    const CLOSED: usize = usize::MAX / 2;

    /// A buffer, from the pool when it has one, for a future that is polled
    /// once right away: it goes back with [`give_back`] if that poll
    /// completes it, else the caller calls [`keep`] and later [`give`].
    ///
    /// `LEN` still counts the buffer until then (a lent buffer is usually
    /// back within the same call), so the common case does not touch it.
    #[inline(always)]
    pub(super) fn take() -> NonNull<Buf> {
        match HEAD.get() {
            Some(buf) => {
                // SAFETY: a spare buffer holds the next link at its start.
                HEAD.set(unsafe { buf.cast::<Link>().read() });
                buf
            }
            None => fresh(),
        }
    }

    #[cold]
    #[inline(never)]
    fn fresh() -> NonNull<Buf> {
        // Registers the cleanup (once per thread); during thread teardown
        // it may be gone, and `LEN` says to keep nothing then.
        let _ = CLEANUP.try_with(|_| ());
        // Counted as lent (see `take`).
        LEN.set(LEN.get() + 1);
        NonNull::from(Box::leak(Box::<MaybeUninit<Buf>>::new_uninit())).cast()
    }

    /// The buffer [`take`] lent stays with the caller: it stops counting.
    #[inline(always)]
    pub(super) fn keep() {
        LEN.set(LEN.get() - 1);
    }

    /// Gives back a buffer [`take`] lent, without [`keep`], holding nothing
    /// any more.
    ///
    /// # Safety
    /// `buf` came from [`take`], is not used after this, and holds no live
    /// value.
    #[inline(always)]
    pub(super) unsafe fn give_back(buf: NonNull<Buf>) {
        // `LEN` counts this buffer already.
        if LEN.get() <= KEEP {
            // SAFETY: by the caller.
            unsafe { link(buf) }
        } else {
            // SAFETY: by the caller; nothing else frees it.
            unsafe { drop_lent(buf) }
        }
    }

    /// Frees a lent buffer the pool has no room for (or the thread is
    /// ending), which then stops counting.
    ///
    /// # Safety
    /// As for [`give_back`].
    #[cold]
    #[inline(never)]
    unsafe fn drop_lent(buf: NonNull<Buf>) {
        LEN.set(LEN.get() - 1);
        // SAFETY: by the caller.
        unsafe { free(buf) }
    }

    /// Gives back a buffer [`take`] lent and the caller [`keep`]s, holding
    /// nothing any more.
    ///
    /// # Safety
    /// As for [`give_back`].
    #[inline(always)]
    pub(super) unsafe fn give(buf: NonNull<Buf>) {
        let len = LEN.get();
        // A thread may give back buffers it never took (a future started on
        // one thread and finished on another): the cleanup that frees them
        // is registered here too, not only in `fresh`. If it cannot be (the
        // thread is ending), the buffer is freed.
        if len < KEEP && CLEANUP.try_with(|_| ()).is_ok() {
            LEN.set(len + 1);
            // SAFETY: by the caller.
            unsafe { link(buf) }
        } else {
            // SAFETY: by the caller; nothing else frees it.
            unsafe { free(buf) }
        }
    }

    /// Puts `buf` at the head of the list.
    ///
    /// # Safety
    /// The buffer is ours (by the caller), holds no live value, and is at
    /// least a link's size and alignment.
    #[inline(always)]
    unsafe fn link(buf: NonNull<Buf>) {
        // SAFETY: by the caller.
        unsafe { buf.cast::<Link>().write(HEAD.get()) };
        HEAD.set(Some(buf));
    }

    /// Frees a buffer the pool does not keep (full, or the thread ending).
    ///
    /// # Safety
    /// As for [`give`].
    #[cold]
    #[inline(never)]
    unsafe fn free(buf: NonNull<Buf>) {
        #[cfg(test)]
        tests::FREED.lock().unwrap().push(buf.as_ptr() as usize);
        // SAFETY: `fresh` made it with `Box::leak` of this type.
        drop(unsafe { Box::from_raw(buf.cast::<MaybeUninit<Buf>>().as_ptr()) });
    }

    #[cfg(test)]
    pub(super) mod tests {
        use std::sync::Mutex;

        /// Every buffer freed, by address, on any thread.
        pub static FREED: Mutex<Vec<usize>> = Mutex::new(Vec::new());
    }
}

/// Makes a type invariant in `'l` (neither shortened nor widened).
type Invariant<'l> = fn(&'l ()) -> &'l ();

/// The stored future, erased to a trait object.
type DynFuture<'a, O> = dyn Future<Output = O> + Send + 'a;

/// What the slot holds.
enum Stored<'a, O> {
    /// Nothing: not placed yet, or the future completed and was dropped.
    Empty,
    /// A pending future, at the start of a pooled buffer (the pointer is
    /// the buffer's too).
    Pooled(NonNull<DynFuture<'a, O>>),
    /// A pending future that did not fit, in a `Box`.
    Boxed(Pin<Box<DynFuture<'a, O>>>),
}

/// The future [`in_slot`] returns: it calls `make` on its first poll, with
/// a [`SlotRef`], then polls what `make` placed.
#[must_use = "futures do nothing unless polled"]
pub struct InSlot<'a, O, F> {
    make: Option<F>,
    /// Dropped by hand, in `Drop`: the drop glue is then one inlined
    /// check, not a call (in the hot path the slot is `Empty` by then).
    stored: ManuallyDrop<Stored<'a, O>>,
}

// SAFETY: the only field that is not automatically `Send` is `stored`,
// whose raw pointers point at a `dyn Future + Send` in a buffer this
// `InSlot` owns. `make` is `Send` by the bound.
unsafe impl<O, F: Send> Send for InSlot<'_, O, F> {}

// The stored future is on the heap and `make` is never pinned: moving an
// `InSlot` moves neither.
impl<O, F> Unpin for InSlot<'_, O, F> {}

/// Lent to the method that fills an [`InSlot`]: [`put`](SlotRef::put) moves
/// a future into the slot and polls it once. `'s` brands the loan (the
/// method is generic over it, so the loan cannot be kept); `'a` bounds what
/// the future may borrow.
pub struct SlotRef<'s, 'a, O> {
    stored: NonNull<Stored<'a, O>>,
    /// The context of the poll that lent the slot. Its own lifetime is
    /// erased; it is only used during `put`, inside that poll.
    cx: NonNull<Context<'static>>,
    /// Invariant in `'s` and `'a`, so neither can be shortened or widened.
    _brand: PhantomData<(Invariant<'s>, Invariant<'a>)>,
}

/// Proof that a [`SlotRef`] was used, with the result of the placed
/// future's first poll: what the filling method returns.
pub struct Placed<'s, O> {
    first: Poll<O>,
    _brand: PhantomData<Invariant<'s>>,
}

impl<'s, 'a, O> SlotRef<'s, 'a, O> {
    /// Moves `future` into the slot (a pooled buffer when it fits, else a
    /// `Box`) and polls it once; a future that completes there is dropped
    /// at once.
    #[inline(always)]
    pub fn put<G>(self, future: G) -> Placed<'s, O>
    where
        G: Future<Output = O> + Send + 'a,
    {
        // SAFETY: `cx` is the context of the `InSlot::poll` that made this
        // `SlotRef`, which is still running: it is waiting for the call
        // `put` is part of. Nothing else uses it meanwhile.
        let cx = unsafe { self.cx.cast::<Context<'_>>().as_mut() };
        let stored = self.stored.as_ptr();
        let first = if size_of::<G>() <= SLOT_BYTES && align_of::<G>() <= SLOT_ALIGN {
            let buf = pool::take();
            let at = buf.cast::<G>();
            // SAFETY: `buf` is a buffer of `SLOT_BYTES` bytes aligned to
            // `SLOT_ALIGN` (checked above to fit `G`) that we hold.
            unsafe { at.as_ptr().write(future) };
            // If the poll panics, the future is dropped and the buffer
            // given back while unwinding; otherwise the guard is forgotten.
            let guard = Unwinding(at);
            // SAFETY: the future was just written to heap memory that does
            // not move and that it keeps until it is dropped in place.
            let first = unsafe { Pin::new_unchecked(&mut *at.as_ptr()) }.poll(cx);
            std::mem::forget(guard);
            if first.is_ready() {
                // The buffer goes back after the drop, also when the
                // future's `Drop` panics.
                let back = GiveBack(buf);
                // SAFETY: the future is ours, alive, and named nowhere else;
                // its borrows (`'a`) are alive, the `InSlot` carries them.
                // After the drop (returned or unwound) the buffer holds
                // nothing, which is what `back` needs.
                unsafe { std::ptr::drop_in_place(at.as_ptr()) };
                drop(back);
            } else {
                pool::keep();
                let future_ptr: NonNull<DynFuture<'a, O>> = at;
                // SAFETY: `stored` points at the `InSlot`'s `stored` field,
                // which nothing else reaches during the call that holds
                // this `SlotRef` (the `InSlot` is inside its own `poll`,
                // waiting for the call), and is `Empty`, so nothing is
                // overwritten without being dropped.
                unsafe { stored.write(Stored::Pooled(future_ptr)) };
            }
            first
        } else {
            let mut boxed: Pin<Box<G>> = Box::pin(future);
            let first = boxed.as_mut().poll(cx);
            if first.is_pending() {
                // SAFETY: as above, `stored` is ours and `Empty`.
                unsafe { stored.write(Stored::Boxed(boxed)) };
            }
            first
        };
        Placed {
            first,
            _brand: PhantomData,
        }
    }
}

/// What an [`InSlot`] runs on its first poll: it places a future in the
/// slot it is lent (and polls it once, through [`SlotRef::put`]).
pub trait Fill<'a, O> {
    /// Places the future in `slot`.
    fn fill<'s>(self, slot: SlotRef<'s, 'a, O>) -> Placed<'s, O>;
}

impl<'a, O, F> Fill<'a, O> for F
where
    F: for<'s> FnOnce(SlotRef<'s, 'a, O>) -> Placed<'s, O>,
{
    #[inline(always)]
    fn fill<'s>(self, slot: SlotRef<'s, 'a, O>) -> Placed<'s, O> {
        self(slot)
    }
}

/// A dyn companion's method to call with a host and its arguments: the
/// [`Fill`] of [`in_slot_call`]. A named type where a closure would be
/// one type per method for rustc to infer and check.
pub struct Call<'a, H: ?Sized, A, O> {
    host: &'a mut H,
    args: A,
    method: for<'s> fn(&'a mut H, A, SlotRef<'s, 'a, O>) -> Placed<'s, O>,
}

impl<'a, H: ?Sized, A, O> Fill<'a, O> for Call<'a, H, A, O> {
    #[inline(always)]
    fn fill<'s>(self, slot: SlotRef<'s, 'a, O>) -> Placed<'s, O> {
        (self.method)(self.host, self.args, slot)
    }
}

/// The future [`in_slot_call`] returns.
pub type InSlotCall<'a, H, A, O> = InSlot<'a, O, Call<'a, H, A, O>>;

/// A future that, on its first poll, lets `make` place a future in a slot
/// (and poll it once) and then polls that: the dyn companions' way to
/// return a future without a `Box`.
#[inline(always)]
pub fn in_slot<'a, O, F>(make: F) -> InSlot<'a, O, F>
where
    F: for<'s> FnOnce(SlotRef<'s, 'a, O>) -> Placed<'s, O>,
{
    InSlot {
        make: Some(make),
        stored: ManuallyDrop::new(Stored::Empty),
    }
}

/// [`in_slot`] for a call of the companion method `method` on `host` with
/// `args` (all the method's parameters but the slot, as one tuple). Its
/// type can be named, so a `from dyn` impl returns it as is, without an
/// opaque `impl Future` to infer and prove `Send` per method.
#[inline(always)]
pub fn in_slot_call<'a, H: ?Sized, A, O>(
    host: &'a mut H,
    args: A,
    method: for<'s> fn(&'a mut H, A, SlotRef<'s, 'a, O>) -> Placed<'s, O>,
) -> InSlotCall<'a, H, A, O> {
    InSlot {
        make: Some(Call { host, args, method }),
        stored: ManuallyDrop::new(Stored::Empty),
    }
}

impl<'a, O, F> Future for InSlot<'a, O, F>
where
    F: Fill<'a, O>,
{
    type Output = O;

    #[inline(always)]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        let this = self.get_mut();
        if let Some(make) = this.make.take() {
            let slot = SlotRef {
                stored: NonNull::from(&mut *this.stored),
                cx: NonNull::from(cx).cast(),
                _brand: PhantomData,
            };
            return make.fill(slot).first;
        }
        match &mut *this.stored {
            &mut Stored::Pooled(future) => {
                // SAFETY: `put` wrote a future of the pointer's type there,
                // in heap memory it keeps until it is dropped: pinned.
                let poll = unsafe { Pin::new_unchecked(&mut *future.as_ptr()) }.poll(cx);
                if poll.is_ready() {
                    // SAFETY: `stored` held it; its borrows are alive.
                    unsafe { finish(&mut *this.stored, future) };
                }
                poll
            }
            Stored::Boxed(future) => {
                let poll = future.as_mut().poll(cx);
                if poll.is_ready() {
                    // Drops the box.
                    *this.stored = Stored::Empty;
                }
                poll
            }
            // Completed already (or `make` panicked): polled again.
            Stored::Empty => panic!("a hostgen `InSlot` future was polled after it completed"),
        }
    }
}

impl<O, F> Drop for InSlot<'_, O, F> {
    #[inline(always)]
    fn drop(&mut self) {
        if !matches!(*self.stored, Stored::Empty) {
            self.drop_pending();
        }
    }
}

impl<O, F> InSlot<'_, O, F> {
    /// `Drop` for a slot still holding a pending future (cancelled).
    #[cold]
    #[inline(never)]
    fn drop_pending(&mut self) {
        match *self.stored {
            // SAFETY: `stored` stops naming the future first, so this is
            // its one drop, and its borrows are alive: `InSlot` carries
            // their lifetime `'a`.
            Stored::Pooled(future) => unsafe { finish(&mut *self.stored, future) },
            // SAFETY: `stored` is not used after this (we are in `Drop`).
            _ => unsafe { ManuallyDrop::drop(&mut self.stored) },
        }
    }
}

/// Drops a pooled future in place and gives its buffer back, after
/// setting `stored`, which named it, to `Empty` (a panic in the future's
/// `Drop` then gives the buffer back while unwinding, and never drops the
/// future twice).
///
/// # Safety
/// `stored` held `Pooled(future)`, and the future's borrows are alive.
#[inline(always)]
unsafe fn finish<O>(stored: *mut Stored<'_, O>, future: NonNull<DynFuture<'_, O>>) {
    // SAFETY: by the caller. Writing does not drop the old `Pooled` (it
    // has no drop glue anyway).
    unsafe { stored.write(Stored::Empty) };
    // The buffer starts where the future does.
    let back = Give(future.cast::<Buf>());
    // SAFETY: by the caller; after the drop (returned or unwound) the
    // buffer holds nothing, which is what `back` needs.
    unsafe { std::ptr::drop_in_place(future.as_ptr()) };
    drop(back);
}

/// Gives a buffer [`pool::take`] lent back to the pool when dropped, as
/// [`pool::give_back`] does: after its future was dropped, whether that
/// drop returned or panicked.
struct GiveBack(NonNull<Buf>);

impl Drop for GiveBack {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: made only right before the buffer's future is dropped in
        // place, the buffer then holding nothing; not used after.
        unsafe { pool::give_back(self.0) }
    }
}

/// As [`GiveBack`], for a buffer the caller [`pool::keep`]s
/// ([`pool::give`]).
struct Give(NonNull<Buf>);

impl Drop for Give {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: as for `GiveBack`.
        unsafe { pool::give(self.0) }
    }
}

/// Drops a pooled future whose first poll (inside [`SlotRef::put`])
/// panicked, and gives its buffer back.
struct Unwinding<G>(NonNull<G>);

impl<G> Drop for Unwinding<G> {
    #[cold]
    fn drop(&mut self) {
        // SAFETY: only reached while unwinding out of `put`'s first poll:
        // the future at `self.0` is alive, named nowhere else (`stored` is
        // still `Empty`), and its buffer came from `pool::take`.
        unsafe {
            std::ptr::drop_in_place(self.0.as_ptr());
            pool::give_back(self.0.cast());
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
            let pad = [by; 400];
            slot.put(async move {
                yield_once().await;
                pad.iter().sum()
            })
        }
    }

    fn bump(host: &mut dyn Counter, by: u32) -> impl Future<Output = u32> + Send + '_ {
        in_slot(move |slot| host.bump(by, slot))
    }

    /// What a generated `from dyn` method does: the companion method, its
    /// arguments as a tuple, as a fn pointer in a named future.
    fn bump_call<'a>(
        host: &'a mut (dyn Counter + 'a),
        by: u32,
    ) -> InSlotCall<'a, dyn Counter + 'a, (u32,), u32> {
        fn call<'s, 'b>(
            host: &'b mut (dyn Counter + 'b),
            (by,): (u32,),
            slot: SlotRef<'s, 'b, u32>,
        ) -> Placed<'s, u32> {
            host.bump(by, slot)
        }
        in_slot_call(host, (by,), call)
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
    fn a_named_call_polls_pending_pooled_and_boxed_futures_to_the_end() {
        fn is_send<F: Send>(f: F) -> F {
            f
        }
        let drops = Arc::new(AtomicUsize::new(0));
        let mut host = Host {
            n: 10,
            drops: drops.clone(),
        };
        assert_eq!(block_on(is_send(bump_call(&mut host, 5))), 15);
        assert_eq!(block_on(bump_call(&mut host, 1)), 16);
        assert_eq!(drops.load(Ordering::SeqCst), 2);
        let mut big = Big;
        assert_eq!(block_on(bump_call(&mut big, 2)), 800);
        // Cancelled while pending: the future is dropped with the call.
        let mut f = Box::pin(bump_call(&mut host, 1));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(f.as_mut().poll(&mut cx).is_pending());
        drop(f);
        assert_eq!(drops.load(Ordering::SeqCst), 3);
        assert_eq!(host.n, 16, "the cancelled call never added");
    }

    #[test]
    fn a_future_ready_at_once_is_dropped_inside_the_first_poll() {
        struct Ready(Arc<AtomicUsize>);
        impl Counter for Ready {
            fn bump<'s, 'a>(&'a mut self, by: u32, slot: SlotRef<'s, 'a, u32>) -> Placed<'s, u32> {
                let guard = CountDrop(self.0.clone());
                slot.put(async move {
                    let _guard = guard;
                    by + 1
                })
            }
        }
        let drops = Arc::new(AtomicUsize::new(0));
        let mut host = Ready(drops.clone());
        let mut f = Box::pin(bump(&mut host, 1));
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(f.as_mut().poll(&mut cx), Poll::Ready(2));
        assert_eq!(
            drops.load(Ordering::SeqCst),
            1,
            "dropped before the slot is"
        );
        drop(f);
        assert_eq!(drops.load(Ordering::SeqCst), 1, "and only once");
    }

    #[test]
    fn polling_after_completion_panics_with_a_message() {
        let mut host = Big;
        let mut f = Box::pin(bump(&mut host, 1));
        let mut cx = Context::from_waker(Waker::noop());
        while f.as_mut().poll(&mut cx).is_pending() {}
        let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = f.as_mut().poll(&mut cx);
        }))
        .unwrap_err();
        assert_eq!(
            payload.downcast_ref::<&str>(),
            Some(&"a hostgen `InSlot` future was polled after it completed")
        );
    }

    #[test]
    fn a_given_back_buffer_is_taken_again() {
        let a = pool::take();
        // SAFETY: from `take`, holding nothing, not used after.
        unsafe { pool::give_back(a) };
        let b = pool::take();
        assert_eq!(a, b, "the spare buffer is reused, not reallocated");
        // Kept, as for a pending future, and given back later.
        pool::keep();
        // SAFETY: as above.
        unsafe { pool::give(b) };
        let c = pool::take();
        assert_eq!(b, c);
        // SAFETY: as above.
        unsafe { pool::give_back(c) };
    }

    #[test]
    fn a_large_future_is_boxed() {
        assert_eq!(block_on(bump(&mut Big, 1)), 400);
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
    fn a_panic_in_the_first_poll_drops_the_future_and_gives_its_buffer_back() {
        /// Panics when polled; counts its drop (which the panic itself
        /// does not run, unlike an `async` block's locals).
        struct PanicsAtOnce(#[allow(dead_code)] CountDrop);
        impl Future for PanicsAtOnce {
            type Output = u32;
            fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
                panic!("first poll panicked")
            }
        }
        struct PanicHost(Arc<AtomicUsize>);
        impl Counter for PanicHost {
            fn bump<'s, 'a>(&'a mut self, _: u32, slot: SlotRef<'s, 'a, u32>) -> Placed<'s, u32> {
                slot.put(PanicsAtOnce(CountDrop(self.0.clone())))
            }
        }
        let drops = Arc::new(AtomicUsize::new(0));
        let mut host = PanicHost(drops.clone());
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            block_on(bump(&mut host, 1))
        }));
        assert_eq!(
            caught.unwrap_err().downcast_ref::<&str>(),
            Some(&"first poll panicked")
        );
        assert_eq!(drops.load(Ordering::SeqCst), 1, "dropped once, by `put`");
        // The buffer went back to this thread's pool (valgrind checks it
        // is not lost); the next call works as usual.
        let drops2 = Arc::new(AtomicUsize::new(0));
        let mut ok = Host {
            n: 0,
            drops: drops2.clone(),
        };
        assert_eq!(block_on(bump(&mut ok, 2)), 2);
        assert_eq!(drops2.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_thread_that_only_finishes_futures_frees_its_buffers_when_it_ends() {
        // Taken and kept on this thread (a future pending after its first
        // poll), given back on a thread that never allocated one.
        let buf = pool::take();
        pool::keep();
        let addr = buf.as_ptr() as usize;
        // Another test may have freed a buffer at this address before; none
        // can while this one lives.
        let frees = || {
            let freed = pool::tests::FREED.lock().unwrap();
            freed.iter().filter(|a| **a == addr).count()
        };
        let before = frees();
        std::thread::spawn(move || {
            let buf = NonNull::new(addr as *mut Buf).unwrap();
            // SAFETY: from `take`, kept, holding nothing, not used after.
            unsafe { pool::give(buf) };
        })
        .join()
        .unwrap();
        assert_eq!(
            frees(),
            before + 1,
            "the buffer is freed when the thread that holds it ends"
        );
    }

    #[test]
    fn a_ready_future_that_panics_in_drop_gives_its_buffer_back() {
        /// Ready at once; panics when dropped.
        struct PanicsInDrop;
        impl Future for PanicsInDrop {
            type Output = u32;
            fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
                Poll::Ready(1)
            }
        }
        impl Drop for PanicsInDrop {
            fn drop(&mut self) {
                panic!("drop panicked")
            }
        }
        struct Host;
        impl Counter for Host {
            fn bump<'s, 'a>(&'a mut self, _: u32, slot: SlotRef<'s, 'a, u32>) -> Placed<'s, u32> {
                slot.put(PanicsInDrop)
            }
        }
        // A buffer in this thread's pool first, so the call takes it.
        let spare = pool::take();
        // SAFETY: from `take`, holding nothing, not used after.
        unsafe { pool::give_back(spare) };
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            block_on(bump(&mut Host, 1))
        }));
        assert_eq!(
            caught.unwrap_err().downcast_ref::<&str>(),
            Some(&"drop panicked")
        );
        let again = pool::take();
        assert_eq!(again, spare, "the buffer is back in the pool");
        // SAFETY: as above.
        unsafe { pool::give_back(again) };
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
