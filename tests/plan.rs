//! Zone sync planning: equivalence by canonical form, minimal operations, scope, safety limits,
//! and (property) applying a plan gives the desired zone and a second plan is empty.

use cf_dns_batch::batch::validate_record_json;
use cf_dns_batch::json::{Arena, Json};
use cf_dns_batch::plan::canonical::Canonical;
use cf_dns_batch::plan::{format_plan, format_plan_json, plan, plan_json, plan_utf8, Action, ChangePlan, Policy, Scope, ZoneRecord};
use cf_dns_batch::{Record, Severity, ValidateOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

const ZONE: &str = "example.com";

/// A listed record: the API adds an id and the zone's name.
fn listed(id: &str, mut record: Value) -> Value {
    record["id"] = json!(id);
    record["zone_name"] = json!(ZONE);
    record
}

fn run(current: &[Value], desired: &[Value], policy: Value) -> ChangePlan {
    plan_json(&Value::from(current.to_vec()).to_string(), &Value::from(desired.to_vec()).to_string(), &policy.to_string())
}

fn plan_of(current: &[Value], desired: &[Value]) -> ChangePlan {
    run(current, desired, json!({}))
}

fn errors(p: &ChangePlan) -> Vec<String> {
    p.issues.iter().filter(|i| i.severity == Severity::Error).map(|i| i.code.to_string()).collect()
}

/// `current` against `same` plans nothing; against `near` it plans a change.
fn equal_and_near(current: Value, same: Value, near: Value) {
    let cur = [listed("id1", current.clone())];
    let p = plan_of(&cur, std::slice::from_ref(&same));
    assert!(errors(&p).is_empty(), "{:?}", p.issues);
    assert!(p.changes.is_empty(), "{current} vs {same}: {:?}", p.changes);
    assert_eq!(p.summary.unchanged, 1);
    let p = plan_of(&cur, std::slice::from_ref(&near));
    assert!(errors(&p).is_empty(), "{:?}", p.issues);
    assert!(!p.changes.is_empty(), "{current} vs {near} should differ");
}

fn a(name: &str, ip: &str) -> Value {
    json!({"type":"A","name":name,"content":ip,"ttl":1})
}

#[test]
fn names_fold_case_and_trailing_dot() {
    equal_and_near(a("www.example.com", "192.0.2.1"), a("WWW.Example.COM.", "192.0.2.1"), a("ww.example.com", "192.0.2.1"));
}

#[test]
fn relative_names_resolve_against_the_zone() {
    equal_and_near(a("example.com", "192.0.2.1"), a("@", "192.0.2.1"), a("www", "192.0.2.1"));
    equal_and_near(a("www.example.com", "192.0.2.1"), a("www", "192.0.2.1"), a("www2", "192.0.2.1"));
}

#[test]
fn idn_names_in_either_form() {
    equal_and_near(a("xn--bcher-kva.example.com", "192.0.2.1"), a("bücher.example.com", "192.0.2.1"), a("bucher.example.com", "192.0.2.1"));
}

#[test]
fn ipv6_in_any_spelling() {
    let v6 = |ip: &str| json!({"type":"AAAA","name":"www.example.com","content":ip,"ttl":1});
    equal_and_near(v6("2001:db8::1"), v6("2001:0DB8:0:0:0:0:0:1"), v6("2001:db8::2"));
}

#[test]
fn txt_as_character_strings() {
    let txt = |c: &str| json!({"type":"TXT","name":"example.com","content":c,"ttl":1});
    equal_and_near(txt("\"v=spf1 -all\""), txt("v=spf1 -all"), txt("\"v=spf1 ~all\""));
    equal_and_near(txt("\"v=spf1 -all\""), txt("\"v=spf1\" \" -all\""), txt("\"v=spf1\" \"-all\""));
}

#[test]
fn caa_tag_case() {
    let caa = |tag: &str, value: &str| json!({"type":"CAA","name":"example.com","ttl":1,"data":{"flags":0,"tag":tag,"value":value}});
    equal_and_near(caa("issue", "letsencrypt.org"), caa("ISSUE", "letsencrypt.org"), caa("issue", "letsencrypt.com"));
}

#[test]
fn hex_case() {
    let fp = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
    let sshfp = |f: &str| json!({"type":"SSHFP","name":"host.example.com","ttl":1,"data":{"algorithm":4,"type":2,"fingerprint":f}});
    let near = format!("{}0", &fp[..63]);
    equal_and_near(sshfp(fp), sshfp(&fp.to_uppercase()), sshfp(&near));
    let ds = |d: &str| json!({"type":"DS","name":"sub.example.com","ttl":1,"data":{"key_tag":2371,"algorithm":13,"digest_type":2,"digest":d}});
    equal_and_near(ds(&fp.to_uppercase()), ds(fp), ds(&near));
}

#[test]
fn base64_whitespace_and_padding_as_listed() {
    let key = "H0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1NSZ3aIIu5iTUj84V7FynnL1gLLf0whV6UWVWmR8i74xw==";
    let dnskey = |k: &str| json!({"type":"DNSKEY","name":"example.com","ttl":1,"data":{"flags":257,"protocol":3,"algorithm":13,"public_key":k}});
    // A listed key split over white space (as zone files and some listings print it) is the same key.
    let spaced = format!("{} {}", &key[..40], &key[40..]);
    let near = key.replacen('H', "G", 1);
    let mut listed_key = listed("id1", dnskey(&spaced));
    listed_key["content"] = json!(format!("257 3 13 {spaced}"));
    let cur = [listed_key];
    let p = plan_of(&cur, &[dnskey(key)]);
    assert!(p.changes.is_empty(), "{:?} {:?}", p.changes, p.issues);
    let p = plan_of(&cur, &[dnskey(&near)]);
    assert_eq!(p.changes.len(), 1);
}

#[test]
fn svcb_params_in_any_order() {
    let https = |v: &str| json!({"type":"HTTPS","name":"example.com","ttl":1,"data":{"priority":1,"target":".","value":v}});
    equal_and_near(https("alpn=\"h3,h2\" port=443"), https("port=443 alpn=h3,h2"), https("port=8443 alpn=h3,h2"));
    equal_and_near(https("ipv6hint=2001:db8::1"), https("ipv6hint=2001:DB8:0::1"), https("ipv6hint=2001:db8::2"));
}

#[test]
fn numbers_however_written() {
    let mx = |p: Value| json!({"type":"MX","name":"example.com","ttl":1,"content":"mx1.example.net","priority":p});
    equal_and_near(mx(json!(10)), mx(json!(10.0)), mx(json!(11)));
    let loc = |s: Value| json!({"type":"LOC","name":"office.example.com","ttl":1,"data":{"lat_degrees":52,"lat_minutes":22,"lat_seconds":s,"lat_direction":"N","long_degrees":4,"long_minutes":53,"long_seconds":32,"long_direction":"E","altitude":-2,"size":1,"precision_horz":10000,"precision_vert":10}});
    equal_and_near(loc(json!(23.5)), loc(json!(23.500)), loc(json!(23.501)));
}

#[test]
fn host_targets_fold_but_are_not_qualified() {
    let cname = |t: &str| json!({"type":"CNAME","name":"www.example.com","ttl":1,"content":t});
    equal_and_near(cname("origin.example.net"), cname("Origin.Example.NET."), cname("origin.example.org"));
}

/// A record as `GET /dns_records` lists it: every response field beside the request's.
fn as_api_lists(id: &str, mut record: Value, content: &str) -> Value {
    for (k, v) in [
        ("id", json!(id)),
        ("zone_id", json!("023e105f4ecef8ad9ca31a8372d0c353")),
        ("zone_name", json!(ZONE)),
        ("content", json!(content)),
        ("proxiable", json!(false)),
        ("proxied", json!(false)),
        ("locked", json!(false)),
        ("settings", json!({})),
        ("meta", json!({"auto_added": false, "source": "primary"})),
        ("comment", Value::Null),
        ("tags", json!([])),
        ("created_on", json!("2026-01-01T00:00:00.000000Z")),
        ("modified_on", json!("2026-01-01T00:00:00.000000Z")),
        ("comment_modified_on", json!("2026-01-01T00:00:00.000000Z")),
        ("priority", json!(10)),
    ] {
        if record.get(k).is_none() || k == "content" {
            record[k] = v;
        }
    }
    record
}

#[test]
fn listed_records_with_every_response_field_compare_by_their_value() {
    let srv = json!({"type":"SRV","name":"_sip._tcp.example.com","ttl":1,"data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}});
    let caa = json!({"type":"CAA","name":"example.com","ttl":1,"data":{"flags":0,"tag":"issue","value":"letsencrypt.org"}});
    let mx = json!({"type":"MX","name":"example.com","ttl":1,"content":"mx.example.com","priority":10});
    let txt = json!({"type":"TXT","name":"example.com","ttl":1,"content":"\"v=spf1 -all\""});
    let current = [
        as_api_lists("id1", srv.clone(), "5 5060 sip.example.com"),
        as_api_lists("id2", caa.clone(), "0 issue \"letsencrypt.org\""),
        as_api_lists("id3", mx.clone(), "mx.example.com"),
        as_api_lists("id4", txt.clone(), "\"v=spf1 -all\""),
    ];
    let p = plan_of(&current, &[srv, caa.clone(), mx, txt]);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    assert!(p.changes.is_empty(), "{:?}", p.changes);
    assert_eq!(p.summary.unchanged, 4);
    // A change shows the record as listed, response fields and all.
    let mut other = caa;
    other["data"]["value"] = json!("pki.goog");
    let p = plan_of(&current[1..2], &[other]);
    let before = p.changes.first().and_then(|c| c.before.as_ref()).map(|b| b.to_value()).unwrap_or_default();
    assert_eq!(before, current[1]);
}

#[test]
fn ttl_one_is_automatic() {
    let cur = [listed("id1", a("www.example.com", "192.0.2.1"))];
    // ttl 1, and no ttl at all, both leave an automatic TTL alone.
    assert!(plan_of(&cur, &[a("www", "192.0.2.1")]).changes.is_empty());
    assert!(plan_of(&cur, &[json!({"type":"A","name":"www","content":"192.0.2.1"})]).changes.is_empty());
    let p = plan_of(&cur, &[json!({"type":"A","name":"www","content":"192.0.2.1","ttl":300})]);
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].fields, vec!["ttl"]);
}

#[test]
fn only_settings_differ_gives_a_patch_of_just_those_fields() {
    let cur = [listed("id1", json!({"type":"A","name":"www.example.com","content":"192.0.2.1","ttl":300,"comment":"old","proxied":false}))];
    let p = plan_of(&cur, &[json!({"type":"A","name":"www","content":"192.0.2.1","ttl":1,"comment":"new"})]);
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].action, Action::Update);
    assert_eq!(p.changes[0].fields, vec!["ttl", "comment"]);
    let params = p.params.expect("params");
    let body: Value = serde_json::from_str(&params.body()).unwrap();
    assert_eq!(body, json!({"patches":[{"id":"id1","ttl":1,"comment":"new"}]}));
}

#[test]
fn a_comment_left_out_of_desired_is_kept() {
    let cur = [listed("id1", json!({"type":"A","name":"www.example.com","content":"192.0.2.1","ttl":1,"comment":"from the dashboard"}))];
    assert!(plan_of(&cur, &[a("www", "192.0.2.1")]).changes.is_empty());
    let p = plan_of(&cur, &[json!({"type":"A","name":"www","content":"192.0.2.1","comment":null})]);
    assert_eq!(p.changes[0].fields, vec!["comment"]);
}

#[test]
fn type_change_is_delete_and_post() {
    let cur = [listed("id1", a("www.example.com", "192.0.2.1"))];
    let p = plan_of(&cur, &[json!({"type":"CNAME","name":"www","content":"origin.example.net","ttl":1})]);
    assert_eq!(p.changes.len(), 1, "{:?}", p.changes);
    assert_eq!(p.changes[0].action, Action::Replace);
    let body: Value = serde_json::from_str(&p.params.unwrap().body()).unwrap();
    assert_eq!(body["deletes"], json!([{"id":"id1"}]));
    assert_eq!(body["posts"][0]["type"], "CNAME");
    assert!(body.get("patches").is_none());
}

#[test]
fn records_at_one_name_match_as_a_set() {
    let cur: Vec<Value> = ["192.0.2.1", "192.0.2.2", "192.0.2.3"].iter().enumerate().map(|(i, ip)| listed(&format!("id{i}"), a("www.example.com", ip))).collect();
    // 2 and 3 stay; 1 becomes 4 with one patch (one operation, not a delete and a post).
    let p = plan_of(&cur, &[a("www", "192.0.2.3"), a("www", "192.0.2.4"), a("www", "192.0.2.2")]);
    assert_eq!(p.summary.unchanged, 2);
    assert_eq!(p.summary.operations, 1);
    assert_eq!(p.changes[0].id.as_deref(), Some("id0"));
    assert_eq!(p.changes[0].fields, vec!["content"]);
    // Fewer desired: one delete.
    let p = plan_of(&cur, &[a("www", "192.0.2.3"), a("www", "192.0.2.1")]);
    assert_eq!((p.summary.delete, p.summary.operations, p.summary.unchanged), (1, 1, 2));
    assert_eq!(p.changes[0].id.as_deref(), Some("id1"));
}

#[test]
fn default_scope_is_the_name_and_type_pairs_desired_mentions() {
    let cur = [
        listed("id1", a("www.example.com", "192.0.2.1")),
        listed("id2", json!({"type":"TXT","name":"www.example.com","content":"\"keep\"","ttl":1})),
        listed("id3", a("other.example.com", "192.0.2.9")),
    ];
    let p = plan_of(&cur, &[a("www", "192.0.2.2")]);
    assert_eq!(p.summary.managed, 1);
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].id.as_deref(), Some("id1"));
    // The whole zone: the rest is deleted.
    let p = run(&cur, &[a("www", "192.0.2.2")], json!({"scope":"zone"}));
    assert_eq!((p.summary.managed, p.summary.delete, p.summary.update), (3, 2, 1));
}

#[test]
fn ignore_patterns_and_apex_ns_are_never_touched() {
    let cur = [
        listed("id1", json!({"type":"NS","name":"example.com","content":"ns1.cloudflare.com","ttl":1})),
        listed("id2", json!({"type":"TXT","name":"_acme-challenge.www.example.com","content":"\"token\"","ttl":1})),
        listed("id3", a("www.example.com", "192.0.2.1")),
        listed("id4", json!({"type":"SOA","name":"example.com","content":"ns1.cloudflare.com. dns.cloudflare.com. 1 2 3 4 5","ttl":1})),
    ];
    let p = run(&cur, &[a("www", "192.0.2.1")], json!({"scope":"zone","ignore":["_acme-challenge.*"]}));
    assert!(p.changes.is_empty(), "{:?}", p.changes);
    assert_eq!(p.summary.managed, 1);
    // A desired apex NS is left out, with a word.
    let p = plan_of(&cur, &[json!({"type":"NS","name":"@","content":"ns9.example.net","ttl":1})]);
    assert!(p.changes.is_empty());
    assert!(p.issues.iter().any(|i| i.code == "plan.desired.apex-ns" && i.pointer == "/desired/0"));
    // By type.
    let p = run(&cur, &[], json!({"scope":"zone","ignore":[{"type":"A"}, "_acme-challenge.*"]}));
    assert!(p.changes.is_empty(), "{:?}", p.changes);
}

#[test]
fn a_cname_owns_its_whole_name() {
    let cur = [listed("id1", a("www.example.com", "192.0.2.1")), listed("id2", a("www.example.com", "192.0.2.2"))];
    let p = plan_of(&cur, &[json!({"type":"CNAME","name":"www","content":"origin.example.net"})]);
    assert_eq!((p.summary.replace, p.summary.delete, p.summary.operations), (1, 1, 3));
}

fn zone_of(n: usize) -> Vec<Value> {
    (0..n).map(|i| listed(&format!("id{i}"), a(&format!("h{i}.example.com"), "192.0.2.1"))).collect()
}

#[test]
fn safety_share_refuses_unless_forced() {
    let cur = zone_of(10);
    let desired: Vec<Value> = (0..6).map(|i| a(&format!("h{i}"), "192.0.2.1")).collect();
    let p = run(&cur, &desired, json!({"scope":"zone"}));
    assert_eq!(errors(&p), vec!["plan.safety.deletes"]);
    assert!(p.params.is_none());
    let p = run(&cur, &desired, json!({"scope":"zone","force":true}));
    assert!(errors(&p).is_empty());
    assert_eq!(p.params.as_ref().map(|x| x.deletes.len()), Some(4));
    let p = run(&cur, &desired, json!({"scope":"zone","maxDeleteShare":0.5}));
    assert!(errors(&p).is_empty());
    // Updates have their own limit.
    let desired: Vec<Value> = (0..10).map(|i| a(&format!("h{i}"), if i < 4 { "192.0.2.7" } else { "192.0.2.1" })).collect();
    assert_eq!(errors(&run(&cur, &desired, json!({}))), vec!["plan.safety.updates"]);
    // Below ten managed records the shares are not checked.
    let p = run(&zone_of(9), &[], json!({"scope":"zone"}));
    assert!(errors(&p).is_empty());
    assert_eq!(p.summary.delete, 9);
}

#[test]
fn plans_over_the_batch_limit_are_refused() {
    let desired: Vec<Value> = (0..201).map(|i| a(&format!("h{i}"), "192.0.2.1")).collect();
    let p = run(&[], &desired, json!({"plan":"free","zone":ZONE}));
    assert_eq!(errors(&p), vec!["plan.batch.size"]);
    assert!(p.params.is_none());
    let p = run(&[], &desired, json!({"plan":"pro","zone":ZONE}));
    assert!(errors(&p).is_empty());
}

#[test]
fn bad_inputs_are_issues_with_pointers() {
    let p = run(&[json!({"type":"A","name":"x","content":"192.0.2.1"})], &[a("www", "192.0.2.300")], json!({"scope":"everything","maxDeleteShare":2}));
    let codes: Vec<(&str, &str)> = p.issues.iter().map(|i| (i.code.as_ref(), i.pointer.as_str())).collect();
    assert!(codes.contains(&("plan.current.id", "/current/0")), "{codes:?}");
    assert!(codes.contains(&("a.content.ipv4", "/desired/0/content")), "{codes:?}");
    assert!(codes.contains(&("plan.policy.invalid", "/policy/scope")), "{codes:?}");
    assert!(codes.contains(&("plan.policy.invalid", "/policy/maxDeleteShare")), "{codes:?}");
    assert!(p.params.is_none());
    let p = plan_json("[", "{}", "[]");
    let codes: Vec<&str> = p.issues.iter().map(|i| i.code.as_ref()).collect();
    assert_eq!(codes, vec!["plan.policy.invalid", "plan.current.json", "plan.desired.type"]);
    // The WebAssembly boundary hands the inputs over as bytes: bytes that are not UTF-8 are refused.
    let p = plan_utf8(b"[\"\xff\"]", b"[]", "null");
    assert_eq!(p.issues[0].code, "plan.current.json");
    assert!(p.issues[0].message.contains("UTF-8"), "{}", p.issues[0].message);
    assert!(p.params.is_none());
}

#[test]
fn relative_names_without_a_zone_name_are_refused() {
    let p = plan_of(&[], &[a("www", "192.0.2.1"), a("www.example.com", "192.0.2.1")]);
    let codes: Vec<(&str, &str)> = p.issues.iter().map(|i| (i.code.as_ref(), i.pointer.as_str())).collect();
    assert_eq!(codes, vec![("plan.zone.unknown", "/desired/0/name")]);
    assert!(p.params.is_none());
    let p = plan_of(&[], &[a("www.example.com", "192.0.2.1")]);
    assert_eq!(p.issues[0].severity, Severity::Warning);
    assert!(p.params.is_some());
}

#[test]
fn duplicates_in_desired_are_planned_once() {
    let p = run(&[], &[a("www", "192.0.2.1"), a("WWW.example.com.", "192.0.2.1")], json!({"zone": ZONE}));
    assert_eq!(p.summary.create, 1);
    assert!(p.issues.iter().any(|i| i.code == "plan.desired.duplicate" && i.pointer == "/desired/1"));
}

#[test]
fn desired_records_the_zone_lists_as_they_are_match_like_any_other() {
    // Each desired record here has a listed record of the same typed value (the planner borrows
    // that record's canonical form): repeats are still repeats, a different setting is still a
    // patch, and a value written another way still matches the same listed record.
    let cur: Vec<Value> = ["192.0.2.1", "192.0.2.2", "192.0.2.3"].iter().enumerate().map(|(i, ip)| listed(&format!("id{i}"), a("www.example.com", ip))).collect();
    let mut slower = a("www", "192.0.2.2");
    slower["ttl"] = json!(600);
    let desired = [a("www.example.com", "192.0.2.3"), a("www", "192.0.2.3"), slower, a("WWW", "192.0.2.1")];
    let p = plan_of(&cur, &desired);
    assert_eq!((p.summary.unchanged, p.summary.update, p.summary.operations), (2, 1, 1), "{p:?}");
    assert_eq!(p.changes[0].id.as_deref(), Some("id1"));
    assert_eq!(p.changes[0].fields, vec!["ttl"]);
    assert!(p.issues.iter().any(|i| i.code == "plan.desired.duplicate" && i.pointer == "/desired/1"), "{:?}", p.issues);
    // The same plan when the listed records are planned against a zone named in the policy only.
    let bare: Vec<Value> = cur.iter().cloned().map(|mut r| {
        r.as_object_mut().unwrap().remove("zone_name");
        r
    }).collect();
    let q = run(&bare, &desired, json!({"zone": ZONE}));
    assert_eq!(q.summary, p.summary);
    let decided = |p: &ChangePlan| p.changes.iter().map(|c| (c.action, c.id.clone(), c.after.clone(), c.fields.clone())).collect::<Vec<_>>();
    assert_eq!(decided(&q), decided(&p));
}

#[test]
fn the_plan_is_deterministic() {
    let cur = zone_of(5);
    let desired: Vec<Value> = (0..8).rev().map(|i| a(&format!("h{i}"), "192.0.2.2")).collect();
    let one = run(&cur, &desired, json!({"force":true}));
    let mut reversed = cur.clone();
    reversed.reverse();
    let two = run(&reversed, &desired.iter().rev().cloned().collect::<Vec<_>>(), json!({"force":true}));
    assert_eq!(one.changes, two.changes);
    assert_eq!(one.params.unwrap().body(), two.params.unwrap().body());
}

#[test]
fn format_plan_reads_like_terraform() {
    let cur = [
        listed("id1", json!({"type":"A","name":"www.example.com","content":"192.0.2.1","ttl":300})),
        listed("id2", a("old.example.com", "192.0.2.9")),
        listed("id3", a("api.example.com", "192.0.2.5")),
    ];
    let desired = [
        json!({"type":"A","name":"www","content":"192.0.2.1","ttl":1}),
        a("new", "192.0.2.8"),
        json!({"type":"CNAME","name":"api","content":"origin.example.net"}),
    ];
    let p = run(&cur, &desired, json!({"scope":"zone"}));
    let text = format_plan(&p);
    assert_eq!(
        text,
        "-/+ api.example.com A 192.0.2.5 => CNAME origin.example.net\n\
         + new.example.com A 192.0.2.8\n\
         - old.example.com A 192.0.2.9\n\
         ~ www.example.com A 192.0.2.1\n    ttl: 300 -> 1\n\
         Plan: 1 to create, 1 to update, 1 to replace, 1 to delete; 0 unchanged (5 operations in one batch).\n"
    );
    // The same text from the plan's JSON (what JavaScript holds).
    assert_eq!(format_plan_json(&p.to_json()).unwrap(), text);
    let empty = plan_of(&[listed("id1", a("www.example.com", "192.0.2.1"))], &[a("www", "192.0.2.1")]);
    assert_eq!(format_plan(&empty), "No changes: 1 record unchanged.\n");
    let refused = run(&zone_of(10), &[], json!({"scope":"zone"}));
    assert!(format_plan(&refused).contains("! refused: the plan deletes 10 of the 10 records it manages (100%)"));
}

// ---------------------------------------------------------------------------------------------
// Property: applying a plan (in a small model of the zone) gives the desired records.

/// A valid record of each of the 21 kinds, in one of three values, at the kind's own name.
fn sample(kind: usize, v: u8) -> Value {
    let n = u16::from(v);
    let hex = format!("{:064x}", u64::from(v) + 1);
    let b64 = format!("{}0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1NSZ3aIIu5iTUj84V7FynnL1gLLf0whV6UWVWmR8i74xw==", ["H", "G", "F"][usize::from(v)]);
    let ca = ["letsencrypt.org", "pki.goog", "sectigo.com"][usize::from(v)];
    let (t, name, value): (&str, &str, Value) = match kind {
        0 => ("A", "www", json!({"content": format!("192.0.2.{}", n + 1)})),
        1 => ("AAAA", "www", json!({"content": format!("2001:db8::{}", n + 1)})),
        2 => ("CAA", "@", json!({"data": {"flags":0,"tag":"issue","value":ca}})),
        3 => ("CERT", "cert", json!({"data": {"type":1,"key_tag":12345 + n,"algorithm":8,"certificate":b64}})),
        4 => ("CNAME", "alias", json!({"content": format!("origin{n}.example.net")})),
        5 => ("DNSKEY", "@", json!({"data": {"flags":257,"protocol":3,"algorithm":13,"public_key":b64}})),
        6 => ("DS", "sub", json!({"data": {"key_tag":2371 + n,"algorithm":13,"digest_type":2,"digest":hex}})),
        7 => ("HTTPS", "@", json!({"data": {"priority":1,"target":".","value":format!("alpn=h2 port={}", 443 + n)}})),
        8 => ("LOC", "office", json!({"data": {"lat_degrees":52,"lat_minutes":22,"lat_seconds":23.5,"lat_direction":"N","long_degrees":4 + n,"long_minutes":53,"long_seconds":32,"long_direction":"E","altitude":-2,"size":1,"precision_horz":10000,"precision_vert":10}})),
        9 => ("MX", "@", json!({"content": format!("mx{n}.example.net"), "priority": 10})),
        10 => ("NAPTR", "@", json!({"data": {"order":100 + n,"preference":10,"flags":"S","service":"SIP+D2U","regex":"","replacement":"_sip._udp.example.com"}})),
        11 => ("NS", "sub", json!({"content": format!("ns{n}.example.net")})),
        12 => ("OPENPGPKEY", "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey", json!({"content": b64})),
        13 => ("PTR", "ptr", json!({"content": format!("host{n}.example.com")})),
        14 => ("SMIMEA", "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert", json!({"data": {"usage":3,"selector":1,"matching_type":1,"certificate":hex}})),
        15 => ("SRV", "_sip._tcp", json!({"data": {"priority":10,"weight":5,"port":5060 + n,"target":"sip.example.com"}})),
        16 => ("SSHFP", "host", json!({"data": {"algorithm":4,"type":2,"fingerprint":hex}})),
        17 => ("SVCB", "_dns.resolver", json!({"data": {"priority":1,"target":"doh.example.net","value":format!("alpn=h2 port={}", 8443 + n)}})),
        18 => ("TLSA", "_443._tcp.www", json!({"data": {"usage":3,"selector":1,"matching_type":1,"certificate":hex}})),
        19 => ("TXT", "_dmarc", json!({"content": format!("\"v=DMARC1; p=none; pct={}\"", 10 + n)})),
        _ => ("URI", "_ftp._tcp", json!({"priority": 10, "data": {"weight": 1 + n, "target":"ftp://ftp.example.com/public"}})),
    };
    let mut record = value;
    record["type"] = json!(t);
    record["name"] = json!(name);
    record
}

#[derive(Debug, Clone)]
struct Spec {
    kind: usize,
    value: u8,
    ttl: Option<u32>,
    comment: Option<&'static str>,
    /// Written differently (full name in capitals with a trailing dot).
    respelled: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (0..21usize, 0..3u8, prop::option::of(prop::sample::select(vec![1u32, 300, 3600])), prop::option::of(prop::sample::select(vec!["a", "b"])), any::<bool>())
        .prop_map(|(kind, value, ttl, comment, respelled)| Spec { kind, value, ttl, comment, respelled })
}

fn build(s: &Spec) -> Value {
    let mut r = sample(s.kind, s.value);
    if s.respelled {
        let name = r["name"].as_str().unwrap().to_string();
        let full = if name == "@" { format!("{ZONE}.") } else { format!("{name}.{ZONE}.") };
        r["name"] = json!(full.to_uppercase());
    }
    if let Some(t) = s.ttl {
        r["ttl"] = json!(t);
    }
    if let Some(c) = s.comment {
        r["comment"] = json!(c);
    }
    r
}

fn typed(record: &Value) -> Record {
    let text = record.to_string();
    let arena = Arena::new();
    let json = Json::parse(&text, &arena).unwrap();
    let (issues, typed) = validate_record_json(&json, &ValidateOptions::default());
    typed.unwrap_or_else(|| panic!("{record}: {issues:?}"))
}

fn key(record: &Value) -> Canonical {
    Canonical::of(&typed(record), ZONE)
}

/// Applies params to a zone held as (id, record) pairs, as the API would.
fn apply(zone: &mut Vec<(String, Value)>, params: &Value, next_id: &mut usize) {
    for d in params["deletes"].as_array().into_iter().flatten() {
        zone.retain(|(id, _)| id != d["id"].as_str().unwrap());
    }
    for p in params["patches"].as_array().into_iter().flatten() {
        let (_, record) = zone.iter_mut().find(|(id, _)| id == p["id"].as_str().unwrap()).expect("patched record exists");
        for (k, v) in p.as_object().unwrap() {
            if k != "id" {
                record[k] = v.clone();
            }
        }
    }
    for post in params["posts"].as_array().into_iter().flatten() {
        *next_id += 1;
        zone.push((format!("new{next_id}"), post.clone()));
    }
}

fn listing(zone: &[(String, Value)]) -> Vec<Value> {
    zone.iter().map(|(id, r)| listed(id, r.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn applying_a_plan_gives_the_desired_zone(current in prop::collection::vec(spec(), 0..10), desired in prop::collection::vec(spec(), 0..10), whole_zone in any::<bool>()) {
        // The API refuses identical records, so a zone never holds two; desired lists are kept
        // free of them too (their dropping has its own test).
        let mut zone: Vec<(String, Value)> = Vec::new();
        let mut seen = Vec::new();
        for (i, s) in current.iter().enumerate() {
            let r = build(s);
            if !seen.contains(&key(&r)) {
                seen.push(key(&r));
                zone.push((format!("id{i}"), r));
            }
        }
        let mut wanted: Vec<Value> = Vec::new();
        let mut seen = Vec::new();
        for s in &desired {
            let r = build(s);
            if !seen.contains(&key(&r)) {
                seen.push(key(&r));
                wanted.push(r);
            }
        }
        let policy = json!({"zone": ZONE, "scope": if whole_zone { "zone" } else { "desired" }, "force": true});
        let before = zone.clone();
        let p = run(&listing(&zone), &wanted, policy.clone());
        prop_assert!(errors(&p).is_empty(), "{:?}", p.issues);
        // The Rust API of typed records decides the same (it shows a listed record as typed).
        let typed_zone: Vec<ZoneRecord> = zone.iter().map(|(id, r)| ZoneRecord { id: id.clone(), record: typed(r) }).collect();
        let typed_wanted: Vec<Record> = wanted.iter().map(typed).collect();
        let scope = if whole_zone { Scope::Zone } else { Scope::Desired };
        let q = plan(&typed_zone, &typed_wanted, &Policy { zone: Some(ZONE.into()), scope, force: true, ..Policy::default() });
        let decided = |p: &ChangePlan| p.changes.iter().map(|c| (c.action, c.name.clone(), c.id.clone(), c.after.clone(), c.fields.clone())).collect::<Vec<_>>();
        prop_assert_eq!(decided(&q), decided(&p));
        prop_assert_eq!(&q.summary, &p.summary);
        prop_assert_eq!(q.params.as_ref().map(|p| p.body()), p.params.as_ref().map(|p| p.body()));
        let params: Value = serde_json::from_str(&p.params.as_ref().unwrap().body()).unwrap();
        let mut next = 0;
        apply(&mut zone, &params, &mut next);

        let managed_pair = |r: &Value| {
            let k = key(r);
            whole_zone || wanted.iter().any(|w| { let wk = key(w); wk.owner == k.owner && (wk.kind == k.kind || (wk.kind.as_str() == "CNAME" || k.kind.as_str() == "CNAME")) })
                || before.iter().any(|(_, b)| { let bk = key(b); bk.owner == k.owner && bk.kind.as_str() == "CNAME" && wanted.iter().any(|w| key(w).owner == k.owner) })
        };
        // Managed: exactly the desired values, each with the settings desired gives.
        let mut got: Vec<String> = zone.iter().filter(|(_, r)| managed_pair(r)).map(|(_, r)| format!("{:?}", key(r))).collect();
        let mut want: Vec<String> = wanted.iter().map(|r| format!("{:?}", key(r))).collect();
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
        for w in &wanted {
            let (_, r) = zone.iter().find(|(_, r)| key(r) == key(w)).unwrap();
            if let Some(t) = w.get("ttl") { prop_assert_eq!(r.get("ttl").cloned().unwrap_or(json!(1)), t.clone()); }
            if let Some(c) = w.get("comment") { prop_assert_eq!(r.get("comment"), Some(c)); }
        }
        // Unmanaged: untouched.
        for (id, r) in &before {
            if !managed_pair(r) {
                prop_assert!(zone.iter().any(|(i, z)| i == id && z == r), "{} was touched", id);
            }
        }
        // A second plan is empty.
        let again = run(&listing(&zone), &wanted, policy);
        prop_assert!(again.changes.is_empty(), "{:?}", again.changes);
    }
}

#[test]
fn desired_issues_point_into_desired_even_when_the_record_cannot_be_typed() {
    let desired = [
        json!({ "type": "A", "name": "a.example.com", "content": "192.0.2.1", "ttl": 1 }),
        // `disable` silences the integer rule, so only the typing refuses the TTL.
        json!({ "type": "A", "name": "b.example.com", "content": "192.0.2.2", "ttl": 1.5 }),
        json!({ "type": "A", "name": "c.example.com", "content": "192.0.2.3", "ttl": 7 }),
    ];
    let p = run(&[], &desired, json!({ "zone": ZONE, "disable": ["record.ttl.integer"] }));
    let at = |code: &str| p.issues.iter().filter(|i| i.code == code).map(|i| i.pointer.clone()).collect::<Vec<_>>();
    assert_eq!(at("record.unreadable"), ["/desired/1"]);
    assert_eq!(at("record.ttl.range"), ["/desired/2/ttl"]);
    assert!(p.params.is_none());
}

#[test]
fn a_listed_record_the_validator_cannot_type_is_compared_by_its_text_with_a_warning() {
    let current = [
        listed("bad", json!({ "type": "A", "name": "x.example.com", "content": "not-an-ip", "ttl": 300, "comment": "from the dashboard" })),
        listed("good", json!({ "type": "A", "name": "y.example.com", "content": "192.0.2.1", "ttl": 300 })),
    ];
    let desired = [json!({ "type": "A", "name": "y.example.com", "content": "192.0.2.1", "ttl": 300 })];
    let p = run(&current, &desired, json!({ "zone": ZONE, "scope": "zone", "force": true }));
    let warned: Vec<(&str, &str)> = p.issues.iter().map(|i| (i.code.as_ref(), i.pointer.as_str())).collect();
    assert_eq!(warned, [("plan.current.unreadable", "/current/0")]);
    assert_eq!(p.changes.len(), 1);
    let delete = &p.changes[0];
    assert_eq!((delete.action, delete.id.as_deref()), (Action::Delete, Some("bad")));
    assert_eq!(delete.before.as_ref().map(|b| b.to_value()), Some(current[0].clone()));
    assert_eq!(p.summary.unchanged, 1);
}
