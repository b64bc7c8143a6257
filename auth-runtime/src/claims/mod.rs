//! Typed claims: a struct that derives [`Claims`] is what a session token holds, checked
//! against every rule written for it when the crate compiles.

pub(crate) mod shape;
pub(crate) mod value;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use value::ClaimValue;

/// The claims of a session token, as a type: `#[with_auth(claims = AppClaims, ...)]` and
/// `rule!(AppClaims, "...")` check their rule against it when the crate compiles, and
/// [`Token<AppClaims>`](crate::Token) hands the handler a deserialized `AppClaims`.
///
/// Derive it beside `serde::Deserialize`; see [the derive macro](macro@crate::Claims) for what
/// it reads. `serde_json::Map<String, Value>`, the claims of a plain [`Token`](crate::Token),
/// implements it too: any claim, checked only when a request comes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not derive `Claims`",
    label = "the claims type of a rule or a `Token`",
    note = "add `#[derive(serde::Deserialize, auth_runtime::Claims)]` to `{Self}`, so rules are \
            checked against its fields"
)]
pub trait Claims: ClaimValue + DeserializeOwned + Send + Sync + 'static {}

impl Claims for Map<String, Value> {}

/// The claims of a plain [`Token`](crate::Token): every claim of the token, as JSON.
pub type JsonClaims = Map<String, Value>;
