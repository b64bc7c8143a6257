//! The demo app of `auth-runtime`: a small site with a public home page, a sign-in form, an
//! admin page and two JSON APIs, each guarded the way a NextAuth.js app would guard it.
//!
//! [`demo_app`] builds the whole site as an axum [`Router`]; `src/bin/demo.rs` serves it
//! (`cargo run -p auth-examples --bin demo`) and `tests/demo.rs` drives it without a socket.
//!
//! | route                  | guard                                               | signed out        | signed in as `user`      |
//! |------------------------|-----------------------------------------------------|-------------------|--------------------------|
//! | `GET /`                | none (`Option<Session>`)                            | 200               | 200                      |
//! | `GET /admin`           | `token.role == 'admin'`, `sign_in`, `forbidden`     | 307 to sign-in    | 307 to `/auth/forbidden` |
//! | `GET /api/me`          | any session, no `sign_in`                           | 401 JSON          | 200 JSON                 |
//! | `GET /api/admin/stats` | `token.role == 'admin'`, no pages                   | 401 JSON          | 403 JSON                 |
//!
//! The sign-in form signs in one of two demo accounts without a password: a real app checks
//! credentials (or finishes an OAuth flow) in `routes::sign_in` before issuing the cookie.
//!
//! [`ownership`] is a second app, a small blog API whose rules read typed claims and route
//! parameters and whose post edits also go through an async check; `src/bin/ownership.rs`
//! serves it and `tests/ownership.rs` drives it.

mod accounts;
mod cross_site;
pub mod ownership;
mod pages;
mod redirect;
pub mod reference;
mod routes;
pub mod startup;

use auth_runtime::AuthOptions;
use axum::Router;
use axum::routing::get;

/// The cookie the demo's sessions live in: NextAuth.js's name over plain HTTP, which the demo
/// serves on 127.0.0.1. Over HTTPS it would be `__Secure-next-auth.session-token`;
/// `AuthOptions::session_cookie_name` tells which.
pub const SESSION_COOKIE: &str = "next-auth.session-token";

/// The demo site, its guards reading the secret and session lifetime from `options`.
pub fn demo_app(options: AuthOptions) -> Router {
    Router::new()
        .route("/", get(routes::home))
        .route(
            "/auth/signin",
            get(routes::sign_in_page).post(routes::sign_in),
        )
        .route(
            "/auth/signout",
            get(routes::sign_out_page).post(routes::sign_out),
        )
        .route("/auth/forbidden", get(routes::forbidden_page))
        .route("/admin", get(routes::admin_page))
        .route("/api/me", get(routes::me))
        .route("/api/admin/stats", get(routes::admin_stats))
        .with_state(options)
}
