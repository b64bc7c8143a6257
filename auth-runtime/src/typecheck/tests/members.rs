//! Fields and indices of values that have none.

use super::assert_error;
use super::claims::APP;

#[test]
fn scalars_have_no_fields() {
    assert_error(
        &APP,
        "token.role.name == 'admin'",
        &[
            "`token.role` (`Role`) has no fields",
            "  |",
            "  | token.role.name == 'admin'",
            "  |            ^^^^",
            "  = help: compare it with a variant, as in `token.role == 'admin'`",
        ],
    );
    assert_error(
        &APP,
        "token.sub.length > 3",
        &[
            "`token.sub` (`String`) has no fields",
            "  |",
            "  | token.sub.length > 3",
            "  |           ^^^^^^",
            "  = help: compare it, or test it with `contains`, `starts_with` or `ends_with`",
        ],
    );
    assert_error(
        &APP,
        "token.org_id.value == 7",
        &[
            "`token.org_id` (`Option<u64>`) has no fields",
            "  |",
            "  | token.org_id.value == 7",
            "  |              ^^^^^",
            "  = help: compare it with `==`, `!=`, `<`, `<=`, `>` or `>=`",
        ],
    );
    assert_error(
        &APP,
        "token.email_verified.value",
        &[
            "`token.email_verified` (`bool`) has no fields",
            "  |",
            "  | token.email_verified.value",
            "  |                      ^^^^^",
            "  = help: use it as a condition, or compare it with `true` or `false`",
        ],
    );
    assert_error(
        &APP,
        "req.path.length > 1",
        &[
            "`req.path` (a string) has no fields",
            "  |",
            "  | req.path.length > 1",
            "  |          ^^^^^^",
            "  = help: compare it, or test it with `contains`, `starts_with` or `ends_with`",
        ],
    );
    assert_error(
        &APP,
        "null.x",
        &["`null` has no fields", "  |", "  | null.x", "  |      ^"],
    );
}

#[test]
fn lists_have_no_fields() {
    assert_error(
        &APP,
        "token.groups.first == 'a'",
        &[
            "`token.groups` (`Vec<String>`) has no fields",
            "  |",
            "  | token.groups.first == 'a'",
            "  |              ^^^^^",
            "  = help: read an item by its position, as in `token.groups[0]`, or look for one \
             with `in`",
        ],
    );
    assert_error(
        &APP,
        "token.tags.admin",
        &[
            "`token.tags` (`HashSet<String>`) has no fields",
            "  |",
            "  | token.tags.admin",
            "  |            ^^^^^",
            "  = help: look for its items with `in` or `contains`",
        ],
    );
    assert_error(
        &APP,
        "token.groups[0].name == 'a'",
        &[
            "`token.groups[0]` (a string) has no fields",
            "  |",
            "  | token.groups[0].name == 'a'",
            "  |                 ^^^^",
            "  = help: compare it, or test it with `contains`, `starts_with` or `ends_with`",
        ],
    );
}

#[test]
fn only_ordered_lists_are_indexed() {
    assert_error(
        &APP,
        "token.tags[0] == 'a'",
        &[
            "`token.tags` (`HashSet<String>`) has no order: it cannot be indexed",
            "  |",
            "  | token.tags[0] == 'a'",
            "  | ^^^^^^^^^^^^^",
            "  = help: look for its items with `in` or `contains`",
        ],
    );
    assert_error(
        &APP,
        "token.role[0] == 'a'",
        &[
            "`token.role` (`Role`) cannot be indexed",
            "  |",
            "  | token.role[0] == 'a'",
            "  | ^^^^^^^^^^^^^",
            "  = help: only lists can be indexed",
        ],
    );
    assert_error(
        &APP,
        "token.perms[0]",
        &[
            "`token.perms` (`HashMap<String, bool>`) cannot be indexed",
            "  |",
            "  | token.perms[0]",
            "  | ^^^^^^^^^^^^^^",
            "  = help: read an entry by its key, as in `token.perms['key']`",
        ],
    );
    assert_error(
        &APP,
        "token.profile[0] == 'Ada'",
        &[
            "`token.profile` (`Profile`) cannot be indexed",
            "  |",
            "  | token.profile[0] == 'Ada'",
            "  | ^^^^^^^^^^^^^^^^",
            "  = help: read a claim by its name, as in `token.profile.name`",
        ],
    );
}
