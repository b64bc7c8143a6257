//! The verified claims of a session token, and the session built from them.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::claims::JsonClaims;
use crate::claims::shape::Shape;
use crate::claims::value::ClaimValue;
use crate::rule_rt::Val;

/// The verified claims of a session token: as JSON (`Token`), or typed (`Token<AppClaims>`,
/// for a struct that derives [`Claims`](crate::Claims)).
///
/// A `Token` only exists once the token's signature, `exp` and `nbf` have been checked. It is
/// cheap to clone (the claims are shared) and dereferences to its claims, so a handler taking
/// `Token<AppClaims>` reads `token.role`. It is what `#[with_auth]` rules see as `token`.
///
/// As an extractor it answers 401 when the request has no valid session, and, for
/// `Token<C>`, when the session's claims do not deserialize into `C`; take `Option<Token<C>>`
/// where a signed-out visitor is allowed. Behind `#[with_auth]` or [`AuthLayer`](crate::AuthLayer)
/// it reads the session they already verified, without decoding it again.
///
/// The extractors only read the session cookie: they never re-issue an old session, and
/// `Option<Token>` leaves a garbage or expired cookie where it is (`Token`'s 401 clears it).
/// The guards and [`get_server_session`](crate::get_server_session) keep the cookie current.
///
/// ```
/// use auth_runtime::{AuthOptions, Token};
/// use axum::{Router, routing::get};
/// use serde_json::json;
///
/// // 401 without a valid session.
/// async fn profile(token: Token) -> String {
///     format!("signed in as {}", token.get_str("name").unwrap_or("someone"))
/// }
///
/// // Open to everyone.
/// async fn home(token: Option<Token>) -> &'static str {
///     if token.is_some() { "welcome back" } else { "welcome" }
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), auth_runtime::ConfigError> {
/// # let options = AuthOptions::new("a secret of at least thirty-two bytes!")?;
/// let app: Router = Router::new()
///     .route("/profile", get(profile))
///     .route("/", get(home))
///     .with_state(options);
///
/// let claims = json!({ "sub": "user-1", "name": "Ada" });
/// let token = Token::new(claims.as_object().unwrap().clone());
/// assert_eq!(profile(token).await, "signed in as Ada");
/// # Ok(())
/// # }
/// ```
pub struct Token<C = JsonClaims> {
    claims: Arc<C>,
}

impl<C> Token<C> {
    /// Wraps claims that have already been verified.
    ///
    /// Decoding a token is the job of [`crate::jwt::decode`]; this constructor exists for
    /// custom codecs and for tests.
    ///
    /// ```
    /// use auth_runtime::{Claims, Token};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize, Claims)]
    /// struct AppClaims {
    ///     sub: String,
    ///     team: String,
    /// }
    ///
    /// async fn team_page(token: Token<AppClaims>) -> String {
    ///     format!("team {}", token.team)
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// // A unit test of the handler, without a request or a signed token.
    /// let token = Token::new(AppClaims { sub: "user-1".into(), team: "core".into() });
    /// assert_eq!(team_page(token).await, "team core");
    /// # }
    /// ```
    pub fn new(claims: C) -> Self {
        Self {
            claims: Arc::new(claims),
        }
    }

    /// The claims of the token.
    ///
    /// ```
    /// use auth_runtime::{Claims, Token};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize, Claims)]
    /// struct AppClaims {
    ///     sub: String,
    ///     roles: Vec<String>,
    /// }
    ///
    /// fn may_publish(claims: &AppClaims) -> bool {
    ///     claims.roles.iter().any(|role| role == "editor")
    /// }
    ///
    /// let token = Token::new(AppClaims { sub: "user-1".into(), roles: vec!["editor".into()] });
    /// assert!(may_publish(token.claims()));
    /// ```
    pub fn claims(&self) -> &C {
        &self.claims
    }
}

impl<C: Clone> Token<C> {
    /// The claims, owned (cloned only when the token is shared).
    ///
    /// ```
    /// use auth_runtime::Token;
    /// use axum::Json;
    /// use serde_json::{Map, Value, json};
    ///
    /// // Every claim but the internal ones, for the browser.
    /// async fn me(token: Token) -> Json<Map<String, Value>> {
    ///     let mut claims = token.into_claims();
    ///     claims.retain(|name, _| !["iat", "exp", "jti"].contains(&name.as_str()));
    ///     Json(claims)
    /// }
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let claims = json!({ "sub": "user-1", "name": "Ada", "jti": "4f0c" });
    /// let Json(shown) = me(Token::new(claims.as_object().unwrap().clone())).await;
    /// assert_eq!(Value::Object(shown), json!({ "sub": "user-1", "name": "Ada" }));
    /// # }
    /// ```
    pub fn into_claims(self) -> C {
        Arc::try_unwrap(self.claims).unwrap_or_else(|shared| (*shared).clone())
    }
}

impl Token {
    /// One claim, or `None` when the token does not carry it.
    ///
    /// ```
    /// # use auth_runtime::Token;
    /// # use serde_json::json;
    /// let token = Token::new(json!({ "name": "Ada" }).as_object().unwrap().clone());
    /// assert_eq!(token.get("name").and_then(|v| v.as_str()), Some("Ada"));
    /// assert_eq!(token.get("role"), None);
    /// ```
    pub fn get(&self, claim: &str) -> Option<&Value> {
        self.claims.get(claim)
    }

    /// A string claim, or `None` when it is missing or not a string.
    ///
    /// ```
    /// use auth_runtime::Token;
    /// use serde_json::json;
    ///
    /// let claims = json!({ "sub": "user-1", "email": "ada@example.com", "age": 36 });
    /// let token = Token::new(claims.as_object().unwrap().clone());
    /// assert_eq!(token.get_str("email"), Some("ada@example.com"));
    /// assert_eq!(token.get_str("age"), None); // a number
    /// assert_eq!(token.get_str("phone"), None);
    /// ```
    pub fn get_str(&self, claim: &str) -> Option<&str> {
        self.get(claim).and_then(Value::as_str)
    }
}

impl<C> Deref for Token<C> {
    type Target = C;

    fn deref(&self) -> &C {
        &self.claims
    }
}

impl<C> Clone for Token<C> {
    fn clone(&self) -> Self {
        Self {
            claims: Arc::clone(&self.claims),
        }
    }
}

impl<C: PartialEq> PartialEq for Token<C> {
    fn eq(&self, other: &Self) -> bool {
        self.claims == other.claims
    }
}

impl<C: ClaimValue> fmt::Debug for Token<C> {
    // The claim names are useful when debugging; the values are personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("claims", &ClaimNames(self.claims()))
            .finish()
    }
}

/// The names of a token's claims, for `Debug`.
struct ClaimNames<'a, C>(&'a C);

impl<C: ClaimValue> fmt::Debug for ClaimNames<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names = f.debug_list();
        match (C::SHAPE, self.0.val()) {
            (Shape::Struct(shape), _) => names.entries(shape.fields.iter().map(|field| field.name)),
            (_, Val::Object(claims)) => names.entries(claims.keys()),
            _ => &mut names,
        };
        names.finish()
    }
}

/// The session, in NextAuth.js's shape: `{ user: { name, email, image }, expires }`.
///
/// By default built from a verified [`Token`]: `name` and `email` from the claims of the same
/// name, `image` from `picture`, `expires` from `exp` as an ISO 8601 date; `callbacks.session`
/// can change it. It serializes to the JSON a NextAuth.js client expects.
///
/// As an extractor it answers 401 without a valid session, like [`Token`]; take
/// `Option<Session>` where signed-out visitors are allowed. Like [`Token`], it never re-issues
/// the session cookie, and `Option<Session>` never clears it.
///
/// ```
/// use auth_runtime::{AuthOptions, Session};
/// use axum::{Json, Router, routing::get};
///
/// // What `useSession()` reads in the browser.
/// async fn session(session: Option<Session>) -> Json<Option<Session>> {
///     Json(session)
/// }
///
/// async fn greeting(session: Session) -> String {
///     format!("hello {}, until {}", session.user.name.unwrap_or_default(), session.expires)
/// }
/// # let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
/// let app: Router = Router::new()
///     .route("/api/me", get(session))
///     .route("/hello", get(greeting))
///     .with_state(options);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Who is signed in.
    pub user: SessionUser,
    /// When the session ends, as an ISO 8601 UTC date (`2026-12-27T09:00:00.000Z`).
    pub expires: String,
    /// Anything `callbacks.session` adds beside `user` and `expires`.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `user` of a [`Session`].
///
/// ```
/// use auth_runtime::{Session, SessionUser};
/// use serde_json::json;
///
/// // A handler reading the role `callbacks.session` added to the user.
/// fn is_admin(session: &Session) -> bool {
///     session.user.extra.get("role").is_some_and(|role| role == "admin")
/// }
///
/// let user = SessionUser {
///     name: Some("Ada".into()),
///     extra: json!({ "role": "admin" }).as_object().unwrap().clone(),
///     ..SessionUser::default()
/// };
/// // `extra` sits beside `name`, `email` and `image` in the JSON.
/// let json = json!({ "name": "Ada", "email": null, "image": null, "role": "admin" });
/// assert_eq!(serde_json::to_value(&user)?, json);
///
/// let expires = "2026-12-27T09:00:00.000Z".into();
/// assert!(is_admin(&Session { user, expires, extra: Default::default() }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    /// The `name` claim.
    pub name: Option<String>,
    /// The `email` claim.
    pub email: Option<String>,
    /// The `picture` claim.
    pub image: Option<String>,
    /// Anything `callbacks.session` adds to the user, such as a role.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Session {
    /// The session NextAuth.js builds from this token by default, before `callbacks.session`.
    ///
    /// ```
    /// use auth_runtime::{Session, Token};
    /// use serde_json::json;
    ///
    /// let claims = json!({
    ///     "sub": "user-1",
    ///     "name": "Ada",
    ///     "picture": "https://example.com/ada.png",
    ///     "exp": 1_798_362_000,
    /// });
    /// let session = Session::from_token(&Token::new(claims.as_object().unwrap().clone()));
    /// assert_eq!(session.user.name.as_deref(), Some("Ada"));
    /// assert_eq!(session.user.image.as_deref(), Some("https://example.com/ada.png"));
    /// assert_eq!(session.expires, "2026-12-27T09:00:00.000Z");
    /// ```
    pub fn from_token(token: &Token) -> Self {
        let text = |claim| token.get_str(claim).map(str::to_owned);
        let expires = token
            .get("exp")
            .and_then(Value::as_i64)
            .map(crate::time::iso8601)
            .unwrap_or_default();
        Session {
            user: SessionUser {
                name: text("name"),
                email: text("email"),
                image: text("picture"),
                extra: Map::new(),
            },
            expires,
            extra: Map::new(),
        }
    }
}
