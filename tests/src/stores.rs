//! Session stores wrapped for tests: [`Counting`] proves what reaches a real store.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use auth_runtime::store::{SessionStore, StoreError, StoredSession};

/// `S`, counting every call made to it: a test that garbage never reaches the database
/// asserts the count stays at zero.
#[derive(Clone)]
pub struct Counting<S> {
    inner: S,
    calls: Arc<AtomicUsize>,
}

impl<S> Counting<S> {
    /// `inner`, with no call counted yet.
    pub fn new(inner: S) -> Self {
        Counting {
            inner,
            calls: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The calls made so far, by this wrapper and every clone of it.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

impl<S: SessionStore> SessionStore for Counting<S> {
    async fn session_and_user(&self, token: &str) -> Result<Option<StoredSession>, StoreError> {
        self.count();
        self.inner.session_and_user(token).await
    }

    async fn update_expiry(&self, token: &str, expires: SystemTime) -> Result<(), StoreError> {
        self.count();
        self.inner.update_expiry(token, expires).await
    }

    async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        self.count();
        self.inner.delete_session(token).await
    }
}

/// Options with the test secret whose sessions are looked up in `store`.
///
/// # Panics
/// Never: the test secret is long enough.
pub fn options_for(store: impl SessionStore) -> auth_runtime::AuthOptions {
    auth_runtime::AuthOptions::builder()
        .secret(crate::SECRET)
        .session_store(store)
        .build()
        .expect("valid options")
}
