// The tests `resources.rs` (wasmtime) and `resources_wasmi.rs` (wasmi)
// share, included by both after their `instantiate()` and `CHURN`.

#[test]
fn guest_creates_uses_and_drops_a_host_resource() {
    let (mut store, world) = instantiate();
    assert_eq!(world.call_script(&mut store).unwrap(), 16);
    assert_eq!(store.data().dropped, ["notes.txt"]);
    assert!(store.data().table.is_empty());
}

#[test]
fn own_handles_travel_both_ways() {
    let (mut store, world) = instantiate();
    let file = store.data_mut().new("a.txt".into());
    let rep = file.rep();
    let back = world.call_pass(&mut store, file).unwrap();
    assert_eq!(back.rep(), rep);
    assert!(back.owned());
    // Passing a handle to the host is not dropping it.
    assert!(store.data().dropped.is_empty());
    assert_eq!(store.data_mut().name(back), "a.txt");
}

#[test]
fn handles_inside_records() {
    let (mut store, world) = instantiate();
    let file = store.data_mut().new("c.txt".into());
    let rep = file.rep();
    let entry = Entry {
        name: "c".into(),
        handle: file,
    };
    let back = world.call_unwrap(&mut store, &entry).unwrap();
    assert_eq!(back.rep(), rep);
    assert!(store.data().dropped.is_empty());
}

#[test]
fn churn_leaves_the_table_empty() {
    let (mut store, world) = instantiate();
    world.call_churn(&mut store, CHURN).unwrap();
    assert_eq!(store.data().dropped.len(), CHURN as usize);
    assert!(store.data().table.is_empty());
}
