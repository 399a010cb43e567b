//! One function as the emitters see it: its Rust name, its parameters'
//! Rust names (distinct from the locals generated bodies use), its flags and
//! how the host method returns.

use crate::func_flags::FuncFlags;
use crate::names::{self, NameSet};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use wit_parser::{Function, InterfaceId, Type};

/// A WIT error type replaced by a Rust one in a host function's result
/// (`trappable_error_type`).
#[derive(Clone)]
pub struct TrappableError {
    /// The root `use` alias of the Rust type host functions return.
    pub alias: Ident,
    /// The WIT error type (`convert_*` returns it).
    pub wit: Type,
    /// `convert_<error>`, the `Host` method that turns the Rust error into
    /// the WIT value or a trap.
    pub convert: Ident,
    /// The interface whose `Host` declares `convert`: the one defining the
    /// WIT error type, as in wasmtime's `bindgen!`.
    pub owner: InterfaceId,
}

/// How a host method returns.
pub enum Returns {
    /// The WIT result as is.
    Plain,
    /// `wasmtime::Result<T>`: an `Err` traps.
    Trappable,
    /// `Result<T, RustError>` in place of `result<T, wit-error>`.
    Mapped {
        ok: Option<Type>,
        err: TrappableError,
    },
}

/// A function's Rust name, parameter names and their WIT types.
pub struct FuncSig<'r> {
    pub name: Ident,
    pub params: Vec<(Ident, &'r Type)>,
    pub func: &'r Function,
    /// The trait the method belongs to when it is not the interface's
    /// `Host`: a resource's `Host<Resource>` trait.
    pub owner: Option<Ident>,
    /// How the host method returns (imports only).
    pub returns: Returns,
    /// The function's `imports:` or `exports:` flags.
    pub flags: FuncFlags,
    /// With the `store` flag: the `*WithStore` trait the function is in.
    pub store_trait: Option<Ident>,
}

impl<'r> FuncSig<'r> {
    pub fn new(func: &'r Function, name: String) -> Self {
        let mut scope = NameSet::with_reserved(names::reserved::PARAMS);
        let params = func
            .params
            .iter()
            .map(|p| (names::ident(&scope.claim(names::snake(&p.name))), &p.ty))
            .collect();
        FuncSig {
            name: names::ident(&name),
            params,
            func,
            owner: None,
            returns: Returns::Plain,
            flags: FuncFlags::default(),
            store_trait: None,
        }
    }

    /// `#[allow(clippy::too_many_arguments)]` where the WIT function has more
    /// parameters than clippy likes (counting `self` and `store`).
    pub fn lint_allow(&self) -> TokenStream {
        if self.params.len() + 2 > 7 {
            quote!(#[allow(clippy::too_many_arguments)])
        } else {
            TokenStream::new()
        }
    }

    /// `arg0, arg1, …` for closure and call bodies.
    pub fn arg_idents(&self) -> Vec<Ident> {
        (0..self.params.len())
            .map(|i| format_ident!("arg{i}"))
            .collect()
    }
}
