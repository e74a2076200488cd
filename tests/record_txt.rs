mod common;
use cf_dns_batch::record::txt::{character_strings, quote};
use cf_dns_batch::{validate_batch_json, RecordData, RecordType, ValidateOptions};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn txt(content: Value) -> Value {
    json!({"type":"TXT","name":"example.com","ttl":1,"content":content})
}

#[test]
fn valid_txt_records() {
    assert_clean(txt(json!("\"v=spf1 -all\"")));
    assert_clean(json!({"type":"TXT","name":"_dmarc.example.com","ttl":3600,"content":"\"v=DMARC1; p=none\""}));
    assert_clean(txt(json!("\"first part\" \"second part\"")));
    assert_clean(txt(json!(r#""say \"hi\" \\ \065""#)));
    assert_clean(txt(json!(format!("\"{}\"", "a".repeat(255)))));
    assert_clean(txt(json!(quote(&"x".repeat(1000)))));
    assert_clean(txt(json!("\"héllo wörld\"")));
    assert_clean(txt(json!("\"tab\there\"")));
    // Unquoted content works, but Cloudflare stores it quoted.
    assert_valid(txt(json!("v=spf1 -all")));
    assert_warning(txt(json!("v=spf1 -all")), "txt.content.unquoted", "/content");
}

#[test]
fn txt_value_is_kept_as_sent() {
    let batch = json!({"zone_id": ZONE, "posts": [txt(json!("\"a\" \"b\""))]});
    let v = validate_batch_json(&batch.to_string(), &ValidateOptions::default());
    let params = v.params.expect("valid batch");
    assert_eq!(params.posts[0].data, RecordData::TXT { content: "\"a\" \"b\"".into() });
}

#[test]
fn invalid_txt_records() {
    assert_error(txt(json!("")), "txt.content.empty", "/content");
    assert_error(txt(json!("\"line one\nline two\"")), "txt.content.newline", "/content");
    assert_error(txt(json!("\"a\"\r\n\"b\"")), "txt.content.newline", "/content");
    assert_error(txt(json!("\"this")), "txt.content.quotes", "/content");
    assert_error(txt(json!("\"these\" ones\"")), "txt.content.quotes", "/content");
    assert_error(txt(json!("\"ends with an escaped quote\\\"")), "txt.content.quotes", "/content");
    assert_error(txt(json!(r#""\256""#)), "txt.content.escape", "/content");
    assert_error(txt(json!(r#""\12x""#)), "txt.content.escape", "/content");
    assert_warning(txt(json!(quote(&"a".repeat(2100)))), "txt.content.length", "/content");
    // 1,400 three-byte characters: under 2,048 characters, over 4,096 wire bytes.
    assert_error(txt(json!(quote(&"€".repeat(1400)))), "txt.content.wire-length", "/content");
    assert_error(txt(json!(42)), "txt.content.type", "/content");
    assert_error(json!({"type":"TXT","name":"example.com","ttl":1}), "txt.content.required", "");
}

#[test]
fn txt_warnings() {
    assert_warning(txt(json!(format!("\"{}\"", "a".repeat(256)))), "txt.content.string-length", "/content");
    assert_valid(txt(json!(format!("\"{}\"", "a".repeat(256)))));
    assert_warning(txt(json!("a".repeat(300))), "txt.content.string-length", "/content");
    assert_warning(txt(json!(" \"padded\" ")), "txt.content.whitespace", "/content");
    assert_warning(txt(json!("\"\"")), "txt.content.blank", "/content");
    assert_warning(txt(json!("\"a\u{7}b\"")), "txt.content.control", "/content");
}

#[test]
fn character_string_helper() {
    assert_eq!(character_strings("\"a\" \"b\"").unwrap(), vec![b"a".to_vec(), b"b".to_vec()]);
    assert_eq!(character_strings("raw \"text\"").unwrap(), vec![b"raw \"text\"".to_vec()]);
    assert!(character_strings("\"open").is_err());
    assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn quote_round_trips(text in any::<String>()) {
        let strings = character_strings(&quote(&text)).unwrap();
        prop_assert!(strings.iter().all(|s| s.len() <= 255));
        prop_assert_eq!(strings.concat(), text.as_bytes().to_vec());
    }

    #[test]
    fn long_text_round_trips(text in "\\PC{0,700}") {
        let strings = character_strings(&quote(&text)).unwrap();
        prop_assert!(strings.iter().all(|s| s.len() <= 255));
        prop_assert_eq!(strings.concat(), text.as_bytes().to_vec());
    }

    #[test]
    fn quoted_text_validates(text in "[^\\p{Cc}]{1,500}") {
        let record = txt(json!(quote(&text)));
        prop_assert!(errors_of(record.clone()).is_empty(), "{}", record);
    }
}

/// RFC 1035 §5.1: zone-file text is a sequence of character-strings, each either a run of
/// non-blank characters or a quoted string; `fromContent` gives them as Cloudflare stores them.
#[test]
fn from_content_reads_zone_file_character_strings() {
    let read = |text: &str| match RecordData::from_content(RecordType::TXT, text) {
        Ok(RecordData::TXT { content }) => content.to_string(),
        other => panic!("{text:?}: {other:?}"),
    };
    assert_eq!(read("v=spf1 -all"), r#""v=spf1" "-all""#);
    assert_eq!(read(r#""v=spf1 -all""#), r#""v=spf1 -all""#);
    assert_eq!(read(r#""a" b "c""#), r#""a" "b" "c""#);
    assert_eq!(read(r#"  "a""b"  "#), r#""a" "b""#);
    assert_eq!(read(r#"a\ b \065\"\\"#), r#""a b" "A\"\\""#);
    assert_eq!(read(r#""""#), r#""""#);
    assert_eq!(read("\"tab\there\""), r#""tab\009here""#);
    assert_eq!(read(r#""\255""#), r#""\255""#);
    // Parentheses outside quotes group lines; `;` inside quotes, or escaped, is text.
    assert_eq!(read("( \"v=DKIM1; k=rsa; \"\n  \"p=MIGf\" )"), r#""v=DKIM1; k=rsa; " "p=MIGf""#);
    assert_eq!(read(r"(a)b\;c"), r#""a" "b;c""#);
    for text in ["v=spf1 -all", r#""a" b "c""#, r"a\ b \065", "\"tab\there\"", r#""\255\000""#] {
        assert_valid(txt(json!(read(text))));
    }
    // An unquoted `;` would start a comment, silently dropping the rest of pasted DKIM or SPF text.
    for bad in ["", "   ", "( )", r#""open"#, r#"a"b"#, r"a\", r#""\256""#, "v=DKIM1; k=rsa", r#""a" ; comment"#] {
        assert!(RecordData::from_content(RecordType::TXT, bad).is_err(), "{bad:?} should not read");
    }
}
