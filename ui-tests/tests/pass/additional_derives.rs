#![deny(warnings)]
// `additional_derives: [PartialEq, Eq, Hash, PartialOrd]` applies to records
// and variants, nested ones included (they derive only `Clone` and `Debug`
// themselves, as with wasmtime's `bindgen!`); enums already have `PartialEq`
// and `Eq` (no duplicate), and flags get hand-written `Hash`/`PartialOrd`/`Ord`
// so records holding them derive too.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface shapes {
            record point { x: s32, y: s32 }
            variant shape { dot(point), line(tuple<point, point>), empty }
            enum colour { red, blue }
            flags style { bold, dashed }
            record stroke { shape: shape, width: option<u8>, tags: list<string>, colour: colour, style: style }
            draw: func(s: stroke);
        }
        world w { import shapes; }
    ",
    additional_derives: [PartialEq, Eq, Hash, PartialOrd],
});

use std::collections::HashSet;
use test::ui::shapes::{Colour, Point, Shape, Stroke, Style};

fn main() {
    let p = Point { x: 1, y: 2 };
    let set: HashSet<Shape> = [Shape::Dot(p), Shape::Line((p, p)), Shape::Empty].into();
    assert_eq!(set.len(), 3);
    assert!(Point { x: 0, y: 9 } < p);
    assert!(Shape::Dot(p) < Shape::Empty);
    let s = Stroke {
        shape: Shape::Empty,
        width: Some(2),
        tags: vec!["a".into()],
        colour: Colour::Red,
        style: Style::BOLD | Style::DASHED,
    };
    let colours: HashSet<Colour> = [Colour::Red, Colour::Blue, Colour::Red].into();
    assert_eq!(colours.len(), 2);
    assert!(Style::BOLD < Style::DASHED);
    let strokes: HashSet<Stroke> = [s.clone(), s].into();
    assert_eq!(strokes.len(), 1);
}
