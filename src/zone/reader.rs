//! From entries (see `lexer`) to records: directives, owners, TTL and class, the type, and the value
//! through the kind's own presentation reader.

use super::attributes;
use super::lexer::{Entry, Lexer, Pos, Token};
use super::{ttl, ParseOptions, ParsedZone, Position, ZoneIssue};
use crate::record::{CommonFields, Record, RecordData, RecordType, Settings};
use compact_str::CompactString;

/// Reads a zone file. Never fails: what cannot be read is an issue, and reading goes on with the
/// next entry. Linear in the text: each byte is looked at a bounded number of times, and only the
/// records' own strings are allocated.
pub fn parse_zone(text: &str, options: &ParseOptions) -> ParsedZone {
    let mut reader = Reader {
        text,
        origin: options.origin.as_deref().map(|o| origin_of(o.trim())),
        ttl: options.default_ttl,
        last_ttl: None,
        last_owner: None,
        warned_origin: false,
        warned_ttl: false,
        out: ParsedZone::default(),
    };
    let mut lexer = Lexer::new(text);
    let mut tokens: Vec<Token> = Vec::new();
    let mut lexical = Vec::new();
    while let Some(entry) = lexer.next_entry(&mut tokens, &mut lexical) {
        reader.out.issues.append(&mut lexical);
        reader.entry(&entry, &tokens);
    }
    reader.out.issues.append(&mut lexical);
    reader.out
}

struct Reader<'a> {
    text: &'a str,
    /// The current origin, without its trailing dot.
    origin: Option<CompactString>,
    /// The `$TTL` (or the default TTL option).
    ttl: Option<u32>,
    /// The last TTL written on a record: RFC 1035 §5.1 lets later records omit it.
    last_ttl: Option<u32>,
    last_owner: Option<CompactString>,
    warned_origin: bool,
    warned_ttl: bool,
    out: ParsedZone,
}

/// Record types that exist in DNS but that Cloudflare does not take; a zone file holding them is
/// still a good zone file, so they are warnings. `TYPEnnn` (RFC 3597) is handled apart.
const OTHER_TYPES: &[&str] = &[
    "A6", "AFSDB", "ALIAS", "AMTRELAY", "ANAME", "APL", "ATMA", "AVC", "CDNSKEY", "CDS", "CSYNC", "DHCID", "DLV", "DNAME", "DOA", "EUI48",
    "EUI64", "GPOS", "HINFO", "HIP", "IPSECKEY", "ISDN", "KEY", "KX", "L32", "L64", "LP", "MB", "MD", "MF", "MG", "MINFO", "MR", "NID",
    "NINFO", "NSAP", "NSAP-PTR", "NSEC", "NSEC3", "NSEC3PARAM", "NULL", "NXT", "PX", "RESINFO", "RKEY", "RP", "RRSIG", "RT", "SIG", "SINK",
    "SPF", "TA", "TALINK", "TKEY", "TSIG", "WALLET", "WKS", "X25", "ZONEMD",
];

impl<'a> Reader<'a> {
    fn issue(&mut self, issue: ZoneIssue) {
        self.out.issues.push(issue);
    }

    fn entry(&mut self, entry: &Entry<'a>, tokens: &[Token<'a>]) {
        if entry.broken {
            return;
        }
        let Some(first) = tokens.first() else { return };
        if first.text.starts_with('$') {
            self.directive(first, tokens.get(1..).unwrap_or_default());
            return;
        }
        self.record(entry, tokens);
    }

    fn directive(&mut self, name: &Token<'a>, args: &[Token<'a>]) {
        let upper = name.text.to_ascii_uppercase();
        match upper.as_str() {
            "$ORIGIN" => match args {
                [origin] => {
                    let text = origin.text;
                    self.origin = Some(if is_absolute(text) || self.origin.is_none() {
                        origin_of(text)
                    } else {
                        join(text, self.origin.as_deref().unwrap_or_default())
                    });
                }
                _ => self.issue(ZoneIssue::error(name.pos, "zone.directive.arguments", "`$ORIGIN` takes one domain name, e.g. `$ORIGIN example.com.`")),
            },
            "$TTL" => match args {
                [value] => match ttl::parse(value.text) {
                    Ok(seconds) => self.ttl = Some(seconds),
                    Err(reason) => self.issue(ZoneIssue::error(value.pos, "zone.ttl.invalid", format!("{reason}; the `$TTL` line is ignored"))),
                },
                _ => self.issue(ZoneIssue::error(name.pos, "zone.directive.arguments", "`$TTL` takes one TTL, e.g. `$TTL 3600` or `$TTL 1h`")),
            },
            "$INCLUDE" => self.issue(ZoneIssue::error(
                name.pos,
                "zone.include.unsupported",
                "`$INCLUDE` is not followed: Cloudflare's import refuses it (\"$INCLUDE directive not allowed\"); paste the included file in its place",
            )),
            "$GENERATE" => self.issue(ZoneIssue::error(
                name.pos,
                "zone.generate.unsupported",
                "`$GENERATE` is not expanded here, so the records it would make are missing; write them out",
            )),
            _ => self.issue(ZoneIssue::error(
                name.pos,
                "zone.directive.unknown",
                format!("unknown directive `{}`: zone files know `$ORIGIN`, `$TTL`, `$INCLUDE` and `$GENERATE`", crate::issue::shorten(name.text)),
            )),
        }
    }

    fn record(&mut self, entry: &Entry<'a>, tokens: &[Token<'a>]) {
        let mut rest = tokens;
        let owner = if entry.blank_owner {
            match &self.last_owner {
                Some(owner) => owner.clone(),
                None => {
                    self.issue(ZoneIssue::error(
                        entry.pos,
                        "zone.owner.missing",
                        "this record starts with white space, which means \"the previous record's name\", but no record comes before it; the record is skipped",
                    ));
                    return;
                }
            }
        } else {
            let Some((name, after)) = rest.split_first() else { return };
            rest = after;
            let owner = self.name(name.text, name.pos);
            self.last_owner = Some(owner.clone());
            owner
        };

        // [TTL] [class] or [class] [TTL], in either order, each at most once.
        let mut record_ttl: Option<u32> = None;
        let mut class_seen = false;
        while let Some((token, after)) = rest.split_first() {
            if record_ttl.is_none() && token.text.starts_with(|c: char| c.is_ascii_digit()) {
                match ttl::parse(token.text) {
                    Ok(seconds) => record_ttl = Some(seconds),
                    Err(reason) => {
                        self.issue(ZoneIssue::error(token.pos, "zone.ttl.invalid", format!("{reason}; the record is skipped")));
                        return;
                    }
                }
            } else if !class_seen && is_class(token.text) {
                if !token.text.eq_ignore_ascii_case("IN") {
                    self.issue(ZoneIssue::warning(
                        token.pos,
                        "zone.class.unsupported",
                        format!("class {} is not IN (Internet); Cloudflare holds only IN records, so the record is skipped", token.text),
                    ));
                    return;
                }
                class_seen = true;
            } else {
                break;
            }
            rest = after;
        }

        let Some((type_token, value)) = rest.split_first() else {
            let at = tokens.last().map_or(entry.pos, |t| t.pos);
            self.issue(ZoneIssue::error(at, "zone.type.missing", "the record has no type (A, MX, TXT ...); it is skipped"));
            return;
        };
        let Some(kind) = self.kind(type_token) else { return };
        let Some((first, last)) = value.first().zip(value.last()) else {
            self.issue(ZoneIssue::error(type_token.pos, "zone.rdata.missing", format!("the {kind} record has no value; it is skipped")));
            return;
        };
        let joined;
        let rdata: &str = if entry.parenthesised {
            // Spread over lines: the tokens, one space apart (comments and line breaks left out).
            joined = value.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            &joined
        } else {
            // On one line: the value as written, spacing included, without copying it.
            self.text.get(first.start..last.end).unwrap_or_default()
        };
        // Read, make relative host names absolute (`@`, `mail` against $ORIGIN), then check the
        // finished value exactly as `fromContent` checks one.
        let mut data = match RecordData::read_content(kind, rdata) {
            Ok(data) => data,
            Err(e) => {
                self.issue(ZoneIssue::error(first.pos, "zone.rdata.invalid", format!("{e}; the record is skipped")));
                return;
            }
        };
        self.absolute_targets(&mut data, first.pos);
        let data = match data.checked() {
            Ok(data) => data,
            Err(reason) => {
                let e = crate::record::ContentError { kind, reason };
                self.issue(ZoneIssue::error(first.pos, "zone.rdata.invalid", format!("{e}; the record is skipped")));
                return;
            }
        };

        if record_ttl.is_some() {
            self.last_ttl = record_ttl;
        }
        let ttl = record_ttl.or(self.ttl).or(self.last_ttl);
        if ttl.is_none() && !self.warned_ttl {
            self.warned_ttl = true;
            self.issue(ZoneIssue::warning(
                entry.pos,
                "zone.ttl.missing",
                "no TTL here, no `$TTL` before it and no default TTL given: records without one are sent without `ttl`, which Cloudflare reads as automatic",
            ));
        }

        let mut common = CommonFields { name: Some(owner), ttl, ..CommonFields::default() };
        if let Some((comment, at)) = entry.comment {
            let found = attributes::parse(comment, Pos { line: at.line, column: at.column }, &mut self.out.issues);
            common.comment = found.comment.map(Some);
            common.tags = (!found.tags.is_empty()).then_some(found.tags);
            common.proxied = found.proxied;
            common.settings = found.flatten_cname.map(|f| Settings { flatten_cname: Some(f), ..Settings::default() });
        }
        self.out.records.push(Record { common, data });
        self.out.positions.push(Position { line: entry.pos.line, column: entry.pos.column });
    }

    /// The record type at `token`, or `None` (reported) when it is not one of the 21.
    fn kind(&mut self, token: &Token<'a>) -> Option<RecordType> {
        let upper = token.text.to_ascii_uppercase();
        if let Some(kind) = RecordType::from_name(&upper) {
            return Some(kind);
        }
        let generic = upper.strip_prefix("TYPE").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if upper == "SOA" {
            self.issue(ZoneIssue::warning(token.pos, "zone.soa.skipped", "the SOA record is skipped: Cloudflare writes the zone's SOA itself"));
        } else if upper == "SPF" {
            self.issue(ZoneIssue::warning(token.pos, "zone.type.unsupported", "SPF records are skipped: Cloudflare does not take the SPF type; publish the same text as a TXT record"));
        } else if generic || OTHER_TYPES.contains(&upper.as_str()) {
            self.issue(ZoneIssue::warning(
                token.pos,
                "zone.type.unsupported",
                format!("{} records are skipped: Cloudflare's API does not take this type", crate::issue::shorten(token.text)),
            ));
        } else {
            self.issue(ZoneIssue::error(
                token.pos,
                "zone.type.unknown",
                format!("{:?} is not a record type (expected e.g. A, AAAA, CNAME, MX, TXT after the name, TTL and class); the record is skipped", crate::issue::shorten(token.text)),
            ));
        }
        None
    }

    /// An owner name as Cloudflare writes it: fully qualified, without the trailing dot.
    fn name(&mut self, text: &str, at: Pos) -> CompactString {
        if text == "@" {
            return match &self.origin {
                Some(origin) => origin.clone(),
                None => {
                    self.no_origin(at, text);
                    CompactString::from("@")
                }
            };
        }
        if is_absolute(text) {
            return CompactString::from(if text == "." { text } else { strip_dot(text) });
        }
        match &self.origin {
            Some(origin) => join(text, origin),
            None => {
                self.no_origin(at, text);
                CompactString::from(text)
            }
        }
    }

    /// Relative names with no origin are kept as written; Cloudflare reads a relative record name
    /// against the zone, which is what a zone file means too, but a host name in a value it takes as
    /// written. Said once per file.
    fn no_origin(&mut self, at: Pos, text: &str) {
        if std::mem::replace(&mut self.warned_origin, true) {
            return;
        }
        self.issue(ZoneIssue::warning(
            at,
            "zone.origin.missing",
            format!(
                "{:?} is relative, but there is no `$ORIGIN` and no origin was given: relative names are kept as written; give the zone's name as the origin",
                crate::issue::shorten(text)
            ),
        ));
    }

    /// Host names inside values (CNAME, MX, NS, PTR content; SRV and SVCB targets; the NAPTR
    /// replacement) are relative to the origin in a zone file, and fully qualified in Cloudflare's
    /// records. The root `.` stays as it is (a null MX, "no service" SRV, SVCB "the owner").
    fn absolute_targets(&mut self, data: &mut RecordData, at: Pos) {
        let target: &mut CompactString = match data {
            RecordData::CNAME { content } | RecordData::NS { content } | RecordData::PTR { content } | RecordData::MX { content, .. } => content,
            RecordData::SRV { data } => &mut data.target,
            RecordData::HTTPS { data } | RecordData::SVCB { data } => &mut data.target,
            RecordData::NAPTR { data } => &mut data.replacement,
            _ => return,
        };
        if target.as_str() == "." || target.is_empty() {
            return;
        }
        let written = std::mem::take(target);
        *target = self.name(&written, at);
    }
}

fn is_class(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    matches!(upper.as_str(), "IN" | "CH" | "CS" | "HS" | "NONE" | "ANY")
        || upper.strip_prefix("CLASS").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A name is absolute when it ends with a dot that is not escaped (`a\.` ends with a literal dot).
fn is_absolute(name: &str) -> bool {
    let Some(body) = name.strip_suffix('.') else { return false };
    let backslashes = body.bytes().rev().take_while(|&b| b == b'\\').count();
    backslashes % 2 == 0
}

fn strip_dot(name: &str) -> &str {
    if is_absolute(name) && name != "." {
        name.strip_suffix('.').unwrap_or(name)
    } else {
        name
    }
}

/// An origin without its trailing dot; the root's is empty.
fn origin_of(text: &str) -> CompactString {
    CompactString::from(if text == "." { "" } else { strip_dot(text) })
}

/// `relative.origin` (the origin of the root zone is empty).
fn join(relative: &str, origin: &str) -> CompactString {
    let mut out = CompactString::with_capacity(relative.len() + 1 + origin.len());
    out.push_str(relative);
    if !origin.is_empty() {
        out.push('.');
        out.push_str(origin);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_names() {
        assert!(is_absolute("a.example."));
        assert!(!is_absolute("a\\."));
        assert!(is_absolute("a\\\\."));
        assert!(!is_absolute("a"));
        assert_eq!(strip_dot("."), ".");
        assert_eq!(join("www", "example.com"), "www.example.com");
        assert_eq!(join("www", ""), "www");
    }
}
