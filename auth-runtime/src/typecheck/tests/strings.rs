//! `starts_with` and `ends_with` on values that are not strings.

use super::assert_error;
use super::claims::APP;

#[test]
fn both_sides_are_strings() {
    assert_error(
        &APP,
        "token.org_id.starts_with('1')",
        &[
            "`token.org_id` (`Option<u64>`) cannot start with `'1'` (a string)",
            "  |",
            "  | token.org_id.starts_with('1')",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: `starts_with` and `ends_with` test a string against a string",
        ],
    );
    assert_error(
        &APP,
        "token.sub.ends_with(7)",
        &[
            "`token.sub` (`String`) cannot end with `7` (a number)",
            "  |",
            "  | token.sub.ends_with(7)",
            "  | ^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: `starts_with` and `ends_with` test a string against a string",
        ],
    );
    assert_error(
        &APP,
        "token.groups.starts_with('a')",
        &[
            "`token.groups` (`Vec<String>`) cannot start with `'a'` (a string)",
            "  |",
            "  | token.groups.starts_with('a')",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: `starts_with` and `ends_with` test a string against a string",
        ],
    );
}

#[test]
fn enums_are_compared_instead() {
    assert_error(
        &APP,
        "token.role.starts_with('ad')",
        &[
            "`token.role` (`Role`) cannot start with `'ad'` (a string)",
            "  |",
            "  | token.role.starts_with('ad')",
            "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "  = help: compare it with a variant, as in `token.role == 'admin'`",
        ],
    );
}
