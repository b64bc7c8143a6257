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
///
/// ```
/// use auth_runtime::{Claims, Token};
/// use serde::Deserialize;
/// use serde_json::{Value, json};
///
/// #[derive(Deserialize, Claims)]
/// struct AppClaims {
///     sub: String,
///     role: String,
/// }
///
/// /// A token of any claims type, for handlers' tests.
/// fn test_token<C: Claims>(claims: Value) -> Token<C> {
///     Token::new(serde_json::from_value(claims).expect("claims of the right shape"))
/// }
///
/// let token: Token<AppClaims> = test_token(json!({ "sub": "user-1", "role": "admin" }));
/// assert_eq!(token.role, "admin");
/// let token: Token = test_token(json!({ "sub": "user-1", "theme": "dark" }));
/// assert_eq!(token.get_str("theme"), Some("dark"));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not derive `Claims`",
    label = "the claims type of a rule or a `Token`",
    note = "add `#[derive(serde::Deserialize, auth_runtime::Claims)]` to `{Self}`, so rules are \
            checked against its fields"
)]
pub trait Claims: ClaimValue + DeserializeOwned + Send + Sync + 'static {}

impl Claims for Map<String, Value> {}

/// The claims of a plain [`Token`](crate::Token): every claim of the token, as JSON.
///
/// ```
/// use auth_runtime::{JsonClaims, Token};
///
/// let mut claims = JsonClaims::new();
/// claims.insert("sub".into(), "user-1".into());
/// claims.insert("role".into(), "admin".into());
/// let token: Token = Token::new(claims);
/// assert_eq!(token.get_str("role"), Some("admin"));
/// ```
pub type JsonClaims = Map<String, Value>;
