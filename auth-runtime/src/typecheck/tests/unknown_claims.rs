//! Claims the type does not have.

use super::assert_error;
use super::claims::{APP, EMPTY};

#[test]
fn suggests_the_closest_claim() {
    assert_error(
        &APP,
        "token.rol == 'admin'",
        &[
            "unknown claim `rol` in `AppClaims`",
            "  |",
            "  | token.rol == 'admin'",
            "  |       ^^^",
            "  = help: did you mean `role`?",
        ],
    );
    assert_error(
        &APP,
        "token.Email_Verified",
        &[
            "unknown claim `Email_Verified` in `AppClaims`",
            "  |",
            "  | token.Email_Verified",
            "  |       ^^^^^^^^^^^^^^",
            "  = help: did you mean `email_verified`?",
        ],
    );
}

#[test]
fn suggests_claims_of_flattened_structs() {
    assert_error(
        &APP,
        "token.tenat == 'acme'",
        &[
            "unknown claim `tenat` in `AppClaims`",
            "  |",
            "  | token.tenat == 'acme'",
            "  |       ^^^^^",
            "  = help: did you mean `tenant`?",
        ],
    );
}

#[test]
fn lists_the_claims_without_a_close_one() {
    assert_error(
        &APP,
        "token.xyzzy == 1",
        &[
            "unknown claim `xyzzy` in `AppClaims`",
            "  |",
            "  | token.xyzzy == 1",
            "  |       ^^^^^",
            "  = help: the claims of `AppClaims` are `sub`, `role`, `org_id`, `email_verified`, \
             `groups`, `roles`, `tags`, `profile`, `backup`, `perms`, `extra`, `aliases`, \
             `tenant`, `plan`",
        ],
    );
    assert_error(
        &EMPTY,
        "token.sub",
        &[
            "unknown claim `sub` in `Empty`",
            "  |",
            "  | token.sub",
            "  |       ^^^",
            "  = help: `Empty` has no claims",
        ],
    );
}

#[test]
fn in_nested_and_optional_structs() {
    assert_error(
        &APP,
        "token.profile.nme == 'Ada'",
        &[
            "unknown claim `nme` in `Profile`",
            "  |",
            "  | token.profile.nme == 'Ada'",
            "  |               ^^^",
            "  = help: did you mean `name`?",
        ],
    );
    assert_error(
        &APP,
        "token.backup?.email == null",
        &[
            "unknown claim `email` in `Profile`",
            "  |",
            "  | token.backup?.email == null",
            "  |               ^^^^^",
            "  = help: the claims of `Profile` are `name`, `age`",
        ],
    );
    assert_error(
        &APP,
        "token['rloe'] == 'admin'",
        &[
            "unknown claim `rloe` in `AppClaims`",
            "  |",
            "  | token['rloe'] == 'admin'",
            "  |        ^^^^",
            "  = help: did you mean `role`?",
        ],
    );
}
