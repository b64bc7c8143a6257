//! A guarded handler keeps its doc comments, other attributes and visibility, in a module
//! and at the root.
#![deny(warnings)]

use auth_runtime::{AuthOptions, with_auth};
use axum::{Router, routing::get};

mod handlers {
    use auth_runtime::with_auth;

    /// The admin panel.
    ///
    /// Only for admins.
    #[with_auth(authorized = "token.role == 'admin'", sign_in = "/auth/signin")]
    #[allow(clippy::unused_async)]
    #[must_use = "a handler's future does nothing unless awaited"]
    pub(crate) async fn admin_panel() -> &'static str {
        "admin"
    }

    /// Visible to the whole crate and beyond.
    #[inline]
    #[with_auth]
    pub async fn profile() -> &'static str {
        "profile"
    }
}

/// A private handler with a `#[cfg]`d twin.
#[cfg(not(any()))]
#[with_auth(authorized = "token.email_verified")]
async fn inbox() -> &'static str {
    "inbox"
}

/// A handler named with a raw identifier.
#[with_auth(authorized = "req.method == 'POST'")]
async fn r#type() -> &'static str {
    "type"
}

fn main() {
    let options = AuthOptions::new("a secret of at least thirty-two bytes!").unwrap();
    let _app: Router = Router::new()
        .route("/admin", get(handlers::admin_panel))
        .route("/profile", get(handlers::profile))
        .route("/inbox", get(inbox))
        .route("/type", axum::routing::post(r#type))
        .with_state(options);
}
