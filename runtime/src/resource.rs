//! `Resource<T>` and `ResourceTable` for builds without wasmtime (the
//! `wasmi` feature alone): the same API as wasmtime's, which
//! `hostgen::Resource` and `hostgen::ResourceTable` name when a
//! `wasmtime-N` feature is on, so host code written against the hostgen
//! names compiles for both targets. Only what host impls use is here: no
//! child resources, no capacity limit beyond `u32`.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

/// A handle to a host resource of type `T`: its `rep` (a key in the host's
/// table) and whether the guest passed it owned or borrowed.
pub struct Resource<T> {
    rep: u32,
    owned: bool,
    ty: PhantomData<fn() -> T>,
}

impl<T> Resource<T> {
    /// An owned handle to the resource `rep`.
    pub fn new_own(rep: u32) -> Self {
        Resource {
            rep,
            owned: true,
            ty: PhantomData,
        }
    }

    /// A borrowed handle to the resource `rep`.
    pub fn new_borrow(rep: u32) -> Self {
        Resource {
            rep,
            owned: false,
            ty: PhantomData,
        }
    }

    /// The resource's key in the host's table.
    pub fn rep(&self) -> u32 {
        self.rep
    }

    /// Whether the handle is owned (not borrowed).
    pub fn owned(&self) -> bool {
        self.owned
    }
}

impl<T> fmt::Debug for Resource<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.owned { "own" } else { "borrow" };
        f.debug_struct("Resource")
            .field("rep", &self.rep)
            .field("state", &state)
            .finish()
    }
}

/// What a [`ResourceTable`] operation fails with.
#[derive(Debug, PartialEq, Eq)]
pub enum ResourceTableError {
    /// The table has no free keys.
    Full,
    /// No resource under this key.
    NotPresent,
    /// A resource under this key, of another type.
    WrongType,
}

impl fmt::Display for ResourceTableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Full => "resource table has no free keys",
            Self::NotPresent => "resource not present",
            Self::WrongType => "resource is of another type",
        })
    }
}

impl std::error::Error for ResourceTableError {}

/// Host values by key, as [`Resource`]s name them: each `push` returns the
/// handle the guest gets, and `get`, `get_mut` and `delete` take it back.
/// Freed keys are reused.
#[derive(Default)]
pub struct ResourceTable {
    entries: Vec<Option<Box<dyn Any + Send>>>,
    free: Vec<u32>,
}

impl ResourceTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the table holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.len() == self.free.len()
    }

    /// Stores `entry` and returns an owned handle to it.
    pub fn push<T: Send + 'static>(&mut self, entry: T) -> Result<Resource<T>, ResourceTableError> {
        let entry: Box<dyn Any + Send> = Box::new(entry);
        match self.free.pop() {
            Some(key) => {
                self.entries[key as usize] = Some(entry);
                Ok(Resource::new_own(key))
            }
            None => {
                let key =
                    u32::try_from(self.entries.len()).map_err(|_| ResourceTableError::Full)?;
                self.entries.push(Some(entry));
                Ok(Resource::new_own(key))
            }
        }
    }

    /// The value `key` names.
    pub fn get<T: Any>(&self, key: &Resource<T>) -> Result<&T, ResourceTableError> {
        match self.entries.get(key.rep() as usize) {
            Some(Some(entry)) => entry.downcast_ref().ok_or(ResourceTableError::WrongType),
            _ => Err(ResourceTableError::NotPresent),
        }
    }

    /// The value `key` names, mutably.
    pub fn get_mut<T: Any>(&mut self, key: &Resource<T>) -> Result<&mut T, ResourceTableError> {
        match self.entries.get_mut(key.rep() as usize) {
            Some(Some(entry)) => entry.downcast_mut().ok_or(ResourceTableError::WrongType),
            _ => Err(ResourceTableError::NotPresent),
        }
    }

    /// Removes the value `resource` names and returns it.
    pub fn delete<T: Any>(&mut self, resource: Resource<T>) -> Result<T, ResourceTableError> {
        let key = resource.rep();
        let slot = self
            .entries
            .get_mut(key as usize)
            .ok_or(ResourceTableError::NotPresent)?;
        match slot.take() {
            None => Err(ResourceTableError::NotPresent),
            Some(entry) => match entry.downcast::<T>() {
                Ok(value) => {
                    self.free.push(key);
                    Ok(*value)
                }
                Err(entry) => {
                    *slot = Some(entry);
                    Err(ResourceTableError::WrongType)
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_get_delete_and_reuse() {
        let mut table = ResourceTable::new();
        assert!(table.is_empty());
        let a = table.push(String::from("a")).unwrap();
        let b = table.push(7u32).unwrap();
        assert_eq!((a.rep(), b.rep(), a.owned()), (0, 1, true));
        assert_eq!(table.get(&a).unwrap(), "a");
        *table.get_mut(&b).unwrap() += 1;
        assert_eq!(*table.get(&b).unwrap(), 8);
        // The wrong type and a freed key are errors, and lose nothing.
        let wrong = Resource::<u32>::new_own(a.rep());
        assert_eq!(table.get(&wrong), Err(ResourceTableError::WrongType));
        assert_eq!(table.delete(wrong), Err(ResourceTableError::WrongType));
        assert_eq!(table.delete(a).unwrap(), "a");
        let gone = Resource::<String>::new_borrow(0);
        assert_eq!(table.get(&gone), Err(ResourceTableError::NotPresent));
        assert_eq!(
            table.get(&gone).unwrap_err().to_string(),
            "resource not present"
        );
        // Key 0 is reused.
        let c = table.push(String::from("c")).unwrap();
        assert_eq!(c.rep(), 0);
        assert_eq!(table.delete(b).unwrap(), 8);
        assert_eq!(table.delete(c).unwrap(), "c");
        assert!(table.is_empty());
        assert_eq!(
            format!("{:?}", Resource::<u8>::new_borrow(3)),
            "Resource { rep: 3, state: \"borrow\" }"
        );
    }
}
