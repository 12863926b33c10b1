//! The shared machinery of generated builders: the macro that writes them, the storage every
//! builder wraps, the state of the required fields, and the traits that let `build()` and the
//! setters check it at compile time.
//!
//! Generated code declares `pub struct FooBuilder<__S = Unset>(Builder<Foo, __S>);` and invokes
//! [`builder!`](crate::runtime::builder!) once with a compact list of the fields (see the macro);
//! the macro writes `Foo::builder()`, a setter per field, the `push_`/`insert_` helpers and
//! `build()`, so the repetition lives here rather than in every generated module.
//!
//! A builder's one type parameter, `S`, is the state of all its required fields: a binary tree of
//! [`Node`]s whose leaves are [`Unset`] or [`Set`], one leaf per required field. [`Unset`] also
//! stands for a whole subtree of unset fields, so every builder starts as `FooBuilder<Unset>`
//! whatever its fields, and a setter grows the tree along its field's path only. A field is found
//! by its path ([`Left`]/[`Right`] down from [`Here`], the root), which its marker type names once
//! ([`Field`]); a setter names only its own field's marker, never the other fields' states, and
//! resolving a path takes O(log² n) trait steps, the tree being balanced.
//!
//! A setter of a required field requires [`Fill`] (its field is still unset) and returns the
//! builder in state [`Out`]; `build()` requires [`Has`] of each required field. The marker types
//! are named after the fields and kept out of sight (`foo::_::group_id`), so the compile error
//! says which field is missing or set twice, and nothing extra shows in rustdoc.
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

// Short paths for union constructors, which reach them as `__b::Some` and so on through one
// private `use` of this module: the user's names (a type called `Option` or `String`) never
// interfere.
#[doc(hidden)]
pub use core::convert::Into;
#[doc(hidden)]
pub use core::iter::IntoIterator;
#[doc(hidden)]
pub use core::option::Option::{self, None, Some};
#[doc(hidden)]
pub use std::string::String;

/// Writes the builder of a struct, inside the struct's `const _: () = { ... };` block, next to
/// `pub struct FooBuilder<__S = Unset>(Builder<Foo, __S>);` declared outside it:
///
/// ```text
/// builder! {
///     Foo => FooBuilder, checked[group_id(L), text(R)] { kind: 2i64 } extra(impl Value);
///     req group_id: String = "GroupId";
///     req text: String = "Text";
///     opt random: u32 = "Random" val;
///     opt tags = "Tags" vec(impl String) + push_tags;
///     def(false) silent: bool = "Silent" ", the spec's default `false` until set" val;
/// }
/// ```
///
/// The header: the struct, its builder, what `build()` returns (`checked`: the value once the
/// spec's rules hold, in a `Result`; `nested`: the value, its rules checked by the root holding
/// it; `plain`: the value, no rule to break), each required field's marker and path in the state
/// tree (`L`/`R` from the root), the fields the builder fills itself (constants, numbers) and
/// the map of unknown keys (`extra(impl V)`, `extra(V)` or `extra(with(...) V)`, then
/// `[extra]` to write only the methods listed).
///
/// A field: `req`uired (`req(marker)` when the marker is not named after the field), `opt`ional,
/// or `def(value)` (optional, the spec's default when unset); its name (then its name in docs
/// when it is a raw identifier, `r#type "type"`, and `as setter` when the setter is named
/// otherwise); the type of its value (but for `vec`, `seq` and `map`, which know it); its wire
/// name (`tagged` for a flattened union); a note for the setter's doc, if any; how the setter
/// takes the value; and the `push_`/`insert_` helper to write:
/// - nothing: `impl Into<T>`; `val`: `T` itself (numbers, booleans, a nullable value's
///   `Option`: a literal has no type to convert from);
/// - `vec(impl I)`/`vec(I)`: `impl IntoIterator` of items, with a `push_` helper;
/// - `seq(impl I, num, 1)`: the same, each item numbered by its position in its field `num`;
/// - `map(impl V)`/`map(V)`: `impl IntoIterator` of `(key, value)`, with an `insert_` helper;
/// - `with(value: Arg => expr)`: any other argument and conversion; `with_push(...; item: Arg =>
///   expr)` and `with_insert(...; value: Arg => expr)` add the helper's.
///
/// Every part is matched by plain repetitions and a few helper macros, one expansion per field
/// (no token munching), so a builder costs its size in expansion time.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder {
    (
        $T:ident => $B:ident, $mode:ident [$($m:ident($($p:ident)*)),* $(,)?]
        $({ $($fx:ident: $fe:expr),* $(,)? })?
        $($xf:ident($($xa:tt)*) $([$($xn:ident)*])?)?;
        $(
            $slot:ident $(($($sa:tt)*))? $f:ident $($name:literal)? $(as $set:ident)? $(: $ty:ty)? = $wire:tt $($note:literal)?
            $($conv:ident $(($($ca:tt)*))?)? $(+ $helper:ident)?;
        )*
    ) => {
        $(
            #[allow(non_camel_case_types)]
            pub enum $m {}
            impl $crate::runtime::builder::Field for $m {
                type Path = $crate::__builder_path!([$crate::runtime::builder::Here] $($p)*);
            }
        )*

        #[derive(::core::clone::Clone, ::core::default::Default)]
        pub struct __BuilderFields {
            $($f: ::core::option::Option<$crate::__builder_ty!([$($ty)?] $($conv $(($($ca)*))?)?)>,)*
            $($xf: ::std::collections::BTreeMap<::std::string::String, $crate::__builder_extra_ty!($($xa)*)>,)?
        }

        impl ::core::fmt::Debug for __BuilderFields {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!($B))
                    $(.field(::core::stringify!($f), &self.$f))*
                    $(.field(::core::stringify!($xf), &self.$xf))?
                    .finish()
            }
        }

        impl $crate::runtime::builder::Buildable for $T {
            type Fields = __BuilderFields;
        }

        impl $T {
            #[doc = ::core::concat!(" A builder for [`", ::core::stringify!($T), "`]: a setter per field, then `build()`.")]
            #[must_use = "a builder does nothing until `build()` is called"]
            pub fn builder() -> $B {
                $B($crate::runtime::builder::Builder::default())
            }
        }

        impl<__S> ::core::fmt::Debug for $B<__S> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl<__S> ::core::clone::Clone for $B<__S> {
            fn clone(&self) -> Self {
                $B(::core::clone::Clone::clone(&self.0))
            }
        }

        #[allow(clippy::should_implement_trait, clippy::wrong_self_convention)]
        impl<__S> $B<__S> {
            $(
                $crate::__builder_field! {
                    $T $B $slot ($($($sa)*)?) $f [$($name)?] [$($set)?] $crate::__builder_ty!([$($ty)?] $($conv $(($($ca)*))?)?), $wire [$($note)?] [$($conv $(($($ca)*))?)?] [$($helper)?]
                }
            )*
            $($crate::__builder_extra! { $xf ($($xa)*) $([$($xn)*])? })?
            $crate::__builder_build! {
                $mode $T [$($m)*] { $($f $slot ($($($sa)*)?)),* } { $($($fx: $fe),*)? } { $($xf)? }
            }
        }

        $crate::__builder_unbuilt!($B);
    };
}

/// The path `L R ...` from the root of the state tree, as a type (`Right<Left<Here>>`).
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_path {
    ([$acc:ty]) => { $acc };
    ([$acc:ty] L $($rest:ident)*) => { $crate::__builder_path!([$crate::runtime::builder::Left<$acc>] $($rest)*) };
    ([$acc:ty] R $($rest:ident)*) => { $crate::__builder_path!([$crate::runtime::builder::Right<$acc>] $($rest)*) };
}

/// One field's setter and helper (see [`__builder!`]): the doc, the return type and the bounds
/// of its slot, then [`__builder_setter!`] for the conversion.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_field {
    // The setter is named after the field unless named otherwise.
    ($T:ident $B:ident $slot:ident $sa:tt $f:ident $name:tt [] $($rest:tt)*) => {
        $crate::__builder_field! { $T $B $slot $sa $f $name [$f] $($rest)* }
    };
    ($T:ident $B:ident req () $f:ident $name:tt [$set:ident] $($rest:tt)*) => {
        $crate::__builder_field! { $T $B req ($f) $f $name [$set] $($rest)* }
    };
    ($T:ident $B:ident req ($m:ident) $f:ident [$($name:literal)?] [$set:ident] $ty:ty, $wire:tt [$($note:literal)?] $($rest:tt)*) => {
        $crate::__builder_setter! {
            [::core::concat!(
                " Sets [`", $crate::__builder_name!($f $($name)?), "`](", ::core::stringify!($T), "::", $crate::__builder_name!($f $($name)?), ")",
                $crate::__builder_wire!($wire), ": required, once", $($note,)? "."
            )]
            [::core::concat!(
                " Appends one item to `", ::core::stringify!($set), "`", $($note,)?
                " (then `", ::core::stringify!($set), "` does not compile)."
            )]
            $B $f $set ($B<$crate::runtime::builder::Out<$m, __S>>)
            ($m: $crate::runtime::builder::Fill<__S>) ($m: $crate::runtime::builder::Push<__S>)
            $ty, $($rest)*
        }
    };
    ($T:ident $B:ident $slot:ident $sa:tt $f:ident [$($name:literal)?] [$set:ident] $ty:ty, $wire:tt [$($note:literal)?] $($rest:tt)*) => {
        $crate::__builder_setter! {
            [::core::concat!(
                " Sets [`", $crate::__builder_name!($f $($name)?), "`](", ::core::stringify!($T), "::", $crate::__builder_name!($f $($name)?), ")",
                $crate::__builder_wire!($wire), ": optional", $($note,)? "."
            )]
            [::core::concat!(" Appends one item to `", ::core::stringify!($set), "`", $($note,)? ".")]
            $B $f $set (Self) () () $ty, $($rest)*
        }
    };
}

/// The type of a field's value: the one given, or that of an array or map of `vec`, `seq`, `map`.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_ty {
    ([$ty:ty] $($rest:tt)*) => { $ty };
    ([] vec (impl $I:ty)) => { ::std::vec::Vec<$I> };
    ([] vec ($I:ty)) => { ::std::vec::Vec<$I> };
    ([] seq (impl $I:ty, $($rest:tt)*)) => { ::std::vec::Vec<$I> };
    ([] map (impl $V:ty)) => { ::std::collections::BTreeMap<::std::string::String, $V> };
    ([] map ($V:ty)) => { ::std::collections::BTreeMap<::std::string::String, $V> };
}

/// A field's name in a setter's doc: the one given (a raw identifier's without `r#`), or its own.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_name {
    ($f:ident $name:literal) => {
        $name
    };
    ($f:ident) => {
        ::core::stringify!($f)
    };
}

/// The wire name in a setter's doc: `` (`GroupId`)``, or that the field is the tagged part.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_wire {
    (tagged) => {
        ", the tagged part"
    };
    ($wire:literal) => {
        ::core::concat!(" (`", $wire, "`)")
    };
}

/// A setter (and its helper): `[doc] [helper doc] field setter (return type) (setter bound)
/// (helper bound) value type, conversion [helper]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_setter {
    // `[]` is `into`; `[kind]` and `[kind(...)]` are `kind ()` and `kind (...)`.
    ($doc:tt $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty, [] $h:tt) => {
        $crate::__builder_setter! { $doc $hd $B $f $set $ret $w $hw $ty, into () $h }
    };
    ($doc:tt $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty, [$c:ident] $h:tt) => {
        $crate::__builder_setter! { $doc $hd $B $f $set $ret $w $hw $ty, $c () $h }
    };
    ($doc:tt $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty, [$c:ident $a:tt] $h:tt) => {
        $crate::__builder_setter! { $doc $hd $B $f $set $ret $w $hw $ty, $c $a $h }
    };
    ([$doc:expr] $hd:tt $B:ident $f:ident $set:ident ($($ret:tt)*) ($($w:tt)*) $hw:tt $ty:ty, into () []) => {
        #[doc = $doc]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub fn $set(mut self, value: impl ::core::convert::Into<$ty>) -> $($ret)* where $($w)* {
            self.0.$f = ::core::option::Option::Some(::core::convert::Into::into(value));
            $B($crate::runtime::builder::Builder::to(self.0))
        }
    };
    ([$doc:expr] $hd:tt $B:ident $f:ident $set:ident ($($ret:tt)*) ($($w:tt)*) $hw:tt $ty:ty, val () []) => {
        #[doc = $doc]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub fn $set(mut self, value: $ty) -> $($ret)* where $($w)* {
            self.0.$f = ::core::option::Option::Some(value);
            $B($crate::runtime::builder::Builder::to(self.0))
        }
    };
    ([$doc:expr] $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty, vec (impl $I:ty) [$($h:ident)?]) => {
        $crate::__builder_setter! {
            [$doc] $hd $B $f $set $ret $w $hw $ty,
            with_push(value: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<$I>> => $crate::runtime::builder::vec(value);
                item: impl ::core::convert::Into<$I> => ::core::convert::Into::into(item)) [$($h)?]
        }
    };
    ([$doc:expr] $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty, vec ($I:ty) [$($h:ident)?]) => {
        $crate::__builder_setter! {
            [$doc] $hd $B $f $set $ret $w $hw $ty,
            with_push(value: impl ::core::iter::IntoIterator<Item = $I> => $crate::runtime::builder::vec(value);
                item: $I => item) [$($h)?]
        }
    };
    ([$doc:expr] $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty, map ($($V:tt)*) [$($h:ident)?]) => {
        $crate::__builder_setter! {
            [$doc] $hd $B $f $set $ret $w $hw $ty,
            with_insert(entries: impl ::core::iter::IntoIterator<Item = (impl ::core::convert::Into<::std::string::String>, $crate::__builder_arg!($($V)*))> => $crate::runtime::builder::map(entries);
                value: $crate::__builder_arg!($($V)*) => $crate::__builder_conv!([$($V)*] value)) [$($h)?]
        }
    };
    (
        [$doc:expr] $hd:tt $B:ident $f:ident $set:ident ($($ret:tt)*) ($($w:tt)*) $hw:tt $ty:ty,
        seq (impl $I:ty, $num:ident, $start:expr) [$($h:ident)?]
    ) => {
        #[doc = $doc]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub fn $set(
            mut self,
            value: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<$I>>,
        ) -> $($ret)* where $($w)* {
            self.0.$f = ::core::option::Option::Some($crate::runtime::builder::numbered(
                $crate::runtime::builder::vec(value),
                $start,
                |x| &mut x.$num,
            ));
            $B($crate::runtime::builder::Builder::to(self.0))
        }
        $crate::__builder_helper! {
            [$($h)?] $hd self $B ($($ret)*) $hw (item: impl ::core::convert::Into<$I>) {
                $crate::runtime::builder::push_numbered(
                    self.0.$f.get_or_insert_with(::std::vec::Vec::new),
                    ::core::convert::Into::into(item),
                    $start,
                    |x| &mut x.$num,
                );
            }
        }
    };
    ([$doc:expr] $hd:tt $B:ident $f:ident $set:ident ($($ret:tt)*) ($($w:tt)*) $hw:tt $ty:ty, with ($v:ident: $arg:ty => $e:expr) []) => {
        #[doc = $doc]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub fn $set(mut self, $v: $arg) -> $($ret)* where $($w)* {
            self.0.$f = ::core::option::Option::Some($e);
            $B($crate::runtime::builder::Builder::to(self.0))
        }
    };
    (
        [$doc:expr] $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty,
        with_push ($v:ident: $arg:ty => $e:expr; $iv:ident: $iarg:ty => $ie:expr) $h:tt
    ) => {
        $crate::__builder_setter! { [$doc] $hd $B $f $set $ret $w $hw $ty, with ($v: $arg => $e) [] }
        $crate::__builder_helper! {
            $h $hd self $B $ret $hw ($iv: $iarg) {
                self.0.$f.get_or_insert_with(::std::vec::Vec::new).push($ie);
            }
        }
    };
    (
        [$doc:expr] $hd:tt $B:ident $f:ident $set:ident $ret:tt $w:tt $hw:tt $ty:ty,
        with_insert ($v:ident: $arg:ty => $e:expr; $iv:ident: $iarg:ty => $ie:expr) $h:tt
    ) => {
        $crate::__builder_setter! { [$doc] $hd $B $f $set $ret $w $hw $ty, with ($v: $arg => $e) [] }
        $crate::__builder_helper! {
            $h [::core::concat!(" Adds one entry to `", ::core::stringify!($set), "`.")] self $B (Self) ()
            (key: impl ::core::convert::Into<::std::string::String>, $iv: $iarg) {
                self.0
                    .$f
                    .get_or_insert_with(::std::collections::BTreeMap::new)
                    .insert(::core::convert::Into::into(key), $ie);
            }
        }
    };
}

/// A `push_`/`insert_` helper, when it has a name: `[name] [doc] self builder (return type)
/// (bound) (arguments) { body }` (`self` passed in: it is hygienic, like a local variable).
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_helper {
    ([] $($rest:tt)*) => {};
    ([$h:ident] [$doc:expr] $this:ident $B:ident ($($ret:tt)*) ($($w:tt)*) ($($args:tt)*) { $($body:tt)* }) => {
        #[doc = $doc]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub fn $h(mut $this, $($args)*) -> $($ret)* where $($w)* {
            $($body)*
            $B($crate::runtime::builder::Builder::to($this.0))
        }
    };
}

/// The argument type of a value taken `impl T` (into `T`) or as `T` itself.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_arg {
    (impl $t:ty) => { impl ::core::convert::Into<$t> };
    ($t:ty) => { $t };
}

/// The value of an argument taken `[impl T]` (into `T`) or `[T]` itself.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_conv {
    ([impl $t:ty] $e:expr) => {
        ::core::convert::Into::into($e)
    };
    ([$t:ty] $e:expr) => {
        $e
    };
}

/// The type of the values of the map of keys the spec does not list: `impl V`, `V` or
/// `with(...) V`.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_extra_ty {
    (impl $X:ty) => {
        $X
    };
    (with $with:tt $X:ty) => {
        $X
    };
    ($X:ty) => {
        $X
    };
}

/// The setters of the map of keys the spec does not list: `extra` and `insert_extra`, or those
/// listed after `;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_extra {
    ($xf:ident (with $with:tt $X:ty)) => {
        $crate::__builder_extra! { $xf (with $with $X) [extra insert_extra] }
    };
    ($xf:ident (with $with:tt $X:ty) [$($n:ident)*]) => {
        $($crate::__builder_extra! { @ $n $xf $with })*
    };
    ($xf:ident ($($X:tt)*) $($names:tt)?) => {
        $crate::__builder_extra! {
            $xf (with (
                entries: impl ::core::iter::IntoIterator<Item = (impl ::core::convert::Into<::std::string::String>, $crate::__builder_arg!($($X)*))>
                    => $crate::runtime::builder::map(entries);
                value: $crate::__builder_arg!($($X)*) => $crate::__builder_conv!([$($X)*] value)
            ) ()) $($names)?
        }
    };
    (@ extra $xf:ident ($ev:ident: $earg:ty => $ee:expr; $vv:ident: $varg:ty => $ve:expr)) => {
        /// Keys the spec does not list, sent as given (replaces any set before).
        #[must_use = "a builder does nothing until `build()` is called"]
        pub fn extra(mut self, $ev: $earg) -> Self {
            self.0.$xf = $ee;
            self
        }
    };
    (@ insert_extra $xf:ident ($ev:ident: $earg:ty => $ee:expr; $vv:ident: $varg:ty => $ve:expr)) => {
        /// Adds one key the spec does not list.
        #[must_use = "a builder does nothing until `build()` is called"]
        pub fn insert_extra(mut self, key: impl ::core::convert::Into<::std::string::String>, $vv: $varg) -> Self {
            self.0.$xf.insert(::core::convert::Into::into(key), $ve);
            self
        }
    };
}

/// `build()`: the value from the storage, once every required field's state is [`Set`].
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_build {
    (checked $T:ident [$($m:ident)*] $fields:tt $fixed:tt $extra:tt) => {
        /// The value, once every rule of the spec under it holds.
        ///
        /// # Errors
        ///
        /// Every rule the value breaks, however deep, each with its JSON pointer from it.
        pub fn build(self) -> ::core::result::Result<$T, $crate::runtime::Violations>
        where
            $($m: $crate::runtime::builder::Has<__S>,)*
        {
            $crate::runtime::builder::checked($crate::__builder_value!(self $T $fields $fixed $extra))
        }
    };
    (nested $T:ident [$($m:ident)*] $fields:tt $fixed:tt $extra:tt) => {
        /// The value; the `build()` of the message holding it checks its rules (or call `validate()`).
        pub fn build(self) -> $T
        where
            $($m: $crate::runtime::builder::Has<__S>,)*
        {
            $crate::__builder_value!(self $T $fields $fixed $extra)
        }
    };
    (plain $T:ident [$($m:ident)*] $fields:tt $fixed:tt $extra:tt) => {
        /// The value (the spec has no rule a built value could break).
        pub fn build(self) -> $T
        where
            $($m: $crate::runtime::builder::Has<__S>,)*
        {
            $crate::__builder_value!(self $T $fields $fixed $extra)
        }
    };
}

/// The struct expression of `build()`.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_value {
    ($b:ident $T:ident { $($f:ident $slot:ident $sa:tt),* } { $($fx:ident: $fe:expr),* } { $($xf:ident)? }) => {{
        let fields = $crate::runtime::builder::Builder::into_fields($b.0);
        $T {
            $($f: $crate::__builder_take!($slot $sa fields.$f),)*
            $($fx: $fe,)*
            $($xf: fields.$xf,)?
        }
    }};
}

/// A field's value in `build()`: a required field's (set, as its state proves), an optional
/// one's, or the spec's default.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_take {
    (req $sa:tt $e:expr) => {
        $crate::runtime::builder::take($e)
    };
    (opt () $e:expr) => {
        $e
    };
    (def ($d:expr) $e:expr) => {
        match $e {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => $d,
        }
    };
}

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

/// `impl From<Payload> for Union` for each variant `Variant(Payload)` (or `Variant(boxed
/// Payload)`, held in a `Box`): the payload types only one variant of a union carries.
#[doc(hidden)]
#[macro_export]
macro_rules! __from_variants {
    ($U:ident { $($V:ident $p:tt),* $(,)? }) => {
        $($crate::__from_variants! { @ $U $V $p })*
    };
    (@ $U:ident $V:ident (boxed $P:ty)) => {
        impl ::core::convert::From<$P> for $U {
            fn from(value: $P) -> Self {
                $U::$V(::std::boxed::Box::new(value))
            }
        }
    };
    (@ $U:ident $V:ident ($P:ty)) => {
        impl ::core::convert::From<$P> for $U {
            fn from(value: $P) -> Self {
                $U::$V(value)
            }
        }
    };
}
#[doc(hidden)]
pub use crate::__from_variants as from_variants;

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

/// A struct with a generated builder: the storage of its fields' values (declared by
/// [`builder!`](crate::runtime::builder!) in the struct's `const _` block).
#[doc(hidden)]
pub trait Buildable {
    /// Every field's value, `None` until set.
    type Fields: Default;
}

/// The storage of a generated builder: its fields' values, boxed so a chain of setters moves a
/// pointer, and its state `S` (see the module docs).
pub struct Builder<T: Buildable, S> {
    fields: Box<T::Fields>,
    state: PhantomData<fn() -> S>,
}

impl<T: Buildable, S> Builder<T, S> {
    /// The same fields in another state.
    #[inline]
    pub fn to<R>(self) -> Builder<T, R> {
        Builder { fields: self.fields, state: PhantomData }
    }

    /// The fields, for `build()`.
    #[inline]
    pub fn into_fields(self) -> T::Fields {
        *self.fields
    }
}

impl<T: Buildable, S> Default for Builder<T, S> {
    /// A builder whose fields all start empty.
    #[inline]
    fn default() -> Self {
        Builder { fields: Box::default(), state: PhantomData }
    }
}

impl<T: Buildable, S> core::ops::Deref for Builder<T, S> {
    type Target = T::Fields;
    #[inline]
    fn deref(&self) -> &T::Fields {
        &self.fields
    }
}

impl<T: Buildable, S> core::ops::DerefMut for Builder<T, S> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T::Fields {
        &mut self.fields
    }
}

impl<T: Buildable<Fields: fmt::Debug>, S> fmt::Debug for Builder<T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.fields, f)
    }
}

impl<T: Buildable<Fields: Clone>, S> Clone for Builder<T, S> {
    fn clone(&self) -> Self {
        Builder { fields: self.fields.clone(), state: PhantomData }
    }
}

/// The state of a required field whose setter has not been called, or of a whole subtree of
/// such fields (every builder starts in this state).
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

/// The two subtrees of a [`Node`]; those of [`Unset`] are unset too.
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

impl Parts for Unset {
    type A = Unset;
    type B = Unset;
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

/// The marker type of a required field (named after it, so compile errors name the field): its
/// path in the state tree.
pub trait Field {
    /// The path from the root ([`Here`]).
    type Path;
}

/// The state tree `S` once the field `F` is set: what its setter returns.
pub type Out<F, S> = <<F as Field>::Path as Put<S, Set>>::Out;

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

/// The field `Self` is unset in the state `S`: the bound of its setter.
pub trait Fill<S>: Field<Path: Put<S, Set>> {}

impl<S, F: Field<Path: At<S, State: IsUnset<F>> + Put<S, Set>>> Fill<S> for F {}

/// The field `Self` can be marked set in the state `S`: the bound of its `push_` helper, which
/// may be called again.
pub trait Push<S>: Field<Path: Put<S, Set>> {}

impl<S, F: Field<Path: Put<S, Set>>> Push<S> for F {}

/// The field `Self` is set in the state `S`: a bound of `build()`.
pub trait Has<S> {}

impl<S, F: Field<Path: At<S, State: IsSet<F>>>> Has<S> for F {}

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

    #[derive(Debug, PartialEq)]
    enum Union {
        Boxed(Box<(u8, u8)>),
        Plain(u32),
    }
    crate::__from_variants!(Union { Boxed(boxed (u8, u8)), Plain(u32) });

    #[test]
    fn payloads_convert_into_their_variant_boxed_or_not() {
        assert_eq!(Union::from((1u8, 2u8)), Union::Boxed(Box::new((1, 2))));
        assert_eq!(Union::from(7u32), Union::Plain(7));
    }

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
