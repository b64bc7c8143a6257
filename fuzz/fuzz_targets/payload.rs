//! libFuzzer entry for the `payload` target (see `auth_fuzz::targets::payload`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| auth_fuzz::targets::payload(data));
