//! Owner names and host names: `@`, relative names, the trailing dot, wildcards, label and name
//! lengths, characters, and IDNA (Unicode names become `xn--` A-labels).
//!
//! Cloudflare accepts the full name (`www.example.com`), `@` for the apex, and names relative to the
//! zone (`www`, `*.www`), and always stores the fully qualified Punycode form. Lengths are checked on
//! the ASCII form: labels 1–63 octets, the whole name at most 253 characters (RFC 1035 §2.3.4,
//! RFC 2181 §11).

use crate::issue::{Path, Report};
use std::borrow::Cow;

mod bidi;
mod bidi_table;
mod punycode;

pub const MAX_NAME: usize = 253;
pub const MAX_LABEL: usize = 63;

/// Converts a name to its ASCII (Punycode) form using UTS #46, the form that is stored. `None` when
/// the name is not a valid IDN (see [`map_name`] for what is refused). ASCII input comes back
/// borrowed and unchanged.
pub fn to_ascii(name: &str) -> Option<Cow<'_, str>> {
    map_name(name).ok()
}

/// Why a name has no ASCII form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unmapped {
    /// A character no host name contains, refused before any mapping.
    Char(char),
    /// A label the UTS #46 mapping refuses.
    Idna(String),
    /// A label that breaks the Bidi rule (RFC 5893 §2).
    Bidi(String),
}

/// The full stops UTS #46 maps to `.` (UTS #46 §4.1 step 1 splits labels on them).
fn is_label_separator(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}')
}

/// ASCII characters a Unicode name may contain before mapping: letters, digits, `-`, `_`, the `.`
/// between labels, and `*` (whose place the label rules judge after mapping). Anything else is URL
/// or zone-file syntax (`@ / \ ? # : %`, space, brackets, quotes...) or a control character: the
/// host's URL parser would split the name there and keep only a part (`ü@evil.com` → `evil.com`),
/// or percent-decode it, so the name checked would not be the name sent. UTS #46 itself never maps
/// an ASCII character to a letter, so nothing valid is lost.
fn is_name_ascii(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '*')
}

/// Maps a name label by label: ASCII labels stay as written (so every build treats them alike), and
/// each Unicode label goes through the UTS #46 mapper on its own. The result still needs the label
/// checks of an ASCII name ([`check`] runs them), and its `xn--` labels the IDN checks
/// ([`check_idn_labels`]).
fn map_name(name: &str) -> Result<Cow<'_, str>, Unmapped> {
    if name.is_ascii() {
        return Ok(Cow::Borrowed(name));
    }
    if let Some(bad) = name.chars().find(|&c| if c.is_ascii() { !is_name_ascii(c) } else { c.is_control() || c.is_whitespace() }) {
        return Err(Unmapped::Char(bad));
    }
    let mut out = String::with_capacity(name.len() + 8);
    for (i, label) in name.split(is_label_separator).enumerate() {
        if i > 0 {
            out.push('.');
        }
        if label.is_ascii() {
            out.push_str(label);
            continue;
        }
        // The mapping of a Unicode label is one host name label: UTS #46 without its STD3 rules
        // maps e.g. U+FF0F to `/`, which one mapper keeps and another refuses; both are refused.
        match idna_to_ascii(label) {
            Some(mapped) if !mapped.is_empty() && mapped.bytes().all(|b| LABEL_BYTE[usize::from(b)]) => out.push_str(&mapped),
            Some(_) => return Err(Unmapped::Idna(label.to_string())),
            None => return Err(refused_label(label)),
        }
    }
    Ok(Cow::Owned(out))
}

/// A Unicode label the mapper refused: a Bidi rule failure when the label breaks it on its own (a
/// mapper that checks the rule refuses exactly those; one that does not may accept them, and then
/// [`check_idn_labels`] refuses them with the same code), otherwise not a valid IDN.
fn refused_label(label: &str) -> Unmapped {
    let folded = to_lowercase(label);
    if bidi::is_bidi_label(&folded) && !bidi::label_ok(&folded) {
        Unmapped::Bidi(label.to_string())
    } else {
        Unmapped::Idna(label.to_string())
    }
}

/// The checks an ASCII name with `xn--` labels still needs, in every build alike: each A-label must
/// decode and be the mapping of what it decodes to (RFC 5891 §5.4), and when any label is
/// right-to-left the Bidi rule must hold for every label (RFC 5893 §2, RFC 5891 §4.2.3.4).
///
/// The mappers differ on Bidi (the `idna` crate applies the rule, Node's URL parser only in part:
/// it maps `aא` and `1א`), so the package applies it itself, on the Unicode form after mapping.
/// Labels outside IDNA (a `*` wildcard, service labels such as `_dmarc`, RFC 8552) are not host
/// name labels and are left out: `_dmarc.<a Hebrew zone>` and `*.<a Hebrew zone>` stay valid.
fn check_idn_labels(ascii: &str) -> Result<(), Unmapped> {
    if !ascii.split('.').any(is_a_label) {
        return Ok(());
    }
    let mut unicode: Vec<Cow<'_, str>> = Vec::new();
    for label in ascii.split('.') {
        if !is_a_label(label) {
            unicode.push(Cow::Borrowed(label));
            continue;
        }
        let decoded = label
            .get(4..)
            .and_then(punycode::decode)
            .filter(|d| !d.is_ascii())
            .ok_or_else(|| Unmapped::Idna(label.to_string()))?;
        match idna_to_ascii(&decoded) {
            Some(again) if again.eq_ignore_ascii_case(label) => {}
            Some(_) => return Err(Unmapped::Idna(label.to_string())),
            None => return Err(refused_label(&decoded)),
        }
        unicode.push(Cow::Owned(decoded));
    }
    if !unicode.iter().any(|l| bidi::is_bidi_label(l)) {
        return Ok(());
    }
    match unicode.iter().find(|l| !bidi::outside_idna(l) && !bidi::label_ok(l)) {
        Some(bad) => Err(Unmapped::Bidi(bad.to_string())),
        None => Ok(()),
    }
}

/// `xn--…`, in any case: a Punycode label.
fn is_a_label(label: &str) -> bool {
    label.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
}

#[cfg(feature = "idna")]
fn idna_to_ascii(name: &str) -> Option<String> {
    idna::domain_to_ascii(name).ok()
}

/// Without the `idna` feature (the WebAssembly build) the host's own URL parser performs the UTS #46
/// mapping; the JS layer installs it here once. With no mapper installed, Unicode names are refused.
/// It is given one label at a time, already free of URL syntax (see [`map_name`]).
#[cfg(not(feature = "idna"))]
fn idna_to_ascii(name: &str) -> Option<String> {
    IDNA_MAPPER.get().and_then(|map| map(name))
}

#[cfg(not(feature = "idna"))]
pub static IDNA_MAPPER: std::sync::OnceLock<fn(&str) -> Option<String>> = std::sync::OnceLock::new();

/// Unicode lower case, for names the IDNA mapping refused (compared as written, case-folded).
/// The WebAssembly build asks the host (`String.prototype.toLowerCase`, the same Unicode default
/// case mapping, final sigma included) instead of shipping the Unicode case tables (about 16 KB).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn to_lowercase(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn to_lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

/// What a checked name is used for, which decides the few rules that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameUse {
    /// A record's own name (`name`): `@`, relative names and a leftmost `*` are fine.
    Owner,
    /// A host a record points at (CNAME/MX/NS/PTR content, SRV target...): no wildcards, no `@`.
    Target,
}

/// Checks a name and reports issues under `prefix` (`record.name`, `cname.content`, ...).
/// Returns `Some(())` when the name is usable.
///
/// This runs for nearly every record, so the common case (an ASCII name with nothing to report)
/// allocates nothing: messages and their excerpts are only built when an issue is reported.
pub fn check(r: &mut Report, at: &Path, prefix: &'static str, name: &str, usage: NameUse) -> Option<()> {
    let code = |rule: &str| Cow::Owned(format!("{prefix}.{rule}"));
    let shown = || crate::issue::shorten(name);
    if name.is_empty() {
        r.error(at, code("empty"), "the name is empty");
        return None;
    }
    if usage == NameUse::Owner && name == "@" {
        return Some(());
    }
    if is_plain(name, usage) {
        return Some(());
    }
    if name.chars().any(|c| c.is_control() || c.is_whitespace()) {
        r.error(at, code("charset"), format!("{:?} contains spaces or control characters", shown()));
        return None;
    }
    let ascii = match map_name(name) {
        Ok(ascii) => ascii,
        Err(refusal) => {
            report_unmapped(r, at, prefix, name, &refusal);
            return None;
        }
    };
    let trimmed = ascii.strip_suffix('.').unwrap_or(&ascii);
    if trimmed.is_empty() {
        // "." alone: the root. Only some targets may be the root (null MX, SRV "service not here");
        // the caller decides.
        r.error(at, code("root"), "the root name `.` is not allowed here");
        return None;
    }
    if trimmed.len() > MAX_NAME {
        r.error(at, code("length"), format!("{:?} is {} characters long; a name has at most {MAX_NAME}", shown(), trimmed.len()));
    }
    let mut ok = true;
    for (i, label) in trimmed.split('.').enumerate() {
        ok &= check_label(r, at, prefix, label, i, usage, &shown);
    }
    if !ok {
        return None;
    }
    if let Err(refusal) = check_idn_labels(trimmed) {
        report_unmapped(r, at, prefix, name, &refusal);
        return None;
    }
    Some(())
}

/// The issue for a name that has no valid ASCII form.
fn report_unmapped(r: &mut Report, at: &Path, prefix: &'static str, name: &str, refusal: &Unmapped) {
    let code = |rule: &str| Cow::Owned(format!("{prefix}.{rule}"));
    let shown = crate::issue::shorten(name);
    match refusal {
        Unmapped::Char(c) => r.error(
            at,
            code("charset"),
            format!("{shown:?} contains {c:?}, which no host name contains (names use letters, digits, `-` and `_`; URL syntax such as `@ / ? # : %` is refused before IDNA mapping)"),
        ),
        Unmapped::Idna(label) => r.error(
            at,
            code("idna"),
            format!("{shown:?} is not a valid internationalised domain name (UTS #46): the label {:?} is not valid", crate::issue::shorten(label)),
        ),
        Unmapped::Bidi(label) => r.error(
            at,
            code("bidi"),
            format!(
                "{shown:?} breaks the IDNA Bidi rule (RFC 5893) in the label {:?}: in a name with right-to-left characters, every label starts with a letter, a left-to-right label has no right-to-left characters, and a right-to-left label has no left-to-right letters and ends in a right-to-left letter or a digit",
                crate::issue::shorten(label)
            ),
        ),
    }
}

/// The common case in one pass over the bytes: an ASCII name of letters, digits, `-` and `_`
/// (an owner name may start with a `*` label), labels of 1–63 characters not starting or ending
/// with `-`, at most 253 characters, an optional trailing dot. Such a name has nothing to report;
/// anything else goes through the full checks, which say what is wrong.
fn is_plain(name: &str, usage: NameUse) -> bool {
    let bytes = name.as_bytes();
    let bytes = bytes.strip_suffix(b".").unwrap_or(bytes);
    if bytes.is_empty() || bytes.len() > MAX_NAME {
        return false;
    }
    let rest = match (usage, bytes.strip_prefix(b"*.")) {
        (NameUse::Owner, Some(rest)) => rest,
        _ => bytes,
    };
    if usage == NameUse::Owner && rest == b"*" {
        return true;
    }
    // One pass over the bytes with a table (a split per label, and range tests per byte, cost
    // several times as much, and this runs for nearly every record).
    let mut label_start = 0;
    for (i, &b) in rest.iter().enumerate() {
        if LABEL_BYTE[usize::from(b)] {
            continue;
        }
        if b != b'.' || !plain_label(rest.get(label_start..i)) {
            return false;
        }
        label_start = i + 1;
    }
    plain_label(rest.get(label_start..))
}

/// Letters, digits, `-` and `_`: the bytes of a plain label.
static LABEL_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        b += 1;
    }
    table
};

/// 1–63 bytes (already known to be label bytes), not starting or ending with `-`, and not an
/// `xn--` A-label (those are decoded and checked as IDNs).
fn plain_label(label: Option<&[u8]>) -> bool {
    matches!(label, Some(l) if !l.is_empty() && l.len() <= MAX_LABEL && l.first() != Some(&b'-') && l.last() != Some(&b'-')
        && !(l.get(2..4) == Some(b"--") && l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"xn"))))
}

/// One label of a name; `index` 0 is the leftmost.
fn check_label(r: &mut Report, at: &Path, prefix: &'static str, label: &str, index: usize, usage: NameUse, shown: &dyn Fn() -> String) -> bool {
    let code = |rule: &str| Cow::Owned(format!("{prefix}.{rule}"));
    let bytes = label.as_bytes();
    // The common case: letters, digits, `-` and `_`, not at the ends, within the length limit.
    if !bytes.is_empty()
        && bytes.len() <= MAX_LABEL
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        && bytes.first() != Some(&b'-')
        && bytes.last() != Some(&b'-')
    {
        return true;
    }
    if label.is_empty() {
        r.error(at, code("empty-label"), format!("{:?} has an empty label (two dots in a row, or a leading dot)", shown()));
        return false;
    }
    let mut ok = true;
    if label.len() > MAX_LABEL {
        r.error(
            at,
            code("label-length"),
            format!("the label {:?} is {} characters long; a label has at most {MAX_LABEL}", crate::issue::shorten(label), label.len()),
        );
        ok = false;
    }
    if label == "@" {
        r.error(at, code("at-sign"), format!("`@` stands for the zone apex only on its own, not inside {:?}", shown()));
        return false;
    }
    if label.contains('*') {
        if usage == NameUse::Target {
            r.error(at, code("wildcard"), format!("{:?}: a target host name cannot contain `*`", shown()));
            return false;
        } else if label != "*" {
            r.rfc(at, code("wildcard"), format!("the label {label:?} is not a wildcard: `*` is a wildcard only as a whole label"));
        } else if index != 0 {
            r.warn(at, code("wildcard-position"), format!("{:?}: `*` is a wildcard only as the leftmost label; here it is a literal `*`", shown()));
        }
        return ok;
    }
    if let Some(bad) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        r.error(at, code("charset"), format!("{:?} contains {bad:?}; names use letters, digits, `-` and `_`", shown()));
        return false;
    }
    if label.starts_with('-') || label.ends_with('-') {
        r.rfc(at, code("hyphen"), format!("the label {label:?} starts or ends with `-` (RFC 952/1123 host names do not)"));
    }
    ok
}

/// Owner names of service records (SRV, URI) start `_service._proto.` (RFC 2782, RFC 7553): an
/// RFC rule, reported under `code` at `at` (the record's `name`).
pub fn check_service_owner(r: &mut Report, at: &Path, name: &str, code: &'static str, kind: &str, example: &str) {
    // The first label starts with `_`, and so does the second.
    let second = name.find('.').and_then(|dot| name.get(dot + 1..)).unwrap_or("");
    if !(name.starts_with('_') && second.starts_with('_')) {
        r.rfc(at, code, format!("{kind} names start with `_service._proto.` (e.g. `{example}`), got {:?}", crate::issue::shorten(name)));
    }
}

/// Whether `text` is an IPv4 or IPv6 address, which is not a host name even when it parses as one.
pub fn looks_like_ip(text: &str) -> bool {
    let t = text.strip_suffix('.').unwrap_or(text);
    // Address text is hex digits, dots and colons only: host names (nearly always) are told
    // apart by that before parsing.
    t.bytes().all(|b| b.is_ascii_hexdigit() || b == b'.' || b == b':') && t.parse::<std::net::IpAddr>().is_ok()
}

/// The fully qualified form of an owner name relative to `zone`: `@` → the zone, `www` → `www.zone`,
/// `www.zone` and `www.zone.` → `www.zone`. Lower-cased, since DNS names compare case-insensitively.
pub fn qualify(name: &str, zone: &str) -> String {
    let zone = zone.trim_end_matches('.').to_ascii_lowercase();
    let name = name.trim_end_matches('.');
    let ascii = to_ascii(name).map(|n| n.to_ascii_lowercase()).unwrap_or_else(|| to_lowercase(name));
    if ascii == "@" || ascii.is_empty() {
        return zone;
    }
    if zone.is_empty() || ascii == zone || ascii.ends_with(&format!(".{zone}")) {
        return ascii;
    }
    format!("{ascii}.{zone}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::{Severity, ValidateOptions};

    #[test]
    fn service_owners_need_two_underscore_labels() {
        let options = ValidateOptions::default();
        let mut r = Report::new(&options);
        let at = Path::Root.key("name");
        for good in ["_sip._tcp.example.com", "_ftp._tcp"] {
            check_service_owner(&mut r, &at, good, "srv.name.service", "SRV", "_sip._tcp.example.com");
        }
        assert!(r.issues.is_empty(), "{:?}", r.issues);
        for bad in ["sip._tcp.example.com", "_sip.tcp.example.com", "_sip"] {
            check_service_owner(&mut r, &at, bad, "srv.name.service", "SRV", "_sip._tcp.example.com");
        }
        assert_eq!(r.issues.len(), 3);
        assert!(r.issues.iter().all(|i| i.code == "srv.name.service" && i.pointer == "/name" && i.severity == Severity::Warning));
    }

    fn codes(name: &str, usage: NameUse) -> Vec<(String, Severity)> {
        let options = ValidateOptions::default();
        let mut r = Report::new(&options);
        check(&mut r, &Path::Root, "record.name", name, usage);
        r.issues.into_iter().map(|i| (i.code.into_owned(), i.severity)).collect()
    }

    #[test]
    fn accepts_usual_owner_names() {
        for name in ["@", "www", "example.com", "www.example.com.", "*.example.com", "_dmarc.example.com", "_sip._tcp.x", "xn--bcher-kva.example", "bücher.example"] {
            assert!(codes(name, NameUse::Owner).is_empty(), "{name}: {:?}", codes(name, NameUse::Owner));
        }
    }

    #[test]
    fn rejects_broken_names_with_their_rule() {
        let long_label = "a".repeat(64);
        let long_name = vec!["a".repeat(60); 5].join(".");
        let cases: &[(&str, &str)] = &[
            ("", "record.name.empty"),
            ("a..b", "record.name.empty-label"),
            (".a", "record.name.empty-label"),
            (&long_label, "record.name.label-length"),
            (&long_name, "record.name.length"),
            ("_dnslink.@", "record.name.at-sign"),
            ("a b", "record.name.charset"),
            ("a!b.com", "record.name.charset"),
            (".", "record.name.root"),
        ];
        for (name, code) in cases {
            let got = codes(name, NameUse::Owner);
            assert!(got.iter().any(|(c, s)| c == code && *s == Severity::Error), "{name:?}: {got:?}");
        }
    }

    #[test]
    fn wildcards_only_leftmost_and_never_in_targets() {
        assert_eq!(codes("a.*.example.com", NameUse::Owner), vec![("record.name.wildcard-position".into(), Severity::Warning)]);
        assert_eq!(codes("*.example.com", NameUse::Target)[0].0, "record.name.wildcard");
    }

    #[test]
    fn qualifies_relative_names() {
        assert_eq!(qualify("@", "example.com"), "example.com");
        assert_eq!(qualify("www", "example.com"), "www.example.com");
        assert_eq!(qualify("WWW.example.com.", "example.com"), "www.example.com");
        assert_eq!(qualify("bücher", "example.com"), "xn--bcher-kva.example.com");
    }

    #[test]
    fn recognises_ip_addresses() {
        assert!(looks_like_ip("192.0.2.1"));
        assert!(looks_like_ip("2001:db8::1"));
        assert!(!looks_like_ip("mail.example.com"));
    }
}
