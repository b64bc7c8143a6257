//! Paths for the code `#[with_auth]`, `rule!` and `#[derive(Claims)]` generate. Not a public
//! API: it changes whenever the macros change.

pub use axum::response::Response;
pub use http::request::Parts;
pub use serde::de::DeserializeOwned;

pub use crate::check::{CheckOutcome, Verdict, call_check};
pub use crate::claims::shape::{EnumShape, FieldShape, Shape, StructShape};
pub use crate::claims::value::{ClaimValue, MapValue, SeqValue, StructValue};
pub use crate::guard::{Check, Guard, Page, Rule};
pub use crate::state::assert_auth_state;
/// The helpers compiled rules call.
pub mod rule {
    pub use crate::rule_rt::*;
}

/// The compile-time check of typed rules: `#[with_auth(claims = ...)]` walks each rule with a
/// `Checker` in a `const` block.
pub mod typecheck {
    pub use crate::typecheck::*;
}

/// The parsers that read client bytes, for the fuzz targets in `fuzz/`.
pub mod fuzz {
    pub use crate::fuzz::*;
}
