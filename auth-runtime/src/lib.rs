//! NextAuth.js-style session guards for axum, with rules checked at compile time.
//!
//! A request's session is a token in the `next-auth.session-token` cookie (whole, or in
//! chunks) or an `Authorization: Bearer` header: an HS256 JWT by default, the encrypted
//! cookie of a real NextAuth.js v4 or Auth.js app ([`codec`]), or the opaque token of its
//! database sessions, looked up in PostgreSQL or Redis ([`store`]). [`with_auth`] guards a
//! handler: the token is verified and the rule decides *before* the handler or any of its other
//! extractors runs, and a refused request is redirected to the sign-in page or answered with
//! 401 / 403.
//!
//! Describe the claims your tokens carry with [`Claims`](derive@Claims), and every rule
//! written for them is checked against the type when the crate compiles: a misspelled claim,
//! a comparison of the wrong types or an enum variant that does not exist fails the build.
//!
//! ```
//! use auth_runtime::{AuthOptions, Claims, Token, with_auth};
//! use axum::{Router, routing::get};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize, Claims)]
//! struct AppClaims {
//!     sub: String,
//!     role: Role,
//!     #[serde(rename = "org_id")]
//!     org: Option<u64>,
//! }
//!
//! #[derive(Deserialize, Claims)]
//! #[serde(rename_all = "lowercase")]
//! enum Role {
//!     Admin,
//!     User,
//! }
//!
//! #[with_auth(claims = AppClaims, authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
//! async fn admin_panel(token: Token<AppClaims>) -> String {
//!     format!("hello {}", token.sub)
//! }
//!
//! // Route parameters are part of the rule: an org's admins only.
//! #[with_auth(claims = AppClaims, authorized = "token.role == 'admin' && token.org_id == path.org")]
//! async fn billing() -> &'static str {
//!     "billing"
//! }
//!
//! # fn main() -> Result<(), auth_runtime::ConfigError> {
//! # let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
//! // In a real app: `AuthOptions::from_env()?`, reading NEXTAUTH_SECRET.
//! let app: Router = Router::new()
//!     .route("/admin", get(admin_panel))
//!     .route("/orgs/{org}/billing", get(billing))
//!     .with_state(options);
//! # Ok(())
//! # }
//! ```
//!
//! | Request                                   | Response                                          |
//! |-------------------------------------------|---------------------------------------------------|
//! | no session token                          | `307` to `sign_in?callbackUrl=...`, or `401`       |
//! | invalid or expired token                  | the same, plus `Set-Cookie` clearing a bad cookie  |
//! | valid token whose claims are not `AppClaims` | the same, without clearing the cookie           |
//! | valid token, rule false                   | `307` to `forbidden`, or `403`                     |
//! | valid token, rule true                    | the handler's response                             |
//!
//! A rule without `claims = ...` reads the claims as JSON, as NextAuth.js does, and is checked
//! for syntax only. `check = ...` adds an async decision with the app's state (a database),
//! after the rule and before the handler's other extractors; see [`with_auth`].
//!
//! [`AuthLayer`] guards a whole router or a path prefix, as NextAuth.js's `withAuth` middleware
//! does, with the same rules ([`rule!`], typed or not) and checks. The same session is
//! available without a rule through the [`Token`] (`Token<AppClaims>` or JSON claims) and
//! [`Session`] extractors (and their `Option`s), outside handlers through [`get_token`] and
//! [`get_server_session`], and to browser code through [`session_endpoint`]. Every one of them
//! goes through one decision path, configured by one [`AuthOptions`] (secrets, codec,
//! lifetimes, pages, cookies, callbacks): the guard, the layer and the extractors share one
//! decode per request, and sessions older than `update_age` are re-issued on the response.

mod builder;
mod callbacks;
mod check;
mod claims;
pub mod codec;
mod cookies;
mod csrf;
mod decide;
mod endpoint;
mod extract;
mod fuzz;
mod guard;
pub mod jwt;
mod layer;
mod lookup;
mod options;
mod payload;
mod request;
mod respond;
mod rule_rt;
mod source;
mod state;
pub mod store;
mod time;
mod token;
mod typecheck;
mod verified;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use auth_macros::{Claims, rule, with_auth};
pub use builder::{
    AuthOptionsBuilder, ConfigError, DEFAULT_MAX_AGE, DEFAULT_MAX_TOKEN_BYTES, DEFAULT_UPDATE_AGE,
    MIN_SECRET_BYTES,
};
pub use check::{CheckFn, CheckOutcome, Verdict};
pub use claims::{Claims, JsonClaims};
pub use cookies::SessionCookies;
pub use endpoint::session_endpoint;
pub use layer::{AuthLayer, AuthService};
pub use lookup::{get_server_session, get_token};
pub use options::AuthOptions;
pub use request::RequestInfo;
pub use respond::AuthRejection;
pub use state::AuthState;
pub use token::{Session, SessionUser, Token};
