//! The shared machinery of generated builders: the storage every builder wraps, the state of the
//! required fields, and the traits that let `build()` and the setters check it at compile time.
//!
//! A generated `FooBuilder<S>` wraps a [`Builder`]: every field's value in one boxed storage, and
//! one type parameter, `S`, the state of all its required fields: a balanced binary tree of
//! [`Node`]s whose leaves are [`Unset`] or [`Set`], one leaf per required field (`()` when there
//! is none). A field is found by its path ([`Left`]/[`Right`] down from [`Here`], the root), which
//! the generated code names once per field, so a setter names only its own field's path, never
//! the other fields' states: a builder of n required fields costs O(n) tokens, and resolving a
//! path takes O(log² n) trait steps, the tree being balanced.
//!
//! A setter of a required field requires [`Fill`] (its field is still unset) and returns the
//! builder in state [`Out`]; `build()` requires [`Has`] of each required field. Both name the
//! field through a marker type the generated code keeps out of sight (`foo::_::group_id`), so the
//! compile error says which field is missing or set twice, and nothing extra shows in rustdoc.
//!
//! # What `build()` checks
//!
//! Only the `build()` of a *root* (a request body, query or header parameters, a response, a
//! callback, a standalone schema's root) runs the spec's rules, and it runs them on everything
//! under it: it returns `Result<T, Violations>` when some rule could fail, each violation with its
//! JSON pointer from the root (`/MsgBody/0/MsgContent/Latitude`). The `build()` of any other
//! type returns the value: its rules are checked by the root that holds it, at the pointer it has
//! there, so nested values need no `?` or `.unwrap()`, and a pointer never is relative to a
//! sub-builder. To check such a value alone, call its `validate()` (pointers then start at it).
//! A root without any rule that can fail returns the value too.
//!
//! # Numbered items (`x-sequence`)
//!
//! An array whose items are numbered (qopen `msg_list`: `msg_num` is 1, 2, ... n) is numbered by
//! its builder: the setter and `push_` helper write each item's number from its position
//! ([`numbered`], [`push_numbered`]), and the item's own builder has no setter for it when the
//! item type is only ever held in such arrays.

use core::fmt;
use core::marker::PhantomData;

mod sealed {
    /// Only [`super::Unset`] and [`super::Set`] are field states.
    pub trait Sealed {}
}

// Short paths for generated code, which reaches them as `__b::Some` and so on through one private
// `use` of this module: the user's names (a type called `Option` or `String`) never interfere.
#[doc(hidden)]
pub use core::convert::Into;
#[doc(hidden)]
pub use core::iter::IntoIterator;
#[doc(hidden)]
pub use core::option::Option::{self, None, Some};
#[doc(hidden)]
pub use std::string::String;

/// `impl Serialize for $builder<S>` where no state `S` qualifies ([`Unbuilt`]): serializing a
/// builder is a compile error saying to call `.build()`.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_unbuilt {
    ($builder:ident) => {
        impl<__S: $crate::runtime::builder::Unbuilt<Self>> $crate::__private::serde::Serialize for $builder<__S> {
            fn serialize<__Z: $crate::__private::serde::Serializer>(
                &self,
                _: __Z,
            ) -> ::core::result::Result<__Z::Ok, __Z::Error> {
                __S::unbuilt(self)
            }
        }
    };
}
#[doc(hidden)]
pub use crate::__builder_unbuilt as unbuilt;

/// `items` as a `Vec`, each converted: what a setter of an array stores.
#[inline]
pub fn vec<T>(items: impl IntoIterator<Item = impl Into<T>>) -> Vec<T> {
    items.into_iter().map(Into::into).collect()
}

/// `items` as a `Vec`, each converted by `f` (an array of arrays or maps).
#[inline]
pub fn vec_with<I: IntoIterator, T>(items: I, f: impl FnMut(I::Item) -> T) -> Vec<T> {
    items.into_iter().map(f).collect()
}

/// `entries` as a map, keys and values converted: what a setter of a map stores.
#[inline]
pub fn map<V>(
    entries: impl IntoIterator<Item = (impl Into<String>, impl Into<V>)>,
) -> std::collections::BTreeMap<String, V> {
    entries.into_iter().map(|(k, v)| (k.into(), v.into())).collect()
}

/// `entries` as a map, each value converted by `f` (a map of arrays or maps).
#[inline]
pub fn map_with<K: Into<String>, A, V>(
    entries: impl IntoIterator<Item = (K, A)>,
    mut f: impl FnMut(A) -> V,
) -> std::collections::BTreeMap<String, V> {
    entries.into_iter().map(|(k, v)| (k.into(), f(v))).collect()
}

/// The storage of a generated builder: its fields, boxed so a chain of setters moves a pointer,
/// and its state `S` (see the module docs). `Debug` shows the fields only.
pub struct Builder<F, S> {
    fields: Box<F>,
    state: PhantomData<fn() -> S>,
}

impl<F, S> Builder<F, S> {
    /// A builder holding `fields`.
    #[inline]
    pub fn new(fields: F) -> Self {
        Builder { fields: Box::new(fields), state: PhantomData }
    }

    /// A builder whose fields all start empty.
    #[inline]
    pub fn empty() -> Self
    where
        F: Default,
    {
        Builder::new(F::default())
    }

    /// The same fields in another state.
    #[inline]
    pub fn to<T>(self) -> Builder<F, T> {
        Builder { fields: self.fields, state: PhantomData }
    }

    /// The fields, for `build()`.
    #[inline]
    pub fn into_fields(self) -> F {
        *self.fields
    }
}

impl<F, S> core::ops::Deref for Builder<F, S> {
    type Target = F;
    #[inline]
    fn deref(&self) -> &F {
        &self.fields
    }
}

impl<F, S> core::ops::DerefMut for Builder<F, S> {
    #[inline]
    fn deref_mut(&mut self) -> &mut F {
        &mut self.fields
    }
}

impl<F: fmt::Debug, S> fmt::Debug for Builder<F, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.fields, f)
    }
}

impl<F: Clone, S> Clone for Builder<F, S> {
    fn clone(&self) -> Self {
        Builder { fields: self.fields.clone(), state: PhantomData }
    }
}

/// The state of a required field whose setter has not been called.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Unset;

/// The state of a required field that holds its value (in the builder's storage).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Set;

impl sealed::Sealed for Unset {}
impl sealed::Sealed for Set {}

/// Two subtrees of field states.
pub struct Node<A, B>(PhantomData<fn() -> (A, B)>);

impl<A, B> fmt::Debug for Node<A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Node")
    }
}

impl<A, B> Clone for Node<A, B> {
    fn clone(&self) -> Self {
        Node(PhantomData)
    }
}

/// The path to the root of the tree.
pub enum Here {}

/// The path to the left subtree of the node at path `P`.
pub struct Left<P>(PhantomData<fn() -> P>);

/// The path to the right subtree of the node at path `P`.
pub struct Right<P>(PhantomData<fn() -> P>);

/// The two subtrees of a [`Node`].
pub trait Parts {
    /// The left subtree.
    type A;
    /// The right subtree.
    type B;
}

impl<A, B> Parts for Node<A, B> {
    type A = A;
    type B = B;
}

/// A path: the state it leads to in the state tree `S`. Implemented by the path types, never
/// by arbitrary types, so the compiler never searches for a path it was not given.
pub trait At<S> {
    /// The state found there.
    type State;
}

impl<S> At<S> for Here {
    type State = S;
}

impl<S, P: At<S, State: Parts>> At<S> for Left<P> {
    type State = <P::State as Parts>::A;
}

impl<S, P: At<S, State: Parts>> At<S> for Right<P> {
    type State = <P::State as Parts>::B;
}

/// A path: the state tree `S` with the state it leads to replaced by `New`.
pub trait Put<S, New> {
    /// The new tree.
    type Out;
}

impl<S, New> Put<S, New> for Here {
    type Out = New;
}

impl<S, New, P> Put<S, New> for Left<P>
where
    P: At<S, State: Parts> + Put<S, Node<New, <<P as At<S>>::State as Parts>::B>>,
{
    type Out = <P as Put<S, Node<New, <<P as At<S>>::State as Parts>::B>>>::Out;
}

impl<S, New, P> Put<S, New> for Right<P>
where
    P: At<S, State: Parts> + Put<S, Node<<<P as At<S>>::State as Parts>::A, New>>,
{
    type Out = <P as Put<S, Node<<<P as At<S>>::State as Parts>::A, New>>>::Out;
}

/// The state tree `S` once the field at path `P` is set: what a setter returns.
pub type Out<P, S> = <P as Put<S, Set>>::Out;

/// A required field that holds a value: `F` is the field's marker type.
#[diagnostic::on_unimplemented(message = "missing required field `{F}`", label = "call the field's setter before this")]
pub trait IsSet<F>: sealed::Sealed {}

impl<F> IsSet<F> for Set {}

/// A required field whose setter has not been called yet: `F` is the field's marker type.
#[diagnostic::on_unimplemented(
    message = "the field `{F}` is set twice",
    label = "already set by an earlier call",
    note = "a required field is set once: a builder never overwrites it"
)]
pub trait IsUnset<F>: sealed::Sealed {}

impl<F> IsUnset<F> for Unset {}

/// The path `Self` leads to an unset field `F` in the state `S`: the bound of its setter.
pub trait Fill<S, F>: Put<S, Set> {}

impl<S, F, P: At<S, State: IsUnset<F>> + Put<S, Set>> Fill<S, F> for P {}

/// The path `Self` leads to a set field `F` in the state `S`: a bound of `build()`.
pub trait Has<S, F> {}

impl<S, F, P: At<S, State: IsSet<F>>> Has<S, F> for P {}

/// What no builder state is: the bound of a builder's `Serialize`, so serializing a builder
/// (a forgotten `.build()`) is a compile error that says so. `B` is the builder.
#[diagnostic::on_unimplemented(
    message = "`{B}` is a builder, not a value: call `.build()` first",
    label = "a builder, not the value it builds",
    note = "a builder has no JSON form: its `build()` returns the value to serialize"
)]
pub trait Unbuilt<B>: sealed::Sealed {
    /// Never called: no type implements this trait.
    fn unbuilt(builder: &B) -> !;
}

/// The value of a required field in `build()`, where the builder's state proves it was set.
#[doc(hidden)]
#[inline]
pub fn take<T>(value: Option<T>) -> T {
    match value {
        Some(v) => v,
        // The state type says `Set` only after the setter stored the value.
        None => unreachable!("a builder's state says set, so its storage holds the value"),
    }
}

/// `value` once every rule under it holds: the end of a root's `build()`.
///
/// # Errors
///
/// Every error-severity rule `value` breaks, each with its JSON pointer from `value`.
#[inline]
pub fn checked<T: super::Validate>(value: T) -> Result<T, super::Violations> {
    super::Validate::validate(&value)?;
    Ok(value)
}

/// An integer field that numbers an item of an `x-sequence` array (or such a field, optional).
pub trait Number: Sized {
    /// The number `n`, when the type holds it.
    fn number(n: i64) -> Option<Self>;
}

macro_rules! number {
    ($($t:ty)*) => {$(
        impl Number for $t {
            #[inline]
            fn number(n: i64) -> Option<Self> {
                <$t>::try_from(n).ok()
            }
        }
    )*};
}
number!(i32 i64 u32 u64);

impl<N: Number> Number for Option<N> {
    #[inline]
    fn number(n: i64) -> Option<Self> {
        N::number(n).map(Some)
    }
}

/// Numbers `items[from..]`: item `i` gets `start + i` in the field `num` reaches. A number past
/// the field's type is left as it was (and `validate()` reports it).
fn number_from<T, N: Number>(items: &mut [T], from: usize, start: i64, num: fn(&mut T) -> &mut N) {
    for (i, item) in items.iter_mut().enumerate().skip(from) {
        let n = i64::try_from(i).ok().and_then(|i| start.checked_add(i)).and_then(N::number);
        if let Some(n) = n {
            *num(item) = n;
        }
    }
}

/// `items`, each numbered by its position: item `i` gets `start + i` in the field `num` reaches.
pub fn numbered<T, N: Number>(mut items: Vec<T>, start: i64, num: fn(&mut T) -> &mut N) -> Vec<T> {
    number_from(&mut items, 0, start, num);
    items
}

/// Appends `item` to `items`, numbered by its position (see [`numbered`]).
pub fn push_numbered<T, N: Number>(items: &mut Vec<T>, item: T, start: i64, num: fn(&mut T) -> &mut N) {
    items.push(item);
    let last = items.len() - 1;
    number_from(items, last, start, num);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_numbered_from_start_in_order() {
        let items = numbered(vec![(0u64, 'a'), (7, 'b'), (0, 'c')], 1, |x| &mut x.0);
        assert_eq!(items, [(1, 'a'), (2, 'b'), (3, 'c')]);
        let mut items = items;
        push_numbered(&mut items, (99, 'd'), 1, |x| &mut x.0);
        assert_eq!(items.last(), Some(&(4, 'd')));
        let opt = numbered(vec![(None, ()), (Some(5i32), ())], -1, |x| &mut x.0);
        assert_eq!(opt, [(Some(-1), ()), (Some(0), ())]);
    }

    #[test]
    fn a_number_past_the_type_leaves_the_item_as_it_was() {
        let items = numbered(vec![7u32, 8], i64::from(u32::MAX), |x| x);
        assert_eq!(items, [u32::MAX, 8]);
        let items = numbered(vec![1i64, 2], i64::MAX, |x| x);
        assert_eq!(items, [i64::MAX, 2]);
    }
}
