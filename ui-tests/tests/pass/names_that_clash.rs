#![deny(warnings)]
// Rust keywords and WIT names that collide with generated names all map to
// predictable Rust names instead of failing to compile.
hostgen::bindgen!({
    inline: "
        package test:ui;
        interface host {
            record host { %type: u32, self: string, %async: bool }
            record guest { new: u32 }
            enum %result { ok, err }
            variant %option { some(u32), none }
            type %type = list<host>;
            get-host: func(%type: %type, self: host, store: u32) -> guest;
            new: func(linker: u32, caller: u32, host-getter: u32) -> %result;
            %static: func(%fn: %option);
        }
        interface exports { loop: func(); }
        world host-world {
            import host;
            import exports;
            import new: func();
            record host-world-pre { where: u32 }
            export guest: func(self: host-world-pre) -> u32;
            export host;
        }
    ",
});

use test::ui::host::{Guest_, Host, Host_, Option_, Result_, Type};

struct H;

impl Host for H {
    fn get_host(&mut self, type_: Type, self_: Host_, store: u32) -> Guest_ {
        let _ = (type_, self_.type_, self_.self_, self_.async_);
        Guest_ { new: store }
    }
    fn new(&mut self, linker: u32, caller: u32, host_getter: u32) -> Result_ {
        let _ = (linker, caller, host_getter);
        Result_::Ok
    }
    fn static_(&mut self, fn_: Option_) {
        let _ = fn_;
    }
}

impl test::ui::exports_::Host for H {
    fn loop_(&mut self) {}
}

impl HostWorldImports for H {
    fn new(&mut self) {}
}

fn main() {
    let engine = wasmtime::Engine::default();
    let mut linker = wasmtime::component::Linker::<H>::new(&engine);
    HostWorld::add_to_linker_mut(&mut linker, |h: &mut H| h).unwrap();
    let _: fn(&HostWorld, &mut wasmtime::Store<H>, HostWorldPre_) -> wasmtime::Result<u32> =
        |w, s, p| w.call_guest(s, p);
    let _ = |w: &HostWorld| w.test_ui_host().clone();
}
