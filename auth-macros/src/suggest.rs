//! "Did you mean ...?" for misspelled names, in attribute arguments and in rules.

/// The candidate closest to `name`, if close enough to be a plausible typo. As rustc does: up
/// to one edit per three chars, ignoring ASCII case, so `tokn` finds `token` but `x` finds
/// nothing; a prefix of three chars or more (`tok`) also counts.
pub(crate) fn closest(name: &str, candidates: &[&'static str]) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let len = lower.chars().count();
    let limit = len.max(3) / 3;
    candidates
        .iter()
        .map(|&candidate| (distance(&lower, candidate), candidate))
        .filter(|&(d, candidate)| d <= limit || len >= 3 && candidate.starts_with(&lower))
        .min_by_key(|&(d, _)| d)
        .map(|(_, candidate)| candidate)
}

/// The optimal string alignment distance between `a` and `b`: insertions, deletions,
/// substitutions and swaps of adjacent chars, so that `toekn` is one edit from `token`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j] is the distance between the first i chars of a and the first j of b.
    let mut rows: Vec<Vec<usize>> = (0..=a.len())
        .map(|i| (0..=b.len()).map(|j| if i == 0 { j } else { i }).collect())
        .collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut d = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["authorized", "sign_in", "forbidden"];
        assert_eq!(closest("authorised", &keys), Some("authorized"));
        assert_eq!(closest("signin", &keys), Some("sign_in"));
        assert_eq!(closest("signIn", &keys), Some("sign_in"));
        assert_eq!(closest("forbiden", &keys), Some("forbidden"));
        assert_eq!(closest("callbacks", &keys), None);
        assert_eq!(closest("tokn", &["token", "req"]), Some("token"));
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("token", "token"), 0);
        assert_eq!(distance("tokn", "token"), 1);
        assert_eq!(distance("toekn", "token"), 1);
        assert_eq!(distance("", "req"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
