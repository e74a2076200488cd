//! One table of names with the verdict every build must give: the native tests
//! (tests/record_names.rs, with the `idna` crate mapping Unicode names) and the WebAssembly tests
//! (tests/wasm_common/, with Node's and Chromium's URL parsers mapping them) run the same rows.
//!
//! Each row is a name and the rule it breaks (`""` when it is valid). Every name is tried as an
//! owner name and as each kind of target host name, so the rule is reported under that field's
//! prefix (`record.name.bidi`, `cname.content.bidi`, ...).

/// Valid everywhere, as owner names and as target host names.
pub const VALID: &[&str] = &[
    "bücher.example.com",
    "BÜCHER.example.com",
    "xn--bcher-kva.example.com",
    "XN--BCHER-KVA.example.com",
    // UTS #46 full stops separate labels like `.`.
    "bücher\u{3002}example\u{FF0E}com",
    // A label that maps to digits is a label, not an IPv4 number.
    "bücher.\u{FF11}\u{FF12}\u{FF13}",
    "\u{05D0}\u{05D1}.example",
    "xn--4dbc.example",
    // A right-to-left label may end in a digit, European or Arabic-Indic (not both).
    "\u{05D0}1.example",
    "\u{05D0}\u{0661}.example",
    "\u{0627}1\u{0628}.example",
    // Marks after the last letter do not count as its end.
    "\u{05D0}\u{05B8}.example",
    // Service labels are not IDNA labels: the Bidi rule leaves them alone.
    "_dmarc.\u{05D0}\u{05D1}.example",
    "mail.\u{05D0}\u{05D1}.example",
];

/// Refused everywhere, with the rule (after the field's prefix).
pub const INVALID: &[(&str, &str)] = &[
    // URL syntax the host's URL parser would cut off or decode; refused before any mapping.
    ("ü@evil.com", "charset"),
    ("bücher.example.com/../x", "charset"),
    ("bücher.example.com?x", "charset"),
    ("bücher.example.com#x", "charset"),
    ("bücher.example.com:8080", "charset"),
    ("bü%41cher.example.com", "charset"),
    ("bü\\cher.example.com", "charset"),
    ("[bücher].example.com", "charset"),
    ("bü<cher>.example.com", "charset"),
    ("bü\"cher.example.com", "charset"),
    ("bü cher.example.com", "charset"),
    ("bü\tcher.example.com", "charset"),
    ("bücher.example.com\u{0000}", "charset"),
    // Characters UTS #46 maps to URL syntax are not host name characters either.
    ("bü\u{FF0F}cher.example.com", "idna"),
    ("bü\u{FF20}cher.example.com", "idna"),
    // Not valid IDNs.
    ("exa\u{FFFD}mple.com", "idna"),
    ("\u{0300}a.example", "idna"),
    ("bücher.xn--zz", "idna"),
    ("xn--zz.example", "idna"),
    ("xn--abc-.example", "idna"),
    // The Bidi rule (RFC 5893 §2): a left-to-right label with a right-to-left character...
    ("a\u{05D0}.example", "bidi"),
    ("xn--a-0hc.example", "bidi"),
    // ...a label starting with a digit in a name with right-to-left labels...
    ("1\u{05D0}.example", "bidi"),
    ("xn--1-0hc.example", "bidi"),
    ("1a.\u{05D0}\u{05D1}.example", "bidi"),
    // ...a right-to-left label ending in a left-to-right letter, or with both kinds of digits.
    ("\u{05D0}a.example", "bidi"),
    ("\u{05D0}0\u{0661}.example", "bidi"),
    ("\u{0627}\u{0661}1.example", "bidi"),
    // Lengths are counted on the ASCII form.
    ("üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü.example", "label-length"),
];

/// Owner names only: a leftmost `*` is a wildcard, outside the Bidi rule like `_dmarc`.
pub const VALID_OWNERS: &[&str] = &["*.bücher.example.com", "*.\u{05D0}\u{05D1}.example"];

/// Where a host name goes in each kind that carries one: (record with `{}` for the name, JSON
/// pointer, code prefix).
pub const TARGETS: &[(&str, &str, &str)] = &[
    (r#"{"type":"CNAME","name":"www.example.org","ttl":1,"content":{}}"#, "/content", "cname.content"),
    (r#"{"type":"MX","name":"example.org","ttl":1,"priority":10,"content":{}}"#, "/content", "mx.content"),
    (r#"{"type":"NS","name":"sub.example.org","ttl":1,"content":{}}"#, "/content", "ns.content"),
    (r#"{"type":"PTR","name":"1.2.0.192.in-addr.arpa","ttl":1,"content":{}}"#, "/content", "ptr.content"),
    (r#"{"type":"SRV","name":"_sip._tcp.example.org","ttl":1,"data":{"priority":1,"weight":1,"port":5060,"target":{}}}"#, "/data/target", "srv.data.target"),
    (r#"{"type":"SVCB","name":"_dns.example.org","ttl":1,"data":{"priority":1,"target":{},"value":"alpn=h2"}}"#, "/data/target", "svcb.data.target"),
    (r#"{"type":"HTTPS","name":"example.org","ttl":1,"data":{"priority":1,"target":{},"value":"alpn=h2"}}"#, "/data/target", "https.data.target"),
    (r#"{"type":"NAPTR","name":"example.org","ttl":1,"data":{"order":1,"preference":1,"flags":"S","service":"SIP+D2U","regex":"","replacement":{}}}"#, "/data/replacement", "naptr.data.replacement"),
];

/// The owner-name record: (record with `{}` for the name, pointer, prefix).
pub const OWNER: (&str, &str, &str) = (r#"{"type":"A","name":{},"ttl":1,"content":"192.0.2.1"}"#, "/name", "record.name");

/// `template` with `{}` replaced by `name` as a JSON string.
pub fn fill(template: &str, name: &str) -> String {
    let quoted = serde_json::Value::String(name.to_string()).to_string();
    template.replacen("{}", &quoted, 1)
}

/// Every (record JSON, pointer, expected code or `None` for clean, name) the table stands for.
pub fn cases() -> Vec<(String, &'static str, Option<String>, &'static str)> {
    let mut out = Vec::new();
    let mut add = |(template, pointer, prefix): (&str, &'static str, &str), name: &'static str, rule: &str| {
        let code = (!rule.is_empty()).then(|| format!("{prefix}.{rule}"));
        out.push((fill(template, name), pointer, code, name));
    };
    for &place in std::iter::once(&OWNER).chain(TARGETS) {
        for &name in VALID {
            add(place, name, "");
        }
        for &(name, rule) in INVALID {
            add(place, name, rule);
        }
    }
    for &name in VALID_OWNERS {
        add(OWNER, name, "");
    }
    out
}

/// What went wrong with one case, given the issues a build reported as (code, pointer, severity).
/// `None` when the verdict is the table's.
pub fn mismatch(case: &(String, &str, Option<String>, &str), issues: &[(String, String, String)]) -> Option<String> {
    let (record, pointer, code, _) = case;
    let errors: Vec<&(String, String, String)> = issues.iter().filter(|(_, _, severity)| severity == "error").collect();
    match code {
        None if !errors.is_empty() => Some(format!("{record}: expected valid, got {errors:?}")),
        Some(code) if !errors.iter().any(|(c, p, _)| c == code && p == pointer) => Some(format!("{record}: expected error {code} at {pointer}, got {issues:?}")),
        _ => None,
    }
}
