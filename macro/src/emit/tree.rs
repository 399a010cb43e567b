//! The module tree the emitters' items are placed in, rendered as nested
//! `pub mod` blocks.

use crate::model::paths::ModulePath;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// Modules and their items; rendered as nested `pub mod` blocks.
#[derive(Default)]
pub struct ModuleTree {
    items: Vec<TokenStream>,
    children: BTreeMap<String, ModuleTree>,
}

impl ModuleTree {
    pub fn push(&mut self, path: &ModulePath, tokens: TokenStream) {
        let mut node = self;
        for seg in &path.0 {
            node = node.children.entry(seg.clone()).or_default();
        }
        node.items.push(tokens);
    }

    /// The modules below the root that hold items.
    pub fn with_items(&self) -> Vec<ModulePath> {
        let mut out = Vec::new();
        for (name, child) in &self.children {
            if !child.items.is_empty() {
                out.push(ModulePath(vec![name.clone()]));
            }
            for mut path in child.with_items() {
                path.0.insert(0, name.clone());
                out.push(path);
            }
        }
        out
    }

    pub fn into_tokens(self) -> TokenStream {
        let items = self.items;
        let children = self.children.into_iter().map(|(name, child)| {
            let name = names::ident(&name);
            let body = child.into_tokens();
            quote! {
                pub mod #name { #body }
            }
        });
        quote! { #(#items)* #(#children)* }
    }
}
