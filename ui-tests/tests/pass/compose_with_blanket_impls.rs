#![deny(warnings)]
// `delegate:` and `either: true` next to what a library writes: with
// `skip_mut_forwarding_impls`, a blanket `impl<T: View> Host for T` and a
// blanket `impl<T: Policy> HostDelegate for T` both compile beside the
// generated `Host` impls for `hostgen::Delegate<T>` and
// `hostgen::Either<A, B>`, and a `Delegate` of a blanket-delegating type
// serves the import through a getter returning it by value.
use hostgen::wasmtime::component::Linker;

hostgen::bindgen!({
    inline: "
        package test:ui;
        interface counter {
            add: func(n: u32) -> u32;
            reset: func();
        }
        world w { import counter; }
    ",
    skip_mut_forwarding_impls: true,
    delegate: { "test:ui/counter": self },
    either: true,
});

use test::ui::counter;

/// A library's view of the store data.
pub trait View {
    fn total(&mut self) -> &mut u32;
}

// Without the `&mut` forwarding impls, `&mut H` is a `Host` only where the
// library says so: here through its view.
impl<V: View + ?Sized> View for &mut V {
    fn total(&mut self) -> &mut u32 {
        (**self).total()
    }
}

impl<T: View> counter::Host for T {
    fn add(&mut self, n: u32) -> u32 {
        *self.total() += n;
        *self.total()
    }
    fn reset(&mut self) {
        *self.total() = 0;
    }
}

/// A library's policy: caps every addition, forwards the rest.
pub trait Policy {
    type Counter: View;
    fn counter(&mut self) -> &mut Self::Counter;
    fn cap(&self) -> u32;
}

impl<T: Policy> counter::HostDelegate for T {
    type Inner<'a>
        = &'a mut T::Counter
    where
        Self: 'a;
    fn inner(&mut self) -> &mut T::Counter {
        self.counter()
    }
    fn add(&mut self, n: u32) -> u32 {
        let n = n.min(self.cap());
        counter::Host::add(self.counter(), n)
    }
}

pub struct Total(u32);

impl View for Total {
    fn total(&mut self) -> &mut u32 {
        &mut self.0
    }
}

pub struct Capped<'a> {
    total: &'a mut Total,
}

impl Policy for Capped<'_> {
    type Counter = Total;
    fn counter(&mut self) -> &mut Total {
        self.total
    }
    fn cap(&self) -> u32 {
        10
    }
}

pub struct State {
    total: Total,
}

fn capped(s: &mut State) -> hostgen::Delegate<Capped<'_>> {
    hostgen::Delegate(Capped {
        total: &mut s.total,
    })
}

pub fn link(linker: &mut Linker<State>) -> hostgen::wasmtime::Result<()> {
    counter::add_to_linker_get_host(linker, capped)
}

pub fn link_either(
    linker: &mut Linker<hostgen::Either<Total, hostgen::Delegate<Capped<'static>>>>,
) -> hostgen::wasmtime::Result<()> {
    counter::add_to_linker_mut(linker, |s: &mut hostgen::Either<_, _>| s)
}

fn main() {
    let mut state = State { total: Total(0) };
    let mut host = capped(&mut state);
    assert_eq!(counter::Host::add(&mut host, 50), 10);
}
