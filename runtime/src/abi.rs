//! The canonical ABI of generated records, variants and enums, written
//! once here instead of once per type.
//!
//! wasmtime's `#[derive(ComponentType, Lift, Lower)]` spells out every
//! field and case of a type in every method: a variant's flat lowering is a
//! `match` whose arms each hold two closures and three `map_maybe_uninit!`
//! expansions. In one body that is what rustc spends the most time checking
//! (`wasi:http`'s `error-code`, 39 cases, is a sixth of the whole crate).
//! Generated types implement the same three traits with one call per
//! field list or per case into the generic functions below, which rustc
//! checks once, here, and which inline to the same code the derive gives.
//!
//! - A record with up to 16 fields is described and lowered through its
//!   field types as a tuple, `(A, B, ..)`, which implements [`Fields`] and
//!   [`FieldsLower`]; its flat form is a `#[repr(C)]` struct of the fields'
//!   flat forms (`FlatN`), as the derive's is. Lifting is written out by
//!   `record!` a field at a time, so the struct is built in place (through
//!   a tuple it cost 14 instructions a call). Larger records keep the
//!   derive.
//! - A variant's flat form is [`Variant<N>`]: the tag and `N` payload slots,
//!   `N` the largest case's flat length, the layout of the derive's
//!   `{ tag, payload: union { .. } }`. Each case is lowered and lifted by
//!   reinterpreting the payload slots as that case's flat form, and the
//!   slots a case leaves unused are zeroed, as `lower_payload` does. In
//!   memory the discriminant is 1, 2 or 4 bytes by case count and the
//!   payload sits at [`ComponentVariant::PAYLOAD_OFFSET32`], as the
//!   canonical ABI says.
//! - An enum is a variant whose cases have no payload: `Variant<0>`.
//! - A flags type is written whole by `flags!`, struct and operators
//!   included: one `u8`, `u16` or `u32` of bits, whose own `Lower` and
//!   `Lift` impls it forwards to (wasmtime's `flags!` spells out a
//!   `MaybeUninit` projection and a `?` in each). The struct and its API
//!   come from `__hostgen_flags_type` (`flags_type.rs`), which the wasmi
//!   target's `flags!` shares, so the type is the same on both.
//!
//! The impls themselves come from the `record!`, `variant!`, `enum_!` and
//! `flags!` macros below, which the generated code invokes with the type's
//! name, fields, cases or flags: the `unsafe impl`s are written here, once,
//! and the generated code contains no `unsafe`.
//!
//! wasmtime marks the traits and `__internal` items used here hidden; they
//! are the ones its own derive expands to, and are the same in 48, 49 and
//! 50.
//!
//! Unsafe code: the traits are `unsafe` (the flat form must be a sequence of
//! `ValRaw`s), and a variant's payload slots are reinterpreted as a case's
//! flat form; each block says why it holds.
#![allow(unsafe_code)]

use crate::wasmtime::Error;
use crate::wasmtime::component::__internal::wasmtime_environ::component::RecordField;
use crate::wasmtime::component::__internal::{ComponentTypes, bad_type_info, typecheck_record};
// What the generated impls name, under one short path.
pub use crate::wasmtime::component::__internal::{
    CanonicalAbiInfo, ComponentVariant, InstanceType, InterfaceType, LiftContext, LowerContext,
    typecheck_enum, typecheck_flags, typecheck_variant,
};
// The flags types' target-independent half calls these through this path.
pub use crate::flags_type::{flags_mask, format_flags};
pub use crate::wasmtime::component::{ComponentType, Lift, Lower};
pub use crate::wasmtime::{Result, ValRaw};
use core::mem::{MaybeUninit, align_of, size_of};

/// The number of flat values (`ValRaw`s) of `P`'s lowered form.
pub const fn flat_len<P: ComponentType>() -> usize {
    size_of::<P::Lower>() / size_of::<ValRaw>()
}

/// The largest of `lens` (0 for none): a variant's payload length.
pub const fn max(lens: &[usize]) -> usize {
    let mut i = 0;
    let mut m = 0;
    while i < lens.len() {
        if lens[i] > m {
            m = lens[i];
        }
        i += 1;
    }
    m
}

/// The error a lift gives for a discriminant out of range, worded as
/// wasmtime's derive words it.
#[cold]
pub fn bad_discriminant(discrim: u32) -> Error {
    Error::msg(format!("unexpected discriminant: {discrim}"))
}

/// The field types of a record, as a tuple: the `ComponentType` half.
/// Implemented for tuples of 1 to 16 `ComponentType`s; [`FieldsLower`] when
/// every field is `Lower`. Lifting is written out per record by `record!`,
/// a field at a time, which builds the struct in place.
///
/// # Safety
/// `Lower` is a `#[repr(C)]` sequence of the fields' flat forms, `ABI` the
/// record's, as [`ComponentType`] requires of `Lower` and `ABI`.
pub unsafe trait Fields: Sized {
    /// The record's flat form.
    type Lower: Copy;
    /// The record's size and alignment.
    const ABI: CanonicalAbiInfo;
    /// Whether lowering a field may call the guest's `realloc`.
    const MAY_REQUIRE_REALLOC: bool;

    /// Checks `ty` is a record with fields `names` of these types.
    fn typecheck(names: &[&str], ty: &InterfaceType, types: &InstanceType<'_>) -> Result<()>;
}

/// Lowering a record's fields.
pub trait FieldsLower: Fields {
    /// The fields by reference, what lowering reads.
    type Refs<'a>
    where
        Self: 'a;

    /// Lowers the fields into their flat form.
    fn lower_flat<T>(
        refs: Self::Refs<'_>,
        cx: &mut LowerContext<'_, T>,
        ty: InterfaceType,
        dst: &mut MaybeUninit<Self::Lower>,
    ) -> Result<()>;

    /// Stores the fields in memory at `offset`.
    fn lower_memory<T>(
        refs: Self::Refs<'_>,
        cx: &mut LowerContext<'_, T>,
        ty: InterfaceType,
        offset: usize,
    ) -> Result<()>;
}

/// A place for a field of a `MaybeUninit` flat struct.
macro_rules! field_mut {
    ($dst:ident . $i:tt) => {
        // SAFETY: a projection to a field of the struct behind `dst`,
        // whose memory is as valid, as aligned and as uninitialised as the
        // struct's; no read happens.
        unsafe { &mut *(&raw mut (*$dst.as_mut_ptr()).$i).cast::<MaybeUninit<_>>() }
    };
}

macro_rules! fields {
    ($($flat:ident: $(($t:ident $i:tt))*;)*) => {$(
        /// The flat form of a record with these fields: their flat forms
        /// in order, aligned as a `ValRaw`.
        #[doc(hidden)]
        #[derive(Clone, Copy)]
        #[repr(C)]
        pub struct $flat<$($t: Copy,)*>($(pub $t,)* [ValRaw; 0]);

        // SAFETY: `$flat` is `#[repr(C)]` over the fields' flat forms (each
        // a sequence of `ValRaw`s), so it is one too; `ABI` is the
        // canonical record layout of the fields.
        unsafe impl<$($t: ComponentType,)*> Fields for ($($t,)*) {
            type Lower = $flat<$($t::Lower,)*>;
            const ABI: CanonicalAbiInfo = CanonicalAbiInfo::record_static(&[$($t::ABI),*]);
            const MAY_REQUIRE_REALLOC: bool = $($t::MAY_REQUIRE_REALLOC ||)* false;

            #[inline]
            fn typecheck(names: &[&str], ty: &InterfaceType, types: &InstanceType<'_>) -> Result<()> {
                typecheck_record(ty, types, &[$((names[$i], $t::typecheck),)*])
            }
        }

        impl<$($t: Lower,)*> FieldsLower for ($($t,)*) {
            type Refs<'a> = ($(&'a $t,)*) where Self: 'a;

            #[inline]
            fn lower_flat<T>(
                refs: Self::Refs<'_>,
                cx: &mut LowerContext<'_, T>,
                ty: InterfaceType,
                dst: &mut MaybeUninit<Self::Lower>,
            ) -> Result<()> {
                let InterfaceType::Record(i) = ty else { bad_type_info() };
                let fields = &cx.types[i].fields;
                $(refs.$i.linear_lower_to_flat(cx, fields[$i].ty, field_mut!(dst.$i))?;)*
                Ok(())
            }

            #[inline]
            fn lower_memory<T>(
                refs: Self::Refs<'_>,
                cx: &mut LowerContext<'_, T>,
                ty: InterfaceType,
                mut offset: usize,
            ) -> Result<()> {
                debug_assert!(offset.is_multiple_of(<Self as Fields>::ABI.align32 as usize));
                let InterfaceType::Record(i) = ty else { bad_type_info() };
                let fields = &cx.types[i].fields;
                $(refs.$i.linear_lower_to_memory(
                    cx,
                    fields[$i].ty,
                    $t::ABI.next_field32_size(&mut offset),
                )?;)*
                Ok(())
            }
        }

    )*};
}

fields! {
    Flat1: (A 0);
    Flat2: (A 0) (B 1);
    Flat3: (A 0) (B 1) (C 2);
    Flat4: (A 0) (B 1) (C 2) (D 3);
    Flat5: (A 0) (B 1) (C 2) (D 3) (E 4);
    Flat6: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5);
    Flat7: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6);
    Flat8: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7);
    Flat9: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8);
    Flat10: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8) (J 9);
    Flat11: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8) (J 9) (K 10);
    Flat12: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8) (J 9) (K 10) (L 11);
    Flat13: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8) (J 9) (K 10) (L 11) (M 12);
    Flat14: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8) (J 9) (K 10) (L 11) (M 12) (N 13);
    Flat15: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8) (J 9) (K 10) (L 11) (M 12) (N 13) (O 14);
    Flat16: (A 0) (B 1) (C 2) (D 3) (E 4) (F 5) (G 6) (H 7) (I 8) (J 9) (K 10) (L 11) (M 12) (N 13) (O 14) (P 15);
}

/// The most fields a record may have to go through [`Fields`]; the macro
/// derives larger ones.
pub const MAX_FIELDS: usize = 16;

/// The fields of record type `ty`.
#[inline]
pub fn record_fields(types: &ComponentTypes, ty: InterfaceType) -> &[RecordField] {
    let InterfaceType::Record(i) = ty else {
        bad_type_info()
    };
    &types[i].fields
}

/// Loads field `F` of a record from the record's `bytes`, at the next
/// offset after `offset` that `F` is aligned to; moves `offset` past it.
#[inline]
pub fn lift_field_memory<F: Lift>(
    cx: &mut LiftContext<'_>,
    ty: InterfaceType,
    bytes: &[u8],
    offset: &mut usize,
) -> Result<F> {
    F::linear_lift_from_memory(
        cx,
        ty,
        &bytes[F::ABI.next_field32_size(offset)..][..F::SIZE32],
    )
}

/// A variant's flat form: the tag, then `N` payload slots, as many as its
/// largest case needs.
#[doc(hidden)]
#[derive(Clone, Copy)]
#[repr(C)]
pub struct Variant<const N: usize> {
    tag: ValRaw,
    payload: [ValRaw; N],
}

impl<const N: usize> Variant<N> {
    /// The case a lifted value says it is.
    #[inline]
    pub fn tag(&self) -> u32 {
        self.tag.get_u32()
    }
}

/// The type of case `case` of variant type `ty`.
#[inline]
fn case_ty(types: &ComponentTypes, ty: InterfaceType, case: u32) -> InterfaceType {
    let InterfaceType::Variant(i) = ty else {
        bad_type_info()
    };
    types[i].cases[case as usize].unwrap_or_else(bad_type_info)
}

/// Writes the tag and zeroes payload slots `used..`.
#[inline]
fn write_tag<const N: usize>(dst: &mut MaybeUninit<Variant<N>>, case: u32, used: usize) {
    let dst = dst.as_mut_ptr();
    // SAFETY: writes to fields of the struct behind `dst`, in bounds
    // (`used <= N`, checked by the callers' const asserts).
    unsafe {
        (&raw mut (*dst).tag).write(ValRaw::u32(case));
        let payload = (&raw mut (*dst).payload).cast::<ValRaw>();
        for slot in used..N {
            payload.add(slot).write(ValRaw::u64(0));
        }
    }
}

/// Lowers case `case`, which has no payload, to flat form.
#[inline]
pub fn lower_unit_flat<const N: usize>(dst: &mut MaybeUninit<Variant<N>>, case: u32) -> Result<()> {
    write_tag(dst, case, 0);
    Ok(())
}

/// Lowers case `case` with payload `value` to flat form.
#[inline]
pub fn lower_case_flat<T, P: Lower, const N: usize>(
    cx: &mut LowerContext<'_, T>,
    ty: InterfaceType,
    dst: &mut MaybeUninit<Variant<N>>,
    case: u32,
    value: &P,
) -> Result<()> {
    const { assert!(flat_len::<P>() <= N && align_of::<P::Lower>() <= align_of::<ValRaw>()) };
    let ty = case_ty(cx.types, ty, case);
    // SAFETY: the payload slots hold at least `P::Lower` (the const assert
    // above), aligned as a `ValRaw`, which is at least `P::Lower`'s.
    let payload =
        unsafe { &mut *(&raw mut (*dst.as_mut_ptr()).payload).cast::<MaybeUninit<P::Lower>>() };
    value.linear_lower_to_flat(cx, ty, payload)?;
    write_tag(dst, case, flat_len::<P>());
    Ok(())
}

/// Lifts the payload of case `case` from flat form.
#[inline]
pub fn lift_case_flat<P: Lift, const N: usize>(
    cx: &mut LiftContext<'_>,
    ty: InterfaceType,
    case: u32,
    src: &Variant<N>,
) -> Result<P> {
    const { assert!(flat_len::<P>() <= N && align_of::<P::Lower>() <= align_of::<ValRaw>()) };
    let ty = case_ty(cx.types, ty, case);
    // SAFETY: as in `lower_case_flat`; every byte pattern is a valid
    // `P::Lower` (a sequence of `ValRaw`s, as `ComponentType` requires).
    let payload = unsafe { &*(&raw const src.payload).cast::<P::Lower>() };
    P::linear_lift_from_flat(cx, ty, payload)
}

/// The size of a variant's discriminant in memory for `cases` cases.
const fn discriminant_size(cases: usize) -> usize {
    if cases <= 1 << 8 {
        1
    } else if cases <= 1 << 16 {
        2
    } else {
        4
    }
}

/// Stores the discriminant of case `case` of `V` at `offset`.
#[inline]
fn store_discriminant<V: ComponentVariant, T>(
    cx: &mut LowerContext<'_, T>,
    offset: usize,
    case: u32,
) {
    debug_assert!(offset.is_multiple_of(V::ABI.align32 as usize));
    match discriminant_size(V::CASES.len()) {
        1 => *cx.get::<1>(offset) = (case as u8).to_le_bytes(),
        2 => *cx.get::<2>(offset) = (case as u16).to_le_bytes(),
        _ => *cx.get::<4>(offset) = case.to_le_bytes(),
    }
}

/// Stores case `case` of `V`, which has no payload, at `offset`.
#[inline]
pub fn lower_unit_memory<V: ComponentVariant, T>(
    cx: &mut LowerContext<'_, T>,
    offset: usize,
    case: u32,
) -> Result<()> {
    store_discriminant::<V, T>(cx, offset, case);
    Ok(())
}

/// Stores case `case` of `V` with payload `value` at `offset`.
#[inline]
pub fn lower_case_memory<V: ComponentVariant, T, P: Lower>(
    cx: &mut LowerContext<'_, T>,
    ty: InterfaceType,
    offset: usize,
    case: u32,
    value: &P,
) -> Result<()> {
    let ty = case_ty(cx.types, ty, case);
    store_discriminant::<V, T>(cx, offset, case);
    value.linear_lower_to_memory(cx, ty, offset + V::PAYLOAD_OFFSET32)
}

/// Reads the discriminant of a `V` from its bytes in memory.
#[inline]
pub fn load_discriminant<V: ComponentVariant>(bytes: &[u8]) -> u32 {
    debug_assert!((bytes.as_ptr() as usize).is_multiple_of(V::ABI.align32 as usize));
    match discriminant_size(V::CASES.len()) {
        1 => u32::from(bytes[0]),
        2 => u32::from(u16::from_le_bytes([bytes[0], bytes[1]])),
        _ => u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
    }
}

/// Loads the payload of case `case` of `V` from the variant's bytes.
#[inline]
pub fn lift_case_memory<V: ComponentVariant, P: Lift>(
    cx: &mut LiftContext<'_>,
    ty: InterfaceType,
    case: u32,
    bytes: &[u8],
) -> Result<P> {
    let ty = case_ty(cx.types, ty, case);
    P::linear_lift_from_memory(cx, ty, &bytes[V::PAYLOAD_OFFSET32..][..P::SIZE32])
}

/// `ComponentType`, `Lower` and `Lift` for a record of at most 16 fields,
/// through [`Fields`]: `record!(Name; (A, B); [a "a" 0, b "b" 1])` (field
/// types in order, then each field's Rust and WIT name and index).
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_abi_record {
    ($name:ident; ($($ty:ty),*); [$($field:ident $wit:literal $i:tt),*]) => {
        // The `unsafe impl`s are this crate's, reviewed here; a crate that
        // denies unsafe code can still expand them.
        #[allow(unsafe_code)]
        const _: () = {
            use $crate::__private::abi as __abi;
            type __F = ($($ty,)*);
            // SAFETY: `Lower` and `ABI` are the field tuple's, which
            // `Fields` guarantees are a record's of these fields in order.
            unsafe impl __abi::ComponentType for $name {
                type Lower = <__F as __abi::Fields>::Lower;
                const ABI: __abi::CanonicalAbiInfo = <__F as __abi::Fields>::ABI;
                const MAY_REQUIRE_REALLOC: bool = <__F as __abi::Fields>::MAY_REQUIRE_REALLOC;
                #[inline]
                fn typecheck(ty: &__abi::InterfaceType, types: &__abi::InstanceType<'_>) -> __abi::Result<()> {
                    <__F as __abi::Fields>::typecheck(&[$($wit),*], ty, types)
                }
            }
            // SAFETY: lowers every field into its place of `Lower`.
            unsafe impl __abi::Lower for $name {
                #[inline]
                fn linear_lower_to_flat<T>(
                    &self,
                    cx: &mut __abi::LowerContext<'_, T>,
                    ty: __abi::InterfaceType,
                    dst: &mut ::core::mem::MaybeUninit<Self::Lower>,
                ) -> __abi::Result<()> {
                    <__F as __abi::FieldsLower>::lower_flat(($(&self.$field,)*), cx, ty, dst)
                }
                #[inline]
                fn linear_lower_to_memory<T>(
                    &self,
                    cx: &mut __abi::LowerContext<'_, T>,
                    ty: __abi::InterfaceType,
                    offset: usize,
                ) -> __abi::Result<()> {
                    <__F as __abi::FieldsLower>::lower_memory(($(&self.$field,)*), cx, ty, offset)
                }
            }
            // SAFETY: lifting reads only what `ComponentType` describes.
            unsafe impl __abi::Lift for $name {
                #[inline]
                fn linear_lift_from_flat(
                    cx: &mut __abi::LiftContext<'_>,
                    ty: __abi::InterfaceType,
                    src: &Self::Lower,
                ) -> __abi::Result<Self> {
                    let fields = __abi::record_fields(cx.types, ty);
                    ::core::result::Result::Ok(Self {
                        $($field: __abi::Lift::linear_lift_from_flat(cx, fields[$i].ty, &src.$i)?,)*
                    })
                }
                #[inline]
                fn linear_lift_from_memory(
                    cx: &mut __abi::LiftContext<'_>,
                    ty: __abi::InterfaceType,
                    bytes: &[u8],
                ) -> __abi::Result<Self> {
                    let fields = __abi::record_fields(cx.types, ty);
                    let mut offset = 0;
                    ::core::result::Result::Ok(Self {
                        $($field: __abi::lift_field_memory(cx, fields[$i].ty, bytes, &mut offset)?,)*
                    })
                }
            }
        };
    };
}

/// `ComponentType`, `ComponentVariant`, `Lower` and `Lift` for a variant:
/// `variant!(Name; ["a", "b": P]; payload [B 1]; unit [A 0])` (each case's
/// WIT name and payload type in order, then the cases with a payload and
/// those without, each with its index).
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_abi_variant {
    (
        $name:ident;
        [$($wit:literal $(: $pty:ty)?),*];
        payload [$($pcase:ident $pi:literal),*];
        unit [$($ucase:ident $ui:literal),*]
    ) => {
        // The `unsafe impl`s are this crate's, reviewed here; a crate that
        // denies unsafe code can still expand them.
        #[allow(unsafe_code)]
        const _: () = {
            use $crate::__private::abi as __abi;
            // SAFETY: `Lower` is `Variant<N>`, the tag and as many payload
            // slots as the largest case's flat form; `ABI` is computed from
            // the cases as the canonical ABI says.
            unsafe impl __abi::ComponentType for $name {
                type Lower = __abi::Variant<{ __abi::max(&[$($(__abi::flat_len::<$pty>(),)?)*]) }>;
                const ABI: __abi::CanonicalAbiInfo =
                    __abi::CanonicalAbiInfo::variant_static(<Self as __abi::ComponentVariant>::CASES);
                const MAY_REQUIRE_REALLOC: bool =
                    $($(<$pty as __abi::ComponentType>::MAY_REQUIRE_REALLOC ||)?)* false;
                #[inline]
                fn typecheck(ty: &__abi::InterfaceType, types: &__abi::InstanceType<'_>) -> __abi::Result<()> {
                    __abi::typecheck_variant(ty, types, &[$(($wit, $crate::__hostgen_abi_case!(check $($pty)?))),*])
                }
            }
            // SAFETY: one entry per case, in order, with its payload's ABI.
            unsafe impl __abi::ComponentVariant for $name {
                const CASES: &'static [::core::option::Option<__abi::CanonicalAbiInfo>] =
                    &[$($crate::__hostgen_abi_case!(abi $($pty)?)),*];
            }
            // SAFETY: the helpers write the tag and the case's payload.
            unsafe impl __abi::Lower for $name {
                #[inline]
                fn linear_lower_to_flat<T>(
                    &self,
                    cx: &mut __abi::LowerContext<'_, T>,
                    ty: __abi::InterfaceType,
                    dst: &mut ::core::mem::MaybeUninit<Self::Lower>,
                ) -> __abi::Result<()> {
                    match self {
                        $(Self::$pcase(v) => __abi::lower_case_flat(cx, ty, dst, $pi, v),)*
                        $(Self::$ucase => __abi::lower_unit_flat(dst, $ui),)*
                    }
                }
                #[inline]
                fn linear_lower_to_memory<T>(
                    &self,
                    cx: &mut __abi::LowerContext<'_, T>,
                    ty: __abi::InterfaceType,
                    offset: usize,
                ) -> __abi::Result<()> {
                    match self {
                        $(Self::$pcase(v) => __abi::lower_case_memory::<Self, T, _>(cx, ty, offset, $pi, v),)*
                        $(Self::$ucase => __abi::lower_unit_memory::<Self, T>(cx, offset, $ui),)*
                    }
                }
            }
            // SAFETY: lifting reads only what `ComponentType` describes.
            unsafe impl __abi::Lift for $name {
                #[inline]
                fn linear_lift_from_flat(
                    cx: &mut __abi::LiftContext<'_>,
                    ty: __abi::InterfaceType,
                    src: &Self::Lower,
                ) -> __abi::Result<Self> {
                    ::core::result::Result::Ok(match src.tag() {
                        $($pi => Self::$pcase(__abi::lift_case_flat(cx, ty, $pi, src)?),)*
                        $($ui => Self::$ucase,)*
                        d => return ::core::result::Result::Err(__abi::bad_discriminant(d)),
                    })
                }
                #[inline]
                fn linear_lift_from_memory(
                    cx: &mut __abi::LiftContext<'_>,
                    ty: __abi::InterfaceType,
                    bytes: &[u8],
                ) -> __abi::Result<Self> {
                    ::core::result::Result::Ok(match __abi::load_discriminant::<Self>(bytes) {
                        $($pi => Self::$pcase(__abi::lift_case_memory::<Self, _>(cx, ty, $pi, bytes)?),)*
                        $($ui => Self::$ucase,)*
                        d => return ::core::result::Result::Err(__abi::bad_discriminant(d)),
                    })
                }
            }
        };
    };
}

/// A variant case's entry in `typecheck_variant`'s list (`check`) or in
/// `ComponentVariant::CASES` (`abi`): `None` without a payload.
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_abi_case {
    (check) => {
        ::core::option::Option::None
    };
    (check $t:ty) => {
        ::core::option::Option::Some(<$t as $crate::__private::abi::ComponentType>::typecheck)
    };
    (abi) => {
        ::core::option::Option::None
    };
    (abi $t:ty) => {
        ::core::option::Option::Some(<$t as $crate::__private::abi::ComponentType>::ABI)
    };
}

/// `ComponentType`, `ComponentVariant`, `Lower` and `Lift` for an enum:
/// `enum_!(Name; [A "a" 0, B "b" 1])` (each case's Rust and WIT name and
/// index). Its flat form is a variant's without payload, `Variant<0>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_abi_enum {
    ($name:ident; [$($case:ident $wit:literal $i:literal),*]) => {
        // The `unsafe impl`s are this crate's, reviewed here; a crate that
        // denies unsafe code can still expand them.
        #[allow(unsafe_code)]
        const _: () = {
            use $crate::__private::abi as __abi;
            // SAFETY: `Lower` is the tag alone; `ABI` is the canonical
            // ABI's for this many cases.
            unsafe impl __abi::ComponentType for $name {
                type Lower = __abi::Variant<0>;
                const ABI: __abi::CanonicalAbiInfo = __abi::CanonicalAbiInfo::enum_([$($wit),*].len());
                const MAY_REQUIRE_REALLOC: bool = false;
                #[inline]
                fn typecheck(ty: &__abi::InterfaceType, types: &__abi::InstanceType<'_>) -> __abi::Result<()> {
                    __abi::typecheck_enum(ty, types, &[$($wit),*])
                }
            }
            // SAFETY: one entry per case, none with a payload.
            unsafe impl __abi::ComponentVariant for $name {
                const CASES: &'static [::core::option::Option<__abi::CanonicalAbiInfo>] =
                    &[$(__abi::no_payload($wit)),*];
            }
            // SAFETY: the helpers write the tag.
            unsafe impl __abi::Lower for $name {
                #[inline]
                fn linear_lower_to_flat<T>(
                    &self,
                    _cx: &mut __abi::LowerContext<'_, T>,
                    _ty: __abi::InterfaceType,
                    dst: &mut ::core::mem::MaybeUninit<Self::Lower>,
                ) -> __abi::Result<()> {
                    __abi::lower_unit_flat(dst, *self as u32)
                }
                #[inline]
                fn linear_lower_to_memory<T>(
                    &self,
                    cx: &mut __abi::LowerContext<'_, T>,
                    _ty: __abi::InterfaceType,
                    offset: usize,
                ) -> __abi::Result<()> {
                    __abi::lower_unit_memory::<Self, T>(cx, offset, *self as u32)
                }
            }
            // SAFETY: lifting reads only the tag.
            unsafe impl __abi::Lift for $name {
                #[inline]
                fn linear_lift_from_flat(
                    _cx: &mut __abi::LiftContext<'_>,
                    _ty: __abi::InterfaceType,
                    src: &Self::Lower,
                ) -> __abi::Result<Self> {
                    ::core::result::Result::Ok(match src.tag() {
                        $($i => Self::$case,)*
                        d => return ::core::result::Result::Err(__abi::bad_discriminant(d)),
                    })
                }
                #[inline]
                fn linear_lift_from_memory(
                    _cx: &mut __abi::LiftContext<'_>,
                    _ty: __abi::InterfaceType,
                    bytes: &[u8],
                ) -> __abi::Result<Self> {
                    ::core::result::Result::Ok(match __abi::load_discriminant::<Self>(bytes) {
                        $($i => Self::$case,)*
                        d => return ::core::result::Result::Err(__abi::bad_discriminant(d)),
                    })
                }
            }
        };
    };
}

/// A flags type of 1 to 32 flags, whole: the struct over one `u8`, `u16`
/// or `u32` of bits and its API (constants, `empty`, `all`, `contains`,
/// `intersects`, `as_array`, the bit operators, `PartialEq`, `Debug`),
/// from the target-independent
/// [`__hostgen_flags_type`](crate::__hostgen_flags_type), and
/// `ComponentType`, `Lower` and `Lift`:
/// `flags!(#[doc = ".."] Name: u8; [#[doc = ".."] READ "read" 0, ..])`
/// (attributes, the bits' type, then each flag's Rust and WIT name and
/// bit). The API is that of wasmtime's `flags!`; the canonical ABI impls
/// forward to the bits' integer impls, since a flags type (WIT allows 1 to
/// 32 flags) is that integer in both flat and memory form. Lifting drops
/// the bits past the last flag, as the canonical ABI's `lift_flags` does.
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_abi_flags {
    (
        $(#[$attr:meta])*
        $name:ident: $bits:ident;
        [$($(#[$fattr:meta])* $flag:ident $wit:literal $bit:literal),*]
    ) => {
        $crate::__hostgen_flags_type!(
            [$crate::__private::abi]
            $(#[$attr])*
            $name: $bits;
            [$($(#[$fattr])* $flag $wit $bit),*]
        );

        // The `unsafe impl`s are this crate's, reviewed here; a crate that
        // denies unsafe code can still expand them.
        #[allow(unsafe_code)]
        const _: () = {
            use $crate::__private::abi as __abi;
            // SAFETY: up to 32 flags are one integer of the size
            // `CanonicalAbiInfo::flags` gives, one flat value (`ValRaw`,
            // the integer's `Lower`).
            unsafe impl __abi::ComponentType for $name {
                type Lower = __abi::ValRaw;
                const ABI: __abi::CanonicalAbiInfo = __abi::CanonicalAbiInfo::flags([$($wit),*].len());
                const MAY_REQUIRE_REALLOC: bool = false;
                #[inline]
                fn typecheck(ty: &__abi::InterfaceType, types: &__abi::InstanceType<'_>) -> __abi::Result<()> {
                    __abi::typecheck_flags(ty, types, &[$($wit),*])
                }
            }
            // SAFETY: the bits' integer impl writes the one flat value, or
            // the integer in memory.
            unsafe impl __abi::Lower for $name {
                #[inline]
                fn linear_lower_to_flat<T>(
                    &self,
                    cx: &mut __abi::LowerContext<'_, T>,
                    _ty: __abi::InterfaceType,
                    dst: &mut ::core::mem::MaybeUninit<Self::Lower>,
                ) -> __abi::Result<()> {
                    <$bits as __abi::Lower>::linear_lower_to_flat(&self.bits, cx, <$bits as __abi::FlagBits>::TY, dst)
                }
                #[inline]
                fn linear_lower_to_memory<T>(
                    &self,
                    cx: &mut __abi::LowerContext<'_, T>,
                    _ty: __abi::InterfaceType,
                    offset: usize,
                ) -> __abi::Result<()> {
                    <$bits as __abi::Lower>::linear_lower_to_memory(&self.bits, cx, <$bits as __abi::FlagBits>::TY, offset)
                }
            }
            // SAFETY: lifting reads only the integer.
            unsafe impl __abi::Lift for $name {
                #[inline]
                fn linear_lift_from_flat(
                    cx: &mut __abi::LiftContext<'_>,
                    _ty: __abi::InterfaceType,
                    src: &Self::Lower,
                ) -> __abi::Result<Self> {
                    match <$bits as __abi::Lift>::linear_lift_from_flat(cx, <$bits as __abi::FlagBits>::TY, src) {
                        ::core::result::Result::Ok(bits) => ::core::result::Result::Ok(Self {
                            bits: bits & __abi::flags_mask([$($wit),*].len()) as $bits,
                        }),
                        ::core::result::Result::Err(e) => ::core::result::Result::Err(e),
                    }
                }
                #[inline]
                fn linear_lift_from_memory(
                    cx: &mut __abi::LiftContext<'_>,
                    _ty: __abi::InterfaceType,
                    bytes: &[u8],
                ) -> __abi::Result<Self> {
                    match <$bits as __abi::Lift>::linear_lift_from_memory(cx, <$bits as __abi::FlagBits>::TY, bytes) {
                        ::core::result::Result::Ok(bits) => ::core::result::Result::Ok(Self {
                            bits: bits & __abi::flags_mask([$($wit),*].len()) as $bits,
                        }),
                        ::core::result::Result::Err(e) => ::core::result::Result::Err(e),
                    }
                }
            }
        };
    };
}

/// The integer that holds a flags type's bits, and the interface type its
/// `Lower`/`Lift` impls expect.
pub trait FlagBits {
    /// `U8`, `U16` or `U32`.
    const TY: InterfaceType;
}

impl FlagBits for u8 {
    const TY: InterfaceType = InterfaceType::U8;
}

impl FlagBits for u16 {
    const TY: InterfaceType = InterfaceType::U16;
}

impl FlagBits for u32 {
    const TY: InterfaceType = InterfaceType::U32;
}

/// An enum case's entry in `ComponentVariant::CASES`: no payload.
pub const fn no_payload(_case: &str) -> Option<CanonicalAbiInfo> {
    None
}

pub use crate::{
    __hostgen_abi_enum as enum_, __hostgen_abi_flags as flags, __hostgen_abi_record as record,
    __hostgen_abi_variant as variant,
};

#[cfg(test)]
mod tests {
    use core::fmt;

    /// What `format` writes for `bits` and `names`, as a string.
    fn show(
        format: fn(&[u32], &[&str], &mut fmt::Formatter<'_>) -> fmt::Result,
        bits: &[u32],
        names: &[&str],
    ) -> String {
        struct Show<'a>(
            fn(&[u32], &[&str], &mut fmt::Formatter<'_>) -> fmt::Result,
            &'a [u32],
            &'a [&'a str],
        );
        impl fmt::Debug for Show<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                (self.0)(self.1, self.2, f)
            }
        }
        format!("{:?}", Show(format, bits, names))
    }

    #[test]
    fn format_flags_is_byte_for_byte_wasmtimes() {
        use crate::wasmtime::component::__internal::format_flags as wasmtime_format_flags;
        let wide: Vec<String> = (0..32).map(|i| format!("FLAG_{i}")).collect();
        let wide: Vec<&str> = wide.iter().map(String::as_str).collect();
        let patterns = (0..=0xFFu32).chain([
            u32::MAX,
            1 << 31,
            0x8000_0001,
            0xAAAA_AAAA,
            0x5555_5555,
            0x1234_5678,
        ]);
        for bits in patterns {
            for count in [1, 3, 8, 10, 16, 31, 32] {
                let names = &wide[..count];
                assert_eq!(
                    show(super::format_flags, &[bits], names),
                    show(wasmtime_format_flags, &[bits], names),
                    "{bits:#x}, {count} flags"
                );
            }
        }
    }
}
