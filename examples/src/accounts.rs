//! The two accounts the demo can sign in as, and the claims their session tokens carry.

use serde::{Deserialize, Serialize};

/// A demo account, as the sign-in form names it (`account=user` or `account=admin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DemoAccount {
    User,
    Admin,
}

/// The claims of a session token: NextAuth.js's default `name`, `email`, `picture` and `sub`,
/// plus the `role` that the guards' rules read as `token.role`.
#[derive(Debug, Serialize)]
pub(crate) struct Claims {
    sub: &'static str,
    name: &'static str,
    email: &'static str,
    picture: &'static str,
    role: &'static str,
}

impl DemoAccount {
    /// The claims to sign into this account's session token.
    pub(crate) fn claims(self) -> Claims {
        match self {
            DemoAccount::User => Claims {
                sub: "1",
                name: "Demo User",
                email: "user@example.com",
                picture: "https://example.com/avatars/user.png",
                role: "user",
            },
            DemoAccount::Admin => Claims {
                sub: "2",
                name: "Demo Admin",
                email: "admin@example.com",
                picture: "https://example.com/avatars/admin.png",
                role: "admin",
            },
        }
    }
}
