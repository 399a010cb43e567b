//! Counting heap allocations per call: a global allocator that counts, per
//! thread, every `alloc`, `alloc_zeroed` and `realloc`, and forwards to the
//! system allocator through a per-thread cache of freed blocks.
//!
//! The cache is there for `count.py`'s instruction counts: glibc's `malloc`
//! costs a different number of instructions for the same request depending
//! on the heap's history (a freed 4 KiB block merges with the top chunk or
//! not), which moved rows with big allocations by up to 20 % between paths
//! doing identical allocations. Freed blocks of up to 8 KiB are kept per
//! size class (powers of two) and handed out again last-in first-out, so an
//! allocation costs the same few instructions whatever came before. Every
//! path runs under the same allocator, and the allocation table shows they
//! allocate the same, so the comparison stays fair. Cached blocks are never
//! returned to the system (this is a benchmark allocator).
//!
//! A binary or test that installs it
//! (`#[global_allocator] static A: Counting = Counting;`) reads its thread's
//! count with [`allocations`]. Per thread, so tests running in parallel do
//! not see each other's allocations; every path measured here runs its host
//! calls on the calling thread (sync calls, and `block_on` on a
//! current-thread runtime for async ones).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Size classes 16, 32, ..., 8192 bytes.
const CLASSES: usize = 10;
const MIN_CLASS: usize = 16;
const ALIGN: usize = 16;

thread_local! {
    // Const-initialized and without a destructor: touching it never
    // allocates, so the allocator can use it.
    static COUNT: Cell<u64> = const { Cell::new(0) };
    /// Per size class, the last freed block (each cached block holds the
    /// pointer to the next at its start).
    static FREE: [Cell<*mut u8>; CLASSES] = const { [const { Cell::new(std::ptr::null_mut()) }; CLASSES] };
}

/// The counting allocator.
pub struct Counting;

fn count() {
    // `try_with`: during thread teardown the slot may be gone; those
    // allocations are not counted.
    let _ = COUNT.try_with(|c| c.set(c.get() + 1));
}

/// The cache's size class for `layout`, if it has one.
fn class(layout: Layout) -> Option<usize> {
    if layout.align() > ALIGN || layout.size() > MIN_CLASS << (CLASSES - 1) {
        return None;
    }
    let size = layout.size().max(MIN_CLASS).next_power_of_two();
    Some(size.trailing_zeros() as usize - MIN_CLASS.trailing_zeros() as usize)
}

/// The layout a block of size class `c` has in the system allocator.
fn class_layout(c: usize) -> Layout {
    // Sizes and alignment are powers of two within `isize`.
    Layout::from_size_align(MIN_CLASS << c, ALIGN).expect("a size class is a valid layout")
}

// SAFETY: a request with a size class gets a block of at least its size
// and alignment, either fresh from `System` (with the class's layout) or a
// freed block of that class, which nothing else uses any more (it was
// deallocated); `dealloc` gets back the same layout it was allocated with,
// so it finds the same class. Other requests are forwarded to `System`
// unchanged. Counting touches only thread-local `Cell`s and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        let Some(c) = class(layout) else {
            // SAFETY: forwarded as is (see the impl).
            return unsafe { System.alloc(layout) };
        };
        let cached = FREE
            .try_with(|free| {
                let block = free[c].get();
                if !block.is_null() {
                    // SAFETY: a cached block holds the next one's pointer.
                    free[c].set(unsafe { block.cast::<*mut u8>().read() });
                }
                block
            })
            .unwrap_or(std::ptr::null_mut());
        if cached.is_null() {
            // SAFETY: a non-zero size (at least `MIN_CLASS`).
            unsafe { System.alloc(class_layout(c)) }
        } else {
            cached
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else {
            // SAFETY: forwarded as is (see the impl).
            return unsafe { System.dealloc(ptr, layout) };
        };
        let kept = FREE.try_with(|free| {
            // SAFETY: the block is ours again and at least 16 bytes.
            unsafe { ptr.cast::<*mut u8>().write(free[c].get()) };
            free[c].set(ptr);
        });
        if kept.is_err() {
            // SAFETY: a block of this class came from `System` with the
            // class's layout.
            unsafe { System.dealloc(ptr, class_layout(c)) }
        }
    }
}

/// How many allocations this thread has made so far (0 unless [`Counting`]
/// is the global allocator).
pub fn allocations() -> u64 {
    COUNT.with(|c| c.get())
}
