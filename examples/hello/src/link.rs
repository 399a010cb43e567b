// Linking and running world `app`, included by `hello` (wasmtime) and by
// `hello-wasmi` (wasmi) at their crate roots, after their bindings and their
// `use` of `Engine`, `Component`, `Linker` and `Store`: one source over
// either target's types.

use std::path::Path;

/// A linker with every import of world `app` served by [`State`].
pub fn linker(engine: &Engine) -> hostgen::Result<Linker<State>> {
    let mut linker = Linker::new(engine);
    example::app::greeter::add_to_linker_mut(&mut linker, |s: &mut State| &mut s.greeter)?;
    example::app::notes::add_to_linker_get_host(&mut linker, notebook)?;
    App::add_to_linker_imports_mut(&mut linker, |s: &mut State| s)?;
    Ok(linker)
}

/// Loads the component at `wasm_path`, instantiates it against world `app`
/// and calls its `run` export with `names`.
///
/// Returns the report, the guest's log lines in order, and the notes left in
/// the host afterwards, oldest first, each as `<id>: <`[`Note::describe`]`>`.
pub fn run(
    wasm_path: impl AsRef<Path>,
    names: &[String],
) -> hostgen::Result<(String, Vec<String>, Vec<String>)> {
    let wasm_path = wasm_path.as_ref();
    let engine = Engine::default();
    let component = Component::from_file(&engine, wasm_path).map_err(|e| {
        e.context(format!(
            "cannot load component `{}` (rebuild it with examples/guests/build.sh)",
            wasm_path.display()
        ))
    })?;
    let linker = linker(&engine)?;
    let mut store = Store::new(&engine, State::default());
    let app = App::instantiate(&mut store, &component, &linker)?;
    let report = app.call_run(&mut store, names)?;
    let state = store.into_data();
    let notes = state
        .notes
        .iter()
        .map(|(id, note)| format!("{id}: {}", note.describe()))
        .collect();
    Ok((report, state.log, notes))
}
