//! "Did you mean ...?" for a misspelled claim or enum variant: the policy of the macro crate's
//! `suggest` module, in `const fn`s.
//!
//! Up to one edit per three chars of the name, ignoring the ASCII case of the name, so `rol`
//! finds `role` but `x` finds nothing; a candidate that starts with the name, when it has three
//! chars or more, also counts. The closest candidate wins, the first of equals.

/// The longest name, in chars, that distances are computed for: a longer name or candidate is
/// only matched as a prefix. Claim names are far shorter, and the rows of the distance table
/// live on the stack of constant evaluation.
const MAX_CHARS: usize = 64;

/// The candidate closest to a name, among those offered one by one.
pub(super) struct Closest {
    /// The name as written.
    name: &'static str,
    /// Its code points, ASCII-lowercased.
    lowered: Chars,
    /// The largest distance that still suggests a candidate.
    limit: usize,
    /// Whether the name is long enough for a candidate it starts to count.
    prefixes: bool,
    best: Option<(&'static str, usize)>,
    /// Whether any candidate was offered.
    offered: bool,
}

impl Closest {
    /// A search for the candidates close to `name`.
    pub(super) const fn new(name: &'static str) -> Self {
        let len = char_count(name);
        Closest {
            name,
            lowered: Chars::of(name, true),
            limit: if len > 3 { len / 3 } else { 1 },
            prefixes: len >= 3,
            best: None,
            offered: false,
        }
    }

    /// Offers `candidate`: it becomes the suggestion if it is close enough and closer than
    /// every candidate offered before.
    pub(super) const fn offer(&mut self, candidate: &'static str) {
        self.offered = true;
        let d = distance(&self.lowered, &Chars::of(candidate, false));
        if d > self.limit && !(self.prefixes && starts_with_lowered(candidate, self.name)) {
            return;
        }
        if let Some((_, best)) = self.best {
            if best <= d {
                return;
            }
        }
        self.best = Some((candidate, d));
    }

    /// The suggestion, if a candidate was close enough.
    pub(super) const fn best(&self) -> Option<&'static str> {
        match self.best {
            Some((candidate, _)) => Some(candidate),
            None => None,
        }
    }

    /// Whether any candidate was offered at all.
    pub(super) const fn offered_any(&self) -> bool {
        self.offered
    }
}

/// The code points of a name, for the distance table.
struct Chars {
    points: [u32; MAX_CHARS],
    /// How many there are, or `None` when the name has more than [`MAX_CHARS`].
    len: Option<usize>,
}

impl Chars {
    /// The code points of `text`, ASCII-lowercased when `lower` holds.
    const fn of(text: &str, lower: bool) -> Self {
        let bytes = text.as_bytes();
        let mut points = [0; MAX_CHARS];
        let mut len = 0;
        let mut i = 0;
        while i < bytes.len() {
            if len == MAX_CHARS {
                return Chars { points, len: None };
            }
            let (point, width) = decode(bytes, i);
            points[len] = if lower && point < 0x80 {
                (point as u8).to_ascii_lowercase() as u32
            } else {
                point
            };
            len += 1;
            i += width;
        }
        Chars {
            points,
            len: Some(len),
        }
    }
}

/// The code point of the char of UTF-8 that starts at `bytes[i]`, and its width in bytes.
const fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
    let lead = bytes[i];
    let ones = lead.leading_ones() as usize;
    if ones == 0 {
        return (lead as u32, 1);
    }
    // A lead byte of `ones` bytes keeps its bits after the `ones` ones and a zero.
    let mut point = (lead & (0x7f >> ones)) as u32;
    let mut k = 1;
    while k < ones {
        point = point << 6 | (bytes[i + k] & 0x3f) as u32;
        k += 1;
    }
    (point, ones)
}

/// The number of chars of `text`: the bytes that start one.
const fn char_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] & 0b1100_0000 != 0b1000_0000 {
            count += 1;
        }
        i += 1;
    }
    count
}

/// Whether `candidate` starts with `name` ASCII-lowercased.
const fn starts_with_lowered(candidate: &str, name: &str) -> bool {
    let (candidate, name) = (candidate.as_bytes(), name.as_bytes());
    if candidate.len() < name.len() {
        return false;
    }
    let mut i = 0;
    while i < name.len() {
        if candidate[i] != name[i].to_ascii_lowercase() {
            return false;
        }
        i += 1;
    }
    true
}

/// The optimal string alignment distance between `a` and `b`: insertions, deletions,
/// substitutions and swaps of adjacent chars, so that `rloe` is one edit from `role`.
/// `usize::MAX` when either is too long to compare.
const fn distance(a: &Chars, b: &Chars) -> usize {
    let (Some(a_len), Some(b_len)) = (a.len, b.len) else {
        return usize::MAX;
    };
    let (a, b) = (&a.points, &b.points);
    // Row i of the table holds the distances between the first i chars of a and the first j
    // of b; a swap looks two rows back, so three rows are kept.
    let mut before = [0; MAX_CHARS + 1];
    let mut previous = [0; MAX_CHARS + 1];
    let mut j = 0;
    while j <= b_len {
        previous[j] = j;
        j += 1;
    }
    let mut i = 1;
    while i <= a_len {
        let mut row = [0; MAX_CHARS + 1];
        row[0] = i;
        let mut j = 1;
        while j <= b_len {
            let substitution = previous[j - 1] + (a[i - 1] != b[j - 1]) as usize;
            let mut d = min(substitution, min(previous[j] + 1, row[j - 1] + 1));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = min(d, before[j - 2] + 1);
            }
            row[j] = d;
            j += 1;
        }
        before = previous;
        previous = row;
        i += 1;
    }
    previous[b_len]
}

/// The smaller of `a` and `b` (`Ord::min` is not callable in constant evaluation).
const fn min(a: usize, b: usize) -> usize {
    if a < b { a } else { b }
}

#[cfg(test)]
mod tests {
    use super::{Chars, Closest, distance};

    fn closest(name: &'static str, candidates: &[&'static str]) -> Option<&'static str> {
        let mut closest = Closest::new(name);
        for &candidate in candidates {
            closest.offer(candidate);
        }
        closest.best()
    }

    fn edits(a: &str, b: &str) -> usize {
        distance(&Chars::of(a, false), &Chars::of(b, false))
    }

    #[test]
    fn suggests_close_names_only() {
        let claims = ["sub", "role", "org_id", "email_verified"];
        assert_eq!(closest("rol", &claims), Some("role"));
        assert_eq!(closest("Role", &claims), Some("role"));
        assert_eq!(closest("rloe", &claims), Some("role"));
        assert_eq!(closest("orgid", &claims), Some("org_id"));
        assert_eq!(closest("email", &claims), Some("email_verified"));
        assert_eq!(closest("x", &claims), None);
        assert_eq!(closest("groups", &claims), None);
        // Of two candidates at one edit, the first offered wins.
        assert_eq!(closest("sb", &["sub", "sb_"]), Some("sub"));
        assert_eq!(closest("sb", &["sb_", "sub"]), Some("sb_"));
    }

    #[test]
    fn counts_chars_not_bytes() {
        assert_eq!(edits("héllo", "hello"), 1);
        assert_eq!(edits("ü", ""), 1);
        assert_eq!(closest("nämes", &["names"]), Some("names"));
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edits("token", "token"), 0);
        assert_eq!(edits("tokn", "token"), 1);
        assert_eq!(edits("toekn", "token"), 1);
        assert_eq!(edits("", "req"), 3);
        assert_eq!(edits("kitten", "sitting"), 3);
    }

    #[test]
    fn long_names_match_only_as_prefixes() {
        let long: &'static str =
            "a_claim_name_of_more_than_sixty_four_chars_which_nobody_writes_xyz";
        assert_eq!(edits(long, long), usize::MAX);
        assert_eq!(closest("a_claim", &[long]), Some(long));
    }
}
