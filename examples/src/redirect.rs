//! Where to send a browser after signing in: the `callbackUrl` it asked for, but only when
//! that is a page of this site, so the sign-in form cannot be used as an open redirect.

/// `callback_url` when it is a local path, else `/`.
pub(crate) fn local_or_home(callback_url: &str) -> &str {
    if is_local_path(callback_url) {
        callback_url
    } else {
        "/"
    }
}

/// A path on this site: it starts with `/`, but not with `//` or `/\` (which browsers read as
/// another host), and holds only visible ASCII, so no whitespace or control character that a
/// browser would strip to turn `/\t/evil.example` into `//evil.example`.
pub(crate) fn is_local_path(url: &str) -> bool {
    url.starts_with('/')
        && !url.starts_with("//")
        && !url.starts_with("/\\")
        && url.bytes().all(|byte| byte.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_local_paths() {
        for url in ["/", "/admin", "/admin?tab=users#top", "/a//b"] {
            assert_eq!(local_or_home(url), url);
        }
    }

    #[test]
    fn sends_anything_else_home() {
        for url in [
            "",
            "admin",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/caf\u{e9}",
            "javascript:alert(1)",
        ] {
            assert_eq!(local_or_home(url), "/", "{url:?}");
        }
    }
}
