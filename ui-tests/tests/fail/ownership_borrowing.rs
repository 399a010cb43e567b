// `ownership:` takes wasmtime's two modes; a misspelt mode or a field
// `Borrowing` does not have is refused at its token.
hostgen::bindgen!({
    inline: "
        package test:ui;
        world w { export f: func(a: list<list<string>>); }
    ",
    ownership: Borrowing { duplicate: true },
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

mod borrowing {
    hostgen::bindgen!({
        inline: "
            package test:ui;
            world w { export f: func(a: list<list<string>>); }
        ",
        ownership: Borrowing { duplicate_if_necessary: false },
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
