//! Fuzz targets for every parser that reads bytes a client or a user controls: the session
//! token's sources (`Cookie` and `Authorization` headers), each built-in codec's decode, the
//! claims payload reader, and the rule language's lexer and parser.
//!
//! Each target panics on a broken invariant: an accepted forgery, a disagreement between two
//! reads of one input, or a panic inside the parser itself. The same targets run two ways:
//!
//! - bounded, in `cargo test` (`tests/bounded.rs`): a seeded mutator ([`mutate`]) over the
//!   [`seeds`], a few seconds per target, the same inputs every run;
//! - long, under libFuzzer: `bash scripts/fuzz.sh` (cargo-fuzz on the stable toolchain, no
//!   sanitizer), 10 million executions per target by default.

pub mod mutate;
pub mod seeds;
pub mod targets;

// The rule language lives in the proc-macro crate, which cannot export it: its source is
// compiled here as it is, with the one module of that crate it uses.
#[allow(
    dead_code,
    unreachable_pub,
    reason = "only the parser's entry points are fuzzed"
)]
#[path = "../../auth-macros/src/rule/mod.rs"]
mod rule;
#[allow(
    dead_code,
    unreachable_pub,
    reason = "only the parser's entry points are fuzzed"
)]
#[path = "../../auth-macros/src/suggest.rs"]
mod suggest;
