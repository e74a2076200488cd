//! The batch level: the params object, identifiers, operations, size limits, and rules that span
//! several records. Whole batches go through `validate_batch_json` directly.
use cf_dns_batch::{validate_batch_json, Issue, Plan, Severity, ValidateOptions, Validated};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const ID1: &str = "372e67954025e0ba6aaa6d586b9e0b59";
const ID2: &str = "372e67954025e0ba6aaa6d586b9e0b60";

fn validate(batch: &Value) -> Validated {
    validate_with(batch, &ValidateOptions::default())
}

fn validate_with(batch: &Value, options: &ValidateOptions) -> Validated {
    let v = validate_batch_json(&batch.to_string(), options);
    // `params` is there exactly when nothing blocks the batch.
    let has_errors = v.issues.iter().any(|i| i.severity == Severity::Error);
    assert_eq!(v.params.is_none(), has_errors, "params vs errors for {batch}: {:#?}", v.issues);
    v
}

fn strict() -> ValidateOptions {
    ValidateOptions { strict: true, ..Default::default() }
}

fn plan(plan: Option<Plan>) -> ValidateOptions {
    ValidateOptions { plan, ..Default::default() }
}

#[track_caller]
fn find<'v>(v: &'v Validated, code: &str, pointer: &str, severity: Severity) -> &'v Issue {
    v.issues
        .iter()
        .find(|i| i.code == code && i.pointer == pointer && i.severity == severity)
        .unwrap_or_else(|| panic!("expected {severity:?} {code} at {pointer:?}, got {:#?}", v.issues))
}

#[track_caller]
fn assert_error(batch: Value, code: &str, pointer: &str) {
    find(&validate(&batch), code, pointer, Severity::Error);
}

#[track_caller]
fn assert_warning(batch: Value, code: &str, pointer: &str) {
    let v = validate(&batch);
    find(&v, code, pointer, Severity::Warning);
    assert!(v.params.is_some() || v.issues.iter().any(|i| i.severity == Severity::Error));
}

#[track_caller]
fn assert_no_issue(v: &Validated, code: &str) {
    assert!(v.issues.iter().all(|i| i.code != code), "unexpected {code}: {:#?}", v.issues);
}

#[track_caller]
fn assert_clean(batch: Value) -> Validated {
    let v = validate(&batch);
    assert!(v.issues.is_empty(), "expected no issues for {batch}, got {:#?}", v.issues);
    v
}

fn a(name: &str, ip: &str) -> Value {
    json!({"type":"A","name":name,"ttl":1,"content":ip})
}

fn deletes(n: usize) -> Vec<Value> {
    (0..n).map(|i| json!({"id": format!("{i:032x}")})).collect()
}

// ---- the params object ----

#[test]
fn params_must_be_a_json_object() {
    let v = validate_batch_json("[]", &ValidateOptions::default());
    assert_eq!((v.issues[0].code.as_ref(), v.issues[0].pointer.as_str()), ("batch.type", ""));
    assert!(v.params.is_none());
    let v = validate_batch_json("{\"zone_id\":", &ValidateOptions::default());
    assert_eq!(v.issues[0].code, "batch.json");
    assert!(v.params.is_none());
    assert_error(json!("posts"), "batch.type", "");
    assert_error(json!(null), "batch.type", "");
}

#[test]
fn operation_arrays_must_be_arrays_of_objects() {
    assert_error(json!({"zone_id":ZONE,"posts":{"type":"A"}}), "batch.posts.type", "/posts");
    assert_error(json!({"zone_id":ZONE,"deletes":ID1}), "batch.deletes.type", "/deletes");
    assert_error(json!({"zone_id":ZONE,"patches":1}), "batch.patches.type", "/patches");
    assert_error(json!({"zone_id":ZONE,"puts":true}), "batch.puts.type", "/puts");
    assert_clean(json!({"zone_id":ZONE,"posts":null,"deletes":[{"id":ID1}]}));
    assert_error(json!({"zone_id":ZONE,"deletes":[ID1]}), "batch.operation.type", "/deletes/0");
    assert_error(json!({"zone_id":ZONE,"patches":[{"id":ID1,"content":"x"}, [ID2]]}), "batch.operation.type", "/patches/1");
    assert_error(json!({"zone_id":ZONE,"puts":[null]}), "batch.operation.type", "/puts/0");
    assert_error(json!({"zone_id":ZONE,"posts":["A www 192.0.2.1"]}), "record.type-of-record", "/posts/0");
    assert_error(json!({"zone_id":ZONE,"include_shadow_metadata":"yes","deletes":[{"id":ID1}]}), "batch.include_shadow_metadata.type", "/include_shadow_metadata");
}

#[test]
fn zone_id_checks() {
    let with_zone = |z: Value| json!({"zone_id":z,"deletes":[{"id":ID1}]});
    assert_error(json!({"deletes":[{"id":ID1}]}), "batch.zone_id.required", "");
    assert_error(with_zone(json!(12)), "batch.zone_id.type", "/zone_id");
    assert_error(with_zone(json!("")), "batch.zone_id.empty", "/zone_id");
    assert_error(with_zone(json!(format!("{ZONE}0"))), "batch.zone_id.length", "/zone_id");
    for unsafe_id in ["../x", "a/b", "..", ".", "ab\u{1}cd", "%2F", "a?b", "a#b", "a\\b", "a b"] {
        assert_error(with_zone(json!(unsafe_id)), "batch.zone_id.unsafe", "/zone_id");
    }
    let not_hex = with_zone(json!("023e105f4ecef8ad9ca31a8372d0c35z"));
    find(&validate(&not_hex), "batch.zone_id.format", "/zone_id", Severity::Warning);
    assert!(validate(&not_hex).params.is_some());
    find(&validate_with(&not_hex, &strict()), "batch.zone_id.format", "/zone_id", Severity::Error);
    assert_warning(with_zone(json!("abc")), "batch.zone_id.format", "/zone_id");
    assert_clean(with_zone(json!(ZONE.to_uppercase())));
}

#[test]
fn record_id_checks() {
    let del = |id: Value| json!({"zone_id":ZONE,"deletes":[{"id":id}]});
    assert_error(del(json!("")), "batch.id.empty", "/deletes/0/id");
    assert_error(del(json!(7)), "batch.id.type", "/deletes/0/id");
    assert_error(del(json!(format!("{ID1}ab"))), "batch.id.length", "/deletes/0/id");
    for unsafe_id in ["../x", "a/b", "..", "ab\ncd", "%2F"] {
        assert_error(del(json!(unsafe_id)), "batch.id.unsafe", "/deletes/0/id");
    }
    assert_warning(del(json!("not-a-hex-id")), "batch.id.format", "/deletes/0/id");
    find(&validate_with(&del(json!("not-a-hex-id")), &strict()), "batch.id.format", "/deletes/0/id", Severity::Error);
    assert_error(
        json!({"zone_id":ZONE,"puts":[{"id":"../../zones","type":"A","name":"www","ttl":1,"content":"192.0.2.1"}]}),
        "batch.id.unsafe",
        "/puts/0/id",
    );
    assert_error(json!({"zone_id":ZONE,"patches":[{"id":"a/b","comment":"x"}]}), "batch.id.unsafe", "/patches/0/id");
    assert_error(json!({"zone_id":ZONE,"deletes":[{}]}), "batch.id.required", "/deletes/0");
}

// ---- operations ----

#[test]
fn puts_need_an_id_and_a_whole_record() {
    assert_error(json!({"zone_id":ZONE,"puts":[{"type":"A","name":"www","ttl":1,"content":"192.0.2.1"}]}), "batch.id.required", "/puts/0");
    assert_error(json!({"zone_id":ZONE,"puts":[{"id":ID1,"type":"A","ttl":1,"content":"192.0.2.1"}]}), "record.name.required", "/puts/0");
    assert_error(json!({"zone_id":ZONE,"puts":[{"id":ID1,"type":"A","name":"www","ttl":1}]}), "a.content.required", "/puts/0");
    assert_clean(json!({"zone_id":ZONE,"puts":[{"id":ID1,"type":"A","name":"www","ttl":1,"content":"192.0.2.1"}]}));
}

#[test]
fn patches() {
    assert_warning(json!({"zone_id":ZONE,"patches":[{"id":ID1}]}), "batch.patch.empty", "/patches/0");
    let v = assert_clean(json!({"zone_id":ZONE,"patches":[{"id":ID1,"content":"192.0.2.9"}]}));
    let body: Value = serde_json::from_str(&v.params.unwrap().body()).unwrap();
    assert_eq!(body, json!({"patches":[{"id":ID1,"content":"192.0.2.9"}]}));
    assert_clean(json!({"zone_id":ZONE,"patches":[{"id":ID1,"comment":null}]}));
    assert_clean(json!({"zone_id":ZONE,"patches":[{"id":ID1,"ttl":300,"tags":[]}]}));
    // Every field present is still checked.
    assert_error(json!({"zone_id":ZONE,"patches":[{"id":ID1,"ttl":5}]}), "record.ttl.range", "/patches/0/ttl");
    assert_error(json!({"zone_id":ZONE,"patches":[{"id":ID1,"type":"A","content":"192.0.2.300"}]}), "a.content.ipv4", "/patches/0/content");
    assert_error(
        json!({"zone_id":ZONE,"patches":[{"id":ID1,"type":"SRV","data":{"port":70000}}]}),
        "srv.data.port.range",
        "/patches/0/data/port",
    );
    assert_warning(json!({"zone_id":ZONE,"patches":[{"id":ID1,"type":"A","content":"192.0.2.1"}]}), "batch.patch.type", "/patches/0/type");
    assert_warning(
        json!({"zone_id":ZONE,"patches":[{"id":ID1,"type":"SRV","data":{"port":5060}}]}),
        "batch.patch.partial-data",
        "/patches/0/data",
    );
}

#[test]
fn one_record_touched_twice() {
    let deleted_then_patched = json!({"zone_id":ZONE,"deletes":[{"id":ID1}],"patches":[{"id":ID1,"comment":"x"}]});
    let v = validate(&deleted_then_patched);
    find(&v, "batch.id.deleted", "/patches/0", Severity::Error);
    assert!(v.params.is_none());
    assert_error(
        json!({"zone_id":ZONE,"deletes":[{"id":ID1}],"puts":[{"id":ID1.to_uppercase(),"type":"A","name":"www","ttl":1,"content":"192.0.2.1"}]}),
        "batch.id.deleted",
        "/puts/0",
    );
    assert_warning(
        json!({"zone_id":ZONE,"patches":[{"id":ID1,"comment":"x"}],"puts":[{"id":ID1,"type":"A","name":"www","ttl":1,"content":"192.0.2.1"}]}),
        "batch.id.duplicate",
        "/puts/0",
    );
    // Deletes run in array order: the second delete finds no record (81044), like a patch would.
    assert_error(json!({"zone_id":ZONE,"deletes":[{"id":ID1},{"id":ID1.to_uppercase()}]}), "batch.id.deleted", "/deletes/1");
    assert_warning(json!({"zone_id":ZONE,"patches":[{"id":ID1,"comment":"x"},{"id":ID1,"ttl":300}]}), "batch.id.duplicate", "/patches/1");
    assert_clean(json!({"zone_id":ZONE,"deletes":[{"id":ID1}],"patches":[{"id":ID2,"comment":"x"}]}));
}

// ---- size ----

#[test]
fn batch_size_depends_on_the_plan() {
    let of = |n: usize| json!({"zone_id":ZONE,"deletes":deletes(n)});
    assert_clean(of(200));
    assert!(validate_with(&of(200), &plan(Some(Plan::Free))).issues.is_empty());
    find(&validate_with(&of(201), &plan(Some(Plan::Free))), "batch.size", "", Severity::Error);
    find(&validate_with(&of(201), &plan(None)), "batch.size.plan", "", Severity::Warning);
    find(&validate_with(&of(3500), &plan(None)), "batch.size.plan", "", Severity::Warning);
    assert!(validate_with(&of(3500), &plan(Some(Plan::Pro))).issues.is_empty());
    for p in [None, Some(Plan::Pro), Some(Plan::Enterprise)] {
        let v = validate_with(&of(3501), &plan(p));
        find(&v, "batch.size", "", Severity::Error);
        assert_no_issue(&v, "batch.size.plan");
    }
    // Operations are counted across the arrays, including ones that have issues of their own.
    let mixed = json!({"zone_id":ZONE,"deletes":deletes(150),"posts":(0..51).map(|i| a(&format!("r{i}"), "192.0.2.1")).collect::<Vec<_>>(),"patches":[{"id":"x"}]});
    find(&validate_with(&mixed, &plan(Some(Plan::Free))), "batch.size", "", Severity::Error);
}

#[test]
fn empty_batches_and_shadow_metadata() {
    assert_warning(json!({"zone_id":ZONE}), "batch.empty", "");
    assert_warning(json!({"zone_id":ZONE,"posts":[],"deletes":[]}), "batch.empty", "");
    let big = json!({"zone_id":ZONE,"include_shadow_metadata":true,"deletes":deletes(1001)});
    find(&validate(&big), "batch.shadow-metadata", "/include_shadow_metadata", Severity::Warning);
    assert_no_issue(&validate(&json!({"zone_id":ZONE,"include_shadow_metadata":true,"deletes":deletes(1000)})), "batch.shadow-metadata");
    assert_no_issue(&validate(&json!({"zone_id":ZONE,"include_shadow_metadata":false,"deletes":deletes(1001)})), "batch.shadow-metadata");
}

// ---- records that share a name ----

#[test]
fn cname_beside_other_records() {
    let beside_a = json!({"zone_id":ZONE,"posts":[a("www.example.com","192.0.2.1"),{"type":"CNAME","name":"WWW.example.com.","ttl":1,"content":"x.example.net"}]});
    let v = validate(&beside_a);
    find(&v, "batch.cname.conflict", "/posts/0", Severity::Error);
    assert!(v.params.is_none());
    assert_error(
        json!({"zone_id":ZONE,"posts":[{"type":"CNAME","name":"www","ttl":1,"content":"x.example.net"},{"type":"AAAA","name":"www","ttl":1,"content":"2001:db8::1"}]}),
        "batch.cname.conflict",
        "/posts/1",
    );
    assert_error(
        json!({"zone_id":ZONE,"posts":[{"type":"CNAME","name":"www","ttl":1,"content":"x.example.net"},{"type":"CNAME","name":"www","ttl":1,"content":"y.example.net"}]}),
        "batch.cname.conflict",
        "/posts/1",
    );
    // The same name written in Unicode and in Punycode is one name.
    assert_error(
        json!({"zone_id":ZONE,"posts":[a("xn--bcher-kva.example.com","192.0.2.1"),{"type":"CNAME","name":"bücher.example.com","ttl":1,"content":"x.example.net"}]}),
        "batch.cname.conflict",
        "/posts/0",
    );

    let beside_txt = json!({"zone_id":ZONE,"posts":[{"type":"CNAME","name":"www","ttl":1,"content":"x.example.net"},{"type":"TXT","name":"www","ttl":1,"content":"\"hi\""}]});
    find(&validate(&beside_txt), "batch.cname.coexist", "/posts/1", Severity::Warning);
    assert!(validate(&beside_txt).params.is_some());
    find(&validate_with(&beside_txt, &strict()), "batch.cname.coexist", "/posts/1", Severity::Error);

    assert_clean(json!({"zone_id":ZONE,"posts":[a("www","192.0.2.1"),a("www","192.0.2.2"),{"type":"CNAME","name":"web","ttl":1,"content":"www.example.com"}]}));
}

#[test]
fn name_issues_come_back_in_post_order() {
    let cname = |name: &str| json!({"type":"CNAME","name":name,"ttl":1,"content":"x.example.net"});
    let batch = json!({"zone_id":ZONE,"posts":[
        a("n0","192.0.2.1"), a("n1","192.0.2.1"), a("n2","192.0.2.1"), a("n3","192.0.2.1"), a("n4","192.0.2.1"),
        cname("n4"), cname("n3"), cname("n2"), cname("n1"), cname("n0")
    ]});
    for _ in 0..8 {
        let v = validate(&batch);
        let pointers: Vec<&str> = v.issues.iter().filter(|i| i.code == "batch.cname.conflict").map(|i| i.pointer.as_str()).collect();
        assert_eq!(pointers, ["/posts/0", "/posts/1", "/posts/2", "/posts/3", "/posts/4"]);
    }
}

#[test]
fn delegations() {
    let ns = |name: &str| json!({"type":"NS","name":name,"ttl":1,"content":"ns1.example.net"});
    let ds = |name: &str| json!({"type":"DS","name":name,"ttl":1,"data":{"key_tag":2371,"algorithm":13,"digest_type":2,"digest":"1F987CC6583E92DF0890718C42C9AB4DB5A9CA4EF5C31AFA4F8CE2C43CA04A1D"}});
    // NS shares a name with no other type (Cloudflare: 81056), DS excepted; reported at the other record.
    assert_error(json!({"zone_id":ZONE,"posts":[ns("sub"),a("sub","192.0.2.1")]}), "batch.ns.conflict", "/posts/1");
    assert_error(json!({"zone_id":ZONE,"posts":[{"type":"TXT","name":"sub","ttl":1,"content":"\"x\""},ns("SUB.")]}), "batch.ns.conflict", "/posts/0");
    assert_error(json!({"zone_id":ZONE,"posts":[ns("sub"),{"type":"CNAME","name":"sub","ttl":1,"content":"x.example.net"}]}), "batch.ns.conflict", "/posts/1");
    // The final state counts: a put is a record at its name as much as a post is.
    let put_a = json!({"id":ID1,"type":"A","name":"sub.example.com","ttl":1,"content":"192.0.2.1"});
    let with_put = json!({"zone_id":ZONE,"puts":[put_a],"posts":[ns("sub.example.com"),a("www.example.com","192.0.2.2")]});
    assert_error(with_put, "batch.ns.conflict", "/puts/0");
    // A fully qualified name below another name of the batch is not the apex.
    assert_error(json!({"zone_id":ZONE,"posts":[ns("sub.example.com"),a("sub.example.com","192.0.2.1"),a("example.com","192.0.2.2")]}), "batch.ns.conflict", "/posts/1");
    // NS beside other types at the apex is allowed. `@` is the apex; a fully qualified name that
    // every name of the batch lies at or below may be the apex (the zone's name is not known
    // here), so that is a warning only: a zone file's apex NS records next to its apex A.
    let v = validate(&json!({"zone_id":ZONE,"posts":[ns("@"),a("@","192.0.2.1")]}));
    assert_no_issue(&v, "batch.ns.conflict");
    assert_no_issue(&v, "batch.ns.coexist");
    let apex = json!({"zone_id":ZONE,"posts":[ns("example.com"),a("example.com","192.0.2.1"),a("www.example.com","192.0.2.2"),a("www","192.0.2.3")]});
    let v = validate(&apex);
    find(&v, "batch.ns.coexist", "/posts/1", Severity::Warning);
    assert_no_issue(&v, "batch.ns.conflict");
    assert_warning(json!({"zone_id":ZONE,"posts":[ns("sub.example.com"),a("sub.example.com","192.0.2.1")]}), "batch.ns.coexist", "/posts/1");

    let ds_first = json!({"zone_id":ZONE,"posts":[ds("sub"),ns("sub")]});
    let v = validate(&ds_first);
    find(&v, "batch.ds.order", "/posts/0", Severity::Warning);
    assert_no_issue(&v, "batch.ns.conflict");
    let mut second = ns("sub");
    second["content"] = json!("ns2.example.net");
    assert_clean(json!({"zone_id":ZONE,"posts":[ns("sub"),second,ds("sub")]}));
}

/// TXT content of `strings` quoted strings of 250 `a`s: 252 characters a string plus the spaces.
fn txt(name: &str, strings: usize, letter: char) -> Value {
    let one = format!("\"{}\"", letter.to_string().repeat(250));
    json!({"type":"TXT","name":name,"ttl":1,"content":vec![one; strings].join(" ")})
}

#[test]
fn txt_content_at_one_name_adds_up_to_8192_characters() {
    // 2,782 characters each: two fit, a third makes 8,346.
    // (Each is over the older 2,048-per-record limit, a warning of its own.)
    assert_no_issue(&validate(&json!({"zone_id":ZONE,"posts":[txt("t",11,'a'),txt("t",11,'b'),txt("u",11,'c')]})), "batch.txt.combined-length");
    let three = json!({"zone_id":ZONE,"posts":[txt("t",11,'a'),txt("T.",11,'b'),txt("u",11,'c'),txt("t",11,'d')]});
    let v = validate(&three);
    let issue = find(&v, "batch.txt.combined-length", "/posts/3/content", Severity::Error);
    assert!(issue.message.contains("8346") && issue.message.contains("8192") && issue.message.contains("83011"), "{}", issue.message);
    assert_eq!(v.issues.iter().filter(|i| i.code == "batch.txt.combined-length").count(), 1);
    // Puts count too (they run before posts).
    let mut put = txt("t",11,'e');
    put["id"] = json!(ID1);
    assert_error(json!({"zone_id":ZONE,"puts":[put],"posts":[txt("t",11,'a'),txt("t",11,'b')]}), "batch.txt.combined-length", "/posts/1/content");
    // Unquoted content is counted as Cloudflare stores it, quoted in strings of 255: 2,700
    // characters become 2,732, and three of them 8,196.
    let plain = |c: char| json!({"type":"TXT","name":"p","ttl":1,"content":c.to_string().repeat(2700)});
    assert_error(json!({"zone_id":ZONE,"posts":[plain('a'),plain('b'),plain('c')]}), "batch.txt.combined-length", "/posts/2/content");
    // Exactly 8,192 is allowed.
    let exact = json!({"type":"TXT","name":"x","ttl":1,"content":format!("\"{}\"", "z".repeat(8190 - 2 * 2782))});
    assert_no_issue(&validate(&json!({"zone_id":ZONE,"posts":[txt("x",11,'a'),txt("x",11,'b'),exact]})), "batch.txt.combined-length");
}

// ---- the top level ----

#[test]
fn unknown_top_level_keys() {
    let v = validate(&json!({"zone_id":ZONE,"post":[a("www","192.0.2.1")]}));
    let issue = find(&v, "batch.unknown-field", "/post", Severity::Warning);
    assert!(issue.message.contains("`posts`"), "{}", issue.message);
    find(&v, "batch.empty", "", Severity::Warning);
    let v = validate(&json!({"zone_id":ZONE,"deletes":[{"id":ID1}],"zoneid":ZONE}));
    assert!(find(&v, "batch.unknown-field", "/zoneid", Severity::Warning).message.contains("`zone_id`"));
}

#[test]
fn disabled_codes_are_silenced() {
    let options = ValidateOptions { disable: vec!["batch.*".into()], ..Default::default() };
    let v = validate_with(&json!({"zone_id":"abc","post":[]}), &options);
    assert!(v.issues.is_empty(), "{:#?}", v.issues);
}

// ---- the outcome ----

#[test]
fn every_issue_comes_back_at_once_and_blocks_params() {
    let batch = json!({
        "zone_id": ZONE,
        "deletes": [{"id":"../x"}],
        "patches": [{"id":ID1,"ttl":5}],
        "puts": [{"id":ID2,"type":"MX","name":"@","ttl":1,"content":"mail.example.com"}],
        "posts": [
            a("www","192.0.2.300"),
            {"type":"SRV","name":"_sip._tcp","ttl":1,"data":{"priority":1,"weight":1,"port":70000,"target":"sip.example.com"}},
            {"type":"A","name":"ok","ttl":1,"content":"192.0.2.1","proxiable":true}
        ],
        "postz": []
    });
    let v = validate(&batch);
    assert!(v.params.is_none());
    let got: Vec<(&str, &str)> = v.issues.iter().map(|i| (i.code.as_ref(), i.pointer.as_str())).collect();
    for want in [
        ("batch.id.unsafe", "/deletes/0/id"),
        ("record.ttl.range", "/patches/0/ttl"),
        ("mx.priority.required", "/puts/0"),
        ("a.content.ipv4", "/posts/0/content"),
        ("srv.data.port.range", "/posts/1/data/port"),
        ("record.response-field", "/posts/2/proxiable"),
        ("batch.unknown-field", "/postz"),
    ] {
        assert!(got.contains(&want), "{want:?} missing from {got:#?}");
    }
}

#[test]
fn warnings_alone_do_not_block() {
    let v = validate(&json!({"zone_id":ZONE,"posts":[{"type":"a","name":"www","ttl":1,"content":"192.0.2.1"}]}));
    assert_eq!(v.issues.len(), 1);
    assert!(v.params.is_some());
}

#[test]
fn the_body_has_no_zone_id_and_keeps_array_order() {
    let batch = json!({
        "zone_id": ZONE,
        "include_shadow_metadata": true,
        "posts": [a("c","192.0.2.3"), a("a","192.0.2.1"), a("b","192.0.2.2"),
                  {"type":"MX","name":"@","ttl":1,"content":"mail.example.com","priority":10}],
        "deletes": [{"id":ID2},{"id":ID1}],
        "puts": [{"id":"0000000000000000000000000000000a","type":"TXT","name":"t","ttl":1,"content":"\"x\""}],
    });
    let v = assert_clean(batch);
    let params = v.params.unwrap();
    assert_eq!(params.zone_id, ZONE);
    assert_eq!(params.include_shadow_metadata, Some(true));
    assert_eq!(params.operation_count(), 7);
    let body: Value = serde_json::from_str(&params.body()).unwrap();
    assert!(body.get("zone_id").is_none() && body.get("include_shadow_metadata").is_none(), "{body}");
    let names: Vec<&str> = body["posts"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["c", "a", "b", "@"]);
    assert_eq!(body["posts"][3], json!({"type":"MX","name":"@","ttl":1,"content":"mail.example.com","priority":10}));
    assert_eq!(body["deletes"], json!([{"id":ID2},{"id":ID1}]));
    assert_eq!(body["puts"][0]["id"], "0000000000000000000000000000000a");
    assert!(body.get("patches").is_none());
}

// ---- the SDK-shaped benchmark workload ----

/// `target/bench-fixtures/batch-3500.params.json`, generated by the workload script when missing.
fn workload() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("target/bench-fixtures");
    let file = shared.join("batch-3500.params.json");
    if !file.exists() {
        generate(root, &shared);
    }
    match std::fs::read_to_string(&file) {
        // Someone else may be writing the shared file right now: then generate a private copy.
        Ok(text) if serde_json::from_str::<Value>(&text).is_ok() => text,
        _ => {
            let own = root.join("target/tmp/batch-checks-fixtures");
            generate(root, &own);
            std::fs::read_to_string(own.join("batch-3500.params.json")).expect("generated workload")
        }
    }
}

fn generate(root: &Path, out: &PathBuf) {
    let status = std::process::Command::new("node")
        .arg(root.join("bench/workload/gen-fixtures.mjs"))
        .arg(out)
        .current_dir(root)
        .status()
        .expect("node runs the workload generator");
    assert!(status.success(), "gen-fixtures.mjs failed");
}

#[test]
fn the_sdk_shaped_workload_validates() {
    let text = workload();
    let v = validate_batch_json(&text, &ValidateOptions::default());
    let errors: Vec<&Issue> = v.issues.iter().filter(|i| i.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let params = v.params.expect("no errors, so params");
    assert_eq!(params.operation_count(), 3500);
    // Every record kind the workload uses came through typed.
    let kinds: std::collections::BTreeSet<&str> = params.posts.iter().map(|r| r.record_type().as_str()).collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["A", "AAAA", "CAA", "CNAME", "MX", "SRV", "TXT"]);
    // Paid plans take it with no error either; Free cannot (3,500 > 200).
    assert!(validate_batch_json(&text, &plan(Some(Plan::Business))).params.is_some());
    assert!(validate_batch_json(&text, &plan(Some(Plan::Free))).params.is_none());
}

#[test]
fn a_silenced_error_never_drops_a_record_from_the_typed_batch() {
    // `disable` silences the IPv4 rule: the typed record holds the value exactly as sent (what
    // the JS API sends too), never a record left out.
    let options = ValidateOptions { disable: vec!["a.content.ipv4".into()], ..Default::default() };
    let batch = json!({ "zone_id": "023e105f4ecef8ad9ca31a8372d0c353", "posts": [{ "type": "A", "name": "www.example.com", "content": "1.2.3", "ttl": 1 }] });
    let v = validate_with(&batch, &options);
    assert_no_issue(&v, "record.unreadable");
    assert_eq!(v.params.expect("typed").posts[0].data, cf_dns_batch::RecordData::A { content: "1.2.3".into() });
    // A field whose type is wrong cannot be kept as sent: refused, and the message says why.
    let options = ValidateOptions { disable: vec!["record.ttl.integer".into()], ..Default::default() };
    let batch = json!({ "zone_id": "023e105f4ecef8ad9ca31a8372d0c353", "posts": [{ "type": "A", "name": "www.example.com", "content": "192.0.2.1", "ttl": 1.5 }] });
    let v = validate_with(&batch, &options);
    let unreadable: Vec<&Issue> = v.issues.iter().filter(|i| i.code == "record.unreadable").collect();
    assert_eq!(unreadable.len(), 1, "{:#?}", v.issues);
    assert_eq!(unreadable[0].pointer, "/posts/0");
    assert!(unreadable[0].message.contains("`disable` silences") && !unreadable[0].message.contains("defect"), "{}", unreadable[0].message);
    assert!(v.params.is_none());
}

#[test]
fn a_ttl_whose_rule_is_disabled_is_typed_as_given_not_dropped() {
    // The typed record is converted from what the check accepted; a rule `disable` silences does
    // not make the typed batch quietly leave the field out (the JS API sends it as given too).
    let options = ValidateOptions { disable: vec!["record.ttl.range".into()], ..Default::default() };
    let batch = json!({ "zone_id": ZONE, "posts": [{ "type": "A", "name": "www.example.com", "content": "192.0.2.1", "ttl": 5 }] });
    let v = validate_with(&batch, &options);
    let params = v.params.expect("no error is left");
    assert_eq!(params.posts[0].common.ttl, Some(5));
}

#[test]
fn typed_values_take_the_canonical_form_the_check_stands_for() {
    let loc = json!({ "lat_degrees": 52, "lat_minutes": 22, "lat_seconds": 23.0, "lat_direction": "n", "long_degrees": 4,
        "long_minutes": 53, "long_seconds": 32.0, "long_direction": "e", "altitude": -2.0, "size": 1.0, "precision_horz": 10000.0, "precision_vert": 10.0 });
    let batch = json!({ "zone_id": ZONE, "posts": [
        { "type": "LOC", "name": "www.example.com", "data": loc, "ttl": 1 },
        { "type": "HTTPS", "name": "www.example.com", "data": { "priority": 1.0, "target": ".", "value": "  alpn=h2  " }, "ttl": 1 },
        { "type": "NAPTR", "name": "www.example.com", "data": { "order": 100, "preference": 10, "replacement": "sip.example.com" }, "ttl": 1 },
    ] });
    let params = validate(&batch).params.expect("no error");
    let body: Value = serde_json::from_str(&params.body()).unwrap();
    assert_eq!(body["posts"][0]["data"]["lat_direction"], "N");
    assert_eq!(body["posts"][0]["data"]["long_direction"], "E");
    assert_eq!(body["posts"][1]["data"]["priority"], 1);
    assert_eq!(body["posts"][1]["data"]["value"], "alpn=h2");
    assert_eq!(body["posts"][2]["data"]["flags"], "");
    assert_eq!(body["posts"][2]["data"]["regex"], "");
}

#[test]
fn a_silenced_rule_that_leaves_the_value_readable_keeps_the_record_as_sent() {
    // A rule about the owner name (not the value), silenced under strict: the record is typed.
    let options = ValidateOptions { strict: true, disable: vec!["srv.name.service".into()], ..Default::default() };
    let srv = json!({ "type": "SRV", "name": "sip.example.com", "data": { "priority": 10, "weight": 5, "port": 5060, "target": "sip.example.com" }, "ttl": 1 });
    let v = validate_with(&json!({ "zone_id": ZONE, "posts": [srv.clone()] }), &options);
    assert_no_issue(&v, "record.unreadable");
    assert_eq!(v.params.expect("typed").posts.len(), 1);
    let (issues, record) = cf_dns_batch::batch::validate_record_json(&cf_dns_batch::json::Json::parse(&srv.to_string(), &cf_dns_batch::json::Arena::new()).unwrap(), &options);
    assert!(issues.iter().all(|i| i.code != "record.unreadable"), "{issues:?}");
    assert!(record.is_some());
    // A value rule silenced: the value is kept exactly as sent, as the JS API sends it.
    let options = ValidateOptions { disable: vec!["a.content.ipv4".into()], ..Default::default() };
    let v = validate_with(&json!({ "zone_id": ZONE, "posts": [a("www.example.com", "192.0.2.300")] }), &options);
    assert_eq!(v.params.expect("typed").posts[0].data, cf_dns_batch::RecordData::A { content: "192.0.2.300".into() });
}

#[test]
fn a_field_of_the_wrong_type_let_through_by_a_silenced_rule_is_refused_never_dropped() {
    // Dropping `ttl: -1` or a tag that is a number would send something the user did not write.
    for (code, post) in [
        ("record.ttl.range", json!({ "type": "A", "name": "www.example.com", "content": "192.0.2.1", "ttl": -1 })),
        ("record.ttl.integer", json!({ "type": "A", "name": "www.example.com", "content": "192.0.2.1", "ttl": 1.5 })),
        ("record.tags.type", json!({ "type": "A", "name": "www.example.com", "content": "192.0.2.1", "ttl": 1, "tags": ["a:b", 7] })),
    ] {
        let options = ValidateOptions { disable: vec![code.into()], ..Default::default() };
        let v = validate_with(&json!({ "zone_id": ZONE, "posts": [post] }), &options);
        find(&v, "record.unreadable", "/posts/0", Severity::Error);
    }
    // An id that is not a string is never replaced by an empty one.
    for (code, deletes) in [("batch.id.type", json!([{ "id": 123 }])), ("batch.id.required", json!([{}]))] {
        let options = ValidateOptions { disable: vec![code.into()], ..Default::default() };
        let v = validate_with(&json!({ "zone_id": ZONE, "deletes": deletes }), &options);
        if let Some(params) = &v.params {
            assert!(params.deletes.iter().all(|d| !d.id.is_empty()), "{:?}", params.deletes);
        }
        assert!(v.params.is_none() || v.params.as_ref().is_some_and(|p| p.deletes.is_empty()), "{:?}", v.issues);
    }
}

#[test]
fn a_cname_conflicts_with_a_record_at_its_name_whichever_array_each_is_in() {
    let cname = json!({ "id": ID1, "type": "CNAME", "name": "www.example.com", "content": "example.net", "ttl": 1 });
    let v = validate(&json!({ "zone_id": ZONE, "puts": [cname], "posts": [a("www.example.com", "192.0.2.1")] }));
    find(&v, "batch.cname.conflict", "/posts/0", Severity::Error);
}

#[test]
fn a_patch_that_names_no_type_still_sends_text_content_and_a_16_bit_priority() {
    // Found by fuzzing: the check let `"priority": "text"` through on a typeless patch, and the
    // typed patch could not hold it.
    let patch = |field: &str, value: Value| json!({ "zone_id": ZONE, "patches": [{ "id": ID1, field: value }] });
    assert_error(patch("priority", json!("mx.example.com")), "record.priority.type", "/patches/0/priority");
    assert_error(patch("priority", json!(70000)), "record.priority.range", "/patches/0/priority");
    assert_error(patch("content", json!(7)), "record.content.type", "/patches/0/content");
    let v = validate(&patch("priority", json!(10)));
    assert_eq!(v.params.expect("typed").patches[0].priority, Some(10));
}
