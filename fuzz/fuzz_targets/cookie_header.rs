//! libFuzzer entry for the `cookie_header` target (see `auth_fuzz::targets::cookie_header`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| auth_fuzz::targets::cookie_header(data));
