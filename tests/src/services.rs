//! The real PostgreSQL and Redis servers the database-session tests run against.
//!
//! `scripts/services.sh start` starts both and writes their URLs to `target/services/env`;
//! `source` it before `cargo test`. Without the URLs the tests that need a server are ignored,
//! with the reason, by `cfg(postgres_live)` / `cfg(redis_live)` (see `build.rs`); under
//! `CI=true` they run, and fail here saying what is missing.

/// How to start the servers, for the messages below and the tests' `ignore` reasons.
pub const HOW: &str = "run `bash scripts/services.sh start && source target/services/env`";

/// The PostgreSQL server's URL, from `DATABASE_URL`.
///
/// # Panics
/// When `DATABASE_URL` is not set: the test cannot run, and must not pass.
pub fn database_url() -> String {
    url("DATABASE_URL", "PostgreSQL")
}

/// The Redis server's URL, from `REDIS_URL`.
///
/// # Panics
/// When `REDIS_URL` is not set: the test cannot run, and must not pass.
pub fn redis_url() -> String {
    url("REDIS_URL", "Redis")
}

fn url(variable: &str, server: &str) -> String {
    match std::env::var(variable) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!("this test needs a real {server} server and {variable} is not set: {HOW}"),
    }
}
