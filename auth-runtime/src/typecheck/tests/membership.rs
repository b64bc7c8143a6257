//! `needle in haystack` and `haystack.contains(needle)` that never hold, or always do.

use super::assert_error;
use super::claims::APP;

#[test]
fn items_of_another_kind() {
    assert_error(
        &APP,
        "1 in token.groups",
        &[
            "`token.groups` (`Vec<String>`) cannot contain `1` (a number)",
            "  |",
            "  | 1 in token.groups",
            "  | ^^^^^^^^^^^^^^^^^",
            "  = help: each item of `token.groups` is a string",
        ],
    );
    assert_error(
        &APP,
        "token.roles.contains(null)",
        &[
            "`token.roles` (`Vec<Role>`) cannot contain `null`",
            "  |",
            "  | token.roles.contains(null)",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: each item of `token.roles` is `Role`",
        ],
    );
}

#[test]
fn strings_that_are_no_variant() {
    assert_error(
        &APP,
        "'root' in token.roles",
        &[
            "`Role` has no variant `root`",
            "  |",
            "  | 'root' in token.roles",
            "  | ^^^^^^",
            "  = help: the variants of `Role` are 'admin', 'user'",
        ],
    );
    assert_error(
        &APP,
        "token.role in ['admin', 'superuser']",
        &[
            "`Role` has no variant `superuser`",
            "  |",
            "  | token.role in ['admin', 'superuser']",
            "  |                         ^^^^^^^^^^^",
            "  = help: the variants of `Role` are 'admin', 'user'",
        ],
    );
    assert_error(
        &APP,
        "token.role in ['admin', 'usr']",
        &[
            "`Role` has no variant `usr`",
            "  |",
            "  | token.role in ['admin', 'usr']",
            "  |                         ^^^^^",
            "  = help: did you mean 'user'?",
        ],
    );
}

#[test]
fn array_literals_of_another_kind() {
    assert_error(
        &APP,
        "token.org_id in ['a', 'b']",
        &[
            "`['a', 'b']` (an array) cannot contain `token.org_id` (`Option<u64>`)",
            "  |",
            "  | token.org_id in ['a', 'b']",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^",
        ],
    );
    assert_error(
        &APP,
        "token.role in ['admin', null]",
        &[
            "`token.role` is never null: `Role` is not an `Option`",
            "  |",
            "  | token.role in ['admin', null]",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        ],
    );
}

#[test]
fn keys_and_substrings_are_strings() {
    assert_error(
        &APP,
        "1 in token.perms",
        &[
            "`token.perms` (`HashMap<String, bool>`) cannot contain `1` (a number)",
            "  |",
            "  | 1 in token.perms",
            "  | ^^^^^^^^^^^^^^^^",
            "  = help: the keys of a map are strings",
        ],
    );
    assert_error(
        &APP,
        "req.path.contains(token.org_id)",
        &[
            "`req.path` (a string) cannot contain `token.org_id` (`Option<u64>`)",
            "  |",
            "  | req.path.contains(token.org_id)",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: `in` looks for a string in a string",
        ],
    );
}

#[test]
fn structs_have_fixed_fields() {
    assert_error(
        &APP,
        "'name' in token.profile",
        &[
            "`token.profile` (`Profile`) cannot contain `'name'` (a string)",
            "  |",
            "  | 'name' in token.profile",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: a struct always has its fields: to test an optional one, compare it with \
             `null`",
        ],
    );
}

#[test]
fn scalars_contain_nothing() {
    assert_error(
        &APP,
        "'x' in token.org_id",
        &[
            "`token.org_id` (`Option<u64>`) cannot contain `'x'` (a string)",
            "  |",
            "  | 'x' in token.org_id",
            "  | ^^^^^^^^^^^^^^^^^^^",
            "  = help: `in` and `contains` look into lists, maps and strings",
        ],
    );
    assert_error(
        &APP,
        "'adm' in token.role",
        &[
            "`token.role` (`Role`) cannot contain `'adm'` (a string)",
            "  |",
            "  | 'adm' in token.role",
            "  | ^^^^^^^^^^^^^^^^^^^",
            "  = help: `in` and `contains` look into lists, maps and strings",
        ],
    );
    assert_error(
        &APP,
        "true in token.email_verified",
        &[
            "`token.email_verified` (`bool`) cannot contain `true` (a bool)",
            "  |",
            "  | true in token.email_verified",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: `in` and `contains` look into lists, maps and strings",
        ],
    );
}
