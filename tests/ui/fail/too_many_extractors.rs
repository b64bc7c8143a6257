// Sixteen extractors: with the guard, one more than axum's handlers take.
use auth_runtime::with_auth;
use axum::http::{HeaderMap, Method, Uri, Version};

#[with_auth]
async fn handler(
    _: Method,
    _: Uri,
    _: Version,
    _: HeaderMap,
    _: Method,
    _: Uri,
    _: Version,
    _: HeaderMap,
    _: Method,
    _: Uri,
    _: Version,
    _: HeaderMap,
    _: Method,
    _: Uri,
    _: Version,
    _: HeaderMap,
) {
}

fn main() {}
