//! Counting heap allocations per call: a global allocator that counts, per
//! thread, every `alloc`, `alloc_zeroed` and `realloc`, and forwards to the
//! system allocator. A binary or test that installs it
//! (`#[global_allocator] static A: Counting = Counting;`) reads its thread's
//! count with [`allocations`]. Per thread, so tests running in parallel do
//! not see each other's allocations; every path measured here runs its host
//! calls on the calling thread (sync calls, and `block_on` on a
//! current-thread runtime for async ones).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    // Const-initialized and without a destructor: touching it never
    // allocates, so the allocator can use it.
    static COUNT: Cell<u64> = const { Cell::new(0) };
}

/// The counting allocator.
pub struct Counting;

fn count() {
    // `try_with`: during thread teardown the slot may be gone; those
    // allocations are not counted.
    let _ = COUNT.try_with(|c| c.set(c.get() + 1));
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged, so `System`'s guarantees are this allocator's; counting
// touches only a thread-local `Cell` and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded as is (see the impl).
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded as is (see the impl).
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded as is (see the impl).
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is (see the impl).
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// How many allocations this thread has made so far (0 unless [`Counting`]
/// is the global allocator).
pub fn allocations() -> u64 {
    COUNT.with(|c| c.get())
}
