//! Holds the trybuild suite in `tests/` (see `tests/ui.rs`) and the
//! expansion snapshots of the worlds in `snapshots/` (see
//! `tests/snapshots.rs`).
