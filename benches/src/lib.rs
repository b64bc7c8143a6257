//! What the benchmarks and the load test's server share: the fair baseline, the guard a careful
//! user writes by hand instead of this library, so that both measure against the same code.
//!
//! It finds `next-auth.session-token` by splitting the `Cookie` header on `;` and `=`, decodes
//! it with `jsonwebtoken::decode` into [`Claims`] with a `DecodingKey` and a
//! `Validation::new(HS256)` built once ([`prepare_baseline`]), and compares `role` with
//! `"admin"`: a bare 401 (no or bad session) or 403 (another role).

// The package does not take the workspace's lints (its criterion bench needs an `unsafe`
// allocator); this library keeps to the one that matters here.
#![warn(missing_docs)]

pub mod db;

use std::sync::OnceLock;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

/// The session cookie's name with secure cookies off, as NextAuth.js names it.
pub const SESSION_COOKIE: &str = "next-auth.session-token";

/// The demo admin's claims, typed: what the baseline decodes into, and what the typed guards
/// read. `exp` is checked by `jsonwebtoken`'s `Validation` and by the guards.
#[derive(Debug, Deserialize, auth_runtime::Claims)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    /// The user's name.
    pub name: String,
    /// The user's email address.
    pub email: String,
    /// The user's picture.
    pub picture: String,
    /// `admin` or `user`.
    pub role: String,
    /// When the session expires, in seconds since the Unix epoch.
    pub exp: u64,
}

/// The baseline's key and validation, made once by [`prepare_baseline`].
static PREPARED: OnceLock<(DecodingKey, Validation)> = OnceLock::new();

/// Makes the baseline's key for `secret` and its `Validation`, once, before any request; a
/// later call with another secret is ignored.
pub fn prepare_baseline(secret: &str) {
    PREPARED.get_or_init(|| {
        (
            DecodingKey::from_secret(secret.as_bytes()),
            Validation::new(Algorithm::HS256),
        )
    });
}

/// The baseline extractor: the admin's [`Claims`], or a bare 401 or 403.
#[derive(Debug)]
pub struct Baseline(pub Claims);

impl<S: Send + Sync> FromRequestParts<S> for Baseline {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, StatusCode> {
        let (key, validation) = PREPARED.get().ok_or(StatusCode::INTERNAL_SERVER_ERROR)?;
        let token = session_cookie(parts).ok_or(StatusCode::UNAUTHORIZED)?;
        let data = jsonwebtoken::decode::<Claims>(token, key, validation)
            .map_err(|_| StatusCode::UNAUTHORIZED)?;
        if data.claims.role == "admin" {
            Ok(Baseline(data.claims))
        } else {
            Err(StatusCode::FORBIDDEN)
        }
    }
}

/// The session cookie's value: every `Cookie` header split on `;`, each pair on `=`.
pub fn session_cookie(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            (name.trim() == SESSION_COOKIE).then(|| value.trim())
        })
}
