//! How Rust values become `wasm_component_layer` values and back: the
//! wasmi target's counterpart of wasmtime's `ComponentType`, `Lift` and
//! `Lower`.
//!
//! wasm_component_layer carries every value as a dynamic [`Value`] whose
//! type is a [`ValueType`] checked structurally (records by field names and
//! types, variants by case names and payloads). A generated type describes
//! itself with [`Ty`], reads itself out of a `Value` with [`Lift`] and
//! writes itself with [`Lower`]; the impls come from this target's
//! `record!`, `variant!`, `enum_!` and `flags!` (`abi.rs`), which take the
//! same input as the wasmtime target's.
//!
//! A type that holds a resource handle is only known once the instance's
//! resource types are, so [`Ty::ty`] takes them ([`Types`]); lifting and
//! lowering take the store as a [`Cx`] (the types, and the handles).
//!
//! A function's parameters and results travel as a slice of `Value`s:
//! [`LiftList`] and [`LowerList`] read and write tuples of values there.
//!
//! Implemented here: the primitives, `String` (and `str` to lower),
//! references (to lower), `Vec<T>` (and `[T]` to lower), `Option<T>`,
//! `Result<T, E>` (either side `()` for a WIT `result` without that
//! payload, through [`Payload`]) and tuples of 1 to 16 elements.
//!
//! A lift checks the shape of every value it reads, and fails with an
//! error naming what it expected and what it found; it never panics. It
//! does not compare whole types: a `none`, or an empty list, of another
//! element type lifts, since it holds nothing to misread. What gives a
//! value its meaning is checked: a record's field names, and a variant's,
//! enum's or flags type's case names in order (`abi.rs`).

use super::cx::{Cx, Types};
use anyhow::{Error, Result, anyhow, bail};
use std::fmt::Display;
use std::sync::Arc;
use wasm_component_layer::{
    List, ListType, OptionType, OptionValue, ResultType, ResultValue, Tuple, TupleType, Value,
    ValueType,
};

/// A Rust type with a component-model type.
pub trait Ty {
    /// The component-model type of `Self`, given the instance's resource
    /// types.
    fn ty(types: &Types) -> ValueType;
}

/// A type read out of a component-model value.
pub trait Lift: Ty + Sized {
    /// Reads `Self` out of `value`, or fails (naming what was expected) when
    /// the value has another shape.
    fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self>;

    /// Reads a list of `Self`. Element by element unless overridden: the
    /// primitives copy the layer's unboxed slice at once.
    fn lift_vec(cx: &mut dyn Cx, list: &List) -> Result<Vec<Self>> {
        // One pass; `iter` yields each element by value (a copy of a
        // primitive, a reference count for the rest).
        list.iter().map(|v| Self::lift(cx, &v)).collect()
    }
}

/// A type written as a component-model value.
pub trait Lower: Ty {
    /// Writes `self` as a value of type `Self::ty(cx.types())`.
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value>;

    /// Writes a list of `Self`. Element by element unless overridden: the
    /// primitives hand the layer the slice at once.
    fn lower_slice(cx: &mut dyn Cx, items: &[Self]) -> Result<Value>
    where
        Self: Sized,
    {
        let values = items
            .iter()
            .map(|v| v.lower(cx))
            .collect::<Result<Vec<_>>>()?;
        // `List::new` checks each element against the element type (and
        // stores a list of primitives unboxed), in one pass.
        Ok(Value::List(List::new(
            ListType::new(Self::ty(cx.types())),
            values,
        )?))
    }
}

/// A tuple of values read out of a slice of `Value`s, one per element, in
/// order: a host function's parameters, an export's results.
pub trait LiftList: Sized {
    /// How many elements.
    const LEN: usize;
    /// The types of the elements, in order.
    fn tys(types: &Types) -> Vec<ValueType>;
    /// Reads the elements out of `values` (exactly as many as elements).
    fn lift_list(cx: &mut dyn Cx, values: &[Value]) -> Result<Self>;
}

/// A tuple of values written to a slice of `Value`s, one per element, in
/// order: an export's parameters.
pub trait LowerList {
    /// How many elements.
    const LEN: usize;
    /// The types of the elements, in order.
    fn tys(types: &Types) -> Vec<ValueType>;
    /// Writes the elements to `out` (exactly as many slots as elements).
    fn lower_list(&self, cx: &mut dyn Cx, out: &mut [Value]) -> Result<()>;
}

/// The error for `found` where a value of type `expected` was wanted:
/// "expected a `u32`, found a `string`".
#[cold]
pub fn mismatch(expected: &dyn Display, found: &Value) -> Error {
    anyhow!("expected a `{expected}`, found a `{}`", found.ty())
}

/// The error for `found` where a `T` was wanted (see [`mismatch`]), `T`'s
/// type read with the instance's resource types `types`.
#[cold]
pub fn unexpected<T: Ty + ?Sized>(types: &Types, found: &Value) -> Error {
    mismatch(&T::ty(types), found)
}

/// The primitives: each one `Value` case and one `ValueType`.
macro_rules! primitives {
    ($($t:ty => $case:ident),* $(,)?) => {$(
        impl Ty for $t {
            fn ty(_: &Types) -> ValueType {
                ValueType::$case
            }
        }

        impl Lift for $t {
            fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self> {
                match value {
                    Value::$case(v) => Ok(*v),
                    other => Err(unexpected::<Self>(cx.types(), other)),
                }
            }

            fn lift_vec(cx: &mut dyn Cx, list: &List) -> Result<Vec<Self>> {
                match list.typed::<$t>() {
                    Ok(items) => Ok(items.to_vec()),
                    // Another element type: element by element, for the
                    // error naming the first that is not a `$t`.
                    Err(_) => list.iter().map(|v| Self::lift(cx, &v)).collect(),
                }
            }
        }

        impl Lower for $t {
            fn lower(&self, _: &mut dyn Cx) -> Result<Value> {
                Ok(Value::$case(*self))
            }

            fn lower_slice(_: &mut dyn Cx, items: &[Self]) -> Result<Value> {
                Ok(Value::List(List::from(items)))
            }
        }
    )*};
}

primitives! {
    bool => Bool,
    u8 => U8,
    u16 => U16,
    u32 => U32,
    u64 => U64,
    i8 => S8,
    i16 => S16,
    i32 => S32,
    i64 => S64,
    f32 => F32,
    f64 => F64,
    char => Char,
}

impl Ty for String {
    fn ty(_: &Types) -> ValueType {
        ValueType::String
    }
}

impl Lift for String {
    fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self> {
        match value {
            Value::String(s) => Ok(String::from(&**s)),
            other => Err(unexpected::<Self>(cx.types(), other)),
        }
    }
}

impl Lower for String {
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
        self.as_str().lower(cx)
    }
}

impl Ty for str {
    fn ty(_: &Types) -> ValueType {
        ValueType::String
    }
}

impl Lower for str {
    fn lower(&self, _: &mut dyn Cx) -> Result<Value> {
        Ok(Value::String(Arc::from(self)))
    }
}

// References lower as what they point to: an export's borrowed
// parameters (`&str`, `&[T]`, `&Record`).
impl<T: Ty + ?Sized> Ty for &T {
    fn ty(types: &Types) -> ValueType {
        T::ty(types)
    }
}

impl<T: Lower + ?Sized> Lower for &T {
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
        (**self).lower(cx)
    }
}

impl<T: Ty> Ty for Vec<T> {
    fn ty(types: &Types) -> ValueType {
        ValueType::List(ListType::new(T::ty(types)))
    }
}

impl<T: Lift> Lift for Vec<T> {
    fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self> {
        match value {
            Value::List(list) => T::lift_vec(cx, list),
            other => Err(unexpected::<Self>(cx.types(), other)),
        }
    }
}

impl<T: Lower> Lower for Vec<T> {
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
        self.as_slice().lower(cx)
    }
}

impl<T: Ty> Ty for [T] {
    fn ty(types: &Types) -> ValueType {
        ValueType::List(ListType::new(T::ty(types)))
    }
}

impl<T: Lower> Lower for [T] {
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
        T::lower_slice(cx, self)
    }
}

impl<T: Ty> Ty for Option<T> {
    fn ty(types: &Types) -> ValueType {
        ValueType::Option(OptionType::new(T::ty(types)))
    }
}

impl<T: Lift> Lift for Option<T> {
    fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self> {
        match value {
            Value::Option(o) => match &**o {
                Some(v) => Ok(Some(T::lift(cx, v)?)),
                None => Ok(None),
            },
            other => Err(unexpected::<Self>(cx.types(), other)),
        }
    }
}

impl<T: Lower> Lower for Option<T> {
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
        let value = match self {
            Some(v) => Some(v.lower(cx)?),
            None => None,
        };
        Ok(Value::Option(OptionValue::new(
            OptionType::new(T::ty(cx.types())),
            value,
        )?))
    }
}

/// One side of a WIT `result`: `()` for none (`result<_, E>`'s ok side,
/// a bare `result`'s both), any [`Ty`] for a payload of that type.
///
/// `()` is not a `Ty` (WIT has no unit type, and `Ty` is this crate's, so
/// no other crate can make it one), which is what lets the two impls
/// below stand side by side.
pub trait Payload {
    /// The payload's type, `None` for none.
    fn payload_ty(types: &Types) -> Option<ValueType>;
}

/// A [`Payload`] read out of a `result`'s case.
pub trait LiftPayload: Payload + Sized {
    /// Reads the payload out of `value`, failing when there is one where
    /// none is expected or the other way round.
    fn lift_payload(cx: &mut dyn Cx, value: Option<&Value>) -> Result<Self>;
}

/// A [`Payload`] written as a `result`'s case.
pub trait LowerPayload: Payload {
    /// Writes the payload, `None` for none.
    fn lower_payload(&self, cx: &mut dyn Cx) -> Result<Option<Value>>;
}

impl Payload for () {
    fn payload_ty(_: &Types) -> Option<ValueType> {
        None
    }
}

impl<T: Ty + ?Sized> Payload for T {
    fn payload_ty(types: &Types) -> Option<ValueType> {
        Some(T::ty(types))
    }
}

impl LiftPayload for () {
    fn lift_payload(_: &mut dyn Cx, value: Option<&Value>) -> Result<Self> {
        match value {
            None => Ok(()),
            Some(v) => bail!("expected no payload, found a `{}`", v.ty()),
        }
    }
}

impl<T: Lift> LiftPayload for T {
    fn lift_payload(cx: &mut dyn Cx, value: Option<&Value>) -> Result<Self> {
        match value {
            Some(v) => T::lift(cx, v),
            None => bail!("expected a `{}`, found no payload", T::ty(cx.types())),
        }
    }
}

impl LowerPayload for () {
    fn lower_payload(&self, _: &mut dyn Cx) -> Result<Option<Value>> {
        Ok(None)
    }
}

impl<T: Lower + ?Sized> LowerPayload for T {
    fn lower_payload(&self, cx: &mut dyn Cx) -> Result<Option<Value>> {
        Ok(Some(self.lower(cx)?))
    }
}

impl<T: Payload, E: Payload> Ty for core::result::Result<T, E> {
    fn ty(types: &Types) -> ValueType {
        ValueType::Result(ResultType::new(T::payload_ty(types), E::payload_ty(types)))
    }
}

impl<T: LiftPayload, E: LiftPayload> Lift for core::result::Result<T, E> {
    fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self> {
        match value {
            Value::Result(r) => Ok(match &**r {
                Ok(v) => Ok(T::lift_payload(cx, v.as_ref())?),
                Err(v) => Err(E::lift_payload(cx, v.as_ref())?),
            }),
            other => Err(unexpected::<Self>(cx.types(), other)),
        }
    }
}

impl<T: LowerPayload, E: LowerPayload> Lower for core::result::Result<T, E> {
    fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
        let value = match self {
            Ok(v) => Ok(v.lower_payload(cx)?),
            Err(v) => Err(v.lower_payload(cx)?),
        };
        let types = cx.types();
        let ty = ResultType::new(T::payload_ty(types), E::payload_ty(types));
        Ok(Value::Result(ResultValue::new(ty, value)?))
    }
}

/// The error for a list of `found` values where `expected` were wanted.
#[cold]
fn wrong_count(expected: usize, found: usize) -> Error {
    anyhow!("expected {expected} values, found {found}")
}

impl LiftList for () {
    const LEN: usize = 0;

    fn tys(_: &Types) -> Vec<ValueType> {
        Vec::new()
    }

    fn lift_list(_: &mut dyn Cx, values: &[Value]) -> Result<Self> {
        match values {
            [] => Ok(()),
            _ => Err(wrong_count(0, values.len())),
        }
    }
}

impl LowerList for () {
    const LEN: usize = 0;

    fn tys(_: &Types) -> Vec<ValueType> {
        Vec::new()
    }

    fn lower_list(&self, _: &mut dyn Cx, out: &mut [Value]) -> Result<()> {
        match out {
            [] => Ok(()),
            _ => Err(wrong_count(0, out.len())),
        }
    }
}

/// Tuples: a WIT `tuple<..>` (`Ty`, `Lift`, `Lower`) and a list of values
/// (`LiftList`, `LowerList`), elements `A`, `B`, .. at indices 0, 1, ...
macro_rules! tuples {
    ($(($($t:ident $i:tt),+))*) => {$(
        impl<$($t: Ty),+> Ty for ($($t,)+) {
            fn ty(types: &Types) -> ValueType {
                ValueType::Tuple(TupleType::new(None, [$($t::ty(types)),+]))
            }
        }

        impl<$($t: Lift),+> Lift for ($($t,)+) {
            fn lift(cx: &mut dyn Cx, value: &Value) -> Result<Self> {
                const LEN: usize = [$($i),+].len();
                match value {
                    Value::Tuple(t) if t.len() == LEN => Ok(($($t::lift(cx, &t[$i])?,)+)),
                    other => Err(unexpected::<Self>(cx.types(), other)),
                }
            }
        }

        impl<$($t: Lower),+> Lower for ($($t,)+) {
            fn lower(&self, cx: &mut dyn Cx) -> Result<Value> {
                let types = cx.types();
                let ty = TupleType::new(None, [$($t::ty(types)),+]);
                Ok(Value::Tuple(Tuple::new(ty, [$(self.$i.lower(cx)?),+])?))
            }
        }

        impl<$($t: Lift),+> LiftList for ($($t,)+) {
            const LEN: usize = [$($i),+].len();

            fn tys(types: &Types) -> Vec<ValueType> {
                vec![$($t::ty(types)),+]
            }

            fn lift_list(cx: &mut dyn Cx, values: &[Value]) -> Result<Self> {
                if values.len() != Self::LEN {
                    return Err(wrong_count(Self::LEN, values.len()));
                }
                Ok(($($t::lift(cx, &values[$i])?,)+))
            }
        }

        impl<$($t: Lower),+> LowerList for ($($t,)+) {
            const LEN: usize = [$($i),+].len();

            fn tys(types: &Types) -> Vec<ValueType> {
                vec![$($t::ty(types)),+]
            }

            fn lower_list(&self, cx: &mut dyn Cx, out: &mut [Value]) -> Result<()> {
                if out.len() != Self::LEN {
                    return Err(wrong_count(Self::LEN, out.len()));
                }
                $(out[$i] = self.$i.lower(cx)?;)+
                Ok(())
            }
        }
    )*};
}

tuples! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14, P 15)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::fmt::Debug;
    use wasm_component_layer::{ResourceBorrow, ResourceOwn, ResourceType};

    /// A [`Cx`] without a store: resource types only, and no handles.
    #[derive(Default)]
    pub(crate) struct NoStore {
        pub(crate) types: Types,
    }

    impl Cx for NoStore {
        fn types(&self) -> &Types {
            &self.types
        }

        fn take_own(&mut self, _: &ResourceOwn) -> Result<u32> {
            Err(anyhow!("no store in this test"))
        }

        fn borrowed(&mut self, _: &ResourceBorrow) -> Result<u32> {
            Err(anyhow!("no store in this test"))
        }

        fn new_own(&mut self, _: u32, _: ResourceType) -> Result<ResourceOwn> {
            Err(anyhow!("no store in this test"))
        }

        fn keep_guest(&mut self, _: ResourceOwn) -> Result<(u64, u32)> {
            Err(anyhow!("no store in this test"))
        }

        fn guest(&mut self, _: u64, _: u32) -> Result<ResourceOwn> {
            Err(anyhow!("no store in this test"))
        }
    }

    /// Lowers `v`, checks the value has type `T::ty()`, lifts it back and
    /// checks it is `v` again, without a store.
    pub(crate) fn roundtrip<T: Lift + Lower + PartialEq + Debug>(v: T) {
        let cx = &mut NoStore::default();
        let value = v.lower(cx).unwrap();
        assert_eq!(value.ty(), T::ty(cx.types()), "{v:?}");
        assert_eq!(T::lift(cx, &value).unwrap(), v);
    }

    /// The error text of lifting a `T` from `value`, without a store.
    pub(crate) fn lift_error<T: Lift + Debug>(value: &Value) -> String {
        T::lift(&mut NoStore::default(), value)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn primitives_round_trip() {
        let cx = &mut NoStore::default();
        roundtrip(true);
        roundtrip(false);
        roundtrip(u8::MAX);
        roundtrip(u16::MAX);
        roundtrip(u32::MAX);
        roundtrip(u64::MAX);
        roundtrip(i8::MIN);
        roundtrip(i16::MIN);
        roundtrip(i32::MIN);
        roundtrip(i64::MIN);
        roundtrip(1.5f32);
        roundtrip(-0.25f64);
        roundtrip(f64::INFINITY);
        roundtrip('a');
        roundtrip('\0');
        roundtrip(char::MAX);
        roundtrip('ø');
        assert_eq!(u8::ty(cx.types()), ValueType::U8);
        assert_eq!(i8::ty(cx.types()), ValueType::S8);
        assert_eq!(i64::ty(cx.types()), ValueType::S64);
        assert_eq!(f32::ty(cx.types()), ValueType::F32);
        assert_eq!(char::ty(cx.types()), ValueType::Char);
    }

    #[test]
    fn nan_keeps_its_bits() {
        let cx = &mut NoStore::default();
        let nan = f32::from_bits(0x7fc0_0001);
        let value = nan.lower(cx).unwrap();
        let back = f32::lift(cx, &value).unwrap();
        assert_eq!(back.to_bits(), nan.to_bits());
        let value = f64::NAN.lower(cx).unwrap();
        let back = f64::lift(cx, &value).unwrap();
        assert!(back.is_nan());
    }

    #[test]
    fn strings_round_trip() {
        let cx = &mut NoStore::default();
        roundtrip(String::new());
        roundtrip(String::from("héllo, wörld: ✓ 🦀 日本語"));
        roundtrip("a\0b".to_string());
        // `str` and references lower as `string`.
        assert_eq!(<&str>::ty(cx.types()), ValueType::String);
        let value = "ünïcode".lower(cx).unwrap();
        assert_eq!(String::lift(cx, &value).unwrap(), "ünïcode");
        let s = String::from("x");
        assert_eq!(Lower::lower(&&s, cx).unwrap(), s.lower(cx).unwrap());
    }

    #[test]
    fn lists_round_trip() {
        let cx = &mut NoStore::default();
        roundtrip(Vec::<u8>::new());
        roundtrip(vec![0u8, 1, 255]);
        roundtrip(vec![1u32, 2, 3]);
        roundtrip(vec![char::MAX, 'a']);
        roundtrip(vec!["a".to_string(), "ß".to_string()]);
        roundtrip(vec![vec![1i16, -2], vec![], vec![3]]);
        roundtrip(vec![vec![vec!["deep".to_string()]], vec![]]);
        roundtrip(vec![Some(1u64), None]);
        // A slice lowers as the `Vec`.
        let v = vec![vec![1u8], vec![2, 3]];
        assert_eq!(v.as_slice().lower(cx).unwrap(), v.lower(cx).unwrap());
        assert_eq!(<&[String]>::ty(cx.types()), Vec::<String>::ty(cx.types()));
        // Lists of bytes stay linear: a megabyte goes through quickly.
        let big = vec![7u8; 1 << 20];
        roundtrip(big);
    }

    #[test]
    fn options_round_trip() {
        let cx = &mut NoStore::default();
        roundtrip(Some(5u32));
        roundtrip(None::<u32>);
        roundtrip(Some(Some(5u8)));
        roundtrip(Some(None::<u8>));
        roundtrip(None::<Option<u8>>);
        roundtrip(Some(Some(Some("x".to_string()))));
        roundtrip(Some(vec![Some(1i8), None]));
        // `Option<&str>` lowers, as an export's borrowed parameter.
        assert_eq!(
            Some("x").lower(cx).unwrap(),
            Some("x".to_string()).lower(cx).unwrap()
        );
    }

    #[test]
    fn every_result_shape_round_trips() {
        let cx = &mut NoStore::default();
        // result
        roundtrip(Ok::<(), ()>(()));
        roundtrip(Err::<(), ()>(()));
        assert_eq!(
            <core::result::Result<(), ()>>::ty(cx.types()),
            ValueType::Result(ResultType::new(None, None))
        );
        // result<T>
        roundtrip(Ok::<u32, ()>(7));
        roundtrip(Err::<u32, ()>(()));
        assert_eq!(
            <core::result::Result<u32, ()>>::ty(cx.types()),
            ValueType::Result(ResultType::new(Some(ValueType::U32), None))
        );
        // result<_, E>
        roundtrip(Ok::<(), String>(()));
        roundtrip(Err::<(), String>("bad".into()));
        assert_eq!(
            <core::result::Result<(), String>>::ty(cx.types()),
            ValueType::Result(ResultType::new(None, Some(ValueType::String)))
        );
        // result<T, E>
        roundtrip(Ok::<Vec<u8>, String>(vec![1]));
        roundtrip(Err::<Vec<u8>, String>("no".into()));
        // Nested.
        roundtrip(Ok::<core::result::Result<u8, ()>, ()>(Err(())));
        roundtrip(Some(Err::<Option<u8>, (u8, char)>((1, 'z'))));
    }

    #[test]
    fn a_result_with_the_other_payload_shape_is_refused() {
        let cx = &mut NoStore::default();
        // `result<u32>`'s ok case lifted as `result`'s: a payload where
        // none is expected, and the other way round.
        let with = Ok::<u32, ()>(7).lower(cx).unwrap();
        assert_eq!(
            lift_error::<core::result::Result<(), ()>>(&with),
            "expected no payload, found a `u32`"
        );
        let without = Ok::<(), ()>(()).lower(cx).unwrap();
        assert_eq!(
            lift_error::<core::result::Result<u32, ()>>(&without),
            "expected a `u32`, found no payload"
        );
    }

    #[test]
    fn tuples_round_trip() {
        let cx = &mut NoStore::default();
        roundtrip((1u8,));
        roundtrip((1u8, "two".to_string()));
        roundtrip((1u8, 2u16, 3u32, 4u64, 5i8, 6i16, 7i32, 8i64));
        // Sixteen elements: std compares and prints tuples of at most 12,
        // so compare lowered values, and two elements.
        let sixteen = (
            1u8,
            2u16,
            3u32,
            4u64,
            5i8,
            6i16,
            7i32,
            8i64,
            9.0f32,
            10.0f64,
            'k',
            true,
            13u8,
            14u8,
            15u8,
            "16".to_string(),
        );
        type Sixteen = (
            u8,
            u16,
            u32,
            u64,
            i8,
            i16,
            i32,
            i64,
            f32,
            f64,
            char,
            bool,
            u8,
            u8,
            u8,
            String,
        );
        let value = sixteen.lower(cx).unwrap();
        assert_eq!(value.ty(), Sixteen::ty(cx.types()));
        let back = Sixteen::lift(cx, &value).unwrap();
        assert_eq!(back.lower(cx).unwrap(), value);
        assert_eq!((back.10, &back.15[..]), ('k', "16"));
        roundtrip((vec![(1u8, 'a')], Some((2u8,))));
        assert_eq!(
            <(u8, String)>::ty(cx.types()),
            ValueType::Tuple(TupleType::new(None, [ValueType::U8, ValueType::String]))
        );
        // Borrowed elements lower as owned ones.
        assert_eq!(
            ("a", &[1u8][..]).lower(cx).unwrap(),
            ("a".to_string(), vec![1u8]).lower(cx).unwrap()
        );
    }

    #[test]
    fn parameter_lists_round_trip() {
        let cx = &mut NoStore::default();
        assert!(<() as LiftList>::tys(cx.types()).is_empty());
        <()>::lift_list(cx, &[]).unwrap();
        ().lower_list(cx, &mut []).unwrap();

        let mut out = vec![Value::Bool(false); 2];
        let names = ["a".to_string(), "b".to_string()];
        (&names[..], "x").lower_list(cx, &mut out).unwrap();
        assert_eq!(
            <(&[String], &str) as LowerList>::tys(cx.types()),
            vec![
                ValueType::List(ListType::new(ValueType::String)),
                ValueType::String
            ]
        );
        let (list, s) = <(Vec<String>, String)>::lift_list(cx, &out).unwrap();
        assert_eq!(list, names);
        assert_eq!(s, "x");

        let mut out = vec![Value::Bool(false); 16];
        let sixteen = (
            0u8, 1u8, 2u8, 3u8, 4u8, 5u8, 6u8, 7u8, 8u8, 9u8, 10u8, 11u8, 12u8, 13u8, 14u8, 15u8,
        );
        sixteen.lower_list(cx, &mut out).unwrap();
        assert_eq!(out[15], Value::U8(15));
        let back = <(
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
            u8,
        )>::lift_list(cx, &out)
        .unwrap();
        let mut again = vec![Value::Bool(true); 16];
        back.lower_list(cx, &mut again).unwrap();
        assert_eq!(again, out);
        assert_eq!((back.0, back.15), (0, 15));
    }

    #[test]
    fn wrong_counts_are_errors() {
        let cx = &mut NoStore::default();
        assert_eq!(
            <(u32,)>::lift_list(cx, &[]).unwrap_err().to_string(),
            "expected 1 values, found 0"
        );
        assert_eq!(
            <()>::lift_list(cx, &[Value::U32(1)])
                .unwrap_err()
                .to_string(),
            "expected 0 values, found 1"
        );
        let mut out = vec![Value::Bool(false); 3];
        assert_eq!(
            (1u8, 2u8).lower_list(cx, &mut out).unwrap_err().to_string(),
            "expected 2 values, found 3"
        );
        // A tuple of another length is another type.
        let pair = (1u8, 2u8).lower(cx).unwrap();
        assert_eq!(
            lift_error::<(u8,)>(&pair),
            "expected a `tuple<u8>`, found a `tuple<u8, u8>`"
        );
    }

    #[test]
    fn wrong_shapes_are_errors() {
        let cx = &mut NoStore::default();
        let s = Value::String("x".into());
        assert_eq!(lift_error::<u32>(&s), "expected a `u32`, found a `string`");
        assert_eq!(
            lift_error::<String>(&Value::U32(1)),
            "expected a `string`, found a `u32`"
        );
        assert_eq!(
            lift_error::<i8>(&Value::U8(1)),
            "expected a `s8`, found a `u8`"
        );
        assert_eq!(
            lift_error::<Vec<u32>>(&s),
            "expected a `list<u32>`, found a `string`"
        );
        assert_eq!(
            lift_error::<Option<u32>>(&Value::U32(1)),
            "expected a `option<u32>`, found a `u32`"
        );
        assert_eq!(
            lift_error::<core::result::Result<u32, ()>>(&Value::U32(1)),
            "expected a `result<u32, unit>`, found a `u32`"
        );
        assert_eq!(
            lift_error::<(u8, u8)>(&Value::U8(1)),
            "expected a `tuple<u8, u8>`, found a `u8`"
        );
        // Inside a list: the element's error.
        let strings = vec!["a".to_string()].lower(cx).unwrap();
        assert_eq!(
            lift_error::<Vec<u32>>(&strings),
            "expected a `u32`, found a `string`"
        );
        // Inside an option.
        let some = Some('c').lower(cx).unwrap();
        assert_eq!(
            lift_error::<Option<bool>>(&some),
            "expected a `bool`, found a `char`"
        );
    }
}
