//! A message built in constant evaluation: a fixed buffer, since a `const` block cannot
//! allocate a `String`.

/// How many bytes a message holds, the ellipsis of a cut message included.
pub(super) const CAPACITY: usize = 4096;

/// What ends a message that did not fit.
const ELLIPSIS: &str = "…";

/// A message of at most [`CAPACITY`] bytes. Text that does not fit is cut after its last whole
/// char that does, and the message ends with `…`.
pub(super) struct Message {
    bytes: [u8; CAPACITY],
    len: usize,
    /// Whether text was cut: nothing more is written after the ellipsis.
    cut: bool,
}

impl Message {
    /// An empty message.
    pub(super) const fn new() -> Self {
        Message {
            bytes: [0; CAPACITY],
            len: 0,
            cut: false,
        }
    }

    /// Whether nothing was written.
    pub(super) const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `text`, or as much of it as fits before the ellipsis.
    pub(super) const fn push(&mut self, text: &str) {
        if self.cut {
            return;
        }
        let text = text.as_bytes();
        // The ellipsis always fits after what is written, so a cut needs no room check.
        let room = CAPACITY - ELLIPSIS.len() - self.len;
        if text.len() <= room {
            self.copy(text, text.len());
            return;
        }
        let mut end = room;
        // Back off to the start of a char, so that the message stays valid UTF-8.
        while end > 0 && is_continuation(text[end]) {
            end -= 1;
        }
        self.copy(text, end);
        self.copy(ELLIPSIS.as_bytes(), ELLIPSIS.len());
        self.cut = true;
    }

    /// Appends `text` between backticks, as messages quote code.
    pub(super) const fn push_code(&mut self, text: &str) {
        self.push("`");
        self.push(text);
        self.push("`");
    }

    /// The text written so far.
    pub(super) const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            // `push` only ever writes whole chars.
            Err(_) => "",
        }
    }

    /// Copies the first `count` bytes of `bytes`.
    const fn copy(&mut self, bytes: &[u8], count: usize) {
        let mut i = 0;
        while i < count {
            self.bytes[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
    }
}

/// Whether `byte` continues a char of UTF-8 rather than starting one.
const fn is_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

#[cfg(test)]
mod tests {
    use super::{CAPACITY, Message};

    #[test]
    fn appends() {
        let mut message = Message::new();
        assert!(message.is_empty());
        message.push("unknown claim ");
        message.push_code("rol");
        assert_eq!(message.as_str(), "unknown claim `rol`");
    }

    #[test]
    fn cuts_long_text_after_a_whole_char() {
        let mut message = Message::new();
        message.push(&"a".repeat(CAPACITY - 5));
        // Two bytes of room are left before the ellipsis: not enough for `é` and `ü` both.
        message.push("éü");
        message.push("ignored");
        let text = message.as_str();
        assert!(text.ends_with("aé…"), "{}", &text[text.len() - 8..]);
        assert_eq!(text.len(), CAPACITY - 5 + 2 + 3);
    }

    #[test]
    fn cuts_inside_a_multibyte_char() {
        let mut message = Message::new();
        message.push(&"a".repeat(CAPACITY - 4));
        // One byte of room: `é` takes two, so none of it is written.
        message.push("é");
        assert!(message.as_str().ends_with("a…"));
        assert_eq!(message.as_str().len(), CAPACITY - 4 + 3);
    }

    #[test]
    fn fills_exactly() {
        let mut message = Message::new();
        message.push(&"a".repeat(CAPACITY - 3));
        assert!(!message.as_str().ends_with('…'));
        message.push("b");
        assert_eq!(message.as_str().len(), CAPACITY);
        assert!(message.as_str().ends_with("a…"));
    }
}
