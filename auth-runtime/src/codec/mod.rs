//! Session token codecs: how a token string becomes verified claims and back.

mod hs256;

pub(crate) use hs256::Hs256;
