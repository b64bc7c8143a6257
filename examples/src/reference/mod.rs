//! One small app per snippet of NextAuth.js's `getServerSession` and `withAuth` documentation
//! (`shared/reference/nextauth-guards.md`), each served by its own binary in `src/bin/` and
//! driven without a socket by `tests/reference.rs`.
//!
//! | NextAuth.js snippet                                   | module                      | binary                    |
//! |-------------------------------------------------------|-----------------------------|---------------------------|
//! | `getServerSession` in `getServerSideProps`            | [`get_server_session_page`] | `get_server_session_page` |
//! | `getServerSession` in an API route                    | [`get_server_session_api`]  | `get_server_session_api`  |
//! | `export { default } from "next-auth/middleware"`      | [`protect_everything`]      | `protect_everything`      |
//! | `pages/admin/_middleware.js`: `withAuth({ callbacks })` | [`admin_subtree`]         | `admin_subtree`           |
//! | `withAuth(function middleware(req) {...}, options)`   | [`wrap_middleware`]         | `wrap_middleware`         |
//! | custom `jwt.encode` / `jwt.decode`                    | [`custom_codec`]            | `custom_codec`            |
//! | `callbacks`, `pages`, `/api/auth/session`             | [`callbacks`]               | `callbacks`               |
//!
//! Every app signs sessions in the same way, with [`sign_in::sign_in`]: a form post of
//! `account=user` or `account=admin` (the demo's two accounts, no password) that issues the
//! session cookie with `SessionCookies::sign_in`.

pub mod admin_subtree;
pub mod callbacks;
pub mod custom_codec;
pub mod get_server_session_api;
pub mod get_server_session_page;
pub mod protect_everything;
pub mod sign_in;
pub mod wrap_middleware;
