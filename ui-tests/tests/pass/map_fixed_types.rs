#![deny(warnings)]
// `map<K, V>` is `HashMap<K, V>` and `list<T, N>` is `[T; N]`, also behind
// aliases; derives follow their parts: a record of fixed-size lists of
// integers is `Copy` and (asked for) `Eq` (of floats, `Copy` only), one
// holding a map is `Eq` when the map's values are, and never `Copy`. Handles may sit in both,
// on the host side (`Resource<File>`) and the guest's (`ResourceAny`).
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface grid {
            type cells = map<string, list<u8, 4>>;
            record pixel { at: list<s32, 2>, rgb: list<u8, 3> }
            record spot { at: list<f32, 2> }
            record board { cells: cells, corners: list<pixel, 4> }
            record weights { of: map<char, f64> }
            variant cell { empty, marks(map<u8, list<string, 2>>), pixel(pixel) }
            paint: func(b: board, w: weights, c: option<cell>) -> list<list<spot, 2>>;
        }
        interface files {
            resource file;
            open-all: func(names: list<string, 2>) -> map<string, file>;
            pair: func(files: list<borrow<file>, 2>) -> option<list<file, 2>>;
        }
        world w { import grid; export grid; import files; export files; }
    ",
    additional_derives: [PartialEq, Eq],
});

use hostgen::wasmtime;
use std::collections::HashMap;
use test::ui::files::{File, Host as _};
use test::ui::grid::{Board, Cell, Cells, Host as _, Pixel, Spot, Weights};
use wasmtime::component::{Resource, ResourceAny};

fn copy_eq<T: Copy + Eq>() {}
fn copy<T: Copy + PartialEq>() {}
fn eq<T: Clone + Eq>() {}
fn partial_eq<T: Clone + PartialEq + std::fmt::Debug>() {}

struct Host;
impl test::ui::grid::Host for Host {
    fn paint(&mut self, b: Board, w: Weights, c: Option<Cell>) -> Vec<[Spot; 2]> {
        let _ = (b, w, c);
        Vec::new()
    }
}

struct Files;
impl test::ui::files::HostFile for Files {
    fn drop(&mut self, _: Resource<File>) -> wasmtime::Result<()> {
        Ok(())
    }
}
impl test::ui::files::Host for Files {
    fn open_all(&mut self, names: [String; 2]) -> HashMap<String, Resource<File>> {
        names
            .into_iter()
            .map(|n| (n, Resource::new_own(0)))
            .collect()
    }
    fn pair(&mut self, files: [Resource<File>; 2]) -> Option<[Resource<File>; 2]> {
        let _ = files;
        None
    }
}

/// The guest's side: its handles are `ResourceAny`, in maps and arrays too.
fn guest_calls(
    guest: &exports::test::ui::files::Guest,
    store: &mut wasmtime::Store<()>,
) -> wasmtime::Result<HashMap<String, ResourceAny>> {
    guest.call_open_all(store, &["a".to_string(), "b".to_string()])
}

fn main() {
    let _ = guest_calls;
    assert_eq!(Files.open_all(["x".into(), "y".into()]).len(), 2);
    copy_eq::<Pixel>();
    copy::<Spot>();
    eq::<Board>();
    eq::<Cell>();
    partial_eq::<Weights>();
    let cells: Cells = HashMap::from([("a".to_string(), [1u8, 2, 3, 4])]);
    let p = Pixel {
        at: [-1, 1],
        rgb: [0, 127, 255],
    };
    let board = Board {
        cells,
        corners: [p; 4],
    };
    let cell = Cell::Marks(HashMap::from([(1, ["x".to_string(), "o".to_string()])]));
    assert_eq!(board.clone(), board);
    assert_ne!(cell, Cell::Pixel(p));
    let w = Weights {
        of: HashMap::from([('a', 0.5)]),
    };
    assert!(Host.paint(board, w, Some(cell)).is_empty());
}
