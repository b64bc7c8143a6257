//! The database-session branch of the decision path: an opaque session token looked up in the
//! store, expired sessions deleted, due ones extended, exactly as NextAuth.js's session check
//! (`getServerSession`, Auth.js's `session` action) does.

use std::time::SystemTime;

use serde_json::Value;

use super::{StoreError, StoredSession, Stores};
use crate::cookies::{CookiesSeen, SessionCookies};
use crate::decide::Loaded;
use crate::verified::Verified;
use crate::{AuthOptions, Token};

/// The session `token` stands for in `store`, and what its cookie (if it came from one) must
/// become.
pub(crate) async fn look_up(
    options: &AuthOptions,
    store: &Stores,
    token: &str,
    seen: Option<&CookiesSeen>,
) -> Loaded {
    let settings = options.settings();
    if !settings.token_format.accepts(token) {
        tracing::debug!(
            from_cookie = seen.is_some(),
            "session token is not of the session token format; not looked up"
        );
        return Loaded::refused(options, seen);
    }
    let found = match store.session_and_user(token).await {
        Ok(found) => found,
        Err(error) if error.is_unavailable() => {
            tracing::error!(%error, "the session store could not be asked for a session");
            return Loaded::unavailable();
        }
        Err(error) => {
            // As next-auth does with a session it cannot read: no session, and the cookie and
            // the record are left for the app to sort out.
            tracing::warn!(%error, "a stored session cannot be read; treating it as none");
            return Loaded::signed_out(SessionCookies::default());
        }
    };
    let Some(session) = found else {
        tracing::debug!("no stored session (or no user) for the session token");
        return Loaded::refused(options, seen);
    };
    let now = options.now();
    if session.expires < now {
        tracing::debug!("the stored session has expired");
        if !settings.read_only_sessions {
            // The refusal stands whether or not the delete goes through.
            report_failed_write(
                "delete an expired session",
                store.delete_session(token).await,
            );
        }
        return Loaded::refused(options, seen);
    }
    let renewed = now + options.max_age();
    if !settings.read_only_sessions && due_for_update(options, session.expires, now) {
        // The session was valid when read; a failed extension only loses the extension.
        report_failed_write(
            "extend a session",
            store.update_expiry(token, renewed).await,
        );
    }
    let cookies = seen
        .map(|seen| SessionCookies::stored_session(options, token, renewed, seen))
        .unwrap_or_default();
    Loaded::signed_in(Verified::from_token(claims(session)), cookies)
}

/// Whether the stored expiry is due to move: `expires - max_age + update_age <= now`, so a
/// session is extended at most once per `update_age`.
fn due_for_update(options: &AuthOptions, expires: SystemTime, now: SystemTime) -> bool {
    let updated_at = expires
        .checked_sub(options.max_age())
        .and_then(|created| created.checked_add(options.update_age()));
    updated_at.is_none_or(|at| at <= now)
}

/// The claims a stored session gives rules and extractors: the user's record, with `sub` its
/// id, `picture` its `image` (the names of NextAuth.js's JWT sessions) and `exp` the
/// session's expiry, so one rule serves both strategies.
fn claims(session: StoredSession) -> Token {
    let StoredSession {
        user_id,
        mut user,
        expires,
    } = session;
    let exp = expires
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    if let Some(image) = user.get("image").cloned() {
        user.entry("picture").or_insert(image);
    }
    user.insert("sub".into(), Value::String(user_id));
    user.insert("exp".into(), exp.into());
    Token::new(user)
}

fn report_failed_write(what: &str, result: Result<(), StoreError>) {
    if let Err(error) = result {
        tracing::warn!(%error, "could not {what} in the session store");
    }
}
