//! Hosts made of other hosts: [`Delegate`] (override some methods, forward
//! the rest) and [`Either`] (one of two hosts, chosen at run time,
//! dispatched without a vtable).

use core::ops::{Deref, DerefMut};

/// A host that serves an interface through its `HostDelegate` impl: every
/// method the impl writes is its own, every other one forwards to the inner
/// host `HostDelegate::inner` returns.
///
/// `bindgen!` generates `impl Host for Delegate<T>` (and each resource's
/// trait) for interfaces named in its `delegate:` option, for every
/// `T: HostDelegate`. Keep the host in the store data as a `Delegate<T>`,
/// or return one from an `add_to_linker_get_host` getter:
///
/// ```ignore
/// struct State { random: hostgen::Delegate<Deterministic> }
/// random::add_to_linker_mut(&mut linker, |s: &mut State| &mut s.random)?;
/// ```
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Delegate<T: ?Sized>(pub T);

impl<T> Delegate<T> {
    /// The host the delegate serves through.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: ?Sized> Deref for Delegate<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized> DerefMut for Delegate<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

/// One of two hosts, chosen at run time: a closed set of implementations
/// (an in-memory and a disk store, a real and a fake clock) dispatched by a
/// `match` the compiler can inline, with no `Box` and no vtable.
///
/// `bindgen!` generates `impl<A: Host, B: Host> Host for Either<A, B>` (and
/// for each resource's trait) with `either: true`. Nest it for more than
/// two: `Either<A, Either<B, C>>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Either<A, B> {
    /// The first host.
    Left(A),
    /// The second host.
    Right(B),
}
