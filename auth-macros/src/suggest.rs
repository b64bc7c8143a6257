//! "Did you mean ...?" for misspelled names.

/// The candidate closest to `name`, if it is close enough to be a plausible typo: at most one
/// edit per three characters, and never for names that share nothing.
pub(crate) fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|&candidate| (edit_distance(name, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over chars, ignoring ASCII case (`signIn` is one step from `signin`).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().map(|c| c.to_ascii_lowercase()).enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
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
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
