//! `<`, `<=`, `>` and `>=` between values that have no order.

use super::assert_error;
use super::claims::APP;

#[test]
fn enums_have_no_order() {
    assert_error(
        &APP,
        "token.role < 'user'",
        &[
            "cannot order `token.role` (`Role`) and `'user'` (a string)",
            "  |",
            "  | token.role < 'user'",
            "  | ^^^^^^^^^^^^^^^^^^^",
            "  = help: the variants of `Role` have no order: compare with `==`, or list the ones \
             that pass with `in`",
        ],
    );
}

#[test]
fn only_numbers_and_strings_are_ordered() {
    assert_error(
        &APP,
        "token.email_verified > 1",
        &[
            "cannot order `token.email_verified` (`bool`) and `1` (a number)",
            "  |",
            "  | token.email_verified > 1",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: `<`, `<=`, `>` and `>=` compare two numbers or two strings",
        ],
    );
    assert_error(
        &APP,
        "token.org_id >= null",
        &[
            "cannot order `token.org_id` (`Option<u64>`) and `null`",
            "  |",
            "  | token.org_id >= null",
            "  | ^^^^^^^^^^^^^^^^^^^^",
            "  = help: `<`, `<=`, `>` and `>=` compare two numbers or two strings",
        ],
    );
    assert_error(
        &APP,
        "token.sub <= 3",
        &[
            "cannot order `token.sub` (`String`) and `3` (a number)",
            "  |",
            "  | token.sub <= 3",
            "  | ^^^^^^^^^^^^^^",
            "  = help: `<`, `<=`, `>` and `>=` compare two numbers or two strings",
        ],
    );
    assert_error(
        &APP,
        "token.groups > ['a']",
        &[
            "cannot order `token.groups` (`Vec<String>`) and `['a']` (an array)",
            "  |",
            "  | token.groups > ['a']",
            "  | ^^^^^^^^^^^^^^^^^^^^",
            "  = help: `<`, `<=`, `>` and `>=` compare two numbers or two strings",
        ],
    );
    assert_error(
        &APP,
        "token.profile.age < token.profile",
        &[
            "cannot order `token.profile.age` (`u32`) and `token.profile` (`Profile`)",
            "  |",
            "  | token.profile.age < token.profile",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: `<`, `<=`, `>` and `>=` compare two numbers or two strings",
        ],
    );
}
