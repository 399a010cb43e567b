//! Generated records, variants, enums and flags types as
//! wasm_component_layer values: the wasmi target's `record!`, `variant!`,
//! `enum_!` and `flags!`, which take exactly the input of the wasmtime
//! target's (`crate::__private::abi`), so the macro emits one invocation
//! per type for either target.
//!
//! Each implements [`Ty`], [`Lift`] and [`Lower`] (`val.rs`) through the
//! functions below, which the expansions call with the type's field or
//! case names; flags types get their struct and API from
//! [`__hostgen_flags_type`](crate::__hostgen_flags_type), the same as on
//! the wasmtime target.
//!
//! wasm_component_layer compares types structurally and ignores their
//! names, so every type here is built without one (`None`).
//!
//! - A record is lowered with its fields in WIT order (the layer's
//!   `RecordType` sorts them by name but remembers each one's position, and
//!   compares the positions too) and lifted a field at a time by name.
//! - A variant's or enum's discriminant is the case's index in the macro's
//!   input, its WIT order; lifting checks the value's case names against
//!   the type's, since the index means nothing in another type.
//! - A flags type's bits are the flags in WIT order, flag `i` at bit `i`;
//!   lifting works around a bug of the layer's getter (`flag_bits`).

pub use super::layer::{
    EnumType, Flags, FlagsType, RecordType, Value, ValueType, VariantCase, VariantType,
};
pub use super::val::{Lift, Lower, Ty};
pub use crate::flags_type::{flags_mask, format_flags};
pub use anyhow::Result;

use super::cx::{Cx, Types};
use super::layer::{Enum, Record, Variant};
use super::val::unexpected;
use anyhow::{anyhow, bail};

/// The record type of `fields` (WIT names and types, in WIT order).
///
/// # Panics
/// On two fields of one name, which WIT does not allow: the names come
/// from the macro's input, never from a guest.
pub fn record_type<const N: usize>(fields: [(&str, ValueType); N]) -> RecordType {
    match RecordType::new(None, fields) {
        Ok(ty) => ty,
        Err(e) => panic!("a generated record type is invalid: {e}"),
    }
}

/// A record of type `ty` (from [`record_type`]) holding `fields`.
pub fn lower_record<const N: usize>(ty: RecordType, fields: [(&str, Value); N]) -> Result<Value> {
    Ok(Value::Record(Record::new(ty, fields)?))
}

/// The fields of `value`, a record of type `T` whose fields are `names`,
/// sorted by name for [`field`]. Fails unless `value` is a record with as
/// many fields; [`field`] then fails on a name it lacks. `types`, the
/// instance's resource types, name `T` in the error.
pub fn record_fields<'v, T: Ty>(
    types: &Types,
    value: &'v Value,
    names: &[&str],
) -> Result<Vec<(&'v str, Value)>> {
    match value {
        Value::Record(record) if record.fields().len() == names.len() => {
            let mut fields: Vec<(&str, Value)> = record.fields().collect();
            // The layer keeps fields sorted by name already; sorting here
            // (linear on sorted input) makes [`field`]'s binary search
            // independent of that.
            fields.sort_by(|a, b| a.0.cmp(b.0));
            Ok(fields)
        }
        other => Err(unexpected::<T>(types, other)),
    }
}

/// Field `name` of a record (`fields` from [`record_fields`]), lifted.
pub fn field<F: Lift>(cx: &mut dyn Cx, fields: &[(&str, Value)], name: &str) -> Result<F> {
    match fields.binary_search_by(|(n, _)| (*n).cmp(name)) {
        Ok(i) => F::lift(cx, &fields[i].1),
        Err(_) => bail!("expected a record with a field `{name}`, found none"),
    }
}

/// The variant type of `cases` (WIT names and payload types, in WIT
/// order).
///
/// # Panics
/// On two cases of one name, which WIT does not allow: the names come
/// from the macro's input, never from a guest.
pub fn variant_type<const N: usize>(cases: [(&str, Option<ValueType>); N]) -> VariantType {
    let cases = cases.map(|(name, ty)| VariantCase::new(name, ty));
    match VariantType::new(None, cases) {
        Ok(ty) => ty,
        Err(e) => panic!("a generated variant type is invalid: {e}"),
    }
}

/// Case `case` of variant type `ty`, with `payload`.
pub fn lower_variant(ty: VariantType, case: usize, payload: Option<Value>) -> Result<Value> {
    Ok(Value::Variant(Variant::new(ty, case, payload)?))
}

/// The case of `value`, a variant of type `T` whose cases are named
/// `names`, and its payload. Fails unless `value` is a variant with these
/// case names, in this order. `types`, the instance's resource types, name
/// `T` in the error.
pub fn variant_case<T: Ty>(
    types: &Types,
    value: &Value,
    names: &[&str],
) -> Result<(usize, Option<Value>)> {
    match value {
        Value::Variant(v)
            if v.ty()
                .cases()
                .iter()
                .map(VariantCase::name)
                .eq(names.iter().copied())
                && v.discriminant() < names.len() =>
        {
            Ok((v.discriminant(), v.value()))
        }
        other => Err(unexpected::<T>(types, other)),
    }
}

/// The payload of case `case` of a variant: fails when it has none.
pub fn payload<P: Lift>(cx: &mut dyn Cx, case: &str, payload: Option<Value>) -> Result<P> {
    match payload {
        Some(v) => P::lift(cx, &v),
        None => bail!(
            "expected case `{case}` to carry a `{}`, found none",
            P::ty(cx.types())
        ),
    }
}

/// Checks case `case` of a variant carries no payload.
pub fn no_payload(case: &str, payload: Option<Value>) -> Result<()> {
    match payload {
        None => Ok(()),
        Some(v) => bail!(
            "expected case `{case}` to carry nothing, found a `{}`",
            v.ty()
        ),
    }
}

/// The error for a discriminant no case has; [`variant_case`] and
/// [`enum_case`] check the range, so a lift reaches it only if a macro's
/// input disagrees with itself.
#[cold]
pub fn bad_discriminant(discriminant: usize) -> anyhow::Error {
    anyhow!("unexpected discriminant: {discriminant}")
}

/// The enum type of `cases` (WIT names, in WIT order).
///
/// # Panics
/// On two cases of one name, which WIT does not allow: the names come
/// from the macro's input, never from a guest.
pub fn enum_type(cases: &[&str]) -> EnumType {
    match EnumType::new(None, cases.iter().copied()) {
        Ok(ty) => ty,
        Err(e) => panic!("a generated enum type is invalid: {e}"),
    }
}

/// Case `case` of the enum whose cases are `cases`.
pub fn lower_enum(cases: &[&str], case: usize) -> Result<Value> {
    Ok(Value::Enum(Enum::new(enum_type(cases), case)?))
}

/// The case of `value`, an enum of type `T` whose cases are `names`.
/// Fails unless `value` is an enum with these case names, in this order.
/// `types`, the instance's resource types, name `T` in the error.
pub fn enum_case<T: Ty>(types: &Types, value: &Value, names: &[&str]) -> Result<usize> {
    match value {
        Value::Enum(e)
            if e.ty().cases().eq(names.iter().copied()) && e.discriminant() < names.len() =>
        {
            Ok(e.discriminant())
        }
        other => Err(unexpected::<T>(types, other)),
    }
}

/// The flags type of `names` (WIT names, flag `i` at bit `i`).
///
/// # Panics
/// On two flags of one name, which WIT does not allow: the names come
/// from the macro's input, never from a guest.
pub fn flags_type(names: &[&str]) -> FlagsType {
    match FlagsType::new(None, names.iter().copied()) {
        Ok(ty) => ty,
        Err(e) => panic!("a generated flags type is invalid: {e}"),
    }
}

/// The flags of `names` (at most 32) whose bits are set in `bits`; bits
/// past the last flag (none, from a value of the type) are left out.
pub fn lower_flags(names: &[&str], bits: u32) -> Value {
    let mut flags = Flags::new(flags_type(names));
    for i in 0..names.len().min(32) {
        if bits >> i & 1 != 0 {
            flags.set_index(i, true);
        }
    }
    Value::Flags(flags)
}

/// The bits of `value`, flags of type `T` whose flags are `names` (at most
/// 32), flag `i` at bit `i`. Fails unless `value` is flags of these names,
/// in this order. Bits past the last flag are left out. `types`, the
/// instance's resource types, name `T` in the error.
pub fn lift_flags<T: Ty>(types: &Types, value: &Value, names: &[&str]) -> Result<u32> {
    match value {
        Value::Flags(flags)
            if names.len() <= 32 && flags.ty().names().eq(names.iter().copied()) =>
        {
            let mask = if names.len() == 32 {
                u32::MAX
            } else {
                (1 << names.len()) - 1
            };
            Ok(flag_bits(flags) & mask)
        }
        other => Err(unexpected::<T>(types, other)),
    }
}

/// The first 32 bits of `flags`, flag `i` at bit `i`, for flags types of
/// at most 32 flags (one 32-bit word, as WIT's are).
///
/// Not `get_index(i)` for each `i`: in wasm_component_layer 0.1.18
/// `Flags::get_index(i)` tests `(word >> i) == 1`, true only when bit `i`
/// is the highest bit set, so it misses every set bit below the highest.
/// `set_index` is right. So this reads a copy from the top down, clearing
/// each set bit once read: at step `i` no bit above `i` is set in the copy
/// any more, so `(word >> i) == 1` is exactly "bit `i` is set". Starting at
/// bit 31 rather than at the last flag also copes with stray bits past the
/// last flag (which `lift_flags` then masks off). Should the getter be
/// fixed, this still reads the same bits.
fn flag_bits(flags: &Flags) -> u32 {
    let mut rest = flags.clone();
    let mut bits = 0;
    for i in (0..32).rev() {
        if rest.get_index(i) {
            bits |= 1 << i;
            rest.set_index(i, false);
        }
    }
    bits
}

/// [`Ty`], [`Lift`] and [`Lower`] for a record:
/// `record!(Name; (A, B); [a "a" 0, b "b" 1])` (field types in order, then
/// each field's Rust and WIT name and index), the input of the wasmtime
/// target's `record!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_wasmi_record {
    ($name:ident; ($($ty:ty),*); [$($field:ident $wit:literal $i:tt),*]) => {
        const _: () = {
            use $crate::wasmi::abi as __abi;
            use $crate::wasmi::cx::{Cx as __Cx, Types as __Types};
            // `types` is unread when no field or case has a type.
            #[allow(unused_variables)]
            fn __ty(types: &__Types) -> __abi::RecordType {
                __abi::record_type([$(($wit, <$ty as __abi::Ty>::ty(types))),*])
            }
            impl __abi::Ty for $name {
                fn ty(types: &__Types) -> __abi::ValueType {
                    __abi::ValueType::Record(__ty(types))
                }
            }
            impl __abi::Lift for $name {
                fn lift(cx: &mut dyn __Cx, value: &__abi::Value) -> __abi::Result<Self> {
                    let fields = __abi::record_fields::<Self>(cx.types(), value, &[$($wit),*])?;
                    ::core::result::Result::Ok(Self {
                        $($field: __abi::field(cx, &fields, $wit)?,)*
                    })
                }
            }
            impl __abi::Lower for $name {
                fn lower(&self, cx: &mut dyn __Cx) -> __abi::Result<__abi::Value> {
                    __abi::lower_record(
                        __ty(cx.types()),
                        [$(($wit, __abi::Lower::lower(&self.$field, cx)?)),*],
                    )
                }
            }
        };
    };
}

/// [`Ty`], [`Lift`] and [`Lower`] for a variant:
/// `variant!(Name; ["a", "b": P]; payload [B 1]; unit [A 0])` (each case's
/// WIT name and payload type in order, then the cases with a payload and
/// those without, each with its index), the input of the wasmtime target's
/// `variant!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_wasmi_variant {
    (
        $name:ident;
        [$($wit:literal $(: $pty:ty)?),*];
        payload [$($pcase:ident $pi:literal),*];
        unit [$($ucase:ident $ui:literal),*]
    ) => {
        const _: () = {
            use $crate::wasmi::abi as __abi;
            use $crate::wasmi::cx::{Cx as __Cx, Types as __Types};
            const __NAMES: &[&str] = &[$($wit),*];
            // `types` is unread when no field or case has a type.
            #[allow(unused_variables)]
            fn __ty(types: &__Types) -> __abi::VariantType {
                // Each case's payload type: `None`, or `Some` when the case
                // has a type.
                __abi::variant_type([$((
                    $wit,
                    ::core::option::Option::None
                        $(.or(::core::option::Option::Some(<$pty as __abi::Ty>::ty(types))))?,
                )),*])
            }
            impl __abi::Ty for $name {
                fn ty(types: &__Types) -> __abi::ValueType {
                    __abi::ValueType::Variant(__ty(types))
                }
            }
            impl __abi::Lift for $name {
                fn lift(cx: &mut dyn __Cx, value: &__abi::Value) -> __abi::Result<Self> {
                    let (case, payload) = __abi::variant_case::<Self>(cx.types(), value, __NAMES)?;
                    ::core::result::Result::Ok(match case {
                        $($pi => Self::$pcase(__abi::payload(cx, __NAMES[$pi], payload)?),)*
                        $($ui => {
                            __abi::no_payload(__NAMES[$ui], payload)?;
                            Self::$ucase
                        })*
                        d => return ::core::result::Result::Err(__abi::bad_discriminant(d)),
                    })
                }
            }
            impl __abi::Lower for $name {
                fn lower(&self, cx: &mut dyn __Cx) -> __abi::Result<__abi::Value> {
                    match self {
                        $(Self::$pcase(v) => __abi::lower_variant(
                            __ty(cx.types()),
                            $pi,
                            ::core::option::Option::Some(__abi::Lower::lower(v, cx)?),
                        ),)*
                        $(Self::$ucase => __abi::lower_variant(
                            __ty(cx.types()),
                            $ui,
                            ::core::option::Option::None,
                        ),)*
                    }
                }
            }
        };
    };
}

/// [`Ty`], [`Lift`] and [`Lower`] for an enum:
/// `enum_!(Name; [A "a" 0, B "b" 1])` (each case's Rust and WIT name and
/// index), the input of the wasmtime target's `enum_!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_wasmi_enum {
    ($name:ident; [$($case:ident $wit:literal $i:literal),*]) => {
        const _: () = {
            use $crate::wasmi::abi as __abi;
            use $crate::wasmi::cx::{Cx as __Cx, Types as __Types};
            const __NAMES: &[&str] = &[$($wit),*];
            impl __abi::Ty for $name {
                fn ty(_: &__Types) -> __abi::ValueType {
                    __abi::ValueType::Enum(__abi::enum_type(__NAMES))
                }
            }
            impl __abi::Lift for $name {
                fn lift(cx: &mut dyn __Cx, value: &__abi::Value) -> __abi::Result<Self> {
                    let case = __abi::enum_case::<Self>(cx.types(), value, __NAMES)?;
                    ::core::result::Result::Ok(match case {
                        $($i => Self::$case,)*
                        d => return ::core::result::Result::Err(__abi::bad_discriminant(d)),
                    })
                }
            }
            impl __abi::Lower for $name {
                fn lower(&self, _: &mut dyn __Cx) -> __abi::Result<__abi::Value> {
                    __abi::lower_enum(__NAMES, match self {
                        $(Self::$case => $i,)*
                    })
                }
            }
        };
    };
}

/// A flags type of 1 to 32 flags, whole: the struct and API of
/// [`__hostgen_flags_type`](crate::__hostgen_flags_type) (the wasmtime
/// target's, exactly), and [`Ty`], [`Lift`] and [`Lower`]:
/// `flags!(#[doc = ".."] Name: u8; [#[doc = ".."] READ "read" 0, ..])`
/// (attributes, the bits' type, then each flag's Rust and WIT name and
/// bit), the input of the wasmtime target's `flags!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_wasmi_flags {
    (
        $(#[$attr:meta])*
        $name:ident: $bits:ident;
        [$($(#[$fattr:meta])* $flag:ident $wit:literal $bit:literal),*]
    ) => {
        $crate::__hostgen_flags_type!(
            [$crate::wasmi::abi]
            $(#[$attr])*
            $name: $bits;
            [$($(#[$fattr])* $flag $wit $bit),*]
        );

        const _: () = {
            use $crate::wasmi::abi as __abi;
            use $crate::wasmi::cx::{Cx as __Cx, Types as __Types};
            const __NAMES: &[&str] = &[$($wit),*];
            impl __abi::Ty for $name {
                fn ty(_: &__Types) -> __abi::ValueType {
                    __abi::ValueType::Flags(__abi::flags_type(__NAMES))
                }
            }
            impl __abi::Lift for $name {
                fn lift(cx: &mut dyn __Cx, value: &__abi::Value) -> __abi::Result<Self> {
                    // `lift_flags` keeps only the bits of the flags (at
                    // most as many as `$bits` holds), so the cast loses
                    // nothing.
                    let bits = __abi::lift_flags::<Self>(cx.types(), value, __NAMES)?;
                    ::core::result::Result::Ok(Self { bits: bits as $bits })
                }
            }
            impl __abi::Lower for $name {
                fn lower(&self, _: &mut dyn __Cx) -> __abi::Result<__abi::Value> {
                    ::core::result::Result::Ok(__abi::lower_flags(__NAMES, self.bits as u32))
                }
            }
        };
    };
}

pub use crate::{
    __hostgen_wasmi_enum as enum_, __hostgen_wasmi_flags as flags,
    __hostgen_wasmi_record as record, __hostgen_wasmi_variant as variant,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasmi::val::LiftList;
    use std::fmt::Debug;

    use crate::wasmi::cx::Cx;
    use crate::wasmi::val::tests::{NoStore, lift_error, roundtrip};

    // Types as the macro emits them: the struct or enum, then one
    // invocation; flags types whole.

    #[derive(Debug, Clone, PartialEq)]
    struct Point {
        x: i32,
        y: i32,
    }
    crate::wasmi::abi::record!(Point; (i32, i32); [x "x" 0, y "y" 1]);

    // Fields not in name order, of every kind of type.
    #[derive(Debug, Clone, PartialEq)]
    struct Person {
        name: String,
        age: u8,
        tags: Vec<String>,
        home: Option<Point>,
        zest: f64,
    }
    crate::wasmi::abi::record!(
        Person;
        (String, u8, Vec<String>, Option<Point>, f64);
        [name "name" 0, age "age" 1, tags "tags" 2, home "home" 3, zest "zest" 4]
    );

    #[derive(Debug, Clone, PartialEq)]
    struct Sample {
        values: Vec<Vec<f32>>,
        level: Level,
        access: Access,
    }
    crate::wasmi::abi::record!(
        Sample;
        (Vec<Vec<f32>>, Level, Access);
        [values "values" 0, level "level" 1, access "access" 2]
    );

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Level {
        Low,
        Mid,
        High,
    }
    crate::wasmi::abi::enum_!(Level; [Low "low" 0, Mid "mid" 1, High "high" 2]);

    #[derive(Debug, Clone, PartialEq)]
    enum Event {
        Moved(Point),
        Sampled(Sample),
        Cleared,
        Said(String),
        Idle,
    }
    crate::wasmi::abi::variant!(
        Event;
        ["moved": Point, "sampled": Sample, "cleared", "said": String, "idle"];
        payload [Moved 0, Sampled 1, Said 3];
        unit [Cleared 2, Idle 4]
    );

    // Only unit cases, and only payload cases.
    #[derive(Debug, Clone, PartialEq)]
    enum Bare {
        A,
        B,
    }
    crate::wasmi::abi::variant!(Bare; ["a", "b"]; payload []; unit [A 0, B 1]);

    #[derive(Debug, Clone, PartialEq)]
    enum Full {
        One(u8),
        Two(Option<Option<u8>>),
    }
    crate::wasmi::abi::variant!(
        Full;
        ["one": u8, "two": Option<Option<u8>>];
        payload [One 0, Two 1];
        unit []
    );

    crate::wasmi::abi::flags!(
        /// Three flags.
        Access: u8;
        [
            /// Read.
            READ "read" 0,
            WRITE "write" 1,
            EXEC "exec" 2
        ]
    );

    // Types for round trips only: not every method of theirs is called.
    #[allow(dead_code)]
    mod more_flags {
        crate::wasmi::abi::flags!(Ten: u16; [
            F0 "f0" 0, F1 "f1" 1, F2 "f2" 2, F3 "f3" 3, F4 "f4" 4,
            F5 "f5" 5, F6 "f6" 6, F7 "f7" 7, F8 "f8" 8, F9 "f9" 9
        ]);

        crate::wasmi::abi::flags!(Wide: u32; [
            B0 "b0" 0, B1 "b1" 1, B2 "b2" 2, B3 "b3" 3, B4 "b4" 4, B5 "b5" 5, B6 "b6" 6,
            B7 "b7" 7, B8 "b8" 8, B9 "b9" 9, B10 "b10" 10, B11 "b11" 11, B12 "b12" 12,
            B13 "b13" 13, B14 "b14" 14, B15 "b15" 15, B16 "b16" 16, B17 "b17" 17, B18 "b18" 18,
            B19 "b19" 19, B20 "b20" 20, B21 "b21" 21, B22 "b22" 22, B23 "b23" 23, B24 "b24" 24,
            B25 "b25" 25, B26 "b26" 26, B27 "b27" 27, B28 "b28" 28, B29 "b29" 29, B30 "b30" 30,
            B31 "b31" 31
        ]);

        impl Wide {
            /// A value of these bits, as a guest's could be.
            pub fn from_bits(bits: u32) -> Self {
                Self { bits }
            }
        }
    }
    use more_flags::{Ten, Wide};

    fn point() -> Point {
        Point { x: -1, y: i32::MAX }
    }

    fn sample() -> Sample {
        Sample {
            values: vec![vec![1.5, 0.5], vec![]],
            level: Level::High,
            access: Access::READ | Access::EXEC,
        }
    }

    #[test]
    fn records_round_trip() {
        roundtrip(point());
        roundtrip(Person {
            name: "Zoë 🦀".into(),
            age: 42,
            tags: vec!["a".into(), "ü".into()],
            home: Some(point()),
            zest: -0.0,
        });
        roundtrip(Person {
            name: String::new(),
            age: 0,
            tags: vec![],
            home: None,
            zest: 1e300,
        });
        roundtrip(vec![point(), Point { x: 0, y: 0 }]);
        roundtrip(Some(Some(point())));
        roundtrip(Ok::<Point, Level>(point()));
    }

    #[test]
    fn a_record_with_nan_round_trips_bit_for_bit() {
        let cx = &mut NoStore::default();
        let mut nan = sample();
        nan.values[0][0] = f32::NAN.abs();
        let value = nan.lower(cx).unwrap();
        let back = Sample::lift(cx, &value).unwrap();
        assert!(back.values[0][0].is_nan());
        assert_eq!(back.values[0][0].to_bits(), f32::NAN.abs().to_bits());
        assert_eq!(back.values[0][1], 0.5);
        assert_eq!(back.level, Level::High);
        assert_eq!(back.access, Access::READ | Access::EXEC);
    }

    #[test]
    fn a_record_type_is_the_layers_in_wit_order() {
        let cx = &mut NoStore::default();
        // The layer remembers each field's position in the WIT, and
        // compares it: the type must list the fields in WIT order, as a
        // component's does.
        let wit_order = RecordType::new(
            None,
            [
                ("name", ValueType::String),
                ("age", ValueType::U8),
                ("tags", Vec::<String>::ty(cx.types())),
                ("home", Option::<Point>::ty(cx.types())),
                ("zest", ValueType::F64),
            ],
        )
        .unwrap();
        assert_eq!(Person::ty(cx.types()), ValueType::Record(wit_order));
        assert_eq!(
            Point::ty(cx.types()).to_string(),
            "record<x: s32, y: s32>",
            "printed sorted by name"
        );
    }

    #[test]
    fn a_record_from_fields_in_any_order_lifts() {
        let cx = &mut NoStore::default();
        // Lifting reads fields by name: a record built by the layer from
        // fields given out of order reads the same.
        let value =
            Value::Record(layer_record([("y", Value::S32(2)), ("x", Value::S32(1))]).unwrap());
        assert_eq!(Point::lift(cx, &value).unwrap(), Point { x: 1, y: 2 });
    }

    fn layer_record<const N: usize>(
        fields: [(&str, Value); N],
    ) -> Result<super::super::layer::Record> {
        super::super::layer::Record::from_fields(None, fields)
    }

    #[test]
    fn records_of_the_wrong_shape_are_errors() {
        let missing = Value::Record(layer_record([("x", Value::S32(1))]).unwrap());
        assert_eq!(
            lift_error::<Point>(&missing),
            "expected a `record<x: s32, y: s32>`, found a `record<x: s32>`"
        );
        let renamed =
            Value::Record(layer_record([("x", Value::S32(1)), ("z", Value::S32(2))]).unwrap());
        assert_eq!(
            lift_error::<Point>(&renamed),
            "expected a record with a field `y`, found none"
        );
        let retyped = Value::Record(
            layer_record([("x", Value::S32(1)), ("y", Value::String("2".into()))]).unwrap(),
        );
        assert_eq!(
            lift_error::<Point>(&retyped),
            "expected a `s32`, found a `string`"
        );
        assert_eq!(
            lift_error::<Point>(&Value::U32(1)),
            "expected a `record<x: s32, y: s32>`, found a `u32`"
        );
    }

    #[test]
    fn variants_round_trip() {
        roundtrip(Event::Moved(point()));
        roundtrip(Event::Sampled(sample()));
        roundtrip(Event::Cleared);
        roundtrip(Event::Said("ça va".into()));
        roundtrip(Event::Idle);
        roundtrip(Bare::A);
        roundtrip(Bare::B);
        roundtrip(Full::One(9));
        roundtrip(Full::Two(None));
        roundtrip(Full::Two(Some(None)));
        roundtrip(Full::Two(Some(Some(3))));
        roundtrip(vec![Event::Idle, Event::Moved(point()), Event::Cleared]);
    }

    #[test]
    fn a_variants_discriminant_is_its_index_in_wit_order() {
        let cx = &mut NoStore::default();
        match Event::Said("x".into()).lower(cx).unwrap() {
            Value::Variant(v) => {
                assert_eq!(v.discriminant(), 3);
                assert_eq!(v.value(), Some(Value::String("x".into())));
            }
            other => panic!("not a variant: {other:?}"),
        }
        match Event::Idle.lower(cx).unwrap() {
            Value::Variant(v) => {
                assert_eq!(v.discriminant(), 4);
                assert_eq!(v.value(), None);
            }
            other => panic!("not a variant: {other:?}"),
        }
    }

    #[test]
    fn variants_of_another_type_are_errors() {
        let cx = &mut NoStore::default();
        // Same case count, other names: the index would mean another case.
        let other = Full::One(1).lower(cx).unwrap();
        assert_eq!(
            lift_error::<Bare>(&other),
            "expected a `variant<a, b>`, found a `variant<one: u8, two: option<option<u8>>>`"
        );
        // Same names, a payload where the type has none and back.
        let ty = variant_type([("a", Some(ValueType::U8)), ("b", None)]);
        let a = lower_variant(ty, 0, Some(Value::U8(1))).unwrap();
        assert_eq!(
            lift_error::<Bare>(&a),
            "expected case `a` to carry nothing, found a `u8`"
        );
        let ty = variant_type([("one", None), ("two", None)]);
        let one = lower_variant(ty, 0, None).unwrap();
        assert_eq!(
            lift_error::<Full>(&one),
            "expected case `one` to carry a `u8`, found none"
        );
        assert_eq!(
            lift_error::<Full>(&Value::Bool(true)),
            "expected a `variant<one: u8, two: option<option<u8>>>`, found a `bool`"
        );
        // An enum is not a variant.
        let level = Level::Low.lower(cx).unwrap();
        assert!(lift_error::<Bare>(&level).starts_with("expected a `variant<a, b>`"));
    }

    #[test]
    fn enums_round_trip() {
        let cx = &mut NoStore::default();
        roundtrip(Level::Low);
        roundtrip(Level::Mid);
        roundtrip(Level::High);
        roundtrip(vec![Level::High, Level::Low]);
        match Level::Mid.lower(cx).unwrap() {
            Value::Enum(e) => assert_eq!(e.discriminant(), 1),
            other => panic!("not an enum: {other:?}"),
        }
        assert_eq!(Level::ty(cx.types()).to_string(), "enum<low, mid, high>");
    }

    #[test]
    fn enums_of_another_type_are_errors() {
        let other = lower_enum(&["low", "middle", "high"], 1).unwrap();
        assert_eq!(
            lift_error::<Level>(&other),
            "expected a `enum<low, mid, high>`, found a `enum<low, middle, high>`"
        );
        assert_eq!(
            lift_error::<Level>(&Value::U32(0)),
            "expected a `enum<low, mid, high>`, found a `u32`"
        );
    }

    #[test]
    fn flags_round_trip() {
        for f in [
            Access::empty(),
            Access::READ,
            Access::WRITE,
            Access::EXEC,
            Access::READ | Access::WRITE,
            Access::READ | Access::EXEC,
            Access::WRITE | Access::EXEC,
            Access::all(),
        ] {
            roundtrip(f);
        }
        for f in [
            Ten::empty(),
            Ten::F0,
            Ten::F9,
            Ten::F0 | Ten::F9,
            Ten::F3 | Ten::F5 | Ten::F8,
            Ten::all(),
        ] {
            roundtrip(f);
        }
        for f in [
            Wide::empty(),
            Wide::B0,
            Wide::B31,
            Wide::B0 | Wide::B31,
            Wide::B1 | Wide::B15 | Wide::B16 | Wide::B30,
            Wide::all(),
            !Wide::B17,
        ] {
            roundtrip(f);
        }
        // Every single flag, and every pair, of the wide type.
        for i in 0..32 {
            for j in 0..32 {
                let f = Wide::from_bits(1 << i | 1 << j);
                roundtrip(f);
            }
        }
    }

    #[test]
    fn lowered_flags_leave_out_bits_past_the_last_flag() {
        let cx = &mut NoStore::default();
        // `all()` sets every bit of the integer; the value holds 3 flags.
        let value = Access::all().lower(cx).unwrap();
        assert_eq!(value.ty(), Access::ty(cx.types()));
        let back = Access::lift(cx, &value).unwrap();
        assert_eq!(back.bits, 0b111);
    }

    #[test]
    fn flags_have_the_wasmtime_targets_api() {
        // `Debug` prints as wasmtime's `format_flags` does.
        assert_eq!(format!("{:?}", Access::READ | Access::EXEC), "(READ|EXEC)");
        assert_eq!(format!("{:?}", Access::empty()), "()");
        assert_eq!(format!("{:?}", !Access::WRITE), "(READ|EXEC)");
        assert_eq!(Access::all(), Access::READ | Access::WRITE | Access::EXEC);
        assert!(Access::all().contains(Access::READ | Access::EXEC));
        assert!(!Access::READ.intersects(Access::EXEC));
        assert_eq!(Access::default(), Access::empty());
        assert_eq!(Ten::F9.as_array(), [1 << 9]);
        assert_eq!(Wide::all().as_array(), [u32::MAX]);
        let mut f = Access::READ;
        f |= Access::EXEC;
        f &= !Access::READ;
        f ^= Access::WRITE;
        assert_eq!(f, Access::WRITE | Access::EXEC);
    }

    /// Flags of `count` flags named `f0`.. with `bits` set, through
    /// `set_index` (which is right), as a guest's would come.
    fn layer_flags(count: usize, bits: u32) -> Flags {
        let names: Vec<String> = (0..count).map(|i| format!("f{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut flags = Flags::new(flags_type(&names));
        for i in 0..count {
            flags.set_index(i, bits >> i & 1 != 0);
        }
        flags
    }

    #[test]
    fn the_layers_flags_getter_misreads_lower_bits() {
        // The bug `flag_bits` works around: with bits 0 and 1 set,
        // `get_index(0)` says bit 0 is clear.
        let flags = layer_flags(3, 0b011);
        assert!(!flags.get_index(0));
        assert!(flags.get_index(1));
    }

    #[test]
    fn flag_bits_recovers_every_pattern() {
        for (count, bits) in [
            (3, 0b011),
            (3, 0b111),
            (3, 0b101),
            (3, 0b110),
            (3, 0b001),
            (3, 0),
            (10, 0b10_0000_0001),
            (10, 0b11_1111_1111),
            (32, u32::MAX),
            (32, 0),
            (32, 1 << 31),
            (32, 1 << 31 | 1),
            (32, 0xAAAA_AAAA),
            (32, 0x5555_5555),
            (32, 0x8000_0001),
        ] {
            assert_eq!(flag_bits(&layer_flags(count, bits)), bits, "{bits:#b}");
        }
        // Every 3-flag pattern.
        for bits in 0..8 {
            assert_eq!(flag_bits(&layer_flags(3, bits)), bits);
        }
        // A copy is read: the original keeps its bits.
        let flags = layer_flags(3, 0b101);
        flag_bits(&flags);
        assert_eq!(flag_bits(&flags), 0b101);
    }

    #[test]
    fn flags_of_another_type_are_errors() {
        let other = Value::Flags(layer_flags(3, 1));
        assert_eq!(
            lift_error::<Access>(&other),
            "expected a `flags<read, write, exec>`, found a `flags<f0, f1, f2>`"
        );
        assert_eq!(
            lift_error::<Access>(&Value::U8(1)),
            "expected a `flags<read, write, exec>`, found a `u8`"
        );
    }

    #[test]
    fn generated_types_in_parameter_lists() {
        let cx = &mut NoStore::default();
        // A host function's parameters `(Person, u32)`.
        let person = Person {
            name: "p".into(),
            age: 1,
            tags: vec![],
            home: None,
            zest: 0.0,
        };
        let values = [person.lower(cx).unwrap(), Value::U32(7)];
        let (back, n) = <(Person, u32)>::lift_list(cx, &values).unwrap();
        assert_eq!(back, person);
        assert_eq!(n, 7);
        assert_eq!(
            <(Person, u32) as LiftList>::tys(cx.types()),
            vec![Person::ty(cx.types()), ValueType::U32]
        );
    }
}
