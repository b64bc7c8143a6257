//! Session expiries as Auth.js has them: read as its `isDate` makes a `Date` of a string, and
//! written as `Date.prototype.toISOString()` writes one.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::store::StoreError;

/// A session's `expires` as a time, if Auth.js's `isDate` would make it a `Date` and it is a
/// date of the calendar: `YYYY-MM-DDTHH:MM`, optionally `:SS` and then a fraction of any
/// length, then `Z` or `±HH:MM`, and nothing around it. Stricter than `isDate`, whose pattern
/// is unanchored and whose `Date.parse` rolls Feb 30 over to March: those are refused.
pub(super) fn parse_expires(text: &str) -> Option<SystemTime> {
    let seconds = iso_date_shape(text.as_bytes())?;
    let date = if seconds {
        OffsetDateTime::parse(text, &Rfc3339)
    } else {
        // RFC 3339 needs the seconds: `HH:MM` is `HH:MM:00`, as JavaScript reads it.
        let (minutes, offset) = text.split_at(16);
        OffsetDateTime::parse(&format!("{minutes}:00{offset}"), &Rfc3339)
    }
    .ok()?;
    let seconds = date.unix_timestamp();
    let since_second = Duration::from_nanos(u64::from(date.nanosecond()));
    let second = if seconds >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(seconds.unsigned_abs()))
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs()))
    };
    second?.checked_add(since_second)
}

/// Whether `text` is wholly one of the three forms of `isDate`'s pattern, and if so whether it
/// has seconds:
/// `\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-][0-2]\d:[0-5]\d)`.
fn iso_date_shape(text: &[u8]) -> Option<bool> {
    fn digit(byte: Option<&u8>, max: u8) -> bool {
        byte.is_some_and(|&b| (b'0'..=max).contains(&b))
    }
    const NINE: u8 = b'9';
    let at = |i: usize| text.get(i);
    let date_and_minutes = (0..4).all(|i| digit(at(i), NINE))
        && at(4) == Some(&b'-')
        && digit(at(5), b'1')
        && digit(at(6), NINE)
        && at(7) == Some(&b'-')
        && digit(at(8), b'3')
        && digit(at(9), NINE)
        && at(10) == Some(&b'T')
        && digit(at(11), b'2')
        && digit(at(12), NINE)
        && at(13) == Some(&b':')
        && digit(at(14), b'5')
        && digit(at(15), NINE);
    if !date_and_minutes {
        return None;
    }
    let mut i = 16;
    let seconds = at(i) == Some(&b':');
    if seconds {
        if !(digit(at(i + 1), b'5') && digit(at(i + 2), NINE)) {
            return None;
        }
        i += 3;
        if at(i) == Some(&b'.') {
            let digits = text.get(i + 1..).map_or(0, |rest| {
                rest.iter().take_while(|b| b.is_ascii_digit()).count()
            });
            if digits == 0 {
                return None;
            }
            i += 1 + digits;
        }
    }
    let offset = match text.get(i..)? {
        b"Z" => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            digit(Some(h1), b'2')
                && digit(Some(h2), NINE)
                && digit(Some(m1), b'5')
                && digit(Some(m2), NINE)
        }
        _ => false,
    };
    offset.then_some(seconds)
}

/// `time` as JavaScript's `Date.prototype.toISOString()` writes it:
/// `2026-11-28T07:12:51.000Z`, milliseconds always, in UTC.
pub(super) fn to_iso_string(time: SystemTime) -> Result<String, StoreError> {
    let nanos = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok(),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .ok()
            .map(|nanos| -nanos),
    };
    let date = nanos
        .and_then(|nanos| OffsetDateTime::from_unix_timestamp_nanos(nanos).ok())
        .ok_or_else(|| StoreError::Malformed("the expiry is out of JavaScript's range".into()))?;
    let year = date.year();
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        // JavaScript's expanded years: `+010000`, `-000001`.
        format!("{year:+07}")
    };
    Ok(format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        u8::from(date.month()),
        date.day(),
        date.hour(),
        date.minute(),
        date.second(),
        date.millisecond(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(text: &str) -> Option<i128> {
        parse_expires(text).map(|time| match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_millis()).unwrap_or(i128::MAX),
            Err(before) => -i128::try_from(before.duration().as_millis()).unwrap_or(i128::MAX),
        })
    }

    /// 2025-01-01T00:00:00Z in milliseconds since the epoch.
    const NEW_YEAR: i128 = 1_735_689_600_000;

    #[test]
    fn expires_accepted_as_auth_js_hydrates_it() {
        let accepted = [
            ("2025-01-01T00:00:00.000Z", NEW_YEAR),
            ("2025-01-01T00:00:00Z", NEW_YEAR),
            ("2025-01-01T00:00Z", NEW_YEAR),
            ("2025-01-01T00:00:00.123456Z", NEW_YEAR + 123),
            ("2025-01-01T00:00:00.1Z", NEW_YEAR + 100),
            ("2025-01-01T00:00:00.123456789123Z", NEW_YEAR + 123),
            ("2025-01-01T02:00:00+02:00", NEW_YEAR),
            ("2025-01-01T02:00+02:00", NEW_YEAR),
            ("2024-12-31T22:30:00.000-01:30", NEW_YEAR),
            ("2025-01-01T00:00:00.000-00:00", NEW_YEAR),
            ("2024-02-29T00:00:00.000Z", NEW_YEAR - 307 * 86_400_000),
            ("1969-12-31T23:59:59.500Z", -500),
            ("2026-11-28T07:12:51.000Z", 1_795_849_971_000),
        ];
        for (text, expected) in accepted {
            assert_eq!(millis(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn expires_refused_where_auth_js_leaves_a_string() {
        // Each of these stays a string in Auth.js (checked against `isDate` on Node 20).
        let refused = [
            "2025-01-01 00:00:00Z",
            "2025-01-01 00:00:00.000Z",
            "2025-01-01T00:00:00",
            "2025-01-01T00:00:00.000",
            "2025-01-01",
            "1735689600000",
            "",
            "garbage",
            "2025-01-01t00:00:00.000z",
            "2025-01-01T00:00:00.000z",
            "2025-01-01T00:00:00+0200",
            "2025-01-01T00:00:00+02",
            "2025-01-01T00:00:00.Z",
            "2025-01-01T00:00:00.000Z ",
            " 2025-01-01T00:00:00.000Z",
            "x2025-01-01T00:00:00.000Zx",
            "2025-13-01T00:00:00.000Z",
            "2025-01-01T23:60:00.000Z",
            "2025-01-01T23:59:60.000Z",
            "2025-01-01T00:00:00+24:00",
            "2025-01-01T00:00:00+02:60",
            "Wed, 01 Jan 2025 00:00:00 GMT",
            "\u{ff12}025-01-01T00:00:00.000Z",
        ];
        for text in refused {
            assert_eq!(parse_expires(text), None, "{text:?}");
        }
    }

    #[test]
    fn expires_refused_where_javascript_would_guess() {
        // Auth.js makes these dates, by rolling them over or ignoring what follows; a session
        // that says so was not written by an adapter, and is refused.
        let refused = [
            "2025-02-30T00:00:00.000Z",
            "2025-01-01T24:00:00.000Z",
            "+012025-01-01T00:00:00.000Z",
            "2025-01-01T00:00:00.000Z\u{0}",
        ];
        for text in refused {
            assert_eq!(parse_expires(text), None, "{text:?}");
        }
    }

    #[test]
    fn expiry_is_written_as_to_iso_string_writes_it() {
        let at = |millis: u64| UNIX_EPOCH + Duration::from_millis(millis);
        let cases = [
            (at(1_795_849_971_000), "2026-11-28T07:12:51.000Z"),
            (at(1_735_689_600_123), "2025-01-01T00:00:00.123Z"),
            (at(0), "1970-01-01T00:00:00.000Z"),
            (at(1_709_164_800_007), "2024-02-29T00:00:00.007Z"),
            (
                // Below a millisecond is dropped, as a `Date` has none.
                UNIX_EPOCH + Duration::from_nanos(1_735_689_600_999_999_999),
                "2025-01-01T00:00:00.999Z",
            ),
            (
                UNIX_EPOCH - Duration::from_millis(500),
                "1969-12-31T23:59:59.500Z",
            ),
            (
                UNIX_EPOCH + Duration::from_secs(253_402_300_799),
                "9999-12-31T23:59:59.000Z",
            ),
        ];
        for (time, expected) in cases {
            let written = to_iso_string(time).ok();
            assert_eq!(written.as_deref(), Some(expected));
            let read = written.as_deref().and_then(parse_expires);
            let lost = read.and_then(|read| time.duration_since(read).ok());
            assert!(
                lost.is_some_and(|lost| lost < Duration::from_millis(1)),
                "{expected}"
            );
        }
    }
}
