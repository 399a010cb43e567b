//! `@unstable` features. Without `features:` and `all_features:`, wasmtime's
//! `bindgen!` way holds: everything is generated, and a `LinkOptions`
//! argument to the linker functions says which features' items are defined.
//! This module computes, once, which features gate what.

use super::Base;
use crate::names;
use proc_macro2::Ident;
use std::collections::{BTreeSet, HashMap};
use wit_parser::{InterfaceId, Resolve, Stability, WorldId, WorldItem};

/// The features an item is gated by, in WIT spelling.
pub type Features = BTreeSet<String>;

/// The features that gate linking, per interface the world uses and for
/// the world's imports as a whole; all empty unless gated at link time.
pub struct FeatureMap {
    link_gated: bool,
    interfaces: HashMap<InterfaceId, Features>,
    world: Features,
}

impl FeatureMap {
    pub fn new(resolve: &Resolve, world_id: WorldId, link_gated: bool) -> Self {
        let mut map = FeatureMap {
            link_gated,
            interfaces: HashMap::new(),
            world: Features::new(),
        };
        if !link_gated {
            return map;
        }
        let world = &resolve.worlds[world_id];
        for item in world.imports.values().chain(world.exports.values()) {
            if let WorldItem::Interface { id, .. } = item {
                map.interfaces.insert(*id, interface_features(resolve, *id));
            }
        }
        map.world = world_features(resolve, world_id);
        map
    }

    /// Every feature gating something linked for interface `id`.
    pub fn interface(&self, id: InterfaceId) -> &Features {
        static NONE: Features = Features::new();
        self.interfaces.get(&id).unwrap_or(&NONE)
    }

    /// Every feature gating something the world imports.
    pub fn world(&self) -> &Features {
        &self.world
    }

    /// The `LinkOptions` field that gates an item of `stability`, when
    /// items are gated at link time.
    pub fn gate(&self, stability: &Stability) -> Option<Ident> {
        if !self.link_gated {
            return None;
        }
        feature(stability).map(field)
    }
}

impl Base<'_> {
    /// Whether interface `id` has a `LinkOptions` of its own.
    pub fn has_options(&self, id: InterfaceId) -> bool {
        !self.features.interface(id).is_empty()
    }

    /// The `LinkOptions` field that gates an item of `stability`.
    pub fn gate(&self, stability: &Stability) -> Option<Ident> {
        self.features.gate(stability)
    }
}

/// The `LinkOptions` field (and builder method) of WIT feature `feature`.
pub fn field(feature: &str) -> Ident {
    names::ident(&names::snake(feature))
}

/// The feature `stability` names, if it is `@unstable`.
fn feature(stability: &Stability) -> Option<&str> {
    match stability {
        Stability::Unstable { feature, .. } => Some(feature),
        Stability::Stable { .. } | Stability::Unknown => None,
    }
}

/// Every feature gating something linked for interface `id`: the interface
/// itself, its functions and its types.
fn interface_features(resolve: &Resolve, id: InterfaceId) -> Features {
    let iface = &resolve.interfaces[id];
    std::iter::once(&iface.stability)
        .chain(iface.functions.values().map(|f| &f.stability))
        .chain(iface.types.values().map(|t| &resolve.types[*t].stability))
        .filter_map(feature)
        .map(str::to_string)
        .collect()
}

/// Every feature gating something the world imports: the world, its import
/// items, their interfaces' items, its own functions and types.
fn world_features(resolve: &Resolve, world: WorldId) -> Features {
    let world = &resolve.worlds[world];
    let mut out: Features = feature(&world.stability)
        .map(str::to_string)
        .into_iter()
        .collect();
    for item in world.imports.values() {
        let stability = match item {
            WorldItem::Interface { id, stability, .. } => {
                out.extend(interface_features(resolve, *id));
                stability
            }
            WorldItem::Function(f) => &f.stability,
            WorldItem::Type { id, .. } => &resolve.types[*id].stability,
        };
        out.extend(feature(stability).map(str::to_string));
    }
    out
}
