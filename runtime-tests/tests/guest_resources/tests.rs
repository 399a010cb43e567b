// The tests `guest_resources.rs` (wasmtime) and `guest_resources_wasmi.rs`
// (wasmi) share, included after their `instantiate()`.

#[test]
fn typed_constructor_methods_and_drop() {
    let (mut store, world) = instantiate();
    let g = world.test_gres_counters();
    let a: Counter = g.call_counter_new(&mut store, 5).unwrap();
    let b = g.call_counter_new(&mut store, 100).unwrap();
    assert_eq!(g.call_counter_add(&mut store, a, 3).unwrap(), 8);
    assert_eq!(g.call_counter_add(&mut store, b, 1).unwrap(), 101);
    assert_eq!(g.call_counter_value(&mut store, a).unwrap(), 8);
    a.resource_drop(&mut store).unwrap();
    assert_eq!(g.call_drops(&mut store).unwrap(), 1);
    assert_eq!(g.call_counter_value(&mut store, b).unwrap(), 101);
    b.resource_drop(&mut store).unwrap();
    assert_eq!(g.call_drops(&mut store).unwrap(), 2);
}

#[test]
fn a_handle_of_another_resource_is_refused() {
    let (mut store, world) = instantiate();
    let g = world.test_gres_counters();
    let other: Other = g.call_other_new(&mut store).unwrap();
    // The types keep this from compiling; forced through `from_any`, the
    // call checks the handle's type and fails instead of running.
    let forged = Counter::from_any(other.into_any());
    let err = g.call_counter_value(&mut store, forged).unwrap_err();
    assert_eq!(err.to_string(), "mismatched resource types");
}

#[test]
fn wasmtimes_resource_accessors_take_untyped_handles() {
    let (mut store, world) = instantiate();
    let g = world.test_gres_counters();
    // wasmtime's `bindgen!` shape: `guest.counter().call_constructor(..)`,
    // handles as `ResourceAny`.
    let counters = g.counter();
    let a = counters.call_constructor(&mut store, 5).unwrap();
    assert_eq!(counters.call_add(&mut store, a, 3).unwrap(), 8);
    assert_eq!(counters.call_value(&mut store, a).unwrap(), 8);
    // The same guest resource, typed, through hostgen's own methods.
    let typed = Counter::from_any(a);
    assert_eq!(g.call_counter_value(&mut store, typed).unwrap(), 8);
    typed.resource_drop(&mut store).unwrap();
    assert_eq!(g.call_drops(&mut store).unwrap(), 1);
    // A handle of another resource is refused by the call, untyped too.
    let other = g.other().call_constructor(&mut store).unwrap();
    let err = counters.call_value(&mut store, other).unwrap_err();
    assert_eq!(err.to_string(), "mismatched resource types");
}
