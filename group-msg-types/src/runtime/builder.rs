//! The shared machinery of generated builders: the state of a required field and the traits that
//! let `build()` and the setters check it at compile time.
//!
//! A generated `FooBuilder` has one type parameter per required field, [`Unset`] at first and
//! [`Set<T>`] once its setter ran. `build()` requires [`IsSet`] of each, a setter requires
//! [`IsUnset`]; both traits name the field through a marker type (`foo_builder::group_id`), so the
//! compile error says which field is missing or set twice.

use std::vec::Vec;

mod sealed {
    /// Only [`super::Unset`] and [`super::Set`] are field states.
    pub trait Sealed {}
}

/// The state of a required field whose setter has not been called.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Unset;

/// The state of a required field that holds its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Set<T>(pub T);

impl sealed::Sealed for Unset {}
impl<T> sealed::Sealed for Set<T> {}

/// A required field that holds a value: `F` is the field's marker type, `T` its Rust type.
#[diagnostic::on_unimplemented(message = "missing required field `{F}`", label = "call the field's setter before this")]
pub trait IsSet<F, T>: sealed::Sealed {
    /// The field's value.
    #[doc(hidden)]
    fn into_value(self) -> T;
}

impl<F, T> IsSet<F, T> for Set<T> {
    #[inline]
    fn into_value(self) -> T {
        self.0
    }
}

/// A required field whose setter has not been called yet: `F` is the field's marker type.
#[diagnostic::on_unimplemented(
    message = "the field `{F}` is set twice",
    label = "already set by an earlier call",
    note = "a required field is set once: a builder never overwrites it"
)]
pub trait IsUnset<F>: sealed::Sealed {}

impl<F> IsUnset<F> for Unset {}

/// A required array field that items can be pushed onto: not set yet (no items) or set.
pub trait Items<T>: sealed::Sealed {
    /// The items so far.
    #[doc(hidden)]
    fn into_items(self) -> Vec<T>;
}

impl<T> Items<T> for Unset {
    #[inline]
    fn into_items(self) -> Vec<T> {
        Vec::new()
    }
}

impl<T> Items<T> for Set<Vec<T>> {
    #[inline]
    fn into_items(self) -> Vec<T> {
        self.0
    }
}
