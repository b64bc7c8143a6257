//! Time as tokens count it: whole seconds since the Unix epoch, from a clock tests can set.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::macros::format_description;

/// Where the options read the time: the system clock, or one a test controls.
#[derive(Clone)]
pub(crate) struct Clock(Option<Arc<dyn Fn() -> SystemTime + Send + Sync>>);

impl Clock {
    pub(crate) fn system() -> Self {
        Clock(None)
    }

    pub(crate) fn custom(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Clock(Some(Arc::new(now)))
    }

    /// The time now.
    pub(crate) fn now(&self) -> SystemTime {
        self.0.as_ref().map_or_else(SystemTime::now, |now| now())
    }

    /// Seconds since the Unix epoch, now; 0 for a clock set before 1970.
    pub(crate) fn now_secs(&self) -> u64 {
        self.now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs())
    }
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
    use std::time::Duration;

    use super::*;

    #[test]
    fn formats_like_javascript_to_iso_string() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_798_362_000), "2026-12-27T09:00:00.000Z");
        assert_eq!(iso8601(i64::MAX), "");
    }

    #[test]
    fn a_custom_clock_is_read_each_time() {
        let clock = Clock::custom(|| UNIX_EPOCH + Duration::from_secs(42));
        assert_eq!(clock.now_secs(), 42);
        assert!(Clock::system().now_secs() > 1_700_000_000);
    }
}
