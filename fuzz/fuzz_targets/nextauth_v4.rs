//! libFuzzer entry for the `nextauth_v4` target (see `auth_fuzz::targets::nextauth_v4`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| auth_fuzz::targets::nextauth_v4(data));
