//! A small, seeded mutator for the bounded run of the targets in `cargo test`: the same
//! inputs every run, so a failure reproduces, and no coverage feedback (that is libFuzzer's
//! job in the long runs).

/// Bytes the parsers give meaning to, spliced into inputs.
const DICTIONARY: &[&[u8]] = &[
    b";",
    b"=",
    b".",
    b"\n",
    b"\r",
    b"\t",
    b"A:",
    b" ",
    b"\"",
    b"\\",
    b"\\u",
    b"\\ud83d",
    b"\\ude80",
    b"next-auth.session-token",
    b"__Secure-",
    b".0",
    b".1",
    b"Bearer ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"exp\":",
    b"\"sub\":",
    b"\"crit\":[\"x\"]",
    b"\"aud\":",
    b"null",
    b"eyJ",
    b"==",
    b"'",
    b"&&",
    b"||",
    b"?.",
    b"token",
    b"path.",
    b"req.",
    b"in",
    b"(",
    b")",
    b"\xff",
    b"\xc3\xa9",
];

/// A splitmix64 generator: fast, seeded, good enough to pick mutations.
pub struct Mutator {
    state: u64,
}

impl Mutator {
    /// A mutator whose choices follow from `seed`.
    pub fn new(seed: u64) -> Self {
        Mutator { state: seed }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `bound` (which must not be 0).
    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(bound).unwrap_or(u64::MAX)).unwrap_or(0)
    }

    /// `input` with one to four mutations, some splicing in `other`.
    pub fn mutate(&mut self, input: &[u8], other: &[u8]) -> Vec<u8> {
        let mut bytes = input.to_vec();
        for _ in 0..=self.below(4) {
            self.mutate_once(&mut bytes, other);
        }
        bytes
    }

    fn mutate_once(&mut self, bytes: &mut Vec<u8>, other: &[u8]) {
        let at = self.below(bytes.len() + 1);
        match self.below(8) {
            0 if at < bytes.len() => bytes[at] ^= 1 << self.below(8),
            1 if at < bytes.len() => bytes[at] = self.next().to_le_bytes()[0],
            2 => bytes.insert(at, self.next().to_le_bytes()[0]),
            3 if at < bytes.len() => {
                let end = (at + 1 + self.below(16)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let word = DICTIONARY[self.below(DICTIONARY.len())];
                bytes.splice(at..at, word.iter().copied());
            }
            5 if at < bytes.len() => {
                let end = (at + 1 + self.below(32)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            6 => bytes.truncate(at),
            _ => {
                let from = self.below(other.len() + 1);
                let end = (from + self.below(64)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
}

/// Runs `target` on each seed, then on `executions` mutants of them, chosen from `seed`.
pub fn run(target: fn(&[u8]), seeds: &[Vec<u8>], executions: usize, seed: u64) {
    let mut mutator = Mutator::new(seed);
    for input in seeds {
        target(input);
    }
    if seeds.is_empty() {
        return;
    }
    for _ in 0..executions {
        let input = &seeds[mutator.below(seeds.len())];
        let other = &seeds[mutator.below(seeds.len())];
        let mutant = mutator.mutate(input, other);
        target(&mutant);
    }
}
