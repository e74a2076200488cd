//! RFC 1035 §5.1 master-file tokens, grouped into entries (one entry is one logical line: a record or
//! a directive, with parentheses joining physical lines), each token with its line and column.
//!
//! Tokens are kept as written (quotes and `\` escapes included): each record kind's own
//! presentation reader (`RecordData::from_content`) decodes them, so a zone file and `fromContent`
//! read a value the same way. The lexer only has to know where a token ends: at white space, `;`,
//! `(` or `)` outside quotes. A quoted part may sit inside a token (`alpn="h3,h2"` is one SVCB
//! parameter), and `\X` never ends a token (`a\;b`, `\"`).
//!
//! Hand-written: the zone-file crates that do this pull in a whole DNS library, which the
//! WebAssembly build cannot afford, and none keeps tokens as written with their positions.

use super::ZoneIssue;

/// Where something starts: 1-based line, and 1-based column counted in characters (Unicode scalar
/// values), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One token as written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub pos: Pos,
    /// Byte offsets of the token in the file.
    pub start: usize,
    pub end: usize,
}

/// One logical line. `tokens` is filled by [`Lexer::next_entry`] (the buffer is reused).
#[derive(Debug, Default)]
pub struct Entry<'a> {
    /// Where the entry starts (its first token, or the start of its line).
    pub pos: Pos,
    /// The line started with white space: the owner is the previous record's.
    pub blank_owner: bool,
    /// Parentheses were used, so tokens may sit on several lines.
    pub parenthesised: bool,
    /// The `;` comment that follows the entry's last token on the entry's last line (without the
    /// `;`), where Cloudflare's export writes a record's comment and tags.
    pub comment: Option<(&'a str, Pos)>,
    /// The entry was cut short by a lexical error (already reported); it should be skipped.
    pub broken: bool,
}

pub struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    i: usize,
    line: u32,
    column: u32,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        // A byte-order mark is not part of the first owner name.
        let skip = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer { text, bytes: text.as_bytes(), i: skip, line: 1, column: 1 }
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    /// Moves past one byte, keeping line and column (a column is one character: the bytes that
    /// continue a UTF-8 sequence do not count).
    fn bump(&mut self) {
        let Some(b) = self.peek() else { return };
        self.i += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if self.peek().is_none_or(|next| next & 0xC0 != 0x80) {
            self.column += 1;
        }
    }

    /// The next entry with at least one token, or `None` at the end of the text. Lexical problems
    /// (an unterminated quote, unbalanced parentheses) are added to `issues`.
    pub fn next_entry(&mut self, tokens: &mut Vec<Token<'a>>, issues: &mut Vec<ZoneIssue>) -> Option<Entry<'a>> {
        loop {
            if self.i >= self.bytes.len() {
                return None;
            }
            tokens.clear();
            let mut entry = Entry { pos: self.pos(), blank_owner: matches!(self.peek(), Some(b' ' | b'\t')), ..Entry::default() };
            // The position of each open parenthesis (one is enough to report; nesting is counted).
            let mut depth = 0usize;
            let mut open_at = Pos::default();
            loop {
                let Some(b) = self.peek() else {
                    if depth > 0 {
                        issues.push(ZoneIssue::error(open_at, "zone.paren.unclosed", "this `(` is never closed; the entry it opens is skipped"));
                        entry.broken = true;
                    }
                    break;
                };
                match b {
                    b'\n' => {
                        self.bump();
                        if depth == 0 {
                            break;
                        }
                    }
                    b' ' | b'\t' | b'\r' => self.bump(),
                    b';' => {
                        let at = self.pos();
                        self.bump();
                        let start = self.i;
                        while self.peek().is_some_and(|c| c != b'\n') {
                            self.bump();
                        }
                        let body = self.text.get(start..self.i).unwrap_or_default();
                        let body = body.strip_suffix('\r').unwrap_or(body);
                        // Only a comment that closes the entry belongs to the record.
                        if depth == 0 {
                            entry.comment = Some((body, at));
                        }
                    }
                    b'(' => {
                        if depth == 0 {
                            open_at = self.pos();
                        }
                        depth += 1;
                        entry.parenthesised = true;
                        self.bump();
                    }
                    b')' => {
                        if depth == 0 {
                            issues.push(ZoneIssue::error(self.pos(), "zone.paren.unbalanced", "this `)` closes no `(`; the entry is skipped"));
                            entry.broken = true;
                        } else {
                            depth -= 1;
                        }
                        self.bump();
                    }
                    _ => {
                        let token = self.token(issues, &mut entry.broken);
                        if tokens.is_empty() {
                            entry.pos = token.pos;
                        }
                        tokens.push(token);
                    }
                }
            }
            if !tokens.is_empty() {
                return Some(entry);
            }
        }
    }

    /// One token: up to white space, `;`, `(` or `)` outside quotes; `\X` is kept with what it
    /// escapes. A quote left open at the end of the line is reported, and the token ends there.
    fn token(&mut self, issues: &mut Vec<ZoneIssue>, broken: &mut bool) -> Token<'a> {
        let pos = self.pos();
        let start = self.i;
        let mut quote_at: Option<Pos> = None;
        while let Some(b) = self.peek() {
            match (b, quote_at) {
                (b'\\', _) => {
                    self.bump();
                    // The escaped character, whole (it may be several bytes), unless it is a line end.
                    if self.peek().is_some_and(|c| c != b'\n') {
                        self.bump();
                        while self.peek().is_some_and(|c| c & 0xC0 == 0x80) {
                            self.bump();
                        }
                    }
                }
                (b'\n', Some(at)) => {
                    issues.push(ZoneIssue::error(at, "zone.quote.unterminated", "this quoted string is not closed on its line; the entry is skipped"));
                    *broken = true;
                    quote_at = None;
                    break;
                }
                (b'"', Some(_)) => {
                    quote_at = None;
                    self.bump();
                }
                (b'"', None) => {
                    quote_at = Some(self.pos());
                    self.bump();
                }
                (_, Some(_)) => self.bump(),
                (b' ' | b'\t' | b'\r' | b'\n' | b';' | b'(' | b')', None) => break,
                (_, None) => self.bump(),
            }
        }
        if let Some(at) = quote_at {
            issues.push(ZoneIssue::error(at, "zone.quote.unterminated", "this quoted string is not closed before the end of the file; the entry is skipped"));
            *broken = true;
        }
        let end = self.i;
        Token { text: self.text.get(start..end).unwrap_or_default(), pos, start, end }
    }
}

/// Whether `text` reads back as the same tokens on one line: no line break, no `;`, `(` or `)`
/// outside quotes, no quote left open, and no `\` at the very end. The writer checks every value it
/// writes with it, so a value that would change meaning in a zone file is refused, not written.
pub fn reads_back_on_one_line(text: &str) -> bool {
    let mut quoted = false;
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'\n' | b'\r' => return false,
            // A `\` escapes the next byte; one at the very end, or before a line break, escapes nothing.
            b'\\' if bytes.next().is_none_or(|c| c == b'\n' || c == b'\r') => return false,
            b'"' => quoted = !quoted,
            b';' | b'(' | b')' if !quoted => return false,
            _ => {}
        }
    }
    !quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each entry's tokens, whether its owner was left blank, and its trailing comment.
    type Seen = Vec<(Vec<String>, bool, Option<String>)>;

    fn entries(text: &str) -> (Seen, Vec<ZoneIssue>) {
        let mut lexer = Lexer::new(text);
        let mut tokens = Vec::new();
        let mut issues = Vec::new();
        let mut out = Vec::new();
        while let Some(e) = lexer.next_entry(&mut tokens, &mut issues) {
            out.push((tokens.iter().map(|t| t.text.to_string()).collect(), e.blank_owner, e.comment.map(|c| c.0.to_string())));
        }
        (out, issues)
    }

    #[test]
    fn splits_lines_joins_parentheses_and_keeps_quotes() {
        let (e, issues) = entries("a 1 IN TXT \"x ; y\" ; note\n  (b\n c) ; inner\n\n; alone\nd SVCB 1 . alpn=\"h3,h2 x\"\r\n");
        assert!(issues.is_empty());
        assert_eq!(e[0].0, ["a", "1", "IN", "TXT", "\"x ; y\""]);
        assert_eq!(e[0].2.as_deref(), Some(" note"));
        assert_eq!(e[1].0, ["b", "c"]);
        assert!(e[1].1);
        assert_eq!(e[1].2.as_deref(), Some(" inner"));
        assert_eq!(e[2].0, ["d", "SVCB", "1", ".", "alpn=\"h3,h2 x\""]);
    }

    #[test]
    fn escapes_do_not_end_tokens() {
        let (e, _) = entries("a\\;b \\\"c \"q\\\"r\" é\\é");
        assert_eq!(e[0].0, ["a\\;b", "\\\"c", "\"q\\\"r\"", "é\\é"]);
    }

    #[test]
    fn positions_count_characters() {
        let mut lexer = Lexer::new("é x\n  y (z\n w)");
        let mut tokens = Vec::new();
        let mut issues = Vec::new();
        lexer.next_entry(&mut tokens, &mut issues);
        assert_eq!(tokens[1].pos, Pos { line: 1, column: 3 });
        lexer.next_entry(&mut tokens, &mut issues);
        assert_eq!(tokens.iter().map(|t| (t.pos.line, t.pos.column)).collect::<Vec<_>>(), [(2, 3), (2, 6), (3, 2)]);
    }

    #[test]
    fn one_line_check() {
        assert!(reads_back_on_one_line(r#"0 issue "a; b (c)""#));
        assert!(!reads_back_on_one_line("a ; b"));
        assert!(!reads_back_on_one_line("\"a"));
        assert!(!reads_back_on_one_line("a\nb"));
        assert!(!reads_back_on_one_line("a\\"));
    }
}
