//! One collector for the errors of every phase: the options, the support
//! and target refusals, `delegate:` and `named_imports:` checks, and the
//! option entries that matched nothing. Each phase records its errors and
//! goes on; [`Errors::check`], once, before anything is emitted, turns
//! them into one `syn::Error`, so a compile shows every problem at once.
//!
//! Only what later phases cannot go on without stops early: options that
//! say where the WIT is (a bad `path:` would send the loader elsewhere),
//! input that does not parse, and WIT that does not load.

/// The errors recorded so far, in the order the phases found them.
#[derive(Default)]
pub struct Errors(Vec<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// Records the error of `result`, if it is one; its value otherwise.
    pub fn take<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// `Err` with every recorded error, combined in order, if any; the
    /// collector is empty after.
    pub fn check(&mut self) -> syn::Result<()> {
        let mut all = std::mem::take(&mut self.0).into_iter();
        match all.next() {
            None => Ok(()),
            Some(mut first) => {
                all.for_each(|e| first.combine(e));
                Err(first)
            }
        }
    }

    /// [`check`](Self::check), with `error` last: for a phase that cannot
    /// go on.
    pub fn fail(&mut self, error: syn::Error) -> syn::Error {
        match self.check() {
            Ok(()) => error,
            Err(mut first) => {
                first.combine(error);
                first
            }
        }
    }
}
