//! The half of a generated flags type that is the same on every target:
//! the struct, its API and operators, `PartialEq` and `Debug`.
//!
//! Each target's `flags!` (`__hostgen_abi_flags` for wasmtime,
//! `__hostgen_wasmi_flags` for wasmi) invokes [`__hostgen_flags_type`] for
//! the type and adds its own ABI impls, so a flags type has the same API
//! whichever target generated it. Nothing here names a runtime: the two
//! helpers the impls call, [`flags_mask`] and [`format_flags`], are this
//! crate's, and each target's ABI module re-exports them under the path it
//! passes to the macro.

use core::fmt;

/// A flags type of 1 to 32 flags, without ABI impls: the struct over one
/// `u8`, `u16` or `u32` of bits, its constants, `empty`, `all`,
/// `contains`, `intersects`, `as_array`, the bit operators, `Clone`,
/// `Copy`, `Default`, `PartialEq`, `Eq` and
/// `Debug`, the API of wasmtime's `flags!`:
/// `flags_type!([path::to::support] #[doc = ".."] Name: u8; [#[doc = ".."] READ "read" 0, ..])`
/// (the module that re-exports [`flags_mask`] and [`format_flags`], in
/// brackets; attributes; the bits' type; then each flag's Rust and WIT name
/// and bit).
#[doc(hidden)]
#[macro_export]
macro_rules! __hostgen_flags_type {
    (
        [$($support:tt)*]
        $(#[$attr:meta])*
        $name:ident: $bits:ident;
        [$($(#[$fattr:meta])* $flag:ident $wit:literal $bit:literal),*]
    ) => {
        $(#[$attr])*
        pub struct $name {
            bits: $bits,
        }

        // Written out rather than derived: the same impls, less for rustc
        // to check (issue 17).
        impl ::core::clone::Clone for $name {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl ::core::marker::Copy for $name {}

        impl ::core::default::Default for $name {
            fn default() -> Self {
                Self { bits: 0 }
            }
        }

        impl $name {
            $($(#[$fattr])* pub const $flag: Self = Self { bits: 1 << $bit };)*

            /// The bits as 32-bit words, flag `i` at bit `i % 32` of word
            /// `i / 32`.
            pub fn as_array(&self) -> [u32; 1] {
                [self.bits as u32]
            }

            /// No flag set.
            pub fn empty() -> Self {
                Self { bits: 0 }
            }

            /// Every flag set.
            pub fn all() -> Self {
                Self { bits: $($support)*::flags_mask([$($wit),*].len()) as $bits }
            }

            /// Whether every flag of `other` is set in `self`.
            pub fn contains(&self, other: Self) -> bool {
                *self & other == other
            }

            /// Whether `self` and `other` have a flag in common.
            pub fn intersects(&self, other: Self) -> bool {
                *self & other != Self::empty()
            }
        }

        // The bits past the last flag are always clear (`all`, `!` and
        // lifting leave them so), so comparing the bits is comparing the
        // flags, and derives over the bits (`Hash`, `Ord`) agree with it.
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, rhs: &Self) -> bool {
                self.bits == rhs.bits
            }
        }

        impl ::core::cmp::Eq for $name {}

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $($support)*::format_flags(&self.as_array(), &[$(stringify!($flag)),*], f)
            }
        }

        impl ::core::ops::BitOr for $name {
            type Output = Self;
            fn bitor(self, rhs: Self) -> Self {
                Self { bits: self.bits | rhs.bits }
            }
        }

        impl ::core::ops::BitOrAssign for $name {
            fn bitor_assign(&mut self, rhs: Self) {
                self.bits |= rhs.bits;
            }
        }

        impl ::core::ops::BitAnd for $name {
            type Output = Self;
            fn bitand(self, rhs: Self) -> Self {
                Self { bits: self.bits & rhs.bits }
            }
        }

        impl ::core::ops::BitAndAssign for $name {
            fn bitand_assign(&mut self, rhs: Self) {
                self.bits &= rhs.bits;
            }
        }

        impl ::core::ops::BitXor for $name {
            type Output = Self;
            fn bitxor(self, rhs: Self) -> Self {
                Self { bits: self.bits ^ rhs.bits }
            }
        }

        impl ::core::ops::BitXorAssign for $name {
            fn bitxor_assign(&mut self, rhs: Self) {
                self.bits ^= rhs.bits;
            }
        }

        impl ::core::ops::Not for $name {
            type Output = Self;
            fn not(self) -> Self {
                Self { bits: !self.bits & $($support)*::flags_mask([$($wit),*].len()) as $bits }
            }
        }
    };
}

/// The bits of a flags type of `count` flags (at most 32): flag `i` is bit
/// `i`. A value's bits past them are kept clear, whatever a guest sends.
#[inline]
pub const fn flags_mask(count: usize) -> u32 {
    if count >= 32 { !0 } else { (1u32 << count) - 1 }
}

/// Writes the flags of `bits` that are set, by name, as `(A|C)` (`()` for
/// none): flag `i` is bit `i % 32` of `bits[i / 32]` and is named
/// `names[i]`. Byte for byte wasmtime's `format_flags` (wasmtime 48, the
/// `Debug` of its `flags!` types), so a flags type prints the same on every
/// target; written here so that printing needs no wasmtime.
pub fn format_flags(bits: &[u32], names: &[&str], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("(")?;
    let mut wrote = false;
    for (index, name) in names.iter().enumerate() {
        // A missing word reads as no flag set, where wasmtime's would index
        // out of bounds; callers pass as many words as flags need.
        let word = bits.get(index / 32).copied().unwrap_or(0);
        if (word >> (index % 32)) & 1 != 0 {
            if wrote {
                f.write_str("|")?;
            } else {
                wrote = true;
            }
            f.write_str(name)?;
        }
    }
    f.write_str(")")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `format_flags` over `bits` and `names`, as a string.
    fn show(bits: &[u32], names: &[&str]) -> String {
        struct Show<'a>(&'a [u32], &'a [&'a str]);
        impl fmt::Debug for Show<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                format_flags(self.0, self.1, f)
            }
        }
        format!("{:?}", Show(bits, names))
    }

    #[test]
    fn format_flags_prints_set_flags_by_name() {
        let names = ["A", "B", "C"];
        assert_eq!(show(&[0], &names), "()");
        assert_eq!(show(&[0b101], &names), "(A|C)");
        assert_eq!(show(&[0b010], &names), "(B)");
        // Bits past the last flag are not printed.
        assert_eq!(show(&[!0], &names), "(A|B|C)");
        let wide: Vec<String> = (0..32).map(|i| format!("B{i}")).collect();
        let wide: Vec<&str> = wide.iter().map(String::as_str).collect();
        assert_eq!(show(&[1 << 31 | 1], &wide), "(B0|B31)");
    }

    #[test]
    fn the_mask_covers_the_flags_bits() {
        assert_eq!(flags_mask(3), 0b111);
        assert_eq!(flags_mask(1), 1);
        assert_eq!(flags_mask(31), u32::MAX >> 1);
        assert_eq!(flags_mask(32), u32::MAX);
    }

    // A flags type through the macro, as each target's `flags!` makes it.
    mod support {
        pub use super::super::{flags_mask, format_flags};
    }
    crate::__hostgen_flags_type!(
        [self::support]
        /// Three flags, with what `additional_derives` may add. (`PartialEq`
        /// is written out, over the bits, as the derive would: clippy cannot
        /// tell.)
        #[allow(clippy::derived_hash_with_manual_eq)]
        #[derive(Hash, PartialOrd, Ord)]
        Three: u8;
        [A "a" 0, B "b" 1, C "c" 2]
    );

    #[test]
    fn equal_values_hash_and_order_the_same() {
        use std::collections::HashSet;
        let every = Three::A | Three::B | Three::C;
        let set: HashSet<Three> = [Three::all(), every, !Three::empty()].into_iter().collect();
        assert_eq!(set.len(), 1, "{set:?}");
        assert_eq!(Three::all().cmp(&every), std::cmp::Ordering::Equal);
        assert_eq!(
            (!Three::B).cmp(&(Three::A | Three::C)),
            std::cmp::Ordering::Equal
        );
        assert_eq!(Three::all().as_array(), [0b111]);
        assert_eq!((!Three::A).as_array(), [0b110]);
    }

    #[test]
    fn the_macro_gives_the_flags_api() {
        assert_eq!(Three::all(), Three::A | Three::B | Three::C);
        assert_eq!(!Three::B, Three::A | Three::C);
        assert_eq!(Three::default(), Three::empty());
        assert!(Three::all().contains(Three::A | Three::C));
        assert!(!(Three::A).intersects(Three::C));
        assert_eq!(format!("{:?}", !Three::B), "(A|C)");
        assert_eq!(Three::C.as_array(), [1 << 2]);
    }
}
