//! Wall-clock time in the units tokens use.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::macros::format_description;

/// Seconds since the Unix epoch, now.
pub(crate) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// A Unix time as JavaScript's `Date.toISOString()` writes it: `2026-12-27T09:00:00.000Z`.
/// Out-of-range times give an empty string rather than a panic.
pub(crate) fn iso8601(unix_secs: i64) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp(unix_secs)
        .ok()
        .and_then(|date| date.format(format).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_javascript_to_iso_string() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_798_362_000), "2026-12-27T09:00:00.000Z");
        assert_eq!(iso8601(i64::MAX), "");
    }
}
