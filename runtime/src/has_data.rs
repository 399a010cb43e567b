//! [`HasData`] and [`HasSelf`] for builds without wasmtime (`wasmi`
//! alone): the same trait and marker as `wasmtime::component`'s, so the
//! generated `add_to_linker::<T, D>(linker, getter)` reads the same on both
//! targets.

/// A marker naming what a `fn` getter returns from the store data: the
/// `D` of `add_to_linker::<T, D>(linker, getter)`, whose getter is
/// `fn(&mut T) -> D::Data<'_>`.
pub trait HasData: 'static {
    /// What the getter returns, borrowing the store data for `'a`.
    type Data<'a>;
}

/// The marker whose `Data` is the store data itself, `&mut T`:
/// `add_to_linker::<T, HasSelf<T>>(linker, |t| t)`.
pub struct HasSelf<T: ?Sized>(core::marker::PhantomData<T>);

impl<T: ?Sized + 'static> HasData for HasSelf<T> {
    type Data<'a> = &'a mut T;
}
