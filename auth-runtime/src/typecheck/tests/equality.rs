//! `==` and `!=` between values that are never equal, or always are.

use super::assert_error;
use super::claims::APP;

#[test]
fn different_kinds() {
    assert_error(
        &APP,
        "token.email_verified == 'yes'",
        &[
            "cannot compare `token.email_verified` (`bool`) with `'yes'` (a string)",
            "  |",
            "  | token.email_verified == 'yes'",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        ],
    );
    assert_error(
        &APP,
        "token.org_id != '7'",
        &[
            "cannot compare `token.org_id` (`Option<u64>`) with `'7'` (a string)",
            "  |",
            "  | token.org_id != '7'",
            "  | ^^^^^^^^^^^^^^^^^^^",
        ],
    );
    assert_error(
        &APP,
        "path.id == true",
        &[
            "cannot compare `path.id` (a path parameter) with `true` (a bool)",
            "  |",
            "  | path.id == true",
            "  | ^^^^^^^^^^^^^^^",
        ],
    );
    assert_error(
        &APP,
        "token.groups === token.perms",
        &[
            "cannot compare `token.groups` (`Vec<String>`) with `token.perms` \
             (`HashMap<String, bool>`)",
            "  |",
            "  | token.groups === token.perms",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        ],
    );
}

#[test]
fn lists_with_items_of_other_kinds() {
    assert_error(
        &APP,
        "token.groups == [1, 2]",
        &[
            "cannot compare `token.groups` (`Vec<String>`) with `[1, 2]` (an array)",
            "  |",
            "  | token.groups == [1, 2]",
            "  | ^^^^^^^^^^^^^^^^^^^^^^",
        ],
    );
    assert_error(
        &APP,
        "token.roles == token.groups[0]",
        &[
            "cannot compare `token.roles` (`Vec<Role>`) with `token.groups[0]` (a string)",
            "  |",
            "  | token.roles == token.groups[0]",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        ],
    );
}

#[test]
fn null_with_what_is_never_null() {
    assert_error(
        &APP,
        "token.role == null",
        &[
            "`token.role` is never null: `Role` is not an `Option`",
            "  |",
            "  | token.role == null",
            "  | ^^^^^^^^^^^^^^^^^^",
        ],
    );
    assert_error(
        &APP,
        "null != token.profile.name",
        &[
            "`token.profile.name` is never null: `String` is not an `Option`",
            "  |",
            "  | null != token.profile.name",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^",
        ],
    );
    assert_error(
        &APP,
        "req.path == null",
        &[
            "`req.path` is never null: it is a string",
            "  |",
            "  | req.path == null",
            "  | ^^^^^^^^^^^^^^^^",
        ],
    );
}

#[test]
fn strings_that_are_no_variant() {
    assert_error(
        &APP,
        "token.role == 'superuser'",
        &[
            "`Role` has no variant `superuser`",
            "  |",
            "  | token.role == 'superuser'",
            "  |               ^^^^^^^^^^^",
            "  = help: the variants of `Role` are 'admin', 'user'",
        ],
    );
    assert_error(
        &APP,
        "'Admin' != token.role",
        &[
            "`Role` has no variant `Admin`",
            "  |",
            "  | 'Admin' != token.role",
            "  | ^^^^^^^",
            "  = help: did you mean 'admin'?",
        ],
    );
    assert_error(
        &APP,
        "token.roles == ['admin', 'root']",
        &[
            "`Role` has no variant `root`",
            "  |",
            "  | token.roles == ['admin', 'root']",
            "  |                          ^^^^^^",
            "  = help: the variants of `Role` are 'admin', 'user'",
        ],
    );
}

#[test]
fn whole_structs() {
    assert_error(
        &APP,
        "token.profile == 'Ada'",
        &[
            "cannot compare `token.profile` (`Profile`) with `'Ada'` (a string)",
            "  |",
            "  | token.profile == 'Ada'",
            "  | ^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: a struct equals nothing: compare its fields, as in `token.profile.name`",
        ],
    );
    assert_error(
        &APP,
        "token.extra == token.backup",
        &[
            "cannot compare `token.extra` (`serde_json::Value`) with `token.backup` \
             (`Option<Profile>`)",
            "  |",
            "  | token.extra == token.backup",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: a struct equals nothing: compare its fields, as in `token.backup.name`",
        ],
    );
}

#[test]
fn sets() {
    assert_error(
        &APP,
        "token.tags == ['a', 'b']",
        &[
            "cannot compare `token.tags` (`HashSet<String>`) with `['a', 'b']` (an array)",
            "  |",
            "  | token.tags == ['a', 'b']",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: a set has no order: look for its items with `in` or `contains`",
        ],
    );
    assert_error(
        &APP,
        "token.groups != token.tags",
        &[
            "cannot compare `token.groups` (`Vec<String>`) with `token.tags` (`HashSet<String>`)",
            "  |",
            "  | token.groups != token.tags",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: a set has no order: look for its items with `in` or `contains`",
        ],
    );
}
