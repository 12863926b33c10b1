//! The shared machinery of generated builders: the state of the required fields and the traits
//! that let `build()` and the setters check it at compile time.
//!
//! A generated `FooBuilder<S>` keeps every field's value in one storage and has one type
//! parameter, `S`, the state of all its required fields: a balanced binary tree of [`Node`]s
//! whose leaves are [`Unset`] or [`Set`], one leaf per required field. A field is found by its
//! path ([`Left`]/[`Right`] of its parent's path, down from [`Here`], the root): the generated
//! code names each node's path once, as an alias of its parent's, so a setter names only its own
//! field's path, never the other fields' states, and a builder of n required fields costs O(n)
//! tokens (the former one-parameter-per-field builders relisted every parameter in every setter:
//! O(n²)). Resolving a path takes O(log² n) trait steps: the tree is balanced.
//!
//! `build()` requires [`IsSet`] of each leaf and a setter [`IsUnset`] of its own; both traits name
//! the field through a marker type (`foo_builder::group_id`), so the compile error says which
//! field is missing or set twice.

use core::marker::PhantomData;

mod sealed {
    /// Only [`super::Unset`] and [`super::Set`] are field states.
    pub trait Sealed {}
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
