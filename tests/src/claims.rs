//! The typed claims the compile-error tests check rules against.

use auth_runtime::Claims;
use serde::Deserialize;

/// A role, compared by its serde names: `'admin'`, `'user'`.
#[derive(Debug, Deserialize, Claims)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// `'admin'`.
    Admin,
    /// `'user'`.
    User,
}

/// A nested struct of claims.
#[derive(Debug, Deserialize, Claims)]
pub struct Profile {
    /// `token.profile.name`.
    pub name: String,
}

/// The claims of the example: a string, an enum, a renamed optional number, a bool, a
/// list and a nested struct.
#[derive(Debug, Deserialize, Claims)]
pub struct AppClaims {
    /// `token.sub`.
    pub sub: String,
    /// `token.role`.
    pub role: Role,
    /// `token.org_id`.
    #[serde(rename = "org_id")]
    pub org: Option<u64>,
    /// `token.email_verified`.
    pub email_verified: bool,
    /// `token.groups`.
    pub groups: Vec<String>,
    /// `token.profile`.
    pub profile: Profile,
}
