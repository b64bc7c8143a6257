//! The checker runs where the macro runs it: in constant evaluation.

use super::super::compat::str_eq;
use super::super::{Affix, At, Checker, Op};
use super::claims::APP;
use crate::JsonClaims;

/// One place for every part of the rules below: only the message's text matters here.
const AT: At = At {
    text: "token",
    diagram: "  |",
};

#[test]
fn a_valid_rule_passes() {
    const {
        let mut c = Checker::of_shape(&APP);
        let t0 = c.token(AT);
        let t1 = c.field(t0, "role", AT, AT);
        let t2 = c.string("admin", AT);
        let t3 = c.string("user", AT);
        // The items are a local the array's type borrows, as the macro binds them.
        let items = [t2, t3];
        let t4 = c.array(&items, AT);
        let t5 = c.contains(t4, t1, AT);
        let t6 = c.token(AT);
        let t7 = c.field(t6, "groups", AT, AT);
        let t8 = c.index(t7, AT);
        let t9 = c.req(AT);
        let t10 = c.affix(Affix::StartsWith, t9, t8, AT);
        let t11 = c.token(AT);
        let t12 = c.field(t11, "org_id", AT, AT);
        let t13 = c.param(AT);
        let t14 = c.compare(Op::Ge, t12, t13, AT);
        let t15 = c.null(AT);
        let t16 = c.compare(Op::Ne, t12, t15, AT);
        let t17 = c.boolean(AT);
        let t18 = c.number(AT);
        let _ = (t5, t10, t14, t16, t17, t18);
        let _ = c.logic(AT);
        if let Some(message) = c.error() {
            panic!("{}", message)
        }
    }
}

#[test]
fn a_mistake_is_found() {
    const {
        let mut c = Checker::of_shape(&APP);
        let t0 = c.token(AT);
        let t1 = c.field(t0, "email_verified", AT, AT);
        let t2 = c.string("yes", AT);
        let _ = c.compare(Op::Eq, t1, t2, AT);
        let expected = "cannot compare `token` (`bool`) with `token` (a string)\n  |";
        let found = match c.error() {
            Some(message) => str_eq(message, expected),
            None => false,
        };
        assert!(
            found,
            "the comparison of a bool with a string was not refused"
        );
    }
}

#[test]
fn a_claims_type_gives_the_root() {
    const {
        let mut c = Checker::new::<JsonClaims>();
        let t0 = c.token(AT);
        let t1 = c.field(t0, "anything", AT, AT);
        let t2 = c.number(AT);
        let _ = c.compare(Op::Lt, t1, t2, AT);
        if let Some(message) = c.error() {
            panic!("{}", message)
        }
    }
}
