//! The demo's HTML pages. Every piece of text that comes from a token or a request goes
//! through [`escape`]; the rest is fixed markup.

use auth_runtime::{Session, Token};
use serde_json::Value;

/// `text` made safe to put in HTML content or in a quoted attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The public home page: who is signed in, and where to go next.
pub(crate) fn home(session: Option<&Session>) -> String {
    let status = match session {
        Some(session) => format!(
            "<p>Signed in as {}. The session expires at {}.</p>{SIGN_OUT_BUTTON}",
            who(session),
            escape(&session.expires),
        ),
        None => r#"<p>You are not signed in. <a href="/auth/signin">Sign in</a></p>"#.to_owned(),
    };
    layout("auth-runtime demo", &format!("{status}{ROUTE_LIST}"))
}

/// The sign-in form; `callback_url` (already checked to be local) rides along in a hidden field.
pub(crate) fn sign_in(callback_url: &str, session: Option<&Session>) -> String {
    let current = session.map_or_else(String::new, |session| {
        format!(
            "<p>You are signed in as {}; signing in again replaces that session.</p>",
            who(session)
        )
    });
    let callback_url = escape(callback_url);
    let body = format!(
        r#"{current}<form method="post" action="/auth/signin">
<input type="hidden" name="callbackUrl" value="{callback_url}">
<p><button name="account" value="user">Sign in as Demo User (role <code>user</code>)</button></p>
<p><button name="account" value="admin">Sign in as Demo Admin (role <code>admin</code>)</button></p>
</form>
<p>Afterwards you are sent to <code>{callback_url}</code>.</p>"#
    );
    layout("Sign in", &body)
}

/// The sign-out page: a button for a signed-in visitor (signing out changes state, so it is a
/// POST, never a link).
pub(crate) fn sign_out(session: Option<&Session>) -> String {
    let body = match session {
        Some(session) => format!("<p>Signed in as {}.</p>{SIGN_OUT_BUTTON}", who(session)),
        None => r#"<p>You are not signed in. <a href="/">Home</a></p>"#.to_owned(),
    };
    layout("Sign out", &body)
}

/// The admin page: every claim of the verified token.
pub(crate) fn admin(token: &Token) -> String {
    let rows: String = token
        .claims()
        .iter()
        .map(|(name, value)| {
            format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                escape(name),
                claim_text(value)
            )
        })
        .collect();
    let name = escape(token.get_str("name").unwrap_or("admin"));
    let body = format!(
        "<p>Welcome, {name}. Only a session whose <code>role</code> claim is \
         <code>admin</code> gets here. Its token's claims:</p><table>{rows}</table>{SIGN_OUT_BUTTON}"
    );
    layout("Admin", &body)
}

/// Where a signed-in visitor whose role the rule refuses is sent.
pub(crate) fn forbidden() -> String {
    layout(
        "Forbidden",
        r#"<p>Your account may not see that page.
<a href="/auth/signin?callbackUrl=%2Fadmin">Sign in as the admin</a> or go <a href="/">home</a>.</p>"#,
    )
}

const SIGN_OUT_BUTTON: &str =
    r#"<form method="post" action="/auth/signout"><button>Sign out</button></form>"#;

const ROUTE_LIST: &str = r#"<h2>Try</h2>
<ul>
<li><a href="/admin">/admin</a>: admins only; signed out you are sent to sign in, as the user to /auth/forbidden</li>
<li><a href="/api/me">/api/me</a>: your session as JSON; 401 when signed out</li>
<li><a href="/api/admin/stats">/api/admin/stats</a>: JSON for admins only; 403 for the user</li>
<li><a href="/auth/signin">/auth/signin</a> and <a href="/auth/signout">/auth/signout</a></li>
</ul>"#;

fn who(session: &Session) -> String {
    let user = &session.user;
    let name = escape(user.name.as_deref().unwrap_or("someone"));
    match &user.email {
        Some(email) => format!("<strong>{name}</strong> ({})", escape(email)),
        None => format!("<strong>{name}</strong>"),
    }
}

/// A claim as text: strings as they are, anything else as JSON.
fn claim_text(value: &Value) -> String {
    match value {
        Value::String(text) => escape(text),
        other => escape(&other.to_string()),
    }
}

fn layout(title: &str, body: &str) -> String {
    let title = escape(title);
    format!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/admin">Admin</a> | <a href="/auth/signin">Sign in</a> | <a href="/auth/signout">Sign out</a></nav>
<h1>{title}</h1>
{body}
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn the_hidden_callback_field_cannot_break_out_of_its_attribute() {
        let page = sign_in(r#"/x"><script>alert(1)</script>"#, None);
        assert!(!page.contains("<script>"));
        assert!(page.contains("value=\"/x&quot;&gt;&lt;script&gt;"));
    }
}
