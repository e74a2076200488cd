//! The crate's JSON parser (`json::Json::parse`, written by hand for speed) against serde_json:
//! the same texts accepted and refused, the same trees read. The comparison itself is the one the
//! `json_parse` fuzz target runs (`fuzz/src/checks.rs`).

#[path = "../fuzz/src/checks.rs"]
mod checks;

use cf_dns_batch::json::{Arena, Json};
use proptest::prelude::*;

#[test]
fn accepts_and_refuses_what_serde_json_does() {
    let cases = [
        "", " ", "null", "true", "false", "nul", "tru", "fals", "truex", "nullnull", "0", "-0", "-", "01", "-01",
        "1.", "1.5", ".5", "1e", "1e+", "1e5", "1E-5", "1.5e300", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "0.1", "2.2250738585072014e-308", "[", "]", "[]", "[1,]",
        "[,1]", "[1 2]", "[1,2]", " [ 1 , 2 ] ", "{}", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}",
        "{a:1}", "{\"a\":1}", "{\"a\":{\"b\":[{}]}}", "\"", "\"abc", "\"abc\"", "\"a\\\"b\"", "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83dx\"", "\"\\ud83d\\u0041\"", "\"\\u12\"",
        "\"\\u12g4\"", "\"\\x\"", "\"\\/\\b\\f\\n\\r\\t\"", "\"tab\there\"", "\"nl\nhere\"", "\"\u{7f}\"", "\"é😀\"",
        "\"\\u0000\"", "1 2", "{} x", "\t\n\r 1 \t\n\r", "\u{a0}1", "[1]\u{0}", "\"abcdefghijklmnopqrstuvwxyz\\n0123456789\"",
        "{\"k\":1,\"k\":2}", "[true,false,null,-1.25e-3,\"x\",{\"y\":[]}]",
    ];
    for text in cases {
        checks::json_parse_agrees(text);
    }
    // serde_json's nesting limit, exactly.
    for depth in [126, 127, 128, 129] {
        checks::json_parse_agrees(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        checks::json_parse_agrees(&format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
    }
}

#[test]
fn errors_say_where() {
    let error = Json::parse("{\n  \"a\": tru\n}", &Arena::new()).unwrap_err();
    assert_eq!(error.line, 2);
    assert!(error.to_string().contains("line 2 column"), "{error}");
}

/// Strings near the eight-byte boundaries of the scan: every position of a quote, backslash
/// or control character in strings of 0–24 bytes.
#[test]
fn string_ends_are_found_at_every_offset() {
    for len in 0..24 {
        for special in ["\\\"", "\\\\", "\\n", "\u{1}", "é"] {
            for at in 0..=len {
                let body: String = "x".repeat(at) + special + &"y".repeat(len - at);
                checks::json_parse_agrees(&format!("\"{body}\""));
                checks::json_parse_agrees(&format!("[\"{body}\",\"z\"]"));
            }
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
            prop::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn reads_back_what_serde_json_writes(value in json_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
        let text = text.unwrap();
        let read = Json::parse(&text, &Arena::new()).unwrap().to_value();
        prop_assert!(checks::same_tree(&read, &value), "{} vs {}", read, value);
    }

    #[test]
    fn agrees_on_arbitrary_text(text in "[\\[\\]{}\",:\\\\a-z0-9.eE+\\- \\n\u{1}é]{0,40}") {
        checks::json_parse_agrees(&text);
    }

    #[test]
    fn agrees_on_damaged_json(value in json_value(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut text = serde_json::to_string(&value).unwrap().into_bytes();
        let at = cut.index(text.len() + 1);
        text.insert(at, byte);
        let text = String::from_utf8_lossy(&text);
        checks::json_parse_agrees(&text);
        checks::json_parse_agrees(text.get(..at).unwrap_or_default());
    }
}

