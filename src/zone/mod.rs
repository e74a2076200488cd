//! Zone files (RFC 1035 §5 master files, as BIND and Cloudflare's own import and export write them)
//! read into Cloudflare's record shape, and records written back as a zone file.
//!
//! - [`parse_zone`]: `$ORIGIN`, `$TTL`, `@`, relative and absolute names, an omitted owner (the
//!   previous record's), optional class `IN`, the TTL before or after the class, BIND TTL units,
//!   parentheses across lines, `;` comments, quoted strings with `\"`, `\\` and `\DDD`. Each value
//!   goes through the record kind's own presentation reader (`RecordData::from_content`, the same
//!   code as `fromContent`). What cannot become a Cloudflare record (`$INCLUDE`, SOA, kinds
//!   Cloudflare does not take) is an issue with its line and column, never dropped in silence.
//!   Cloudflare's record attributes in the trailing comment (comment, tags, proxy status, CNAME
//!   flattening) are read back into the record.
//! - [`format_zone`]: the records as a zone file Cloudflare's import takes (absolute names with a
//!   trailing dot, one record a line, attributes in the trailing comment) and [`parse_zone`] reads
//!   back to the same records.
//!
//! Issues carry 1-based line and column numbers; a column counts characters, not bytes.

mod attributes;
pub mod lexer;
mod reader;
pub mod ttl;
mod writer;

pub use lexer::Pos;
pub use reader::parse_zone;
pub use writer::{format_zone, format_zone_json};

use crate::issue::Severity;
use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How to read a zone file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// The zone's name (`example.com` or `example.com.`): the starting `$ORIGIN`, for `@` and
    /// relative names. A `$ORIGIN` line in the file replaces it from there on.
    pub origin: Option<String>,
    /// The TTL of records that give none, until a `$TTL` line says otherwise.
    pub default_ttl: Option<u32>,
}

/// One finding in a zone file, at a line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct ZoneIssue {
    pub code: Cow<'static, str>,
    pub severity: Severity,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl ZoneIssue {
    pub(crate) fn error(at: Pos, code: &'static str, message: impl Into<String>) -> Self {
        ZoneIssue { code: Cow::Borrowed(code), severity: Severity::Error, line: at.line, column: at.column, message: message.into() }
    }

    pub(crate) fn warning(at: Pos, code: &'static str, message: impl Into<String>) -> Self {
        ZoneIssue { code: Cow::Borrowed(code), severity: Severity::Warning, line: at.line, column: at.column, message: message.into() }
    }
}

impl fmt::Display for ZoneIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {} [{}]", self.line, self.column, self.message, self.code)
    }
}

/// Where a record was read: the position of its entry's first token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// What [`parse_zone`] found: the records in file order (Cloudflare's JSON record shape), where
/// each was read (`positions[i]` is `records[i]`'s), and every issue.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedZone {
    pub records: Vec<Record>,
    pub positions: Vec<Position>,
    pub issues: Vec<ZoneIssue>,
}

impl ParsedZone {
    /// Whether any issue is an error (a record was skipped or misread).
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
}
