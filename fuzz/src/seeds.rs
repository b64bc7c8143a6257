//! The inputs each target starts from: well-formed ones, so that mutations reach deep into
//! the parsers (past a signature check, into chunk assembly), and the odd ones the defects of
//! the past came from.

use crate::targets::{codec_options, issued};

/// The seeds of the target `name`, or `None` for an unknown target.
pub fn seeds(name: &str) -> Option<Vec<Vec<u8>>> {
    let seeds = match name {
        "cookie_header" => cookie_headers(),
        "bearer" => bearer(),
        "hs256" | "nextauth_v4" | "authjs" => vec![token(name).into_bytes()],
        "payload" => payloads(),
        "rule" => rules(),
        _ => return None,
    };
    Some(seeds)
}

/// Every target's name.
pub const TARGETS: [&str; 7] = [
    "cookie_header",
    "bearer",
    "hs256",
    "nextauth_v4",
    "authjs",
    "payload",
    "rule",
];

/// A token issued by the codec `name`.
fn token(name: &str) -> String {
    codec_options()
        .into_iter()
        .find(|(codec, _)| *codec == name)
        .map_or_else(String::new, |(_, options)| issued(options))
}

fn cookie_headers() -> Vec<Vec<u8>> {
    let token = token("hs256");
    let (head, tail) = token.split_at(token.len() / 2);
    [
        format!("theme=dark; next-auth.session-token={token}; lang=en"),
        format!("next-auth.session-token.1={tail}; next-auth.session-token.0={head}"),
        format!("\u{1}__Secure-next-auth.session-token={token}\nnext-auth.session-token=x"),
        format!("theme=café-crème; next-auth.session-token={token}\nA:Bearer {token}"),
        "next-auth.session-token=a; next-auth.session-token=b; next-auth.session-token.0=c"
            .to_owned(),
        "a=\"quoted\"; =empty; novalue; next-auth.session-token.01=x".to_owned(),
    ]
    .map(String::into_bytes)
    .to_vec()
}

fn bearer() -> Vec<Vec<u8>> {
    let token = token("hs256");
    [
        format!("Bearer {token}"),
        format!("bEaReR   {token}  "),
        "Basic dXNlcg==".to_owned(),
    ]
    .map(String::into_bytes)
    .to_vec()
}

fn payloads() -> Vec<Vec<u8>> {
    [
        r#"{"sub":"ada","exp":4102444800,"iat":1700000000,"aud":["a","b"],"nbf":0}"#,
        r#"{"sub":"ada","name":"Rocket \ud83d","nested":{"exp":[1]},"s\u0075b":"x"}"#,
        r#"{"exp":1,"exp":2,"sub":["a"],"iss":{},"big":18446744073709551616,"f":1e400}"#,
        r#"{"a":[[[[[[[[[[[]]]]]]]]]]],"b":"\\\"\\\\","c":null,"d":true,"e":-0.0}"#,
    ]
    .map(|payload| payload.as_bytes().to_vec())
    .to_vec()
}

fn rules() -> Vec<Vec<u8>> {
    [
        "token.role == 'admin' && token.org_id == 7",
        "token?.role === \"admin\" || 'admin' in token.roles",
        "!(token.a['b'][0] >= -1.5) && req.method != 'GET' || path.user_id == token.sub",
        "token.email.ends_with('@example.com') && token.tags.contains(null) && [1, 'a', true]",
        "token.name == 'Ünïcödé \\' \\\" \\\\' && req.path.starts_with('/admin')",
        "((((token.x)))) == token.y == z and not",
    ]
    .map(|rule| rule.as_bytes().to_vec())
    .to_vec()
}
