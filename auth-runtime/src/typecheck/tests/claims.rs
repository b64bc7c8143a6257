//! Claims shapes as `#[derive(Claims)]` would write them, for the tests.

use crate::claims::shape::{EnumShape, FieldShape, Shape, StructShape};

/// `enum Role { Admin, User }`, renamed to lowercase.
const ROLE: EnumShape = EnumShape {
    name: "Role",
    variants: &["admin", "user"],
};

/// `struct Profile { name: String, age: u32 }`.
const PROFILE: StructShape = StructShape {
    name: "Profile",
    fields: &[
        field("name", "String", &Shape::String),
        field("age", "u32", &Shape::Number),
    ],
    flattened: &[],
};

/// `struct Org { tenant: String }`, flattened into the claims.
const ORG: StructShape = StructShape {
    name: "Org",
    fields: &[field("tenant", "String", &Shape::String)],
    flattened: &[],
};

/// `struct Billing { plan: String }`, flattened into the claims as an `Option<Billing>`.
const BILLING: StructShape = StructShape {
    name: "Billing",
    fields: &[field("plan", "String", &Shape::String)],
    flattened: &[],
};

/// The claims most tests check rules against.
pub(super) const APP: Shape = Shape::Struct(&StructShape {
    name: "AppClaims",
    fields: &[
        field("sub", "String", &Shape::String),
        field("role", "Role", &Shape::Enum(&ROLE)),
        field("org_id", "Option<u64>", &Shape::Option(&Shape::Number)),
        field("email_verified", "bool", &Shape::Bool),
        field("groups", "Vec<String>", &list(&Shape::String)),
        field("roles", "Vec<Role>", &list(&Shape::Enum(&ROLE))),
        field(
            "tags",
            "HashSet<String>",
            &Shape::List {
                items: &Shape::String,
                ordered: false,
            },
        ),
        field("profile", "Profile", &Shape::Struct(&PROFILE)),
        field(
            "backup",
            "Option<Profile>",
            &Shape::Option(&Shape::Struct(&PROFILE)),
        ),
        field("perms", "HashMap<String, bool>", &Shape::Map(&Shape::Bool)),
        field("extra", "serde_json::Value", &Shape::Any),
        field(
            "aliases",
            "Option<Vec<String>>",
            &Shape::Option(&list(&Shape::String)),
        ),
    ],
    flattened: &[
        &Shape::Struct(&ORG),
        &Shape::Option(&Shape::Struct(&BILLING)),
    ],
});

/// Claims with a flattened map of numbers, which takes every name no field has.
pub(super) const OPEN: Shape = Shape::Struct(&StructShape {
    name: "OpenClaims",
    fields: &[field("sub", "String", &Shape::String)],
    flattened: &[&Shape::Map(&Shape::Number), &Shape::Struct(&ORG)],
});

/// The claims of a plain token: a JSON object.
pub(super) const JSON: Shape = Shape::Map(&Shape::Any);

/// A struct without claims.
pub(super) const EMPTY: Shape = Shape::Struct(&StructShape {
    name: "Empty",
    fields: &[],
    flattened: &[],
});

const fn field(name: &'static str, type_name: &'static str, shape: &'static Shape) -> FieldShape {
    FieldShape {
        name,
        type_name,
        shape,
    }
}

const fn list(items: &'static Shape) -> Shape {
    Shape::List {
        items,
        ordered: true,
    }
}
