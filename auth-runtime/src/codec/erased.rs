//! The codec an `AuthOptions` holds: the built-in one called directly, any other behind a
//! trait object.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::{AuthJs, Codec, Hs256, NextAuthV4};
use crate::jwt::JwtError;
use crate::payload::{Decoded, Want};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The built-in codecs are matched rather than boxed: they are on every request's path, and
/// calling them directly saves the future's allocation and an indirect call.
#[derive(Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "held once per `AuthOptions`, behind its `Arc`"
)]
pub(crate) enum Codecs {
    Hs256(Hs256),
    NextAuthV4(NextAuthV4),
    AuthJs(AuthJs),
    Custom(Arc<dyn DynCodec>),
}

impl Codecs {
    pub(crate) fn custom(codec: impl Codec) -> Self {
        Codecs::Custom(Arc::new(codec))
    }

    pub(crate) async fn encode(&self, claims: &Map<String, Value>) -> Result<String, JwtError> {
        match self {
            Codecs::Hs256(codec) => codec.sign(claims),
            Codecs::NextAuthV4(codec) => codec.seal(claims),
            Codecs::AuthJs(codec) => codec.seal(claims),
            Codecs::Custom(codec) => codec.encode(claims).await,
        }
    }

    /// The claims of an authentic `token`, read as `want` asks: a custom codec's come as a
    /// map whatever is wanted.
    pub(crate) async fn decode(&self, token: &str, want: Want) -> Result<Decoded, JwtError> {
        match self {
            Codecs::Hs256(codec) => codec.verify_as(token, want),
            Codecs::NextAuthV4(codec) => codec.open_as(token, want),
            Codecs::AuthJs(codec) => codec.open_as(token, want),
            Codecs::Custom(codec) => codec.decode(token).await.map(Decoded::json),
        }
    }
}

/// [`Codec`] made object-safe by boxing its futures.
pub(crate) trait DynCodec: Send + Sync {
    fn encode<'a>(
        &'a self,
        claims: &'a Map<String, Value>,
    ) -> BoxFuture<'a, Result<String, JwtError>>;
    fn decode<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<Map<String, Value>, JwtError>>;
}

impl<C: Codec> DynCodec for C {
    fn encode<'a>(
        &'a self,
        claims: &'a Map<String, Value>,
    ) -> BoxFuture<'a, Result<String, JwtError>> {
        Box::pin(Codec::encode(self, claims))
    }

    fn decode<'a>(&'a self, token: &'a str) -> BoxFuture<'a, Result<Map<String, Value>, JwtError>> {
        Box::pin(Codec::decode(self, token))
    }
}
