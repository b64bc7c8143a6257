//! The rule language end to end: each rule goes through the real `rule!` macro and is run
//! against one fixed token and request.
//!
//! Every expected value is the one the documented semantics give (README, "The rule
//! language", and the module doc of `auth_runtime`'s rule runtime), not whatever the code
//! happens to compute. All rows run before the test asserts, so one run lists every failure.

use auth_runtime::{RequestInfo, Token, rule};
use serde_json::{Map, Value, json};

/// What `rule!` expands to.
type RuleFn = fn(&Token, &RequestInfo<'_>) -> bool;

/// One row: the rule's text, the rule compiled by `rule!`, and the documented result.
type Row = (&'static str, RuleFn, bool);

/// A row of the table. The rule must be a string literal, since `rule!` compiles it.
macro_rules! case {
    ($rule:tt, $expected:expr) => {
        ($rule, rule!($rule) as RuleFn, $expected)
    };
}

/// The claims every row reads.
fn claims() -> Map<String, Value> {
    let claims = json!({
        // Strings.
        "role": "Admin",
        "name": "ada",
        "email": "ada@example.com",
        "empty_str": "",
        "zero_str": "0",
        "false_str": "false",
        "quotes": "it's \"q\" \\ é",
        // Integers.
        "zero": 0,
        "one": 1,
        "neg_one": -1,
        "two": 2,
        "big": u64::MAX,
        "min": i64::MIN,
        // Floats.
        "two_f": 2.0,
        "one_half": 1.5,
        "half": 0.5,
        "neg_zero": -0.0,
        // Booleans and null.
        "yes": true,
        "no": false,
        "nullish": null,
        // Objects.
        "org": { "id": 42, "plan": "pro", "seats": 5 },
        "org_copy": { "seats": 5.0, "plan": "pro", "id": 42 },
        "empty_obj": {},
        // Arrays.
        "roles": ["admin", "editor"],
        "empty_arr": [],
        "nums": [1, 2, 3],
        "matrix": [[1, 2], [3, [4]]],
        // Keys that are not names.
        "https://example.com/roles": ["admin", "reader"],
        "with space": "yes",
    });
    match claims {
        Value::Object(claims) => claims,
        _ => unreachable!("the claims are an object"),
    }
}

fn rows() -> Vec<Row> {
    vec![
        // --- null and missing ---
        case!("token.missing == null", true),
        case!("token.nullish == null", true),
        case!("token.missing === null", true),
        case!("token.missing.deeper == null", true),
        case!("token?.missing?.x == null", true),
        case!("token?.missing?.x", false),
        case!("token.missing == token.nullish", true),
        case!("token.role.length == null", true),
        case!("token.org.id.x == null", true),
        case!("token.missing != null", false),
        case!("token.nullish !== null", false),
        case!("null == null", true),
        // --- strict equality, no coercion ---
        case!("1 == '1'", false),
        case!("token.one == '1'", false),
        case!("token.one != '1'", true),
        case!("true == 1", false),
        case!("token.yes == 1", false),
        case!("'Admin' == 'admin'", false),
        case!("token.role == 'admin'", false),
        case!("token.role == 'Admin'", true),
        case!("0 == false", false),
        case!("token.zero == token.no", false),
        case!("null == false", false),
        case!("token.nullish == token.no", false),
        case!("'' == null", false),
        case!("token.empty_str == token.missing", false),
        case!("token.empty_str == ''", true),
        case!("null == 0", false),
        case!("token.zero_str == 0", false),
        case!("token.empty_arr == false", false),
        case!("token.empty_arr == ''", false),
        case!("token.empty_obj == null", false),
        case!("token.empty_obj == token.empty_arr", false),
        case!("token.nums == '1,2,3'", false),
        // --- numbers by value ---
        case!("token.two == 2.0", true),
        case!("token.two_f == 2", true),
        case!("token.two_f === token.two", true),
        case!("2 == 2.0", true),
        case!("-0.0 == 0", true),
        case!("token.neg_zero == 0", true),
        case!("token.neg_zero == token.zero", true),
        case!("token.half == 0.5", true),
        case!("token.one_half == 1", false),
        case!("token.big == 18446744073709551615", true),
        case!("token.big == 18446744073709551614", false),
        case!("token.big != 18446744073709551614", true),
        case!("token.big == -1", false),
        case!("token.big > 9223372036854775807", true),
        case!("token.big > token.min", true),
        case!("token.big == 18446744073709551615.0", true),
        case!("token.min == -9223372036854775808", true),
        case!("token.min < -9223372036854775807", true),
        case!("token.min < 0", true),
        case!("1.5 > 1", true),
        case!("token.one_half > token.one", true),
        case!("token.one_half < 2", true),
        case!("token.one_half >= 1.5", true),
        case!("token.one <= 1", true),
        case!("token.one < 1", false),
        case!("token.neg_one < token.zero", true),
        case!("token.org.seats >= 5", true),
        // --- ordering across types is false ---
        case!("'a' < 1", false),
        case!("1 < 'a'", false),
        case!("'1' < 2", false),
        case!("token.one < '2'", false),
        case!("null < 1", false),
        case!("token.missing < 1", false),
        case!("token.missing >= 0", false),
        case!("null >= null", false),
        case!("null <= null", false),
        case!("token.nullish <= token.missing", false),
        case!("true > false", false),
        case!("true >= true", false),
        case!("token.yes >= token.no", false),
        case!("[1] < [2]", false),
        case!("token.nums <= token.nums", false),
        case!("token.nums < [4]", false),
        case!("token.org > token.empty_obj", false),
        // --- strings ordered by code point ---
        case!("'B' < 'a'", true),
        case!("'Z' < 'a'", true),
        case!("'abc' < 'abd'", true),
        case!("'é' > 'z'", true),
        case!("'' < 'a'", true),
        case!("'ab' < 'abc'", true),
        case!("'a' >= 'a'", true),
        case!("'a' > 'a'", false),
        case!("token.role < token.name", true),
        // U+FF61 is below U+1F600, though not in UTF-16 code units as JavaScript compares.
        case!("'\u{FF61}' < '\u{1F600}'", true),
        // --- truthiness: falsy ---
        case!("null", false),
        case!("token.nullish", false),
        case!("token.missing", false),
        case!("false", false),
        case!("token.no", false),
        case!("0", false),
        case!("token.zero", false),
        case!("-0.0", false),
        case!("token.neg_zero", false),
        case!("''", false),
        case!("\"\"", false),
        case!("token.empty_str", false),
        // --- truthiness: truthy ---
        case!("[]", true),
        case!("token.empty_arr", true),
        case!("token.empty_obj", true),
        case!("'0'", true),
        case!("token.zero_str", true),
        case!("'false'", true),
        case!("token.false_str", true),
        case!("-1", true),
        case!("token.neg_one", true),
        case!("0.5", true),
        case!("token.half", true),
        case!("true", true),
        case!("token.yes", true),
        case!("token.big", true),
        case!("token.min", true),
        case!("token.role", true),
        case!("token.org", true),
        case!("token", true),
        // --- `!` and `!!` ---
        case!("!token.missing", true),
        case!("!!token.missing", false),
        case!("!!token.empty_arr", true),
        case!("!token.empty_obj", false),
        case!("!!token.zero_str", true),
        case!("!token.neg_zero", true),
        case!("!!token.role", true),
        case!("!!!token.yes", false),
        case!("!!token.half", true),
        case!("!0", true),
        case!("!''", true),
        // `!` binds tighter than comparisons, and gives a boolean.
        case!("!token.one == false", true),
        case!("!token.zero == true", true),
        case!("!token.role == 'Admin'", false),
        // --- `&&` and `||`: precedence, and booleans as results ---
        case!("token.yes && token.no", false),
        case!("token.yes || token.no", true),
        case!("token.role && token.roles", true),
        case!("token.empty_str || token.zero", false),
        case!("token.missing || token.empty_arr", true),
        case!("token.zero && token.missing.x", false),
        case!("token.one || token.missing.x", true),
        case!("true || false && false", true),
        case!("(true || false) && false", false),
        case!("false && false || true", true),
        case!("false && (false || true)", false),
        case!("(token.zero || token.one) == true", true),
        case!("(token.one || token.two) == 1", false),
        case!("(token.one && token.two) == 2", false),
        case!("(token.one && token.two) == true", true),
        case!("(token.role || 'x') == 'Admin'", false),
        case!("(token.missing || token.zero) == false", true),
        case!("(token.missing && token.one) == null", false),
        // --- `!=`, `!==`, `===` ---
        case!("token.role != 'Admin'", false),
        case!("token.role !== 'admin'", true),
        case!("token.role === 'Admin'", true),
        case!("token.one !== 1", false),
        case!("token.one === 1.0", true),
        case!("token.roles !== ['admin', 'editor']", false),
        case!("token.roles != ['editor', 'admin']", true),
        // --- `in` ---
        case!("'admin' in token.roles", true),
        case!("'Admin' in token.roles", false),
        case!("null in token.roles", false),
        case!("token.role in ['admin', 'editor']", false),
        case!("token.roles[0] in ['admin', 'editor']", true),
        case!("token.org.plan in ['pro', 'enterprise']", true),
        case!("token.missing in [null]", true),
        case!("1.0 in token.nums", true),
        case!("token.one in token.nums", true),
        case!("4 in token.nums", false),
        case!("'1' in token.nums", false),
        case!("[1, 2] in token.matrix", true),
        case!("[2, 1] in token.matrix", false),
        case!("'id' in token.org", true),
        case!("'pro' in token.org", false),
        case!("42 in token.org", false),
        case!("'x' in token.empty_obj", false),
        case!("'dm' in token.role", true),
        case!("'dm' in 'admin'", true),
        case!("'' in token.role", true),
        case!("'admin' in token.role", false),
        case!("'é' in token.quotes", true),
        case!("'admin' in req.path", true),
        case!("req.method in ['GET', 'HEAD']", true),
        // Not a container: always false.
        case!("1 in token.one", false),
        case!("'1' in token.one", false),
        case!("1 in '123'", false),
        case!("'a' in token.nullish", false),
        case!("'a' in token.missing", false),
        case!("null in token.missing", false),
        case!("true in token.yes", false),
        // --- `.contains`, the same as `in` ---
        case!("token.roles.contains('admin')", true),
        case!("token.roles.contains('Admin')", false),
        case!("token.org.contains('plan')", true),
        case!("token.org.contains('pro')", false),
        case!("token.role.contains('dm')", true),
        case!("token.name.contains('')", true),
        case!("token.nums.contains(2.0)", true),
        case!("token.matrix.contains([1, 2])", true),
        case!("['admin', 'editor'].contains(token.roles[0])", true),
        case!("['a', 'b'].contains('c')", false),
        case!("'admin'.contains('dm')", true),
        case!("token.one.contains(1)", false),
        case!("token.missing.contains('a')", false),
        case!("token.empty_arr.contains(null)", false),
        // --- `starts_with` and `ends_with` ---
        case!("req.path.starts_with('/admin/')", true),
        case!("req.path.starts_with('/Admin')", false),
        case!("req.path.ends_with('/users')", true),
        case!("token.email.ends_with('@example.com')", true),
        case!("token.email.ends_with('@example.org')", false),
        case!("token.role.starts_with('')", true),
        case!("'abc'.ends_with('')", true),
        case!("token.empty_str.starts_with('')", true),
        case!("token.role.ends_with('Min')", false),
        case!("token.one.starts_with('1')", false),
        case!("token.zero_str.starts_with(0)", false),
        case!("token.roles.starts_with('admin')", false),
        case!("token.roles.ends_with('editor')", false),
        case!("token.role.starts_with(token.missing)", false),
        case!("token.missing.starts_with('')", false),
        case!("token.nullish.ends_with('')", false),
        // --- deep equality of arrays and objects ---
        case!("token.roles == ['admin', 'editor']", true),
        case!("token.roles == ['editor', 'admin']", false),
        case!("token.roles == ['admin']", false),
        case!("token.roles == ['admin', 'editor', 'admin']", false),
        case!("token.empty_arr == []", true),
        case!("[] == []", true),
        case!("token.nums == [1, 2.0, 3]", true),
        case!("token.nums == [1, 2, '3']", false),
        case!("token.matrix == token.matrix", true),
        case!("token.matrix[0] == [1, 2]", true),
        case!("token.org == token.org_copy", true),
        case!("token.org == token.empty_obj", false),
        case!("token.org != token.org_copy", false),
        case!("token['https://example.com/roles'] == token.roles", false),
        // --- index forms ---
        case!("token['https://example.com/roles'][0] == 'admin'", true),
        case!("token[\"https://example.com/roles\"][1] == 'reader'", true),
        case!(
            "token['https://example.com/roles'].contains('reader')",
            true
        ),
        case!("'reader' in token?.['https://example.com/roles']", true),
        case!("token['with space'] == 'yes'", true),
        case!("token.roles[1] == 'editor'", true),
        case!("token.roles[0] == 'editor'", false),
        case!("token.roles[2] == null", true),
        case!("token.roles[18446744073709551615] == null", true),
        case!("token.empty_arr[0] == null", true),
        case!("token.matrix[1][0] == 3", true),
        case!("token.matrix[1][1][0] == 4", true),
        case!("token.matrix[1][1][0][0] == null", true),
        case!("token.org['plan'] == 'pro'", true),
        case!("token['org']['seats'] >= 5", true),
        case!("token?.org?.['plan'] == 'pro'", true),
        case!("token.org[0] == null", true),
        case!("token.role[0] == null", true),
        case!("token.one[0] == null", true),
        case!("token.roles['0'] == null", true),
        case!("token.roles[1]", true),
        case!("token.roles[2]", false),
        // --- escapes in string literals ---
        case!(r#"token.quotes == 'it\'s "q" \\ é'"#, true),
        case!(r#"token.quotes == "it's \"q\" \\ é""#, true),
        case!(r#"token.quotes == 'it\'s \"q\" \\ é'"#, true),
        case!(r#"token.quotes == 'it\'s "q" \\\\ é'"#, false),
        case!(r#"'\'' in token.quotes"#, true),
        case!(r#""\"" in token.quotes"#, true),
        case!(r#"'\\' in token.quotes"#, true),
        case!(r#"'\\\\' in token.quotes"#, false),
        case!(r#"token.quotes.ends_with('\\ é')"#, true),
        case!(r#"token.quotes.starts_with("it's \"")"#, true),
        // --- the request ---
        case!("req.method == 'GET'", true),
        case!("req.method == 'get'", false),
        case!("req.method != 'POST'", true),
        case!("req?.method === 'GET'", true),
        case!("req.path == '/admin/users'", true),
        case!("req.path == '/admin/users/'", false),
        case!(
            "req.method == 'GET' && req.path.starts_with('/admin/')",
            true
        ),
        // --- grouping changes results ---
        case!("!(token.zero || token.one)", false),
        case!("!token.zero || token.one", true),
        case!("token.no && token.no || token.yes", true),
        case!("token.no && (token.no || token.yes)", false),
        case!("!(token.one == 2)", true),
        case!("!token.one == 2", false),
        case!("!(token.roles.contains('admin'))", false),
        // --- comparison results as operands ---
        case!("(token.one == 1) == true", true),
        case!("(token.one == 1) == 1", false),
        case!("(token.one == 2) == false", true),
        case!("(token.one == 2) == null", false),
        case!("('admin' in token.roles) == true", true),
        case!("(token.one < 2) == (token.two > 1)", true),
        case!("(token.one == 1) in [true]", true),
        case!("token.yes == (1 == 1)", true),
        case!("(token.role.starts_with('A')) === true", true),
        case!("(token.one == 1) > false", false),
    ]
}

#[test]
fn every_rule_gives_its_documented_result() {
    let token = Token::new(claims());
    let request = RequestInfo::new("GET", "/admin/users");
    let rows = rows();
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(rule, compiled, expected)| {
            let actual = compiled(&token, &request);
            (actual != expected)
                .then(|| format!("  {rule}\n      expected {expected}, got {actual}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rules disagree with the documented semantics:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n"),
    );
}

#[test]
fn the_table_covers_enough_rules() {
    assert!(rows().len() >= 120, "only {} rows", rows().len());
}
