//! The store an `AuthOptions` holds, behind a trait object: one per options, so the boxed
//! future per call is the only cost, next to a network round trip.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use super::{SessionStore, StoreError, StoredSession};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The options' session store, shared by every clone of the options.
#[derive(Clone)]
pub(crate) struct Stores(Arc<dyn DynStore>);

impl Stores {
    pub(crate) fn new(store: impl SessionStore) -> Self {
        Stores(Arc::new(store))
    }

    pub(crate) async fn session_and_user(
        &self,
        token: &str,
    ) -> Result<Option<StoredSession>, StoreError> {
        self.0.session_and_user(token).await
    }

    pub(crate) async fn update_expiry(
        &self,
        token: &str,
        expires: SystemTime,
    ) -> Result<(), StoreError> {
        self.0.update_expiry(token, expires).await
    }

    pub(crate) async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        self.0.delete_session(token).await
    }
}

/// [`SessionStore`] made object-safe by boxing its futures.
trait DynStore: Send + Sync {
    fn session_and_user<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<Option<StoredSession>, StoreError>>;
    fn update_expiry<'a>(
        &'a self,
        token: &'a str,
        expires: SystemTime,
    ) -> BoxFuture<'a, Result<(), StoreError>>;
    fn delete_session<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<(), StoreError>>;
}

impl<S: SessionStore> DynStore for S {
    fn session_and_user<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<Option<StoredSession>, StoreError>> {
        Box::pin(SessionStore::session_and_user(self, token))
    }

    fn update_expiry<'a>(
        &'a self,
        token: &'a str,
        expires: SystemTime,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(SessionStore::update_expiry(self, token, expires))
    }

    fn delete_session<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(SessionStore::delete_session(self, token))
    }
}
