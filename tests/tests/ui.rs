//! Compile-error (UI) tests of `#[with_auth]`, `rule!` and `#[derive(Claims)]`.
//!
//! Every file in `ui/fail/` is one mistake a user can make; its `.stderr` is the exact message
//! the compiler prints for it. Every file in `ui/pass/` must compile.
//!
//! After changing a message on purpose, regenerate the expected output with
//!
//! ```sh
//! TRYBUILD=overwrite cargo test -p auth-tests --test ui
//! ```
//!
//! and review the diff of `ui/fail/*.stderr` before keeping it: each file should still read as
//! the message a user ought to see, pointing at their own token.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
