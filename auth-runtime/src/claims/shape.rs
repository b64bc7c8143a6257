//! What a rule may do with a claim of a given type: the description `#[derive(Claims)]` writes
//! for a type and the compile-time rule checker reads.
//!
//! Every item here is constant data, built in `const` items and read by `const fn`s, so a rule
//! is checked against a claims type while the crate that writes it compiles.

/// How a rule sees a value of some type.
#[derive(Debug)]
pub enum Shape {
    /// Any JSON value (`serde_json::Value`): not checked when the crate compiles, only read
    /// when a request comes, as a rule without `claims = ...` reads every claim.
    Any,
    /// `bool`.
    Bool,
    /// Integers and floats alike: rules compare numbers by value.
    Number,
    /// `String` and other text.
    String,
    /// An enum of unit variants, read as the string serde reads it from.
    Enum(&'static EnumShape),
    /// A struct deriving `Claims`: an object with these fields.
    Struct(&'static StructShape),
    /// `Option<T>`: the value, or `null`.
    Option(&'static Shape),
    /// `Vec<T>` and other sequences (`ordered`: they keep the token's order, so `[0]` and
    /// equality with an array mean what they mean in JSON), or sets (not `ordered`).
    List {
        /// The shape of the items.
        items: &'static Shape,
        /// Whether the items keep the order of the token's array.
        ordered: bool,
    },
    /// `HashMap<String, T>`, `BTreeMap<String, T>`: an object with any keys, read with
    /// `['key']`.
    Map(&'static Shape),
}

/// An enum of unit variants.
#[derive(Debug)]
pub struct EnumShape {
    /// The enum's name, as written.
    pub name: &'static str,
    /// The names serde reads the variants from, after `rename` and `rename_all`.
    pub variants: &'static [&'static str],
}

/// A struct deriving `Claims`.
#[derive(Debug)]
pub struct StructShape {
    /// The struct's name, as written.
    pub name: &'static str,
    /// The fields a rule can name, under the names serde reads them from.
    pub fields: &'static [FieldShape],
    /// The `#[serde(flatten)]` fields, in order: their claims are read as claims of this
    /// struct. A flattened map takes every name the struct's own fields do not.
    pub flattened: &'static [&'static Shape],
}

/// A field of a struct deriving `Claims`.
#[derive(Debug)]
pub struct FieldShape {
    /// The name serde reads the field from, after `rename` and `rename_all`.
    pub name: &'static str,
    /// The field's type, as written (`Option<u64>`), for messages.
    pub type_name: &'static str,
    /// The field's shape.
    pub shape: &'static Shape,
}
