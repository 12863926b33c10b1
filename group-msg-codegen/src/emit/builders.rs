//! Builders whose state tracks the required fields (see `runtime::builder`).

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use crate::ir::{Struct, TypeDef};

impl Emitter<'_> {
    pub fn builder(&self, _t: &TypeDef, _s: &Struct) -> TokenStream {
        quote!()
    }
}
