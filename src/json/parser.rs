//! The JSON text → [`Json`] tree parser.
//!
//! Written here rather than driving serde_json's `Deserializer` through a `Visitor` because the
//! parse was a third of the time of checking a 3,500-record batch (9.2 M instructions of 31 M),
//! most of it serde's per-value visitor plumbing and serde_json's string scanning set up anew for
//! each of the ~55,000 short strings. This parser writes nodes straight into the arena, borrows
//! every string without escapes from the text, and finds the end of a string eight bytes at a time.
//!
//! It accepts exactly the JSON that serde_json accepts (RFC 8259; tests and the `json_parse` fuzz
//! target compare the two on every input): the same grammar, the same nesting limit (127 levels),
//! lone surrogates in `\u` escapes refused (a Rust string cannot hold them), numbers out of the
//! range of an `f64` refused. Numbers are read as serde_json reads them (integers exact, `-0` a
//! float), except that decimal fractions are rounded correctly ([`crate::float::parse`], which also keeps
//! `core`'s float tables out of the WebAssembly build), where serde_json's default may be off by
//! one unit in the last place.

use super::{Arena, Json, Num};
use std::fmt;

/// JSON text that is not valid JSON: what was wrong, and where (1-based line and column, as
/// serde_json reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub reason: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.reason, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// serde_json's recursion limit: a 128th nested array or object is refused, so deep nesting is an
/// error, never a stack overflow.
const NESTING_LIMIT: u32 = 128;

pub(super) fn parse<'t: 'a, 'a>(text: &'t str, arena: &'a Arena) -> Result<Json<'a>, ParseError> {
    parse_noting(text, arena, None).map(|(value, _)| value)
}

/// [`parse`], and where each item of a top-level array starts and ends in `text` (empty when the
/// text is not an array): a zone's listing kept with its text (the Rust API's) reads a record back
/// from its own span only when a plan shows it.
pub(super) fn parse_with_item_spans<'t: 'a, 'a>(text: &'t str, arena: &'a Arena) -> Result<(Json<'a>, Vec<Span>), ParseError> {
    parse_noting(text, arena, Some(Vec::new())).map(|(value, spans)| (value, spans.unwrap_or_default()))
}

type Span = std::ops::Range<usize>;

/// The one parse: `item_spans`, when given, collects the spans of a top-level array's items.
fn parse_noting<'t: 'a, 'a>(text: &'t str, arena: &'a Arena, item_spans: Option<Vec<Span>>) -> Result<(Json<'a>, Option<Vec<Span>>), ParseError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), at: 0, arena, depth_left: NESTING_LIMIT, reason: "", unescaped: String::new(), item_spans };
    let parsed = parser.value().and_then(|value| {
        parser.skip_whitespace();
        match parser.at < parser.bytes.len() {
            true => Err(parser.error("trailing characters")),
            false => Ok(value),
        }
    });
    match parsed {
        Ok(value) => Ok((value, parser.item_spans.take())),
        Err(Failed) => Err(parser.located_error()),
    }
}

struct Parser<'t, 'a> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    arena: &'a Arena,
    depth_left: u32,
    /// Why parsing failed (at `at`), once it has.
    reason: &'static str,
    /// Where strings with escapes are decoded (kept to be reused).
    unescaped: String,
    /// The spans of the top-level array's items, when asked for ([`parse_with_item_spans`]).
    item_spans: Option<Vec<Span>>,
}

/// Parsing failed; the reason and position are in the parser. (A marker rather than the error
/// itself keeps every `Result` here as small as its value: a `Result<&str, Failed>` is two words.)
struct Failed;

// The per-byte and per-token helpers are `#[inline(always)]`: the WebAssembly build is compiled at
// opt-level "z", where LLVM ignores a plain `#[inline]` and each of them stays a call. Inlined, the
// check of a 3,500-record answer in Node takes about half the time, for a few hundred bytes of .wasm.
impl<'t: 'a, 'a> Parser<'t, 'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next byte after any whitespace, not consumed.
    #[inline(always)]
    fn next_token(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.peek()
    }

    fn value(&mut self) -> Result<Json<'a>, Failed> {
        match self.next_token() {
            Some(b'"') => {
                self.at += 1;
                self.string().map(Json::String)
            }
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Json::Number),
            Some(_) => Err(self.error("expected value")),
            None => Err(self.error("EOF while parsing a value")),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Json<'a>, Failed>) -> Result<Json<'a>, Failed> {
        self.depth_left -= 1;
        if self.depth_left == 0 {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        let value = read(self);
        self.depth_left += 1;
        value
    }

    fn object(&mut self) -> Result<Json<'a>, Failed> {
        // Records have up to about ten members; a larger object grows once or twice.
        let mut members = bumpalo::collections::Vec::with_capacity_in(10, self.arena);
        if self.next_token() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(members.into_bump_slice()));
        }
        loop {
            match self.next_token() {
                Some(b'"') => self.at += 1,
                Some(_) => return Err(self.error("key must be a string")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            let key = self.string()?;
            match self.next_token() {
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.error("expected `:`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            members.push((key, self.value()?));
            if self.closes(b'}', "expected `,` or `}`", "EOF while parsing an object")? {
                return Ok(Json::Object(members.into_bump_slice()));
            }
        }
    }

    fn array(&mut self) -> Result<Json<'a>, Failed> {
        let mut items = bumpalo::collections::Vec::new_in(self.arena);
        if self.next_token() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items.into_bump_slice()));
        }
        // Spans are noted for the items of the top-level array only, when asked for.
        let noting = self.item_spans.is_some() && self.depth_left == NESTING_LIMIT - 1;
        loop {
            let start = match noting {
                true => {
                    self.skip_whitespace();
                    self.at
                }
                false => 0,
            };
            items.push(self.value()?);
            if let Some(spans) = self.item_spans.as_mut().filter(|_| noting) {
                spans.push(start..self.at);
            }
            if self.closes(b']', "expected `,` or `]`", "EOF while parsing a list")? {
                return Ok(Json::Array(items.into_bump_slice()));
            }
        }
    }

    /// After a member or an item: `,` (another follows: `false`) or `close` (`true`), consumed.
    #[inline(always)]
    fn closes(&mut self, close: u8, unexpected: &'static str, eof: &'static str) -> Result<bool, Failed> {
        match self.next_token() {
            Some(b',') => {
                self.at += 1;
                Ok(false)
            }
            Some(b) if b == close => {
                self.at += 1;
                Ok(true)
            }
            Some(_) => Err(self.error(unexpected)),
            None => Err(self.error(eof)),
        }
    }

    fn literal(&mut self, word: &'static str, value: Json<'a>) -> Result<Json<'a>, Failed> {
        for &expected in word.as_bytes() {
            match self.peek() {
                Some(b) if b == expected => self.at += 1,
                Some(_) => return Err(self.error("expected ident")),
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    /// A string whose opening quote has been consumed. Borrowed from the text when it has no
    /// escapes; decoded into the arena when it has.
    #[inline(always)]
    fn string(&mut self) -> Result<&'a str, Failed> {
        let start = self.at;
        self.at = find_special(self.bytes, self.at);
        match self.peek() {
            Some(b'"') => {
                let s = self.text.get(start..self.at).unwrap_or_default();
                self.at += 1;
                Ok(s)
            }
            Some(b'\\') => self.escaped_string(start),
            Some(_) => Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            None => Err(self.error("EOF while parsing a string")),
        }
    }

    /// The rest of a string with escapes, from `start` (just after the opening quote); `self.at`
    /// is at the first backslash.
    #[cold]
    fn escaped_string(&mut self, start: usize) -> Result<&'a str, Failed> {
        // Decoded in a buffer the parser keeps, then copied into the arena at its exact size: the
        // decoded length is not known until the closing quote, and growing a string in the
        // arena leaves every smaller copy behind.
        let mut out = std::mem::take(&mut self.unescaped);
        out.clear();
        let mut run = start;
        let decoded = loop {
            out.push_str(self.text.get(run..self.at).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    break Ok(());
                }
                Some(b'\\') => {
                    self.at += 1;
                    let Some(escape) = self.peek() else { break Err(self.error("EOF while parsing a string")) };
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => match self.unicode_escape() {
                            Ok(c) => out.push(c),
                            Err(failed) => break Err(failed),
                        },
                        _ => {
                            self.at -= 1;
                            break Err(self.error("invalid escape"));
                        }
                    }
                }
                Some(_) => break Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
                None => break Err(self.error("EOF while parsing a string")),
            }
            run = self.at;
            self.at = find_special(self.bytes, self.at);
        };
        let text = decoded.map(|()| &*self.arena.alloc_str(&out));
        self.unescaped = out;
        text
    }

    /// The character of a `\u` escape whose `\u` has been consumed, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, Failed> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone leading surrogate in hex escape")),
            other => u32::from(other),
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u16, Failed> {
        let mut value = 0u16;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => (b as char).to_digit(16).ok_or_else(|| self.error("invalid escape"))?,
                None => return Err(self.error("EOF while parsing a string")),
            };
            value = (value << 4) | digit as u16;
            self.at += 1;
        }
        Ok(value)
    }

    /// A number, read as serde_json reads it: an integer without fraction or exponent that fits
    /// stays exact (`-0` is the float -0.0, as there); anything else is the nearest `f64`.
    fn number(&mut self) -> Result<Num, Failed> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut significand: u64 = 0;
        let mut overflowed = false;
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    match significand.checked_mul(10).and_then(|s| s.checked_add(u64::from(digit - b'0'))) {
                        Some(s) => significand = s,
                        None => overflowed = true,
                    }
                    self.at += 1;
                }
            }
            Some(_) => return Err(self.error("invalid number")),
            None => return Err(self.error("EOF while parsing a value")),
        }
        let mut is_float = overflowed;
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.digits()?;
            is_float = true;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.digits()?;
            is_float = true;
        }
        if !is_float {
            return Ok(match (negative, significand) {
                (false, s) => i64::try_from(s).map_or(Num::Float(s as f64), Num::Int),
                (true, 0) => Num::Float(-0.0),
                (true, s) if s <= 1 << 63 => Num::Int((s as i64).wrapping_neg()),
                (true, s) => Num::Float(-(s as f64)),
            });
        }
        match self.text.get(start..self.at).and_then(crate::float::parse) {
            Some(f) if f.is_finite() => Ok(Num::Float(f)),
            _ => {
                self.at = start;
                Err(self.error("number out of range"))
            }
        }
    }

    /// One or more decimal digits (of a fraction or exponent).
    fn digits(&mut self) -> Result<(), Failed> {
        match self.peek() {
            Some(b'0'..=b'9') => {}
            Some(_) => return Err(self.error("invalid number")),
            None => return Err(self.error("EOF while parsing a value")),
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        Ok(())
    }

    /// Notes why parsing failed at the current position.
    #[cold]
    fn error(&mut self, reason: &'static str) -> Failed {
        self.reason = reason;
        Failed
    }

    /// The error to report. Lines and columns are counted only here, on failure.
    #[cold]
    fn located_error(&self) -> ParseError {
        let reason = self.reason;
        let upto = self.bytes.get(..self.at.min(self.bytes.len())).unwrap_or_default();
        let line = 1 + upto.iter().filter(|&&b| b == b'\n').count();
        let column = upto.iter().rev().take_while(|&&b| b != b'\n').count() + usize::from(self.at < self.bytes.len());
        ParseError { reason, line, column }
    }
}

/// The index of the first byte at or after `from` that ends a plain run of string text: a quote,
/// a backslash or a control character (or the end of the text).
///
/// Eight bytes at a time: for each word, a byte-wise "is zero" test (`(v - 0x01..) & !v & 0x80..`)
/// on the word XOR-ed with `"` and with `\`, and a "less than 0x20" test. The lowest flagged byte
/// is always a true match (false flags can only appear above a true one), so its index is exact.
#[inline(always)]
pub(crate) fn find_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut at = from;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let flagged = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & HIGHS;
        if flagged != 0 {
            return at + (flagged.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}
