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
pub struct Token<C = JsonClaims> {
    claims: Arc<C>,
}

impl<C> Token<C> {
    /// Wraps claims that have already been verified.
    ///
    /// Decoding a token is the job of [`crate::jwt::decode`]; this constructor exists for
    /// custom codecs and for tests.
    pub fn new(claims: C) -> Self {
        Self {
            claims: Arc::new(claims),
        }
    }

    /// The claims of the token.
    pub fn claims(&self) -> &C {
        &self.claims
    }
}

impl<C: Clone> Token<C> {
    /// The claims, owned (cloned only when the token is shared).
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
