//! libFuzzer entry for the `authjs` target (see `auth_fuzz::targets::authjs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| auth_fuzz::targets::authjs(data));
