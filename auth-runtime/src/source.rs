//! Where a request carries its session token: the session cookie (whole, or in chunks), else
//! an `Authorization: Bearer` header.

use std::borrow::Cow;
use std::sync::Arc;

use http::HeaderMap;
use http::header::{AUTHORIZATION, COOKIE};

use crate::cookies::{CookieNames, CookiesSeen};

/// What a request holds in the way of a session token, not yet verified.
#[derive(Debug)]
pub(crate) enum Lookup<'a> {
    /// No session cookie and no bearer token.
    Nothing,
    /// A token, and the cookies it came from (`None` for a bearer token).
    Found {
        token: Cow<'a, str>,
        cookies: Option<CookiesSeen>,
    },
    /// Session cookies that cannot hold a valid token: a chunk is missing, they add up to
    /// more than the size cap, or a value is not text.
    Broken(CookiesSeen),
    /// Session cookies that contradict each other: the same cookie twice with different
    /// values, or a whole cookie beside chunks. Which one the browser sent first depends on
    /// their `Path` and `Domain`, which whoever set the second chose (session fixation), so
    /// neither is taken, and a refused request does not clear them: a clearing cookie could
    /// not reach the one set for another path. Signing in or out replaces or clears them all.
    Ambiguous(CookiesSeen),
}

/// The request's session token: the session cookie under the options' name, else (over plain
/// HTTP) under its `__Secure-` counterpart, else the bearer header.
///
/// `Cookie` headers are read as bytes, so a cookie of another site's script holding UTF-8
/// text does not hide the session cookie beside it; only the session cookie's own value must
/// be text.
pub(crate) fn find<'a>(
    headers: &'a HeaderMap,
    names: &CookieNames,
    max_bytes: usize,
) -> Lookup<'a> {
    let (primary, counterpart) = names.read_order();
    let (mut first, mut second) = (Jar::default(), Jar::default());
    for (name, value) in headers
        .get_all(COOKIE)
        .iter()
        .flat_map(|header| pairs(header.as_bytes()))
    {
        first.offer(primary, name, value);
        if let Some(counterpart) = counterpart {
            second.offer(counterpart, name, value);
        }
    }
    match (counterpart, first, second) {
        (_, jar, _) if !jar.is_empty() => jar.assemble(primary, max_bytes),
        (Some(counterpart), _, jar) if !jar.is_empty() => jar.assemble(counterpart, max_bytes),
        _ => bearer(headers).map_or(Lookup::Nothing, |token| Lookup::Found {
            token: Cow::Borrowed(token),
            cookies: None,
        }),
    }
}

/// Every `name=value` pair of a `Cookie` header, as bytes, the spaces around each trimmed. A
/// pair without `=` is no cookie. The separators are found with `memchr`, which compares many
/// bytes at a time: the header is mostly the session token, which this skips over.
fn pairs(header: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let ends = memchr::memchr_iter(b';', header).chain([header.len()]);
    let mut start = 0;
    ends.filter_map(move |end| {
        let pair = header[start..end].trim_ascii();
        start = end + 1;
        let equals = memchr::memchr(b'=', pair)?;
        let (name, value) = (&pair[..equals], &pair[equals + 1..]);
        Some((name.trim_ascii_end(), value.trim_ascii_start()))
    })
}

/// The session cookies found under one base name.
#[derive(Debug, Default)]
struct Jar<'a> {
    /// The first whole cookie: a request has one, or none, so no list is kept.
    whole: Option<&'a [u8]>,
    /// Whether a later whole cookie had another value.
    whole_repeats_differ: bool,
    chunks: Vec<(u16, &'a [u8])>,
}

impl<'a> Jar<'a> {
    /// Keeps the cookie if it is exactly `base` or `base.<digits>`.
    fn offer(&mut self, base: &str, name: &[u8], value: &'a [u8]) {
        let Some(rest) = name.strip_prefix(base.as_bytes()) else {
            return;
        };
        if rest.is_empty() {
            match self.whole {
                None => self.whole = Some(value),
                Some(first) => self.whole_repeats_differ |= first != value,
            }
        } else if let Some(index) = rest.strip_prefix(b".").and_then(chunk_index) {
            self.chunks.push((index, value));
        }
    }

    fn is_empty(&self) -> bool {
        self.whole.is_none() && self.chunks.is_empty()
    }

    /// The token: the whole cookie, or the chunks `0..n` joined in order. Repeats of one
    /// cookie are fine when they are equal; different ones, or a whole cookie beside chunks,
    /// are [`Lookup::Ambiguous`].
    fn assemble(mut self, base: &Arc<str>, max_bytes: usize) -> Lookup<'a> {
        self.chunks.sort_by_key(|&(index, _)| index);
        let chunk_repeats_differ = self
            .chunks
            .windows(2)
            .any(|pair| pair[0].0 == pair[1].0 && pair[0].1 != pair[1].1);
        let both = self.whole.is_some() && !self.chunks.is_empty();
        let mut indices: Vec<u16> = self.chunks.iter().map(|&(index, _)| index).collect();
        indices.dedup();
        let seen = CookiesSeen {
            name: Arc::clone(base),
            whole: self.whole.is_some(),
            chunks: indices,
        };
        if self.whole_repeats_differ || chunk_repeats_differ || both {
            tracing::debug!(
                cookie = &**base,
                "session cookies that contradict each other; taking neither"
            );
            return Lookup::Ambiguous(seen);
        }
        self.chunks.dedup_by_key(|&mut (index, _)| index);
        let token = match self.whole {
            Some(whole) => std::str::from_utf8(whole).ok().map(Cow::Borrowed),
            None => self.joined_chunks(max_bytes).map(Cow::Owned),
        };
        match token {
            Some(token) => Lookup::Found {
                token,
                cookies: Some(seen),
            },
            None => Lookup::Broken(seen),
        }
    }

    /// The chunks joined, if they are exactly `0, 1, ..., n`, text, and fit the size cap.
    fn joined_chunks(&self, max_bytes: usize) -> Option<String> {
        let complete = self
            .chunks
            .iter()
            .enumerate()
            .all(|(position, &(index, _))| usize::from(index) == position);
        let len: usize = self.chunks.iter().map(|(_, piece)| piece.len()).sum();
        if !complete || len > max_bytes {
            return None;
        }
        let mut token = String::with_capacity(len);
        for (_, piece) in &self.chunks {
            token.push_str(std::str::from_utf8(piece).ok()?);
        }
        Some(token)
    }
}

/// `digits` as a chunk index: decimal digits only, no sign, no leading zero but `0` itself.
fn chunk_index(digits: &[u8]) -> Option<u16> {
    let canonical = digits == b"0" || !digits.starts_with(b"0");
    let only_digits = !digits.is_empty() && digits.iter().all(u8::is_ascii_digit);
    (canonical && only_digits)
        .then(|| std::str::from_utf8(digits).ok()?.parse().ok())
        .flatten()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    const MAX: usize = 16 * 1024;

    fn headers(pairs: &[(http::HeaderName, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_bytes(value).unwrap());
        }
        map
    }

    fn names() -> CookieNames {
        CookieNames::new(None, false).unwrap()
    }

    /// The token found and the base name of the cookies it came from.
    fn found(map: &HeaderMap) -> Option<(String, Option<String>)> {
        match find(map, &names(), MAX) {
            Lookup::Found { token, cookies } => Some((
                token.into_owned(),
                cookies.map(|seen| seen.name.to_string()),
            )),
            _ => None,
        }
    }

    fn plain(token: &str) -> Option<(String, Option<String>)> {
        Some((token.to_owned(), Some("next-auth.session-token".to_owned())))
    }

    #[test]
    fn reads_the_session_cookie_among_others() {
        let map = headers(&[(COOKIE, b"theme=dark; next-auth.session-token=abc; lang=en")]);
        assert_eq!(found(&map), plain("abc"));
    }

    #[test]
    fn reads_the_secure_counterpart_from_a_second_cookie_header() {
        let map = headers(&[
            (COOKIE, b"theme=dark"),
            (COOKIE, b"__Secure-next-auth.session-token=xyz"),
        ]);
        let expected = Some((
            "xyz".to_owned(),
            Some("__Secure-next-auth.session-token".to_owned()),
        ));
        assert_eq!(found(&map), expected);
    }

    #[test]
    fn secure_mode_reads_only_the_secure_name() {
        let secure = CookieNames::new(None, true).unwrap();
        let map = headers(&[(COOKIE, b"next-auth.session-token=tossed")]);
        assert!(matches!(find(&map, &secure, MAX), Lookup::Nothing));
        let map = headers(&[(
            COOKIE,
            b"next-auth.session-token=tossed; __Secure-next-auth.session-token=real",
        )]);
        let Lookup::Found { token, cookies } = find(&map, &secure, MAX) else {
            panic!("the secure cookie is the session");
        };
        assert_eq!(token, "real");
        assert_eq!(
            cookies.map(|seen| seen.name.to_string()).as_deref(),
            Some("__Secure-next-auth.session-token")
        );
        // A bearer token still counts when there is no secure cookie.
        let map = headers(&[
            (COOKIE, b"next-auth.session-token.0=tossed"),
            (AUTHORIZATION, b"Bearer header"),
        ]);
        assert!(matches!(
            find(&map, &secure, MAX),
            Lookup::Found { cookies: None, .. }
        ));
    }

    #[test]
    fn the_configured_name_wins_over_its_counterpart() {
        let map = headers(&[(
            COOKIE,
            b"__Secure-next-auth.session-token=old; next-auth.session-token=new",
        )]);
        assert_eq!(found(&map), plain("new"));
    }

    #[test]
    fn joins_chunks_in_index_order() {
        let map = headers(&[(COOKIE, b"next-auth.session-token.2=c; next-auth.session-token.0=a; next-auth.session-token.1=b")]);
        assert_eq!(found(&map), plain("abc"));
    }

    #[test]
    fn a_missing_chunk_is_a_broken_session() {
        let map = headers(&[(
            COOKIE,
            b"next-auth.session-token.0=a; next-auth.session-token.2=c",
        )]);
        let Lookup::Broken(seen) = find(&map, &names(), MAX) else {
            panic!("a gap in the chunks must not assemble");
        };
        assert_eq!(seen.chunks, [0, 2]);
    }

    #[test]
    fn chunks_over_the_size_cap_are_a_broken_session() {
        let map = headers(&[(
            COOKIE,
            b"next-auth.session-token.0=aaaa; next-auth.session-token.1=bbbb",
        )]);
        assert!(matches!(find(&map, &names(), 7), Lookup::Broken(_)));
    }

    #[test]
    fn only_the_name_or_name_dot_digits_are_session_cookies() {
        for other in [
            &b"next-auth.session-token-old=abc"[..],
            b"next-auth.session-tokens=abc",
            b"next-auth.session-token.=abc",
            b"next-auth.session-token.x=abc",
            b"next-auth.session-token.-1=abc",
            b"next-auth.session-token.01=abc",
            b"next-auth.session-token.99999999=abc",
            b"xnext-auth.session-token=abc",
        ] {
            assert_eq!(
                found(&headers(&[(COOKIE, other)])),
                None,
                "{}",
                String::from_utf8_lossy(other)
            );
        }
    }

    #[test]
    fn a_cookie_of_utf8_text_beside_the_session_cookie_does_not_hide_it() {
        let map = headers(&[(
            COOKIE,
            "theme=café-crème; next-auth.session-token=abc; lang=fr".as_bytes(),
        )]);
        assert_eq!(found(&map), plain("abc"));
        let map = headers(&[(COOKIE, b"a=\xff\xfe;next-auth.session-token =  abc ;b")]);
        assert_eq!(found(&map), plain("abc"));
    }

    #[test]
    fn a_session_cookie_whose_value_is_not_text_is_broken() {
        let map = headers(&[(COOKIE, b"next-auth.session-token=ab\xffc")]);
        assert!(matches!(find(&map, &names(), MAX), Lookup::Broken(_)));
        let map = headers(&[(
            COOKIE,
            b"next-auth.session-token.0=ab; next-auth.session-token.1=\xff",
        )]);
        assert!(matches!(find(&map, &names(), MAX), Lookup::Broken(_)));
    }

    #[test]
    fn different_repeats_of_the_session_cookie_are_ambiguous() {
        for header in [
            &b"next-auth.session-token=attacker; next-auth.session-token=victim"[..],
            b"next-auth.session-token=a; next-auth.session-token.0=b",
            b"next-auth.session-token.0=a; next-auth.session-token.0=b",
        ] {
            let map = headers(&[(COOKIE, header)]);
            assert!(
                matches!(find(&map, &names(), MAX), Lookup::Ambiguous(_)),
                "{}",
                String::from_utf8_lossy(header)
            );
        }
        // In two `Cookie` headers too, and even with a bearer token beside them.
        let map = headers(&[
            (COOKIE, b"next-auth.session-token=a"),
            (COOKIE, b"next-auth.session-token=b"),
            (AUTHORIZATION, b"Bearer c"),
        ]);
        assert!(matches!(find(&map, &names(), MAX), Lookup::Ambiguous(_)));
    }

    #[test]
    fn equal_repeats_of_the_session_cookie_are_one_cookie() {
        let map = headers(&[(
            COOKIE,
            b"next-auth.session-token=abc; theme=x; next-auth.session-token=abc",
        )]);
        assert_eq!(found(&map), plain("abc"));
        let map = headers(&[(
            COOKIE,
            b"next-auth.session-token.1=b; next-auth.session-token.0=a; next-auth.session-token.1=b",
        )]);
        assert_eq!(found(&map), plain("ab"));
    }

    #[test]
    fn the_cookie_wins_over_the_bearer_header() {
        let map = headers(&[
            (AUTHORIZATION, b"Bearer from-header"),
            (COOKIE, b"next-auth.session-token=from-cookie"),
        ]);
        assert_eq!(found(&map), plain("from-cookie"));
    }

    #[test]
    fn reads_a_bearer_token_with_any_scheme_case() {
        let map = headers(&[(AUTHORIZATION, b"bEaReR  tok")]);
        assert_eq!(found(&map), Some(("tok".to_owned(), None)));
    }

    #[test]
    fn other_schemes_and_empty_or_binary_values_hold_no_token() {
        for value in [
            &b"Basic dXNlcjpwYXNz"[..],
            b"Bearer",
            b"Bearer   ",
            b"\xff\xfe",
        ] {
            assert_eq!(found(&headers(&[(AUTHORIZATION, value)])), None);
        }
        let map = headers(&[(COOKIE, b"\xffnext-auth.session-token=abc")]);
        assert_eq!(found(&map), None);
    }

    /// The cookies of a header as [`find`] read them before it used `memchr`: every
    /// `;`-separated pair, trimmed, split at its first `=`.
    fn every_pair(header: &[u8]) -> Vec<(&[u8], &[u8])> {
        header
            .split(|&byte| byte == b';')
            .filter_map(|pair| {
                let pair = pair.trim_ascii();
                let equals = pair.iter().position(|&byte| byte == b'=')?;
                let (name, value) = (&pair[..equals], &pair[equals + 1..]);
                Some((name.trim_ascii_end(), value.trim_ascii_start()))
            })
            .collect()
    }

    #[test]
    fn memchr_finds_the_pairs_splitting_byte_by_byte_found() {
        // Headers made of pieces chosen to meet at every boundary the parser cares about.
        const PIECES: [&[u8]; 20] = [
            b"next-auth.session-token",
            b"__Secure-next-auth.session-token",
            b"=",
            b";",
            b"; ",
            b" ",
            b"\t",
            b".0",
            b".1",
            b".01",
            b"x",
            b"abc",
            b"next-auth.session-token=v",
            b"theme=dark",
            b"\xff",
            b"==",
            b".",
            b"-",
            b"a=next-auth.session-token=b",
            b"next-auth.session-tokennext-auth.session-token",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % 1_000_003).unwrap_or_default()
        };
        for _ in 0..20_000 {
            let header: Vec<u8> = (0..next() % 12)
                .flat_map(|_| PIECES[next() % PIECES.len()].iter().copied())
                .collect();
            assert_eq!(
                pairs(&header).collect::<Vec<_>>(),
                every_pair(&header),
                "{:?}",
                String::from_utf8_lossy(&header)
            );
        }
    }
}
