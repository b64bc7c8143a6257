//! `callbacks.jwt` and `callbacks.session`, stored type-erased so `AuthOptions` stays one
//! type whatever closures it holds.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::{Session, Token};

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;
type JwtCallback = Arc<dyn Fn(Token) -> BoxFuture<Option<Token>> + Send + Sync>;
type SessionCallback = Arc<dyn Fn(Session, Token) -> BoxFuture<Session> + Send + Sync>;

/// The callbacks an app set; the defaults keep the token and build the session from
/// `name`, `email` and `picture`.
#[derive(Clone, Default)]
pub(crate) struct Callbacks {
    jwt: Option<JwtCallback>,
    session: Option<SessionCallback>,
}

impl Callbacks {
    pub(crate) fn set_jwt<F, Fut>(&mut self, callback: F)
    where
        F: Fn(Token) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Option<Token>> + Send + 'static,
    {
        self.jwt = Some(Arc::new(move |token| Box::pin(callback(token))));
    }

    pub(crate) fn set_session<F, Fut>(&mut self, callback: F)
    where
        F: Fn(Session, Token) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Session> + Send + 'static,
    {
        self.session = Some(Arc::new(move |session, token| {
            Box::pin(callback(session, token))
        }));
    }

    /// Whether `callbacks.jwt` is set: without it the claims need not be read as JSON.
    pub(crate) fn has_jwt(&self) -> bool {
        self.jwt.is_some()
    }

    /// The token `callbacks.jwt` keeps (`None` ends the session), and whether it changed it.
    pub(crate) async fn jwt(&self, token: Token) -> (Option<Token>, bool) {
        let Some(callback) = &self.jwt else {
            return (Some(token), false);
        };
        let kept = callback(token.clone()).await;
        let changed = kept.as_ref().is_some_and(|kept| *kept != token);
        (kept, changed)
    }

    /// The session for `token`, through `callbacks.session` if set.
    pub(crate) async fn session(&self, token: &Token) -> Session {
        let session = Session::from_token(token);
        match &self.session {
            Some(callback) => callback(session, token.clone()).await,
            None => session,
        }
    }
}
