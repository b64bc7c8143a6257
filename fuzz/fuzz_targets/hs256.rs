//! libFuzzer entry for the `hs256` target (see `auth_fuzz::targets::hs256`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| auth_fuzz::targets::hs256(data));
