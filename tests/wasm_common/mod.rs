//! Test bodies shared by `wasm_node.rs` (Node) and `wasm_browser.rs` (headless Chromium).
//!
//! They call the `#[wasm_bindgen]` exports in `cf_dns_batch::js` — the functions the JS layer calls —
//! and read every answer back with the host's own `JSON.parse`, exactly as `pkg/src/api.js` does, so
//! what is checked is what crosses the boundary. Each test file expands `boundary_tests!()` into one
//! `#[wasm_bindgen_test]` per body.

use cf_dns_batch::js;
use js_sys::{Array, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;

#[path = "../names/table.rs"]
mod name_table;

pub const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// One `#[wasm_bindgen_test]` per `name: body,` pair.
macro_rules! wasm_tests {
    ($($name:ident: $body:expr,)*) => {
        $(#[wasm_bindgen_test::wasm_bindgen_test] fn $name() { $body })*
    };
}

/// Expands to one `#[wasm_bindgen_test]` per shared body.
macro_rules! boundary_tests {
    () => {
        use $crate::wasm_common as common;

        wasm_tests! {
            kind_a: common::kind_round_trip("A"),
            kind_aaaa: common::kind_round_trip("AAAA"),
            kind_caa: common::kind_round_trip("CAA"),
            kind_cert: common::kind_round_trip("CERT"),
            kind_cname: common::kind_round_trip("CNAME"),
            kind_dnskey: common::kind_round_trip("DNSKEY"),
            kind_ds: common::kind_round_trip("DS"),
            kind_https: common::kind_round_trip("HTTPS"),
            kind_loc: common::kind_round_trip("LOC"),
            kind_mx: common::kind_round_trip("MX"),
            kind_naptr: common::kind_round_trip("NAPTR"),
            kind_ns: common::kind_round_trip("NS"),
            kind_openpgpkey: common::kind_round_trip("OPENPGPKEY"),
            kind_ptr: common::kind_round_trip("PTR"),
            kind_smimea: common::kind_round_trip("SMIMEA"),
            kind_srv: common::kind_round_trip("SRV"),
            kind_sshfp: common::kind_round_trip("SSHFP"),
            kind_svcb: common::kind_round_trip("SVCB"),
            kind_tlsa: common::kind_round_trip("TLSA"),
            kind_txt: common::kind_round_trip("TXT"),
            kind_uri: common::kind_round_trip("URI"),
            samples_cover_every_kind: common::samples_cover_every_kind(),
            every_kind_in_one_batch: common::every_kind_in_one_batch(),
            idna_through_the_host_url_parser: common::idna_through_the_host_url_parser(),
            name_table_verdicts: common::name_table_verdicts(),
            issues_cross_with_code_pointer_severity_message: common::issues_cross_with_code_pointer_severity_message(),
            bad_input_is_an_issue_not_a_throw: common::bad_input_is_an_issue_not_a_throw(),
            prepare_builds_the_request_or_says_why_not: common::prepare_builds_the_request_or_says_why_not(),
            from_content_reads_zone_file_text: common::from_content_reads_zone_file_text(),
            responses_and_retries: common::responses_and_retries(),
        }
    };
}

/// One valid record of each of the 21 kinds, in Cloudflare's JSON shape, each at its own name so
/// that all of them fit in one batch. The values are in the form `toContent` writes back, so
/// `fromContent(toContent(r))` must give the same `data`/`content`/`priority`.
pub fn samples() -> Vec<Value> {
    vec![
        json!({"type":"A","name":"a.example.com","ttl":1,"proxied":false,"content":"192.0.2.1"}),
        json!({"type":"AAAA","name":"aaaa.example.com","ttl":1,"proxied":false,"content":"2001:db8::1"}),
        json!({"type":"CAA","name":"example.com","ttl":1,"data":{"flags":0,"tag":"issue","value":"letsencrypt.org"}}),
        json!({"type":"CERT","name":"cert.example.com","ttl":3600,"data":{"type":1,"key_tag":12345,"algorithm":8,
            "certificate":"MIIBCqzCjbK+t7QrqhywJD1AHMtOP85E17AoeaUnmarf9UFSLYgiWYsvpmT51RVsAMkkgF11w4aL1Wwqy4HTfg=="}}),
        json!({"type":"CNAME","name":"www.example.com","ttl":1,"proxied":true,"content":"origin.example.net"}),
        json!({"type":"DNSKEY","name":"example.com","ttl":3600,"data":{"flags":257,"protocol":3,"algorithm":13,
            "public_key":"H0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1NSZ3aIIu5iTUj84V7FynnL1gLLf0whV6UWVWmR8i74xw=="}}),
        json!({"type":"DS","name":"sub.example.com","ttl":3600,"data":{"key_tag":2371,"algorithm":13,"digest_type":2,
            "digest":"A1FCE4363854FF888CFF4B8E7875D600C2682390412A8CF79B37D0B11148B0FA"}}),
        json!({"type":"HTTPS","name":"https.example.com","ttl":1,"data":{"priority":1,"target":".","value":"alpn=\"h3,h2\" port=443"}}),
        json!({"type":"LOC","name":"loc.example.com","ttl":1,"data":{
            "lat_degrees":52,"lat_minutes":22,"lat_seconds":23.5,"lat_direction":"N",
            "long_degrees":4,"long_minutes":53,"long_seconds":32,"long_direction":"E",
            "altitude":-2,"size":1,"precision_horz":10000,"precision_vert":10}}),
        json!({"type":"MX","name":"example.com","ttl":1,"priority":10,"content":"mx1.example.net"}),
        json!({"type":"NAPTR","name":"naptr.example.com","ttl":1,"data":{"order":100,"preference":10,"flags":"S",
            "service":"SIP+D2U","regex":"","replacement":"_sip._udp.example.com"}}),
        json!({"type":"NS","name":"sub.example.com","ttl":3600,"content":"ns1.example.net"}),
        json!({"type":"OPENPGPKEY","name":"c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.example.com","ttl":1,
            "content":"xjMEZQAAABZI+xCxXz1EoJ3ILQKwZYHgwMaUeMn9LPj5CTZZAZoWh7rs27OMnnKxIWncQUg="}),
        json!({"type":"PTR","name":"1.2.0.192.in-addr.arpa","ttl":1,"content":"host.example.com"}),
        json!({"type":"SMIMEA","name":"c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com","ttl":1,
            "data":{"usage":3,"selector":1,"matching_type":1,"certificate":"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"}}),
        json!({"type":"SRV","name":"_sip._tcp.example.com","ttl":1,"data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}}),
        json!({"type":"SSHFP","name":"host.example.com","ttl":1,"data":{"algorithm":4,"type":2,
            "fingerprint":"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"}}),
        json!({"type":"SVCB","name":"_dns.resolver.example.com","ttl":1,"data":{"priority":1,"target":"doh.example.net","value":"alpn=h2 port=8443"}}),
        json!({"type":"TLSA","name":"_443._tcp.www.example.com","ttl":1,"data":{"usage":3,"selector":1,"matching_type":1,
            "certificate":"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"}}),
        json!({"type":"TXT","name":"_dmarc.example.com","ttl":1,"content":"\"v=DMARC1; p=none\""}),
        json!({"type":"URI","name":"_ftp._tcp.example.com","ttl":1,"priority":10,"data":{"weight":1,"target":"ftp://ftp.example.com/public"}}),
    ]
}

pub fn sample(kind: &str) -> Value {
    samples().into_iter().find(|r| r["type"] == kind).unwrap_or_else(|| panic!("no sample for {kind}"))
}

/// Makes sure the host's URL parser is installed as the IDNA mapper, as `#[wasm_bindgen(start)]`
/// does when the package loads (installing it twice is harmless).
fn ready() {
    js::start();
}

/// Reads an export's answer with the host's `JSON.parse`, as `pkg/src/api.js` does.
pub fn parse(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|e| panic!("an export answered text that JSON.parse refuses ({e:?}): {text}"))
}

/// A JS value back as serde JSON, through the host's `JSON.stringify`.
pub fn value_of(js: &JsValue) -> Value {
    let text: String = JSON::stringify(js).expect("stringify").into();
    serde_json::from_str(&text).expect("stringify gives JSON")
}

pub fn get(js: &JsValue, key: &str) -> JsValue {
    Reflect::get(js, &JsValue::from_str(key)).expect("Reflect.get")
}

/// `validateRecordJson` → the issues as a JS array, read back into serde values.
pub fn record_issues(record: &Value, options: &str) -> Vec<Value> {
    let answer = parse(&js::validate_record_json_export(record.to_string().as_bytes(), options));
    assert!(Array::is_array(&answer), "validateRecordJson answers an array");
    match value_of(&answer) {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

fn errors(issues: &[Value]) -> Vec<&Value> {
    issues.iter().filter(|i| i["severity"] == "error").collect()
}

/// JSON equality where numbers compare by value (`52` and `52.0` are the same number in JS).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

/// The kind's value fields of a record: `content` or `data`, plus `priority` for MX and URI.
fn value_fields(record: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for key in ["type", "content", "data", "priority"] {
        if let Some(v) = record.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    Value::Object(out)
}

/// A valid record of `kind` validates with no error, its zone-file form reads back to the same
/// value, and the record read back validates too — every step through the exports.
pub fn kind_round_trip(kind: &str) {
    ready();
    let record = sample(kind);
    let issues = record_issues(&record, "{}");
    assert!(errors(&issues).is_empty(), "{kind}: a valid record has errors: {issues:#?}");

    let out = parse(&js::to_content_json(&record.to_string()));
    assert_eq!(get(&out, "ok").as_bool(), Some(true), "{kind}: toContent refused a valid record: {}", value_of(&out));
    let content = get(&out, "content").as_string().expect("content is a string");
    assert!(!content.is_empty(), "{kind}: empty presentation form");

    let back = parse(&js::from_content_json(kind, &content));
    assert_eq!(get(&back, "ok").as_bool(), Some(true), "{kind}: fromContent({content:?}) failed: {}", value_of(&back));
    let read = get(&back, "record");
    assert_eq!(get(&read, "type").as_string().as_deref(), Some(kind));
    let read = value_of(&read);
    assert!(
        same(&read, &value_fields(&record)),
        "{kind}: fromContent(toContent(r)) differs\n   content: {content:?}\n  expected: {}\n       got: {read}",
        value_fields(&record)
    );

    // The value read back, with the common fields, is a valid record again and prints the same.
    let mut again = read.as_object().cloned().expect("an object");
    for key in ["name", "ttl"] {
        again.insert(key.into(), record[key].clone());
    }
    let again = Value::Object(again);
    let issues = record_issues(&again, "{}");
    assert!(errors(&issues).is_empty(), "{kind}: the record read back has errors: {issues:#?}");
    let out = parse(&js::to_content_json(&again.to_string()));
    assert_eq!(get(&out, "content").as_string().as_deref(), Some(content.as_str()), "{kind}: printing is not stable");
}

pub fn samples_cover_every_kind() {
    let kinds: Vec<String> = samples().iter().map(|r| r["type"].as_str().unwrap_or_default().to_string()).collect();
    let all: Vec<&str> = cf_dns_batch::RecordType::ALL.iter().map(|t| t.as_str()).collect();
    assert_eq!(kinds, all, "one sample per kind, in RecordType::ALL order");
}

/// All 21 samples as the posts of one batch: no errors, and the request body carries each record
/// as given.
pub fn every_kind_in_one_batch() {
    ready();
    let posts = samples();
    let params = json!({ "zone_id": ZONE, "posts": posts });
    let issues = value_of(&parse(&js::validate_batch_json(params.to_string().as_bytes(), "{}")));
    let issues = issues.as_array().expect("an array");
    assert!(errors(issues).is_empty(), "errors in a batch of valid records: {issues:#?}");

    let (answer, body_text) = prepare(&params, r#"{"apiToken":"t0ken"}"#);
    let prepared = parse(&answer);
    assert_eq!(get(&prepared, "ok").as_bool(), Some(true), "{}", value_of(&prepared));
    let body: Value = serde_json::from_str(&body_text).expect("body is JSON");
    let sent = body["posts"].as_array().unwrap_or_else(|| panic!("no posts in the body: {body}"));
    assert_eq!(sent.len(), posts.len(), "every post is sent: {body}");
    for (sent, given) in sent.iter().zip(&posts) {
        let kind = given["type"].as_str().unwrap_or_default();
        assert!(same(&value_fields(sent), &value_fields(given)), "{kind}: sent {sent}, given {given}");
        assert_eq!(sent["name"], given["name"], "{kind}");
    }
}

/// Unicode names are mapped (UTS #46) by the host's own URL parser: no Unicode tables in the .wasm.
pub fn idna_through_the_host_url_parser() {
    ready();
    let a = json!({"type":"A","name":"bücher.example.com","ttl":1,"content":"192.0.2.1"});
    assert_eq!(record_issues(&a, "{}"), Vec::<Value>::new(), "bücher.example.com is a valid owner name");
    let upper = json!({"type":"A","name":"BÜCHER.example.com","ttl":1,"content":"192.0.2.1"});
    assert!(errors(&record_issues(&upper, "{}")).is_empty(), "case folding is part of the mapping");
    let cname = json!({"type":"CNAME","name":"www.example.com","ttl":1,"content":"bücher.example.net"});
    assert!(errors(&record_issues(&cname, "{}")).is_empty(), "a Unicode target is fine too");

    // U+FFFD is disallowed by UTS #46: the URL parser refuses it, and that is an issue at the name.
    let bad = json!({"type":"A","name":"exa\u{FFFD}mple.com","ttl":1,"content":"192.0.2.1"});
    let issues = record_issues(&bad, "{}");
    assert!(issues.iter().any(|i| i["code"] == "record.name.idna" && i["pointer"] == "/name" && i["severity"] == "error"), "{issues:#?}");
    // A name too long once mapped: the length is checked on the ASCII form.
    let long = format!("{}.example.com", "ü".repeat(60));
    let long = json!({"type":"A","name":long,"ttl":1,"content":"192.0.2.1"});
    assert!(record_issues(&long, "{}").iter().any(|i| i["pointer"] == "/name" && i["severity"] == "error"));
}

/// The shared name table (tests/names/table.rs): this host's URL parser maps the Unicode names, and
/// every verdict must be the one the native build reaches with the `idna` crate.
pub fn name_table_verdicts() {
    ready();
    let cases = name_table::cases();
    let mut wrong = Vec::new();
    for case in &cases {
        let record: Value = serde_json::from_str(&case.0).expect("table rows are JSON");
        let issues: Vec<(String, String, String)> = record_issues(&record, "{}")
            .iter()
            .map(|i| {
                let text = |key: &str| i[key].as_str().unwrap_or_default().to_string();
                (text("code"), text("pointer"), text("severity"))
            })
            .collect();
        wrong.extend(name_table::mismatch(case, &issues));
    }
    assert!(wrong.is_empty(), "{} of {} verdicts differ from the table:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

/// An issue crosses as a plain object with `code`, `pointer`, `severity` and `message`.
pub fn issues_cross_with_code_pointer_severity_message() {
    ready();
    let srv = json!({"type":"SRV","name":"_sip._tcp.example.com","ttl":1,"data":{"priority":10,"weight":5,"port":70000,"target":"sip.example.com"}});
    let answer = parse(&js::validate_record_json_export(srv.to_string().as_bytes(), "{}"));
    let first = Array::from(&answer).get(0);
    assert!(first.is_object());
    assert_eq!(get(&first, "code").as_string().as_deref(), Some("srv.data.port.range"));
    assert_eq!(get(&first, "pointer").as_string().as_deref(), Some("/data/port"));
    assert_eq!(get(&first, "severity").as_string().as_deref(), Some("error"));
    let message = get(&first, "message").as_string().unwrap_or_default();
    assert!(message.contains("70000"), "the message names the value: {message}");

    // In a batch the pointer is into the batch.
    let params = json!({"zone_id": ZONE, "posts": [sample("A"), srv]});
    let issues = value_of(&parse(&js::validate_batch_json(params.to_string().as_bytes(), "{}")));
    assert!(issues.as_array().into_iter().flatten().any(|i| i["pointer"] == "/posts/1/data/port"), "{issues}");

    // Every issue, not just the first.
    let two = json!({"type":"SRV","name":"_sip._tcp.example.com","ttl":1,"data":{"priority":-1,"weight":5,"port":70000,"target":"sip.example.com"}});
    let pointers: Vec<Value> = errors(&record_issues(&two, "{}")).into_iter().map(|i| i["pointer"].clone()).collect();
    assert!(pointers.contains(&json!("/data/priority")) && pointers.contains(&json!("/data/port")), "{pointers:?}");

    // Options cross as JSON too: strict turns RFC advice into errors; disable silences a code.
    let ip_target = json!({"type":"MX","name":"example.com","ttl":1,"priority":10,"content":"192.0.2.1"});
    let lenient = record_issues(&ip_target, "{}");
    assert!(lenient.iter().any(|i| i["code"] == "mx.content.ip" && i["severity"] == "warning"), "{lenient:#?}");
    let strict = record_issues(&ip_target, r#"{"strict":true}"#);
    assert!(strict.iter().any(|i| i["code"] == "mx.content.ip" && i["severity"] == "error"), "{strict:#?}");
    let silenced = record_issues(&ip_target, r#"{"disable":["mx.content.ip"]}"#);
    assert!(!silenced.iter().any(|i| i["code"] == "mx.content.ip"), "{silenced:#?}");
}

/// Garbage never throws across the boundary: it comes back as issues.
pub fn bad_input_is_an_issue_not_a_throw() {
    ready();
    let answer = value_of(&parse(&js::validate_record_json_export(b"{not json", "{}")));
    assert_eq!(answer[0]["code"], "record.json");
    assert_eq!(answer[0]["pointer"], "");
    for text in ["null", "42", "\"A\"", "[]", "{}", r#"{"type":"NOPE","name":"x","ttl":1}"#, r#"{"type":"A"}"#] {
        let issues = value_of(&parse(&js::validate_record_json_export(text.as_bytes(), "{}")));
        assert!(issues.as_array().is_some_and(|a| !a.is_empty()), "{text} -> {issues}");
    }
    let issues = value_of(&parse(&js::validate_batch_json(b"[1,2]", "{}")));
    assert!(issues.as_array().is_some_and(|a| a.iter().any(|i| i["code"] == "batch.type")), "{issues}");
    // The batch crosses as bytes: bytes that are not UTF-8 are an issue, not a trap.
    let issues = value_of(&parse(&js::validate_batch_json(b"{\"posts\":[\"\xff\"]}", "{}")));
    assert_eq!(issues[0]["code"], "batch.json", "{issues}");
    let refused = value_of(&parse(&js::prepare_batch(b"\xc3(", "\"z\"", "null", r#"{"apiToken":"t"}"#)));
    assert_eq!(refused["ok"], false, "{refused}");
    assert_eq!(refused["error"]["issues"][0]["code"], "batch.json", "{refused}");
    let warned = record_issues(&sample("A"), r#"{"plan":"platinum"}"#);
    assert!(warned.iter().any(|i| i["code"] == "options.plan.unknown" && i["severity"] == "warning"), "{warned:#?}");
    let out = value_of(&parse(&js::to_content_json("{")));
    assert_eq!(out["ok"], false);
}

pub fn prepare_builds_the_request_or_says_why_not() {
    ready();
    let params = json!({"zone_id": ZONE, "deletes": [{"id":"2bff0ebc4df64beaa44b0dca93e37a28"}], "posts": [sample("SRV")]});
    let (answer, body_text) = prepare(&params, r#"{"apiToken":"t0ken","baseURL":"http://127.0.0.1:9/client/v4"}"#);
    let ok = value_of(&parse(&answer));
    assert_eq!(ok["ok"], true, "{ok}");
    assert_eq!(ok["method"], "POST");
    assert_eq!(ok["url"], format!("http://127.0.0.1:9/client/v4/zones/{ZONE}/dns_records/batch"));
    assert_eq!(ok["headers"]["authorization"], "Bearer t0ken");
    assert_eq!(ok["headers"]["content-type"], "application/json");
    let body: Value = serde_json::from_str(&body_text).expect("body is JSON");
    assert_eq!(body["deletes"], json!([{"id":"2bff0ebc4df64beaa44b0dca93e37a28"}]));
    assert!(body.get("zone_id").is_none(), "zone_id goes in the path");

    let mut bad = params.clone();
    bad["posts"][0]["data"]["port"] = json!(70000);
    let refused = value_of(&parse(&prepare(&bad, r#"{"apiToken":"t0ken"}"#).0));
    assert_eq!(refused["ok"], false);
    assert_eq!(refused["error"]["kind"], "validation");
    assert!(refused["error"]["issues"].as_array().into_iter().flatten().any(|i| i["pointer"] == "/posts/0/data/port"), "{refused}");

    let no_auth = value_of(&parse(&prepare(&params, "{}").0));
    assert_eq!(no_auth["error"]["kind"], "config");
    assert_eq!(no_auth["error"]["code"], "options.auth.missing");
    let leaked = prepare(&params, r#"{"apiToken":"s3cret\r\nx: 1"}"#).0;
    assert!(!leaked.contains("s3cret"), "a credential never appears in an error: {leaked}");
}

pub fn from_content_reads_zone_file_text() {
    ready();
    let mx = value_of(&parse(&js::from_content_json("mx", " 10   mx1.example.net ")));
    assert_eq!(mx, json!({"ok": true, "record": {"type":"MX","content":"mx1.example.net","priority":10}}), "case-insensitive type, trimmed");
    let srv = value_of(&parse(&js::from_content_json("SRV", "10 5 5060 sip.example.com")));
    assert_eq!(srv["record"], json!({"type":"SRV","data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}}));
    let unknown = value_of(&parse(&js::from_content_json("SPF", "v=spf1 -all")));
    assert_eq!(unknown["ok"], false);
    assert!(unknown["message"].as_str().is_some_and(|m| m.contains("SPF")), "{unknown}");
    let bad = value_of(&parse(&js::from_content_json("SRV", "10 five 5060 sip.example.com")));
    assert_eq!(bad["ok"], false);
    assert!(bad["message"].as_str().is_some_and(|m| !m.is_empty()));
}

pub fn responses_and_retries() {
    ready();
    let ok = r#"{"success":true,"errors":[],"messages":[],"result":{"posts":[]}}"#;
    assert_eq!(js::check_response(200, None, ok.as_bytes(), "batch"), "", "a success answers the empty string");
    // A listing expects a list: the same batch answer is a wrong-shaped success there.
    assert_eq!(value_of(&parse(&js::check_response(200, None, ok.as_bytes(), "list")))["code"], "api.bad_result");
    let failed = js::check_response(
        400,
        Some("8f1c2a3b4c5d6e7f-SJC".into()),
        br#"{"success":false,"result":null,"messages":[],"errors":[{"code":81058,"message":"An identical record already exists."}]}"#,
        "batch",
    );
    let failed = value_of(&parse(&failed));
    assert_eq!(failed["status"], 400);
    assert_eq!(failed["ray_id"], "8f1c2a3b4c5d6e7f-SJC");
    assert_eq!(failed["errors"][0]["code"], 81058);
    let html = value_of(&parse(&js::check_response(502, None, b"<html>Bad Gateway</html>", "batch")));
    assert_eq!(html["status"], 502);

    // 429 with Retry-After: 1 waits about a second; a 500 is never replayed by default.
    let wait = js::retry_delay(2, false, 0, "status", 429, Some("1".into()), None, 0.0, 0.0);
    assert!((1000.0..2000.0).contains(&wait), "{wait}");
    assert_eq!(js::retry_delay(2, false, 0, "status", 500, None, None, 0.0, 0.5), -1.0);
    assert!(js::retry_delay(2, false, 0, "not_sent", 0, None, None, 0.0, 0.5) >= 0.0);
    assert_eq!(js::retry_delay(2, false, 2, "not_sent", 0, None, None, 0.0, 0.5), -1.0, "stops after maxRetries");
    assert_eq!(js::retry_delay(2, false, 0, "timeout", 0, None, None, 0.0, 0.5), -1.0);
}

/// Calls `prepareBatch` the way the JS layer does: the body is the params without `zone_id` and
/// `include_shadow_metadata`, which travel separately as JSON. Returns (answer, body).
fn prepare(params: &Value, options: &str) -> (String, String) {
    let mut rest = params.clone();
    let (zone, shadow) = match rest.as_object_mut() {
        Some(members) => (members.remove("zone_id").unwrap_or(Value::Null), members.remove("include_shadow_metadata").unwrap_or(Value::Null)),
        None => (Value::Null, Value::Null),
    };
    let body = rest.to_string();
    (js::prepare_batch(body.as_bytes(), &zone.to_string(), &shadow.to_string(), options), body)
}
