#![deny(warnings)]
// `ownership: Borrowing` compiles warning-free in both modes over the
// world of `snapshots/borrowing.wit` (its text, through a macro: trybuild
// builds elsewhere, so `path:` would not find it) (borrowed records and variants, a record passed and
// returned, an alias, nested lists, a guest resource), and its borrowed
// forms are built and passed as wasmtime's are.
macro_rules! borrowing {
    ($dup:literal) => {
        hostgen::bindgen!({
            inline: "
        package snap:borrowing@0.1.0;

        interface shapes {
          resource blob;

          record query {
            text: string,
            tags: list<string>,
            limit: u32,
          }

          record entry {
            key: string,
            value: list<u8>,
          }

          variant filter {
            all,
            prefix(string),
            one(entry),
          }

          type keys = list<string>;

          record point { x: s32, y: s32 }

          search: func(q: query, f: filter, ks: keys, at: point) -> list<entry>;
          put: func(e: entry) -> entry;
          store: func(b: blob, data: list<list<string>>);
        }

        world borrowing {
          import host: interface {
            record line { text: string }
            log: func(l: line) -> line;
          }
          export shapes;
        }
            ",
            ownership: Borrowing { duplicate_if_necessary: $dup },
        });
    };
}

mod dup {
    borrowing!(true);

    pub fn shapes() -> (exports::snap::borrowing::shapes::Query<'static>, usize) {
        use exports::snap::borrowing::shapes::{EntryParam, EntryResult, Filter, Query};
        let tags: &'static [&'static str] = &["a", "b"];
        let q = Query { text: "x", tags, limit: 3 };
        let copied = q;
        let f = Filter::One(EntryParam { key: "k", value: &[1, 2] });
        let _ = (f, Filter::Prefix("p"), Filter::All);
        let owned = EntryResult { key: String::new(), value: vec![] };
        (copied, owned.value.len() + q.tags.len())
    }
}

mod no_dup {
    borrowing!(false);

    pub fn entry() -> exports::snap::borrowing::shapes::Entry {
        exports::snap::borrowing::shapes::Entry { key: String::new(), value: vec![] }
    }
}

fn main() {
    let (q, n) = dup::shapes();
    assert_eq!((q.limit, n), (3, 2));
    assert!(no_dup::entry().key.is_empty());
}
