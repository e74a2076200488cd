//! The fields every record shares: `type`, `name`, `ttl`, `proxied`, `comment`, `tags`, `settings`,
//! `private_routing`, and fields the API ignores (typos, response-only fields, the wrong value field).
mod common;
use cf_dns_batch::{Plan, Severity, ValidateOptions};
use common::*;
use serde_json::{json, Value};

fn a_named(name: &str) -> Value {
    json!({"type":"A","name":name,"ttl":1,"content":"192.0.2.1"})
}

fn a_with(extra: Value) -> Value {
    let mut record = json!({"type":"A","name":"www.example.com","ttl":1,"content":"192.0.2.1"});
    if let (Some(base), Value::Object(more)) = (record.as_object_mut(), extra) {
        base.extend(more);
    }
    record
}

fn txt_with(extra: Value) -> Value {
    let mut record = json!({"type":"TXT","name":"www.example.com","ttl":1,"content":"\"hello\""});
    if let (Some(base), Value::Object(more)) = (record.as_object_mut(), extra) {
        base.extend(more);
    }
    record
}

fn plan(plan: Plan) -> ValidateOptions {
    ValidateOptions { plan: Some(plan), ..Default::default() }
}

#[track_caller]
fn assert_clean_with(record: Value, options: &ValidateOptions) {
    let issues = issues_of(record.clone(), options);
    assert!(issues.is_empty(), "expected no issues for {record} with {options:?}, got {issues:#?}");
}

#[track_caller]
fn assert_error_with(record: Value, code: &str, pointer: &str, options: &ValidateOptions) {
    assert_issue(record, code, pointer, Severity::Error, options);
}

#[track_caller]
fn assert_warning_with(record: Value, code: &str, pointer: &str, options: &ValidateOptions) {
    assert_issue(record, code, pointer, Severity::Warning, options);
}

/// The issue at `code`, which must be the only one with that code.
#[track_caller]
fn only(record: Value, code: &str) -> cf_dns_batch::Issue {
    let found: Vec<_> = issues_of(record.clone(), &ValidateOptions::default()).into_iter().filter(|i| i.code == code).collect();
    assert_eq!(found.len(), 1, "expected one {code} for {record}, got {found:#?}");
    found.into_iter().next().unwrap()
}

// ---- name ----

#[test]
fn usual_names_are_clean() {
    assert_clean(a_named("@"));
    assert_clean(a_named("www"));
    assert_clean(a_named("www.example.com"));
    assert_clean(a_named("www.example.com."));
    assert_clean(a_named("*.example.com"));
    assert_clean(a_named("*"));
    assert_clean(a_named("_dmarc.example.com"));
    assert_clean(a_named("bücher.example.com"));
    assert_clean(a_named("xn--bcher-kva.example.com"));
    assert_clean(a_named("WWW.Example.COM"));
    assert_clean(a_named(&format!("{}.example.com", "a".repeat(63))));
    // 253 characters exactly.
    assert_clean(a_named(&format!("{}.{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61))));
}

#[test]
fn wildcards_count_only_as_the_leftmost_whole_label() {
    assert_valid(a_named("a.*.example.com"));
    assert_warning(a_named("a.*.example.com"), "record.name.wildcard-position", "/name");
    assert_warning(a_named("*.*.example.com"), "record.name.wildcard-position", "/name");
    assert_warning(a_named("a*.example.com"), "record.name.wildcard", "/name");
    assert_strict_error(a_named("a*.example.com"), "record.name.wildcard", "/name");
}

#[test]
fn broken_names_are_errors() {
    assert_error(a_named(""), "record.name.empty", "/name");
    assert_error(a_named("."), "record.name.root", "/name");
    assert_error(a_named("www..example.com"), "record.name.empty-label", "/name");
    assert_error(a_named(".www.example.com"), "record.name.empty-label", "/name");
    assert_error(a_named("www.example.com.."), "record.name.empty-label", "/name");
    assert_error(a_named(&format!("{}.example.com", "a".repeat(64))), "record.name.label-length", "/name");
    assert_error(a_named(&format!("{}.{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62))), "record.name.length", "/name");
    assert_error(a_named("_dnslink.@"), "record.name.at-sign", "/name");
    assert_error(a_named("www.@.example.com"), "record.name.at-sign", "/name");
    assert_error(a_named("www example.com"), "record.name.charset", "/name");
    assert_error(a_named("www\texample.com"), "record.name.charset", "/name");
    assert_error(a_named("www\u{0}.example.com"), "record.name.charset", "/name");
    assert_error(a_named("a!b.example.com"), "record.name.charset", "/name");
    assert_error(a_named("a/b.example.com"), "record.name.charset", "/name");
    assert_error(json!({"type":"A","name":7,"ttl":1,"content":"192.0.2.1"}), "record.name.type", "/name");
    assert_error(json!({"type":"A","ttl":1,"content":"192.0.2.1"}), "record.name.required", "");
    assert_warning(a_named("-www.example.com"), "record.name.hyphen", "/name");
    assert_strict_error(a_named("www-.example.com"), "record.name.hyphen", "/name");
}

#[test]
fn invalid_internationalised_names_are_errors() {
    // A label may not start with a combining mark (UTS #46 validity criteria).
    assert_error(a_named("\u{0301}a.example.com"), "record.name.idna", "/name");
    // A label with a right-to-left character mixed with left-to-right ones breaks the Bidi rule.
    assert_error(a_named("aא1.example.com"), "record.name.bidi", "/name");
}

// ---- ttl ----

#[test]
fn ttl_limits() {
    for ttl in [1, 60, 300, 3600, 86400] {
        assert_clean(json!({"type":"A","name":"www","ttl":ttl,"content":"192.0.2.1"}));
        assert_clean_with(json!({"type":"A","name":"www","ttl":ttl,"content":"192.0.2.1"}), &plan(Plan::Free));
    }
    let ttl = |t: Value| json!({"type":"A","name":"www","ttl":t,"content":"192.0.2.1"});
    assert_clean(json!({"type":"A","name":"www","content":"192.0.2.1"}));
    assert_clean(ttl(json!(300.0)));
    for bad in [0, 2, 29, 86401, -1, 1_000_000] {
        assert_error(ttl(json!(bad)), "record.ttl.range", "/ttl");
        assert_error_with(ttl(json!(bad)), "record.ttl.range", "/ttl", &plan(Plan::Enterprise));
    }
    assert_error(ttl(json!("300")), "record.ttl.type", "/ttl");
    assert_error(ttl(json!(300.5)), "record.ttl.integer", "/ttl");
}

#[test]
fn ttl_below_60_depends_on_the_plan() {
    let ttl = |t: i64| json!({"type":"A","name":"www","ttl":t,"content":"192.0.2.1"});
    for t in [30, 59] {
        assert_clean_with(ttl(t), &plan(Plan::Enterprise));
        assert_error_with(ttl(t), "record.ttl.range", "/ttl", &plan(Plan::Free));
        assert_error_with(ttl(t), "record.ttl.range", "/ttl", &plan(Plan::Pro));
        assert_error_with(ttl(t), "record.ttl.range", "/ttl", &plan(Plan::Business));
        assert_valid(ttl(t));
        assert_warning(ttl(t), "record.ttl.plan", "/ttl");
    }
}

#[test]
fn proxied_records_use_automatic_ttl() {
    let proxied = json!({"type":"A","name":"www","ttl":300,"content":"192.0.2.1","proxied":true});
    assert_valid(proxied.clone());
    assert_warning(proxied, "record.ttl.proxied", "/ttl");
    assert_clean(json!({"type":"A","name":"www","ttl":1,"content":"192.0.2.1","proxied":true}));
    assert_clean(json!({"type":"A","name":"www","ttl":300,"content":"192.0.2.1","proxied":false}));
}

// ---- proxied ----

#[test]
fn only_a_aaaa_and_cname_can_be_proxied() {
    assert_error(
        json!({"type":"MX","name":"example.com","ttl":1,"content":"mail.example.com","priority":10,"proxied":true}),
        "record.proxied.not-proxiable",
        "/proxied",
    );
    assert_error(txt_with(json!({"proxied":true})), "record.proxied.not-proxiable", "/proxied");
    assert_clean(json!({"type":"MX","name":"example.com","ttl":1,"content":"mail.example.com","priority":10,"proxied":false}));
    assert_clean(json!({"type":"AAAA","name":"www","ttl":1,"content":"2001:db8::1","proxied":true}));
    assert_clean(json!({"type":"CNAME","name":"www","ttl":1,"content":"example.net","proxied":true}));
    assert_error(a_with(json!({"proxied":"true"})), "record.proxied.type", "/proxied");
    assert_clean(a_with(json!({"proxied":null})));
}

// ---- comment ----

#[test]
fn comments() {
    assert_clean(a_with(json!({"comment":"web server"})));
    assert_clean(a_with(json!({"comment":null})));
    assert_clean(a_with(json!({"comment":""})));
    assert_clean_with(a_with(json!({"comment":"x".repeat(100)})), &plan(Plan::Free));
    assert_clean_with(a_with(json!({"comment":"é".repeat(100)})), &plan(Plan::Free));
    assert_error(a_with(json!({"comment":"line one\nline two"})), "record.comment.newline", "/comment");
    assert_error(a_with(json!({"comment":"carriage\r"})), "record.comment.newline", "/comment");
    assert_error(a_with(json!({"comment":42})), "record.comment.type", "/comment");

    let long = a_with(json!({"comment":"x".repeat(101)}));
    assert_error_with(long.clone(), "record.comment.length", "/comment", &plan(Plan::Free));
    assert_warning(long.clone(), "record.comment.plan", "/comment");
    assert_valid(long.clone());
    assert_clean_with(long, &plan(Plan::Pro));
    assert_clean_with(a_with(json!({"comment":"x".repeat(500)})), &plan(Plan::Enterprise));
    for p in [None, Some(Plan::Free), Some(Plan::Business)] {
        let options = ValidateOptions { plan: p, ..Default::default() };
        assert_error_with(a_with(json!({"comment":"x".repeat(501)})), "record.comment.length", "/comment", &options);
    }
}

// ---- tags ----

#[test]
fn tags_follow_name_colon_value() {
    let pro = plan(Plan::Pro);
    assert_clean_with(a_with(json!({"tags":["env:prod","owner:team-a","empty:"]})), &pro);
    assert_clean_with(a_with(json!({"tags":["url:https://example.com/a:b"]})), &pro);
    assert_clean_with(a_with(json!({"tags":[]})), &plan(Plan::Free));
    assert_clean_with(a_with(json!({"tags":null})), &plan(Plan::Free));
    assert_warning_with(a_with(json!({"tags":["novalue"]})), "record.tags.format", "/tags/0", &pro);
    assert_error_with(a_with(json!({"tags":["ok:1","bad name:x"]})), "record.tags.name", "/tags/1", &pro);
    assert_error_with(a_with(json!({"tags":["bad.name:x"]})), "record.tags.name", "/tags/0", &pro);
    assert_error_with(a_with(json!({"tags":[":x"]})), "record.tags.name", "/tags/0", &pro);
    assert_error_with(a_with(json!({"tags":[format!("{}:x", "n".repeat(33))]})), "record.tags.name", "/tags/0", &pro);
    assert_clean_with(a_with(json!({"tags":[format!("{}:x", "n".repeat(32))]})), &pro);
    // Non-ASCII tag names are refused, not a panic when cutting the first three bytes.
    assert_error_with(a_with(json!({"tags":["éé:x"]})), "record.tags.name", "/tags/0", &pro);
    assert_error_with(a_with(json!({"tags":["a€:x"]})), "record.tags.name", "/tags/0", &pro);
    assert_error_with(a_with(json!({"tags":[format!("k:{}", "v".repeat(101))]})), "record.tags.value", "/tags/0", &pro);
    assert_clean_with(a_with(json!({"tags":[format!("k:{}", "v".repeat(100))]})), &pro);
    assert_error_with(a_with(json!({"tags":["k:a\nb"]})), "record.tags.value", "/tags/0", &pro);
    assert_error_with(a_with(json!({"tags":"env:prod"})), "record.tags.type", "/tags", &pro);
    assert_error_with(a_with(json!({"tags":["env:prod", 5]})), "record.tags.type", "/tags/1", &pro);
}

#[test]
fn tag_count_plan_reserved_prefix_and_duplicates() {
    let pro = plan(Plan::Pro);
    let tags: Vec<String> = (0..21).map(|i| format!("t{i}:v")).collect();
    assert_error_with(a_with(json!({"tags":tags})), "record.tags.count", "/tags", &pro);
    let twenty: Vec<String> = (0..20).map(|i| format!("t{i}:v")).collect();
    assert_clean_with(a_with(json!({"tags":twenty})), &pro);

    assert_error_with(a_with(json!({"tags":["env:prod"]})), "record.tags.plan", "/tags", &plan(Plan::Free));
    assert_warning(a_with(json!({"tags":["env:prod"]})), "record.tags.plan", "/tags");
    assert_valid(a_with(json!({"tags":["env:prod"]})));

    assert_warning_with(a_with(json!({"tags":["cf-proxied:true"]})), "record.tags.reserved", "/tags/0", &pro);
    assert_warning_with(a_with(json!({"tags":["CF-flatten-cname:"]})), "record.tags.reserved", "/tags/0", &pro);
    assert_warning_with(a_with(json!({"tags":["env:a","ENV:b"]})), "record.tags.duplicate", "/tags/1", &pro);
}

// ---- settings ----

#[test]
fn settings() {
    assert_error(
        json!({"type":"A","name":"www","ttl":1,"content":"192.0.2.1","proxied":true,"settings":{"ipv4_only":true,"ipv6_only":true}}),
        "record.settings.ip-only-conflict",
        "/settings",
    );
    assert_warning(a_with(json!({"settings":{"ipv4_only":true}})), "record.settings.ip-only-unproxied", "/settings");
    assert_clean(a_with(json!({"proxied":true,"settings":{"ipv6_only":true}})));
    assert_clean(a_with(json!({"settings":{"ipv4_only":false,"ipv6_only":false}})));
    assert_clean(a_with(json!({"settings":{}})));
    assert_clean(a_with(json!({"settings":null})));
    assert_error(a_with(json!({"settings":{"flatten_cname":true}})), "record.settings.flatten-cname", "/settings/flatten_cname");
    assert_error(txt_with(json!({"settings":{"flatten_cname":true}})), "record.settings.flatten-cname", "/settings/flatten_cname");
    assert_error(
        json!({"type":"CNAME","name":"www","ttl":1,"content":"example.net","proxied":true,"settings":{"flatten_cname":true}}),
        "record.settings.flatten-proxied",
        "/settings/flatten_cname",
    );
    assert_clean(json!({"type":"CNAME","name":"www","ttl":1,"content":"example.net","proxied":true,"settings":{"flatten_cname":false}}));
    assert_clean(json!({"type":"CNAME","name":"www","ttl":1,"content":"example.net","settings":{"flatten_cname":true}}));
    assert_error(a_with(json!({"settings":{"ipv4_only":"yes"}})), "record.settings.ipv4_only.type", "/settings/ipv4_only");
    assert_error(a_with(json!({"settings":"ipv4_only"})), "record.settings.type", "/settings");
    let typo = only(a_with(json!({"settings":{"ipv4only":true}})), "record.settings.unknown-field");
    assert_eq!(typo.pointer, "/posts/0/settings/ipv4only");
    assert!(typo.message.contains("`ipv4_only`"), "{}", typo.message);
}

// ---- private_routing ----

#[test]
fn private_routing() {
    assert_clean(a_with(json!({"proxied":true,"private_routing":true})));
    assert_clean(json!({"type":"AAAA","name":"www","ttl":1,"content":"fc00::1","proxied":true,"private_routing":true}));
    assert_clean(a_with(json!({"private_routing":false})));
    assert_error(txt_with(json!({"private_routing":true})), "record.private_routing.kind", "/private_routing");
    assert_error(
        json!({"type":"CNAME","name":"www","ttl":1,"content":"example.net","proxied":true,"private_routing":true}),
        "record.private_routing.kind",
        "/private_routing",
    );
    assert_error(a_with(json!({"private_routing":true})), "record.private_routing.unproxied", "/private_routing");
    assert_error(a_with(json!({"proxied":false,"private_routing":true})), "record.private_routing.unproxied", "/private_routing");
    assert_error(a_with(json!({"private_routing":1})), "record.private_routing.type", "/private_routing");
}

// ---- fields the API ignores ----

#[test]
fn a_typo_names_the_field_it_was_meant_to_be() {
    let record = json!({"type":"A","name":"www","ttl:":300,"content":"192.0.2.1"});
    assert_valid(record.clone());
    let issue = only(record, "record.unknown-field");
    assert_eq!(issue.severity, Severity::Warning);
    assert_eq!(issue.pointer, "/posts/0/ttl:");
    assert!(issue.message.contains("did you mean `ttl`"), "{}", issue.message);

    let issue = only(a_with(json!({"comments":"x"})), "record.unknown-field");
    assert!(issue.message.contains("`comment`"), "{}", issue.message);
    assert_warning(a_with(json!({"zzzzzzzz":1})), "record.unknown-field", "/zzzzzzzz");
    assert!(!only(a_with(json!({"zzzzzzzz":1})), "record.unknown-field").message.contains("did you mean"));
}

#[test]
fn response_only_fields_are_not_sent() {
    for field in ["proxiable", "created_on", "modified_on", "meta", "zone_id", "zone_name", "locked", "id"] {
        let record = a_with(json!({ field: "x" }));
        assert_valid(record.clone());
        assert_warning(record, "record.response-field", &format!("/{field}"));
    }
}

#[test]
fn record_types() {
    let lower = json!({"type":"a","name":"www","ttl":1,"content":"192.0.2.1"});
    assert_valid(lower.clone());
    assert_warning(lower, "record.type.case", "/type");
    assert_warning(json!({"type":"Mx","name":"@","ttl":1,"content":"mail.example.com","priority":1}), "record.type.case", "/type");

    let spf = json!({"type":"SPF","name":"@","ttl":1,"content":"v=spf1 -all"});
    assert_error(spf.clone(), "record.type.unknown", "/type");
    assert!(only(spf, "record.type.unknown").message.contains("TXT"));
    let alias = only(json!({"type":"ALIAS","name":"@","ttl":1,"content":"x.example"}), "record.type.unknown");
    assert!(alias.message.contains("CNAME"), "{}", alias.message);
    let typo = only(json!({"type":"AAA","name":"@","ttl":1,"content":"2001:db8::1"}), "record.type.unknown");
    assert!(typo.message.contains("did you mean AAAA?"), "{}", typo.message);
    let typo = only(json!({"type":"cnam","name":"@","ttl":1,"content":"x.example"}), "record.type.unknown");
    assert!(typo.message.contains("did you mean CNAME?"), "{}", typo.message);
    assert_error(json!({"type":"","name":"@","ttl":1}), "record.type.unknown", "/type");
    assert_error(json!({"type":1,"name":"@","ttl":1}), "record.type.type", "/type");
    assert_error(json!({"name":"@","ttl":1,"content":"192.0.2.1"}), "record.type.required", "");
    assert_error(json!("A www 192.0.2.1"), "record.type-of-record", "");
}

#[test]
fn value_fields_of_the_wrong_kind_are_not_sent() {
    let caa_with_content = json!({"type":"CAA","name":"@","ttl":1,"content":"0 issue \"letsencrypt.org\"","data":{"flags":0,"tag":"issue","value":"letsencrypt.org"}});
    assert_valid(caa_with_content.clone());
    assert_warning(caa_with_content, "record.content.data-kind", "/content");

    let srv_priority = json!({"type":"SRV","name":"_sip._tcp","ttl":1,"priority":10,"data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}});
    assert_valid(srv_priority.clone());
    assert_warning(srv_priority.clone(), "record.priority.ignored", "/priority");
    assert!(only(srv_priority, "record.priority.ignored").message.contains("data.priority"));
    assert_warning(a_with(json!({"priority":10})), "record.priority.ignored", "/priority");
    assert_warning(a_with(json!({"data":{"content":"192.0.2.1"}})), "record.data.content-kind", "/data");
}

#[test]
fn several_common_problems_come_back_together() {
    let record = json!({"type":"A","name":"a..b","ttl":5,"content":"192.0.2.1","comment":"a\nb","tags":["x y:1"],"proxied":"no"});
    let issues = issues_of(record, &plan(Plan::Pro));
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    for code in ["record.name.empty-label", "record.ttl.range", "record.comment.newline", "record.tags.name", "record.proxied.type"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn disabled_codes_are_silenced() {
    let options = ValidateOptions { disable: vec!["record.tags.*".into(), "record.ttl.plan".into()], ..Default::default() };
    assert_clean_with(json!({"type":"A","name":"www","ttl":30,"content":"192.0.2.1","tags":["cf-x:1"]}), &options);
}
