//! What `format_plan_json` accepts as a plan and what it refuses: pinned so that how the text is
//! read (serde derive once, the crate's own JSON tree now) never changes which inputs pass.

use cf_dns_batch::plan::format_plan_json;

const SUMMARY: &str = r#"{"create":1,"update":0,"replace":0,"delete":0,"unchanged":2,"managed":2,"operations":1}"#;

fn ok(text: &str) -> String {
    match format_plan_json(text) {
        Ok(out) => out,
        Err(e) => panic!("{text} was refused: {e}"),
    }
}

fn refused(text: &str) {
    assert!(format_plan_json(text).is_err(), "{text} was accepted: {:?}", format_plan_json(text));
}

#[test]
fn empty_and_partial_plans_are_read_with_defaults() {
    assert_eq!(ok("{}"), "No changes: 0 records unchanged.\n");
    assert_eq!(ok(r#"{"params":null,"other":[1,2]}"#), "No changes: 0 records unchanged.\n");
    assert_eq!(ok(&format!(r#"{{"summary":{SUMMARY}}}"#)), "No changes: 2 records unchanged.\n");
    // A struct may also be written as an array of its fields in order, as serde reads it.
    assert_eq!(ok("[]"), "No changes: 0 records unchanged.\n");
    assert_eq!(ok(&format!("[[],{SUMMARY},[]]")), "No changes: 2 records unchanged.\n");
}

#[test]
fn changes_are_printed_with_their_values() {
    let plan = format!(
        r#"{{"changes":[{{"action":"create","name":"a.example.com","type":"A","after":{{"type":"A","name":"a","content":"192.0.2.1"}},"fields":[]}},
        {{"action":"update","name":"b.example.com","type":"TXT","id":"i1","before":{{"type":"TXT","content":"\"x\"","ttl":300,"tags":["b:2","a:1"]}},"after":{{"type":"TXT","content":"\"x\"","ttl":1,"tags":["a:1"]}},"fields":["ttl","tags","comment"]}},
        ["delete","c.example.com","A","i2",{{"content":"not an address","type":"A"}}]],
        "summary":{SUMMARY},"issues":[{{"code":"x.y","pointer":"","severity":"error","message":"no"}},["w.z","/a","warning","fine"]]}}"#
    );
    assert_eq!(
        ok(&plan),
        "+ a.example.com A 192.0.2.1\n\
         ~ b.example.com TXT \"x\"\n    ttl: 300 -> 1\n    tags: [\"b:2\",\"a:1\"] -> [\"a:1\"]\n    comment: (none) -> (none)\n\
         - c.example.com A not an address\n\
         ! refused: no [x.y]\n\
         Plan: 1 to create, 0 to update, 0 to replace, 0 to delete; 2 unchanged (1 operation in one batch).\n"
    );
    // Whatever `before` and `after` hold is shown as far as it can be.
    assert_eq!(ok(r#"{"changes":[{"action":"replace","name":"n","type":"CNAME","before":5,"after":null}]}"#).lines().next(), Some("-/+ n ?  => CNAME "));
}

#[test]
fn anything_else_is_not_a_plan() {
    for text in [
        "",
        "{",
        "null",
        "\"plan\"",
        "7",
        r#"{"changes":"no"}"#,
        r#"{"changes":null}"#,
        r#"{"changes":{}}"#,
        r#"{"changes":[],"changes":[]}"#,
        r#"{"summary":null}"#,
        r#"{"summary":{"create":1}}"#,
        r#"{"summary":[1,0,0,0,2,2]}"#,
        r#"{"summary":{"create":1.0,"update":0,"replace":0,"delete":0,"unchanged":2,"managed":2,"operations":1}}"#,
        r#"{"summary":{"create":-1,"update":0,"replace":0,"delete":0,"unchanged":2,"managed":2,"operations":1}}"#,
        r#"{"summary":{"create":"1","update":0,"replace":0,"delete":0,"unchanged":2,"managed":2,"operations":1}}"#,
        r#"{"issues":null}"#,
        r#"{"issues":[{"code":"x","pointer":"","severity":"fatal","message":"m"}]}"#,
        r#"{"issues":[{"code":"x","severity":"error","message":"m"}]}"#,
        r#"{"issues":[{"code":1,"pointer":"","severity":"error","message":"m"}]}"#,
        r#"{"changes":[{"action":"upsert","name":"n","type":"A"}]}"#,
        r#"{"changes":[{"action":"create","type":"A"}]}"#,
        r#"{"changes":[{"action":"create","name":"n","type":"a"}]}"#,
        r#"{"changes":[{"action":"create","name":"n","type":"SOA"}]}"#,
        r#"{"changes":[{"action":"create","name":"n","type":"A","id":5}]}"#,
        r#"{"changes":[{"action":"create","name":"n","type":"A","fields":null}]}"#,
        r#"{"changes":[{"action":"create","name":"n","type":"A","fields":[1]}]}"#,
        r#"{"changes":[{"action":"create","name":"n","type":"A","name":"m"}]}"#,
        r#"{"changes":[["create","n"]]}"#,
        r#"{"changes":[["create","n","A",null,null,null,[],"extra"]]}"#,
        "[[],null]",
        "[[],{},[],[]]",
    ] {
        refused(text);
    }
}

#[test]
fn fields_that_are_null_or_absent_where_allowed_are_accepted() {
    ok(r#"{"changes":[{"action":"create","name":"n","type":"A","id":null,"before":null,"after":null}]}"#);
    ok(r#"{"changes":[{"action":"create","name":"n","type":"A","unknown":1,"unknown":2}]}"#);
}
