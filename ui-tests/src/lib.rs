//! Holds the trybuild suite in `tests/`; see `tests/ui.rs`.
