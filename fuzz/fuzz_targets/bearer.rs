//! libFuzzer entry for the `bearer` target (see `auth_fuzz::targets::bearer`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| auth_fuzz::targets::bearer(data));
