//! Rules that mean something for their claims type pass.

use super::claims::{APP, JSON, OPEN};
use super::front::check;
use crate::claims::shape::Shape;

#[track_caller]
fn assert_valid(root: &'static Shape, rules: &[&'static str]) {
    for rule in rules {
        assert_eq!(check(root, rule), None, "{rule}");
    }
}

#[test]
fn comparisons_of_claims_with_literals() {
    assert_valid(
        &APP,
        &[
            "token.role == 'admin' && token.org_id == 7",
            "token.role === 'user' || token.role !== 'admin'",
            "token.sub == 'ada' && token.sub != ''",
            "token.email_verified == true",
            "token.email_verified",
            "!token.email_verified",
            "token.profile.name == 'Ada' && token.profile.age >= 18",
            "token.sub < 'm' && token.org_id > 2.5",
            "token['role'] == 'admin'",
        ],
    );
}

#[test]
fn comparisons_between_claims() {
    assert_valid(
        &APP,
        &[
            "token.role == token.role",
            "token.sub == req.path",
            "token.groups == token.aliases",
            "token.perms == token.perms",
            "token.role in token.roles",
            "token.sub in token.tags",
            "token.role in token.perms",
        ],
    );
}

#[test]
fn null_checks_of_what_may_be_null() {
    assert_valid(
        &APP,
        &[
            "token.org_id == null",
            "token.org_id != null && token.org_id > 5",
            "null == token.aliases",
            "token.backup == null",
            "token.backup.name == null",
            "token.backup?.name == 'Ada'",
            "token.perms['write'] == null",
            "token.groups[0] == null",
            "token.extra == null",
        ],
    );
}

#[test]
fn enums_compare_with_their_variants() {
    assert_valid(
        &APP,
        &[
            "token.role == 'admin'",
            "'user' == token.role",
            "token.role in ['admin', 'user']",
            "'admin' in token.roles",
            "token.roles == ['admin', 'user']",
            "token.roles[0] == 'admin'",
            "token.role == token.sub",
        ],
    );
}

#[test]
fn path_parameters_compare_with_numbers_and_strings() {
    assert_valid(
        &APP,
        &[
            "token.org_id == path.org_id",
            "path.org_id == token.org_id",
            "token.sub == path.user_id",
            "token.role == path.role",
            "path.page < 10 && path.a >= path.b && path.name > 'm'",
            "path.org_id in token.groups",
            "path.id.starts_with('u') && req.path.ends_with(path.id)",
        ],
    );
}

#[test]
fn lists_sets_and_maps() {
    assert_valid(
        &APP,
        &[
            "'admin' in token.groups",
            "token.groups.contains('admin')",
            "'a' in token.tags",
            "'read' in token.perms",
            "token.perms.read == true",
            "token.perms.read",
            "token.groups == ['a', 'b']",
            "token.groups[0] == 'a'",
            "token.aliases[0] == 'x'",
            "'x' in token.aliases",
        ],
    );
}

#[test]
fn strings() {
    assert_valid(
        &APP,
        &[
            "req.path.starts_with('/admin')",
            "token.sub.ends_with('@example.com')",
            "token.profile.name.starts_with('A')",
            "req.path.contains('admin') && 'admin' in req.method",
            "token.backup.name.ends_with('a')",
            "req.path.starts_with(token.role)",
        ],
    );
}

#[test]
fn flattened_claims() {
    assert_valid(
        &APP,
        &[
            "token.tenant == 'acme'",
            "token.plan == null || token.plan == 'pro'",
        ],
    );
    assert_valid(
        &OPEN,
        &[
            "token.sub == 'x'",
            "token.tenant == 'acme'",
            "token.anything > 3 && token.anything == null",
        ],
    );
}

#[test]
fn json_values_accept_everything() {
    assert_valid(
        &APP,
        &[
            "token.extra.anything.deep == 1",
            "token.extra[0] == 'x' && token.extra < 3",
            "'x' in token.extra && token.extra.starts_with('a')",
            "token.extra == token.tags",
            "token.extra == token.role",
        ],
    );
    assert_valid(
        &JSON,
        &[
            "token.role == 'admin'",
            "token.a.b.c == 1 && token.x[0] == 1 && 'y' in token.z",
        ],
    );
}
