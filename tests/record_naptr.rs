mod common;
use cf_dns_batch::record::naptr::{from_content, to_content, NaptrData};
use cf_dns_batch::{RecordData, RecordType, Severity, ValidateOptions};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn naptr(data: Value) -> Value {
    json!({"type":"NAPTR","name":"example.com","ttl":1,"data":data})
}

fn sip() -> Value {
    json!({"order":100,"preference":10,"flags":"S","service":"SIP+D2U","regex":"","replacement":"_sip._udp.example.com"})
}

/// The SIP record with some fields replaced (`null` removes one).
fn with(changes: Value) -> Value {
    let mut data = sip();
    if let (Some(d), Some(c)) = (data.as_object_mut(), changes.as_object()) {
        for (k, v) in c {
            if v.is_null() {
                d.remove(k);
            } else {
                d.insert(k.clone(), v.clone());
            }
        }
    }
    naptr(data)
}

#[test]
fn valid_naptr_records() {
    assert_clean(naptr(sip()));
    assert_clean(naptr(json!({"order":100,"preference":10,"flags":"U","service":"E2U+sip","regex":"!^.*$!sip:info@example.com!","replacement":"."})));
    assert_clean(naptr(json!({"order":100,"preference":10,"flags":"u","service":"E2U+email","regex":"!^.*$!mailto:info@example.com!i","replacement":"."})));
    assert_clean(naptr(json!({"order":10,"preference":0,"flags":"","service":"","regex":"","replacement":"next.example.com."})));
    assert_clean(naptr(json!({"order":65535,"preference":65535,"flags":"A","service":"","regex":"","replacement":"server.example.com"})));
    assert_clean(naptr(json!({"order":0,"preference":0,"flags":"P","service":"x-foo:bar","regex":"","replacement":"foo.example.com"})));
    assert_clean(naptr(json!({"order":100,"preference":90,"flags":"","service":"","regex":"/^http:\\/\\/([^\\/:]+)/\\1/i","replacement":"."})));
    // `flags`, `service` and `regex` may be left out (read as empty).
    assert_clean(naptr(json!({"order":1,"preference":1,"replacement":"next.example.com"})));
    assert_clean(with(json!({"flags":"S2"})));
}

#[test]
fn invalid_numbers_and_types() {
    assert_error(with(json!({"order":65536})), "naptr.data.order.range", "/data/order");
    assert_error(with(json!({"preference":-1})), "naptr.data.preference.range", "/data/preference");
    assert_error(with(json!({"order":1.5})), "naptr.data.order.integer", "/data/order");
    assert_error(with(json!({"flags":0})), "naptr.data.flags.type", "/data/flags");
    assert_error(with(json!({"regex":["!a!b!"]})), "naptr.data.regex.type", "/data/regex");
    assert_error(with(json!({"replacement":null})), "naptr.data.replacement.required", "/data");
    assert_error(with(json!({"preference":null})), "naptr.data.preference.required", "/data");
    assert_warning(with(json!({"regexp":"!a!b!"})), "naptr.data.unknown-field", "/data/regexp");
}

#[test]
fn invalid_flags_service_and_lengths() {
    assert_error(with(json!({"flags":"S!"})), "naptr.data.flags.charset", "/data/flags");
    assert_error(with(json!({"flags":"\"S\""})), "naptr.data.flags.charset", "/data/flags");
    assert_error(with(json!({"flags":"S,A"})), "naptr.data.flags.charset", "/data/flags");
    assert_error(with(json!({"flags":"S".repeat(256)})), "naptr.data.flags.length", "/data/flags");
    assert_error(with(json!({"service":"E".repeat(256)})), "naptr.data.service.length", "/data/service");
    assert_error(
        naptr(json!({"order":1,"preference":1,"flags":"U","service":"E2U+sip","regex":format!("!^.*$!{}!", "x".repeat(260)),"replacement":"."})),
        "naptr.data.regex.length",
        "/data/regex",
    );
}

#[test]
fn rfc_advice_on_flags_service_and_regex() {
    for (changes, code, pointer) in [
        (json!({"flags":"X"}), "naptr.data.flags.unknown", "/data/flags"),
        (json!({"flags":"SA"}), "naptr.data.flags.exclusive", "/data/flags"),
        (json!({"flags":"SS"}), "naptr.data.flags.exclusive", "/data/flags"),
        (json!({"service":"E2U sip"}), "naptr.data.service.charset", "/data/service"),
        (json!({"service":"E2U_sip"}), "naptr.data.service.charset", "/data/service"),
        (json!({"flags":"U","regex":"!^.*$!sip:x@example.com","replacement":"."}), "naptr.data.regex.syntax", "/data/regex"),
        (json!({"flags":"U","regex":"1^.*1x1","replacement":"."}), "naptr.data.regex.syntax", "/data/regex"),
        (json!({"flags":"U","regex":"!^.*$!x!g","replacement":"."}), "naptr.data.regex.syntax", "/data/regex"),
        (json!({"flags":"U","regex":"!!x!","replacement":"."}), "naptr.data.regex.syntax", "/data/regex"),
        (json!({"flags":"U"}), "naptr.data.flags.u-without-regex", "/data/flags"),
        (json!({"replacement":"192.0.2.1"}), "naptr.data.replacement.ip", "/data/replacement"),
    ] {
        let record = with(changes);
        assert_valid(record.clone());
        assert_warning(record.clone(), code, pointer);
        assert_strict_error(record, code, pointer);
    }
}

#[test]
fn invalid_regex_and_replacement_together() {
    // With a regex, the replacement must be ".".
    assert_error(
        with(json!({"flags":"U","regex":"!^.*$!sip:info@example.com!","replacement":"example.com"})),
        "naptr.data.replacement.exclusive",
        "/data/replacement",
    );
    assert_error(with(json!({"flags":"U","regex":"!^.*$!sip:info@example.com!","replacement":""})), "naptr.data.replacement.exclusive", "/data/replacement");
    // Without a regex, a real replacement is needed.
    assert_error(with(json!({"replacement":"."})), "naptr.data.replacement.missing", "/data/replacement");
    assert_error(with(json!({"replacement":""})), "naptr.data.replacement.missing", "/data/replacement");
    assert_error(with(json!({"regex":null,"replacement":"."})), "naptr.data.replacement.missing", "/data/replacement");
    // The replacement is a domain name.
    assert_error(with(json!({"replacement":"bad name.example.com"})), "naptr.data.replacement.charset", "/data/replacement");
    assert_error(with(json!({"replacement":"a..example.com"})), "naptr.data.replacement.empty-label", "/data/replacement");
    assert_error(with(json!({"replacement":"*.example.com"})), "naptr.data.replacement.wildcard", "/data/replacement");
}

#[test]
fn every_problem_is_reported() {
    let issues = issues_of(
        naptr(json!({"order":70000,"preference":1,"flags":"S!","service":"a b","regex":"!x","replacement":"host.example.com"})),
        &ValidateOptions::default(),
    );
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    for expected in [
        "naptr.data.order.range",
        "naptr.data.flags.charset",
        "naptr.data.service.charset",
        "naptr.data.regex.syntax",
        "naptr.data.replacement.exclusive",
    ] {
        assert!(codes.contains(&expected), "{expected} missing from {codes:?}");
    }
    assert!(issues.iter().any(|i| i.severity == Severity::Error));
}

#[test]
fn presentation_examples() {
    let d = NaptrData {
        order: 100,
        preference: 10,
        flags: "S".into(),
        service: "SIP+D2U".into(),
        regex: Default::default(),
        replacement: "_sip._udp.example.com.".into(),
    };
    assert_eq!(to_content(&d), r#"100 10 "S" "SIP+D2U" "" _sip._udp.example.com."#);
    assert_eq!(from_content(r#"100 10 "S" "SIP+D2U" "" _sip._udp.example.com."#).unwrap(), d);
    // Unquoted character-strings are fine in zone files.
    assert_eq!(from_content("100 10 S SIP+D2U \"\" _sip._udp.example.com.").unwrap(), d);
    let u = from_content(r#"100 10 "U" "E2U+sip" "!^\\+1(.*)$!sip:\\1@example.com!" ."#).unwrap();
    assert_eq!(u.regex, r"!^\+1(.*)$!sip:\1@example.com!");
    assert_eq!(u.replacement, ".");
    assert_eq!(to_content(&u), r#"100 10 "U" "E2U+sip" "!^\\+1(.*)$!sip:\\1@example.com!" ."#);
    assert_eq!(
        RecordData::from_content(RecordType::NAPTR, r#"100 10 "S" "SIP+D2U" "" _sip._udp.example.com."#).unwrap(),
        RecordData::NAPTR { data: d }
    );
}

#[test]
fn presentation_errors() {
    for bad in [
        "",
        r#"100 10 "S" "SIP+D2U" """#,
        r#"100 10 "S" "SIP+D2U" "" a.example. extra"#,
        r#"order 10 "S" "SIP+D2U" "" a.example."#,
        r#"100 70000 "S" "SIP+D2U" "" a.example."#,
        r#"100 10 "S "SIP+D2U" "" a.example."#,
        r#"100 10 "S" "SIP+D2U" "\2" a.example."#,
        r#"100 10 "S"x "SIP+D2U" "" a.example."#,
    ] {
        assert!(from_content(bad).is_err(), "{bad:?} should not parse");
    }
}

fn replacement() -> impl Strategy<Value = String> {
    prop_oneof![Just(".".to_string()), "[a-z_][a-z0-9]{0,8}(\\.[a-z][a-z0-9-]{0,8}){0,3}\\.?"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn content_round_trips(order in any::<u16>(), preference in any::<u16>(), flags in "[SAUPsaup0-9]{0,2}",
                           service in "[A-Za-z0-9+:-]{0,16}", regex in "[ -~\t\u{e9}\u{263a}]{0,40}", replacement in replacement()) {
        let d = NaptrData { order, preference, flags: flags.into(), service: service.into(), regex: regex.into(), replacement: replacement.into() };
        prop_assert_eq!(from_content(&to_content(&d)).unwrap(), d);
    }

    #[test]
    fn generated_records_validate(order in any::<u16>(), preference in any::<u16>(), user in "[a-z]{1,10}") {
        let record = naptr(json!({"order":order,"preference":preference,"flags":"U","service":"E2U+sip",
                                  "regex":format!("!^.*$!sip:{user}@example.com!"),"replacement":"."}));
        let issues = issues_of(record, &ValidateOptions::default());
        prop_assert!(issues.is_empty(), "{:?}", issues);
    }
}

#[test]
fn patches_check_only_what_they_send() {
    let patch = |data: Value| {
        let batch = json!({"zone_id": ZONE, "patches": [{"id":"023e105f4ecef8ad9ca31a8372d0c353","type":"NAPTR","data":data}]});
        cf_dns_batch::validate_batch_json(&batch.to_string(), &ValidateOptions::default()).issues
    };
    // The record may already have a regex, so "." alone is no error here.
    let issues = patch(json!({"replacement":"."}));
    assert!(issues.iter().all(|i| i.severity == Severity::Warning), "{issues:?}");
    let issues = patch(json!({"order":70000,"flags":"S!"}));
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    assert!(codes.contains(&"naptr.data.order.range") && codes.contains(&"naptr.data.flags.charset"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.ends_with(".required")), "{codes:?}");
    let issues = patch(json!({"regex":"!a!b!","replacement":"example.com"}));
    assert!(issues.iter().any(|i| i.code == "naptr.data.replacement.exclusive"), "{issues:?}");
}
