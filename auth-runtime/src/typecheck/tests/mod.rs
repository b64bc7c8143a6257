//! The checker driven as the macro's `const` blocks drive it, at run time: each test states a
//! rule and the message it gets, line by line, as rustc prints it.

mod claims;
mod const_eval;
mod equality;
mod first_error;
mod front;
mod members;
mod membership;
mod ordering;
mod strings;
mod unknown_claims;
mod valid;

use crate::claims::shape::Shape;

/// Asserts that `rule`, against claims of the shape `root`, gets the message of `lines`.
#[track_caller]
fn assert_error(root: &'static Shape, rule: &'static str, lines: &[&str]) {
    assert_eq!(
        front::check(root, rule).as_deref(),
        Some(&*lines.join("\n")),
        "{rule}"
    );
}
