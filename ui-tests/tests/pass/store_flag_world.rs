#![deny(warnings)]
// Functions flagged `store` (sync and async, a resource method, a world
// import) next to plain ones: one `HasData` marker serves them all, and the
// world's `add_to_linker` links every import with one `fn` getter.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface db {
            resource cursor {
                next: func() -> option<string>;
                rewind: func();
            }
            query: func(sql: string) -> cursor;
            stats: func() -> u64;
        }
        interface clock { now: func() -> u64; }
        world app {
            import db;
            import clock;
            import notify: func(msg: string);
        }
    ",
    imports: {
        "test:ui/db.[method]cursor.next": store | async,
        "test:ui/db.stats": store,
        "notify": store | trappable,
    },
});

use hostgen::Access;
use test::ui::{clock, db};
use wasmtime::AsContext;
use wasmtime::component::{HasSelf, Linker, Resource};

struct State {
    rows: Vec<String>,
}

impl db::HostCursor for State {
    fn rewind(&mut self, _c: Resource<db::Cursor>) {}
    fn drop(&mut self, _c: Resource<db::Cursor>) -> wasmtime::Result<()> {
        Ok(())
    }
}

impl<T: Send> db::HostCursorWithStore<T> for HasSelf<State> {
    async fn next(
        mut host: Access<'_, T, Self>,
        _c: Resource<db::Cursor>,
    ) -> Option<String> {
        host.get().rows.pop()
    }
}

impl db::Host for State {
    fn query(&mut self, _sql: String) -> Resource<db::Cursor> {
        Resource::new_own(0)
    }
}

impl<T: Send> db::HostWithStore<T> for HasSelf<State> {
    fn stats(host: Access<'_, T, Self>) -> u64 {
        host.as_context().get_fuel().unwrap_or(0)
    }
}

impl clock::Host for State {
    fn now(&mut self) -> u64 {
        0
    }
}

// `AppImports` has no methods left (its one function is flagged `store`);
// it is implemented empty, as with wasmtime's `bindgen!`.
impl AppImports for State {}


impl<T> AppImportsWithStore<T> for HasSelf<State> {
    fn notify(mut host: Access<'_, T, Self>, msg: String) -> wasmtime::Result<()> {
        host.get().rows.push(msg);
        Ok(())
    }
}

fn main() -> wasmtime::Result<()> {
    let engine = wasmtime::Engine::default();
    let mut linker = Linker::<State>::new(&engine);
    App::add_to_linker::<_, HasSelf<State>>(&mut linker, |s| s)?;
    Ok(())
}
