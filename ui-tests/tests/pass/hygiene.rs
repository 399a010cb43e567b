#![deny(warnings)]
// WIT names from every class that could collide with what the expansion
// writes: std/prelude items generated code names (`send`, `sync`, `box`,
// `vec`, `string`, `option`, `result`, `future`, `pin`, `default`,
// `clone`, `copy`), the generic parameters it introduces (`s`, `t`, `u`,
// `d`, `g`), locals of generated bodies (`store`, `instance`, `component`,
// `callee`, `ret`, `caller`, `host`, `host-getter`, `linker`, `inst`,
// `options`, `accessor`, `r`, `e`, `v`, `rep`), and generated item and
// method names (`instantiate`, `new`, `load`, `add-to-linker`) and the
// locals index lookups bind (`name`, `component`, `instance`, `store`), in imports,
// exports, resources and world-level functions.
hostgen::bindgen!({
    inline: "
        package test:hygiene;
        interface names {
            record send { sync: u32 }
            record %box { vec: string }
            record s { t: u32 }
            record t { u: u32 }
            enum d { g, u }
            variant %option { some(u32), none }
            variant %result { ok(u32), err }
            record %future { pin: u32 }
            record default { clone: u32 }
            record copy { x: u32 }
            flags debug { partial-eq }
            resource r {
                constructor(store: u32);
                callee: func(ret: u32, caller: u32, host: u32) -> u32;
                rep: static func(inst: u32) -> u32;
            }
            f: func(store: send, instance: %box, component: s, callee: t, ret: d) -> %option;
            g: func(caller: u32, host: u32, host-getter: u32, linker: u32, inst: u32) -> %result;
            h: func(options: %future, accessor: default, r: copy, e: debug, v: u32, rep: u32) -> u32;
            k: func(s: s, t: t) -> list<s>;
            name: func(name: u32) -> u32;
            component: func(instance: u32);
            store: func();
        }
        world hygiene {
            import names;
            use names.{s, t, d};
            import instantiate: func(store: s, instance: t) -> d;
            import callee: func(ret: u32, callee: u32) -> u32;
            export names;
            export new: func(store: s) -> t;
            export load: func(instance: t, component: u32) -> s;
            export add-to-linker: func(callee: u32, ret: u32) -> u32;
            export instantiate-async: func(s: s) -> s;
            export store: func();
            export instance: func(pre: u32);
            export indices: func();
            export engine: func();
        }
    ",
});

fn main() {}
