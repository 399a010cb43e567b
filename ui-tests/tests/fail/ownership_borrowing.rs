// `ownership: Owning` is what hostgen generates anyway; `Borrowing` (types
// with lifetimes) is refused with the reason and what to do instead.
hostgen::bindgen!({
    inline: "
        package test:ui;
        world w { export f: func(a: list<list<string>>); }
    ",
    ownership: Borrowing { duplicate_if_necessary: true },
});

mod owning {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            world w { export f: func(a: list<list<string>>); }
        ",
        ownership: Owning,
    });
}

mod typo {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            world w { export f: func(a: list<list<string>>); }
        ",
        ownership: Owned,
    });
}

fn main() {}
