//! Every way of naming the WIT, against the package in `ui-tests/wit/`
//! (a folder with `deps/`, a versioned package, `use` across packages,
//! `include` of a world, `@since` and `@unstable` gates).

/// `bindgen!()`: the `wit/` folder next to Cargo.toml, its only world.
/// Without `features:`, the `@unstable` `wobble` is generated and gated
/// when linking, by `LinkOptions`.
mod default_folder {
    hostgen::bindgen!();

    pub struct H;
    impl forms::main::shapes::Host for H {
        fn centre(&mut self, a: Point, b: Point) -> Point {
            Point {
                x: (a.x + b.x) / 2,
                y: (a.y + b.y) / 2,
            }
        }
        fn wobble(&mut self, p: Point) -> Point {
            p
        }
    }
    impl forms::dep::clock::Host for H {
        fn now(&mut self) -> u64 {
            42
        }
    }
    // A types-only interface: an empty `Host`, as with wasmtime's `bindgen!`.
    impl forms::dep::geometry::Host for H {}
    use forms::dep::geometry::Point;

    #[test]
    fn included_world_and_cross_package_use() {
        let mut h = H;
        let p =
            forms::main::shapes::Host::centre(&mut h, Point { x: 0, y: 0 }, Point { x: 4, y: 6 });
        assert_eq!((p.x, p.y), (2, 3));
        assert_eq!(forms::dep::clock::Host::now(&mut h), 42);
        let engine = wasmtime::Engine::default();
        let mut linker = wasmtime::component::Linker::<H>::new(&engine);
        Main::add_to_linker_mut(&mut linker, &LinkOptions::default(), |h: &mut H| h).unwrap();
        let mut linker = wasmtime::component::Linker::<H>::new(&engine);
        Main::add_to_linker_mut(
            &mut linker,
            LinkOptions::default().experimental(true),
            |h: &mut H| h,
        )
        .unwrap();
    }
}

/// `bindgen!("world")`, and the unstable feature switched on: `wobble`
/// is now part of the trait, so this impl only compiles if it is.
mod named_world_with_feature {
    hostgen::bindgen!({
        world: "main",
        features: ["experimental"],
        additional_derives: [Hash, PartialEq, Eq, PartialOrd, Clone],
    });

    use forms::dep::geometry::Point;
    pub struct H;
    impl forms::main::shapes::Host for H {
        fn centre(&mut self, a: Point, _: Point) -> Point {
            a
        }
        fn wobble(&mut self, p: Point) -> Point {
            Point { x: p.y, y: p.x }
        }
    }

    #[test]
    fn additional_derives_apply_and_duplicates_are_dropped() {
        let mut set = std::collections::HashSet::new();
        set.insert(Point { x: 1, y: 2 });
        assert!(set.contains(&Point { x: 1, y: 2 }));
        assert!(Point { x: 0, y: 9 } < Point { x: 1, y: 0 });
    }

    #[test]
    fn unstable_function_is_generated_when_enabled() {
        let p = forms::main::shapes::Host::wobble(&mut H, Point { x: 1, y: 2 });
        assert_eq!(p, Point { x: 2, y: 1 });
    }
}

/// `bindgen!("world" in "path")` and `bindgen!(in "path")`.
mod short_forms {
    mod world_in_path {
        hostgen::bindgen!("forms:main/main@1.0.0" in "wit");
        pub use forms::main::shapes::Host;
    }
    mod in_path {
        hostgen::bindgen!(in "wit");
        pub use forms::main::shapes::Host;
    }
    mod list_of_paths {
        hostgen::bindgen!({ path: ["wit"], world: "main" });
        pub use forms::main::shapes::Host;
    }

    #[test]
    fn all_forms_generate_the_same_trait() {
        fn host<T: world_in_path::Host + in_path::Host + list_of_paths::Host>() {}
        struct H;
        use in_path::forms::dep::geometry::Point as P2;
        use list_of_paths::forms::dep::geometry::Point as P3;
        use world_in_path::forms::dep::geometry::Point as P1;
        impl world_in_path::Host for H {
            fn centre(&mut self, a: P1, _: P1) -> P1 {
                a
            }
            fn wobble(&mut self, p: P1) -> P1 {
                p
            }
        }
        impl in_path::Host for H {
            fn centre(&mut self, a: P2, _: P2) -> P2 {
                a
            }
            fn wobble(&mut self, p: P2) -> P2 {
                p
            }
        }
        impl list_of_paths::Host for H {
            fn centre(&mut self, a: P3, _: P3) -> P3 {
                a
            }
            fn wobble(&mut self, p: P3) -> P3 {
                p
            }
        }
        host::<H>();
    }
}

/// WIT given inline that uses a package loaded from `path`.
mod inline_with_path {
    hostgen::bindgen!({
        path: "wit",
        inline: "
            package forms:extra;
            world extra {
                import forms:dep/clock@0.2.0;
                export forms:main/shapes@1.0.0;
            }
        ",
        world: "forms:extra/extra",
    });

    #[test]
    fn exports_from_another_package() {
        fn _accessor(e: &Extra) -> &exports::forms::main::shapes::Guest {
            e.forms_main_shapes()
        }
    }
}
