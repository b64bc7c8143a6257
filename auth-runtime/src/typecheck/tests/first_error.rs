//! Only the first mistake is reported, and nothing that follows from it.

use super::super::message::CAPACITY;
use super::super::{At, Checker};
use super::claims::APP;
use super::front::check;
use crate::claims::shape::{FieldShape, Shape, StructShape};

#[test]
fn the_first_mistake_wins() {
    let message = check(
        &APP,
        "token.email_verified == 'yes' || token.rol == 'admin'",
    )
    .unwrap();
    assert!(
        message.starts_with("cannot compare `token.email_verified`"),
        "{message}"
    );
    assert!(!message.contains("rol`"), "{message}");
}

#[test]
fn a_mistake_does_not_cascade() {
    // The unknown claim reads as anything: its fields, items and comparisons pass.
    let message = check(&APP, "token.rol.x[0] > 'a' && token.rol.y.contains(1)").unwrap();
    assert_eq!(message.matches("unknown claim").count(), 1, "{message}");
    assert_eq!(message.lines().count(), 5, "{message}");
}

#[test]
fn long_messages_are_cut() {
    // More claims than the message holds: the list of claims is cut with an ellipsis.
    let fields: Vec<FieldShape> = (0..500)
        .map(|i| FieldShape {
            name: Box::leak(format!("claim_with_a_long_name_{i}").into_boxed_str()),
            type_name: "String",
            shape: &Shape::String,
        })
        .collect();
    let shape = StructShape {
        name: "Huge",
        fields: Box::leak(fields.into_boxed_slice()),
        flattened: &[],
    };
    let root: &'static Shape = Box::leak(Box::new(Shape::Struct(Box::leak(Box::new(shape)))));
    let at = At {
        text: "token",
        diagram: "  |\n  | token.x\n  |       ^",
    };
    let mut checker = Checker::of_shape(root);
    let token = checker.token(at);
    let _ = checker.field(token, "x", at, at);
    let message = checker.error().unwrap();
    let expected = "unknown claim `x` in `Huge`\n  |\n  | token.x\n  |       ^\n  = help: the \
                    claims of `Huge` are `claim_with_a_long_name_0`, `claim_with_a_long_name_1`";
    assert!(message.starts_with(expected), "{message}");
    assert!(message.ends_with('…'), "{message}");
    assert!(message.len() <= CAPACITY);
}
