//! Every WIT → Rust identifier goes through here: case conversion, Rust
//! keywords, and clashes with the names hostgen generates itself.
//!
//! The rule is one and predictable: a name that would not compile, or that
//! would collide with a generated item, gets a trailing `_` (`type` →
//! `type_`, a WIT type `host` → `Host_`). Two WIT names that still map to one
//! Rust name in the same scope are told apart by [`NameSet`].

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use std::collections::HashSet;

/// Strict and reserved keywords of Rust 2024, plus the weak ones that cannot
/// be used as plain identifiers in some positions.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Every name the expansion itself puts in a scope that WIT-derived names
/// share, one table per scope. A WIT name that maps onto one of these gets
/// a trailing `_` (or `_2`, …) instead. Generated code names everything
/// else by absolute path (`::core::…`, `::std::…`, the runtime's
/// `__private`), and its generic parameters start with `_`, which no WIT
/// name can, so only these can collide.
pub mod reserved {
    /// Module names: generated code refers to these crates and modules.
    pub const MODULES: &[&str] = &["exports", "hostgen", "wasmtime", "core", "std", "alloc"];

    /// Type names in an interface module: the generated traits and structs,
    /// the prelude types generated code relied on, and `Copy`, which
    /// wasmtime's `ComponentType` derive names unqualified.
    pub const INTERFACE_TYPES: &[&str] = &[
        "Host",
        "DynHost",
        "HostWithStore",
        "HostDelegate",
        "GetHost",
        "Guest",
        "GuestIndices",
        "LinkOptions",
        "Result",
        "Option",
        "Copy",
    ];

    /// Names at the expansion's root besides the world's own items.
    pub const ROOT: &[&str] = &["exports", "LinkOptions", "Copy"];

    /// Parameter names of a WIT function: the locals and closure
    /// parameters of the generated bodies the parameters are bound in
    /// (linker closures, `call_*`, tracing, store access, the dyn
    /// companions' `slot`).
    pub const PARAMS: &[&str] = &[
        "store",
        "host",
        "accessor",
        "access",
        "callee",
        "ret",
        "caller",
        "host_getter",
        "slot",
        "inst",
        "linker",
        "options",
        "instance",
        "component",
        "span",
        "r",
        "e",
        "v",
    ];

    /// Method names of a host trait besides its functions' (a resource's
    /// destructor).
    pub const HOST_METHODS: &[&str] = &["drop", "inner"];

    /// Names in an exported interface's `Guest`/`GuestIndices` besides its
    /// functions': their methods, and the parameters and locals of those
    /// methods, among which each function's index is a local.
    pub const GUEST_ITEMS: &[&str] = &[
        "new",
        "new_at",
        "load",
        "component",
        "name",
        "instance",
        "store",
    ];

    /// Methods of the world struct besides its exports' accessors and calls.
    /// Parameters and locals of the methods that look the exports up, among
    /// which each export's index is a local, are reserved too.
    pub const WORLD_METHODS: &[&str] = &[
        "component",
        "instance",
        "store",
        "pre",
        "indices",
        "linker",
        "instance_pre",
        "engine",
        "new",
        "instantiate",
        "instantiate_async",
        "add_to_linker",
        "add_to_linker_get_host",
        "add_to_linker_mut",
        "add_to_linker_imports",
        "add_to_linker_imports_get_host",
        "add_to_linker_imports_mut",
    ];
}

use reserved::{INTERFACE_TYPES as RESERVED_TYPES, MODULES as RESERVED_MODULES};

fn escape(name: String, reserved: &[&str]) -> String {
    if KEYWORDS.contains(&name.as_str()) || reserved.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// `snake_case` for functions, parameters, fields and modules.
pub fn snake(wit: &str) -> String {
    escape(wit.to_snake_case(), &[])
}

/// `snake_case` for a module; also avoids names generated code relies on.
pub fn module(wit: &str) -> String {
    escape(wit.to_snake_case(), RESERVED_MODULES)
}

/// `UpperCamelCase` for types, variant cases and enum cases.
pub fn camel(wit: &str) -> String {
    escape(wit.to_upper_camel_case(), &[])
}

/// `UpperCamelCase` for a type defined in an interface module, where
/// `Host`, `Guest` and the prelude types are taken.
pub fn type_name(wit: &str) -> String {
    escape(wit.to_upper_camel_case(), RESERVED_TYPES)
}

/// `SHOUTY_SNAKE_CASE` for flag constants.
pub fn shouty(wit: &str) -> String {
    escape(wit.to_shouty_snake_case(), &[])
}

/// A Rust identifier; raw identifiers are never needed because every keyword
/// was escaped above.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust names taken in one scope. `claim` returns the name to use for a
/// WIT name: the mapped name itself, or with `_`, `_2`, … appended when an
/// earlier, different WIT name already took it.
#[derive(Default)]
pub struct NameSet {
    /// Names generated items use; read, never copied into `taken` (a scope
    /// is made per function, `cargo check` time, issue 17).
    reserved: &'static [&'static str],
    taken: HashSet<String>,
}

impl NameSet {
    /// A scope in which `reserved` are already in use by generated items.
    pub fn with_reserved(reserved: &'static [&'static str]) -> Self {
        NameSet {
            reserved,
            taken: HashSet::new(),
        }
    }

    /// Takes `name` if it is free.
    fn take(&mut self, name: &str) -> bool {
        !self.reserved.contains(&name) && self.taken.insert(name.to_string())
    }

    /// Takes `name`, or the first free `name_`, `name_2`, `name_3`, ….
    pub fn claim(&mut self, name: String) -> String {
        if self.take(&name) {
            return name;
        }
        let underscored = format!("{name}_");
        if self.take(&underscored) {
            return underscored;
        }
        (2..)
            .map(|n| format!("{name}_{n}"))
            .find(|candidate| self.take(candidate))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case = (fn(&str) -> String, &'static str, &'static str);

    #[test]
    fn case_conversion_and_keywords() {
        let cases: &[Case] = &[
            (snake, "get-value", "get_value"),
            (snake, "type", "type_"),
            (snake, "self", "self_"),
            (snake, "async", "async_"),
            (snake, "gen", "gen_"),
            (snake, "HTTP-request", "http_request"),
            (module, "exports", "exports_"),
            (module, "wasmtime", "wasmtime_"),
            (module, "host", "host"),
            (camel, "my-record", "MyRecord"),
            (camel, "self", "Self_"),
            (type_name, "host", "Host_"),
            (type_name, "guest", "Guest_"),
            (type_name, "result", "Result_"),
            (type_name, "option", "Option_"),
            (type_name, "new", "New"),
            (shouty, "read-write", "READ_WRITE"),
            (shouty, "a", "A"),
        ];
        for (convert, wit, rust) in cases {
            assert_eq!(convert(wit), *rust, "for WIT name `{wit}`");
        }
    }

    #[test]
    fn name_set_tells_colliding_names_apart() {
        let mut set = NameSet::with_reserved(&["new"]);
        assert_eq!(set.claim("get".into()), "get");
        assert_eq!(set.claim("get".into()), "get_");
        assert_eq!(set.claim("get".into()), "get_2");
        assert_eq!(set.claim("new".into()), "new_");
        assert_eq!(set.claim("get_".into()), "get__");
    }

    #[test]
    fn every_keyword_is_escaped_into_a_valid_identifier() {
        for kw in KEYWORDS {
            let name = snake(kw);
            assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{kw} → {name}");
        }
    }
}
