//! The router states guards and extractors can read their `AuthOptions` from.

use axum::extract::FromRef;

use crate::AuthOptions;

/// A router state that hands out the [`AuthOptions`] every guard and extractor reads: the
/// options themselves, or an app state with an `AuthOptions` field and
/// [`FromRef`](axum::extract::FromRef) (derived with axum's `macros` feature).
///
/// Every state `S` with `AuthOptions: FromRef<S>` implements it; there is nothing to implement.
/// It exists so that a state without options is reported as such, with the fix, rather than
/// as a handler that is not a `Handler`.
///
/// ```
/// use auth_runtime::{AuthOptions, AuthState, Token, with_auth};
/// use axum::extract::FromRef;
/// use axum::{Router, routing::get};
///
/// #[derive(Clone, FromRef)]
/// struct AppState {
///     auth: AuthOptions,
///     greeting: &'static str,
/// }
///
/// #[with_auth]
/// async fn me(token: Token) -> String {
///     format!("{:?}", token.get_str("name"))
/// }
///
/// # fn main() -> Result<(), auth_runtime::ConfigError> {
/// let state = AppState {
///     auth: AuthOptions::new("a secret of at least thirty-two bytes!")?,
///     greeting: "hello",
/// };
/// assert_eq!(state.auth_options().session_cookie_name(), "next-auth.session-token");
/// let app: Router = Router::new().route("/me", get(me)).with_state(state);
/// # Ok(())
/// # }
/// ```
#[diagnostic::on_unimplemented(
    message = "the router's state `{Self}` does not provide the `AuthOptions` that guards and \
               session extractors read",
    label = "`AuthOptions: FromRef<{Self}>` is not implemented",
    note = "give the router a state that holds the options: `AuthOptions` itself \
            (`.with_state(options)`), or an app state deriving `FromRef` (axum's `macros` \
            feature), `#[derive(Clone, FromRef)] struct AppState {{ auth: AuthOptions, .. }}`",
    note = "or implement `FromRef<{Self}> for AuthOptions`, returning the state's options"
)]
pub trait AuthState {
    /// The options, cloned out of the state (one reference count).
    fn auth_options(&self) -> AuthOptions;
}

// Not recommended in diagnostics, so a state without options is reported with this trait's
// message and not as a missing `FromRef` deep inside axum's `Handler`.
#[diagnostic::do_not_recommend]
impl<S> AuthState for S
where
    AuthOptions: FromRef<S>,
{
    fn auth_options(&self) -> AuthOptions {
        AuthOptions::from_ref(self)
    }
}

/// Compiles only for a state that provides `AuthOptions`: `#[with_auth(state = ...)]` calls it
/// in a constant, so the mistake is reported under the user's type.
#[doc(hidden)]
pub const fn assert_auth_state<S: AuthState>() {}
