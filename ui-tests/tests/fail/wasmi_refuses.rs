// What `target: wasmi` cannot generate, all in one error: async, `store`,
// `named_imports:`,
// lending the guest a host resource, and values wasm_component_layer 0.1.18
// lowers wrongly (an option, result or variant case without payload nested
// in another value, or as a later parameter of an export). The host
// resource `file` and the guest's `counter` are fine.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface host {
            resource file { read: func() -> string; }
            record entry { name: string, size: option<u64> }
            slow: func() -> u32;
            poke: func();
            list-entries: func() -> list<entry>;
            first: func() -> option<u32>;
        }
        world w {
            import host;
            use host.{file};
            export take: func(a: u32, b: option<u32>) -> u32;
            export whole: func(a: option<u32>, b: u32) -> u32;
            export nested: func(a: list<option<u32>>);
            export lend: func(f: borrow<file>);
            export guest;
        }
        interface guest {
            resource counter { constructor(); }
        }
    ",
    target: wasmi,
    imports: { "test:ui/host.slow": async, "test:ui/host.poke": store },
    named_imports: { "test:ui/host": u32 },
});

fn main() {}
