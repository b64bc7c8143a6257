//! Every fuzz target, bounded: its seeds, then a fixed number of seeded mutants, the same
//! every run. A target panics on a broken invariant (an accepted forgery, two reads that
//! disagree, a parser that panics), which fails the test.

use auth_fuzz::mutate::run;
use auth_fuzz::seeds::seeds;
use auth_fuzz::targets;

/// The seed of the mutator: change it to explore other inputs; keep it to reproduce.
const SEED: u64 = 0x0005_EED0_FA17;

fn bounded(name: &str, target: fn(&[u8]), executions: usize) {
    let seeds = seeds(name).unwrap_or_else(|| panic!("no seeds for {name}"));
    assert!(!seeds.is_empty(), "{name} has seeds");
    run(target, &seeds, executions, SEED);
}

#[test]
fn cookie_header() {
    bounded("cookie_header", targets::cookie_header, 100_000);
}

#[test]
fn bearer() {
    bounded("bearer", targets::bearer, 100_000);
}

#[test]
fn hs256() {
    bounded("hs256", targets::hs256, 30_000);
}

#[test]
fn nextauth_v4() {
    bounded("nextauth_v4", targets::nextauth_v4, 20_000);
}

#[test]
fn authjs() {
    bounded("authjs", targets::authjs, 20_000);
}

#[test]
fn payload() {
    bounded("payload", targets::payload, 100_000);
}

#[test]
fn rule() {
    bounded("rule", targets::rule, 50_000);
}

#[test]
fn each_codec_accepts_its_seed_so_the_forgery_check_has_something_to_guard() {
    for (name, options) in targets::codec_options() {
        let seed = seeds(name).unwrap_or_default();
        assert_eq!(seed.len(), 1, "{name}");
        assert!(targets::decode(options, &seed[0]), "{name}: its own token");
        let mut altered = seed[0].clone();
        let middle = altered.len() / 2;
        altered[middle] = if altered[middle] == b'A' { b'B' } else { b'A' };
        assert!(
            !targets::decode(options, &altered),
            "{name}: an altered token"
        );
    }
}
