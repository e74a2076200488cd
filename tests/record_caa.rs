mod common;
use cf_dns_batch::record::caa::{from_content, to_content, CaaData};
use cf_dns_batch::{RecordData, RecordType};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn caa(data: Value) -> Value {
    json!({"type":"CAA","name":"example.com","ttl":1,"data":data})
}

#[test]
fn valid_caa_records() {
    assert_clean(caa(json!({"flags":0,"tag":"issue","value":"letsencrypt.org"})));
    assert_clean(caa(json!({"flags":0,"tag":"issuewild","value":";"})));
    assert_clean(caa(json!({"flags":128,"tag":"issue","value":"pki.goog"})));
    assert_clean(caa(json!({"flags":0,"tag":"issue","value":"letsencrypt.org; validationmethods=dns-01; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1"})));
    assert_clean(caa(json!({"flags":0,"tag":"iodef","value":"mailto:security@example.com"})));
    assert_clean(caa(json!({"flags":0,"tag":"iodef","value":"https://iodef.example.com/report"})));
    assert_clean(caa(json!({"flags":0,"tag":"issuemail","value":"ca.example.net"})));
    assert_clean(caa(json!({"flags":0,"tag":"contactemail","value":"pki@example.com"})));
    assert_clean(caa(json!({"flags":0.0,"tag":"issue","value":"ca.example.net;"})));
    assert_clean(json!({"type":"CAA","name":"*.example.com","ttl":300,"data":{"flags":0,"tag":"issue","value":"digicert.com"}}));
}

#[test]
fn caa_rfc_advice_is_a_warning_unless_strict() {
    let flags_one = caa(json!({"flags":1,"tag":"issue","value":"letsencrypt.org"}));
    assert_valid(flags_one.clone());
    assert_warning(flags_one.clone(), "caa.data.flags.reserved", "/data/flags");
    assert_strict_error(flags_one, "caa.data.flags.reserved", "/data/flags");

    let unknown = caa(json!({"flags":0,"tag":"issu","value":"letsencrypt.org"}));
    assert_valid(unknown.clone());
    assert_warning(unknown.clone(), "caa.data.tag.unknown", "/data/tag");
    assert_strict_error(unknown, "caa.data.tag.unknown", "/data/tag");
    assert_warning(caa(json!({"flags":128,"tag":"future","value":"x"})), "caa.data.flags.critical", "/data/flags");
    assert_warning(caa(json!({"flags":0,"tag":"abcdefghijklmnop","value":"x"})), "caa.data.tag.length", "/data/tag");

    assert_warning(caa(json!({"flags":0,"tag":"issue","value":"https://letsencrypt.org"})), "caa.data.value.issuer", "/data/value");
    assert_warning(caa(json!({"flags":0,"tag":"issue","value":"letsencrypt.org, digicert.com"})), "caa.data.value.issuer", "/data/value");
    assert_warning(caa(json!({"flags":0,"tag":"issuewild","value":"letsencrypt.org."})), "caa.data.value.issuer", "/data/value");
    assert_warning(caa(json!({"flags":0,"tag":"issue","value":"letsencrypt.org; account"})), "caa.data.value.issuer", "/data/value");
    assert_warning(caa(json!({"flags":0,"tag":"iodef","value":"security@example.com"})), "caa.data.value.iodef", "/data/value");
    assert_warning(caa(json!({"flags":0,"tag":"iodef","value":"ftp://example.com"})), "caa.data.value.iodef", "/data/value");
    assert_warning(caa(json!({"flags":0,"tag":"contactemail","value":"nobody"})), "caa.data.value.contactemail", "/data/value");
}

/// RFC 8659 §4.4: the `iodef` value is a URL (`mailto:`, `http:` or `https:`); an empty one reports
/// nowhere. Whether Cloudflare refuses it is not known, so it is an RFC rule: an error only when strict.
#[test]
fn iodef_values_are_urls() {
    assert_clean(caa(json!({"flags":0,"tag":"iodef","value":"http://iodef.example.com/"})));
    assert_clean(caa(json!({"flags":0,"tag":"iodef","value":"mailto:security@example.com?subject=CAA"})));
    for bad in ["", " ", "mailto:", "https://", "https:///path", "example.com", "https://exa mple.com"] {
        let record = caa(json!({"flags":0,"tag":"iodef","value":bad}));
        assert_valid(record.clone());
        assert_warning(record.clone(), "caa.data.value.iodef", "/data/value");
        assert_strict_error(record, "caa.data.value.iodef", "/data/value");
    }
    // An empty `issue` value is allowed (RFC 8659 §4.2), so it stays plain advice even when strict.
    let strict = cf_dns_batch::ValidateOptions { strict: true, ..Default::default() };
    let issues = issues_of(caa(json!({"flags":0,"tag":"issue","value":""})), &strict);
    assert!(issues.iter().all(|i| i.severity == cf_dns_batch::Severity::Warning), "{issues:#?}");
}

#[test]
fn caa_plain_warnings() {
    assert_warning(caa(json!({"flags":0,"tag":"issue","value":"\"letsencrypt.org\""})), "caa.data.value.quoted", "/data/value");
    assert_valid(caa(json!({"flags":0,"tag":"issue","value":"\"letsencrypt.org\""})));
    assert_warning(caa(json!({"flags":0,"tag":"Issue","value":"letsencrypt.org"})), "caa.data.tag.case", "/data/tag");
    assert_warning(caa(json!({"flags":0,"tag":"issue","value":""})), "caa.data.value.empty", "/data/value");
    assert_warning(caa(json!({"flags":0,"tag":"issue","value":"letsencrypt.org","critical":true})), "caa.data.unknown-field", "/data/critical");
}

#[test]
fn invalid_caa_records() {
    assert_error(caa(json!({"flags":256,"tag":"issue","value":"letsencrypt.org"})), "caa.data.flags.range", "/data/flags");
    assert_error(caa(json!({"flags":-1,"tag":"issue","value":"letsencrypt.org"})), "caa.data.flags.range", "/data/flags");
    assert_error(caa(json!({"flags":"0","tag":"issue","value":"letsencrypt.org"})), "caa.data.flags.type", "/data/flags");
    assert_error(caa(json!({"flags":0,"tag":"","value":"letsencrypt.org"})), "caa.data.tag.empty", "/data/tag");
    assert_error(caa(json!({"flags":0,"tag":"issue-wild","value":"letsencrypt.org"})), "caa.data.tag.charset", "/data/tag");
    assert_error(caa(json!({"flags":0,"tag":"issue","value":"lets\"encrypt.org"})), "caa.data.value.quote", "/data/value");
    assert_error(caa(json!({"flags":0,"tag":"issue","value":"letsencrypt.org\n"})), "caa.data.value.control", "/data/value");
    assert_error(caa(json!({"flags":0,"tag":"iodef","value":format!("https://{}", "a".repeat(4100))})), "caa.data.value.length", "/data/value");
    assert_error(caa(json!({"flags":0,"tag":"a".repeat(256),"value":"x"})), "caa.data.tag.length", "/data/tag");
    assert_error(caa(json!({"flags":0,"tag":"issue"})), "caa.data.value.required", "/data");
    assert_error(caa(json!("0 issue \"letsencrypt.org\"")), "caa.data.type", "/data");
    assert_error(json!({"type":"CAA","name":"example.com","ttl":1}), "caa.data.required", "");
}

#[test]
fn caa_presentation() {
    let d = CaaData { flags: 0, tag: "issue".into(), value: "letsencrypt.org".into() };
    assert_eq!(to_content(&d), "0 issue \"letsencrypt.org\"");
    assert_eq!(
        RecordData::from_content(RecordType::CAA, "  128 iodef \"mailto:a@example.com\"  ").unwrap(),
        RecordData::CAA { data: CaaData { flags: 128, tag: "iodef".into(), value: "mailto:a@example.com".into() } }
    );
    assert_eq!(from_content("0 issue letsencrypt.org").unwrap(), d);
    assert_eq!(from_content("0 issue \"a\\\"b\\\\c\\059\"").unwrap().value, "a\"b\\c;");
    for bad in ["", "0", "0 issue", "x issue \"a\"", "300 issue \"a\"", "0 issue \"open", "0 issue \"a\" \"b\"", "0 issue \"\\999\""] {
        assert!(from_content(bad).is_err(), "{bad:?} should not parse");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn content_round_trips(flags in any::<u8>(), tag in "[a-zA-Z0-9]{1,15}", value in any::<String>()) {
        let d = CaaData { flags, tag: tag.into(), value: value.into() };
        prop_assert_eq!(from_content(&to_content(&d)).unwrap(), d);
    }

    #[test]
    fn issuer_values_validate(domain in "[a-z][a-z0-9]{0,10}(\\.[a-z][a-z0-9-]{0,8}[a-z0-9])?\\.[a-z]{2,6}", account in "[0-9]{1,8}") {
        let record = caa(json!({"flags":0,"tag":"issue","value":format!("{domain}; accounturi=https://ca.example/acct/{account}")}));
        prop_assert!(issues_of(record.clone(), &Default::default()).is_empty(), "{}", record);
    }
}
