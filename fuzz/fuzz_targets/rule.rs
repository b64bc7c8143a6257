//! libFuzzer entry for the `rule` target (see `auth_fuzz::targets::rule`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| auth_fuzz::targets::rule(data));
