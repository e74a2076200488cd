//! Splitting a plan too big for one batch (`sync` with `allowSplit`): parts of at most one batch,
//! a name's whole change in one part, names that free records first, NS posts before DS.

use cf_dns_batch::plan::plan_json;
use cf_dns_batch::plan::split::{batch_limit, split_plan_json as split_indexes, Part as Indexes};
use cf_dns_batch::Plan;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const ZONE: &str = "example.com";

fn listed(id: &str, mut record: Value) -> Value {
    record["id"] = json!(id);
    record["zone_name"] = json!(ZONE);
    record
}

/// The plan as JSON text, as `plan()` gives it to JavaScript, with the size check lifted as `sync`
/// lifts it for `allowSplit`.
fn plan_text(current: &[Value], desired: &[Value]) -> String {
    let policy = json!({ "zone": ZONE, "zoneId": "023e105f4ecef8ad9ca31a8372d0c353", "scope": "zone", "force": true, "plan": "free", "disable": ["plan.batch.size"] });
    plan_json(&Value::from(current.to_vec()).to_string(), &Value::from(desired.to_vec()).to_string(), &policy.to_string()).to_json()
}

/// A part with its operations, taken from the plan's params by the positions the split gives.
#[derive(Debug)]
struct Part {
    zone_id: Option<String>,
    deletes: Vec<Value>,
    patches: Vec<Value>,
    posts: Vec<Value>,
}

impl Part {
    fn operations(&self) -> usize {
        self.deletes.len() + self.patches.len() + self.posts.len()
    }
}

fn split_plan_json(text: &str, limit: usize) -> Result<Vec<Part>, cf_dns_batch::plan::split::SplitError> {
    let plan: Value = serde_json::from_str(text).unwrap_or_default();
    let take = |key: &str, at: &[usize]| at.iter().map(|&i| plan["params"][key][i].clone()).collect::<Vec<_>>();
    Ok(split_indexes(text, limit)?
        .into_iter()
        .map(|p: Indexes| {
            assert!(p.puts.is_empty());
            Part { zone_id: plan["params"]["zone_id"].as_str().map(str::to_string), deletes: take("deletes", &p.deletes), patches: take("patches", &p.patches), posts: take("posts", &p.posts) }
        })
        .collect())
}

fn a(name: &str, i: usize) -> Value {
    json!({ "type": "A", "name": name, "content": format!("10.0.{}.{}", i / 250, i % 250 + 1), "ttl": 1 })
}

/// The names a part touches: deletes and patches by id (looked up in `ids`), posts by name.
fn names(part: &Part, ids: &BTreeMap<String, String>) -> Vec<String> {
    let mut out: Vec<String> = part.deletes.iter().chain(&part.patches).map(|op| ids[op["id"].as_str().unwrap()].clone()).collect();
    out.extend(part.posts.iter().map(|p| p["name"].as_str().unwrap().trim_end_matches('.').to_string()));
    out.sort();
    out.dedup();
    out
}

#[test]
fn limits_follow_the_plan() {
    assert_eq!(batch_limit(Some(Plan::Free)), 200);
    assert_eq!(batch_limit(Some(Plan::Pro)), 3_500);
    assert_eq!(batch_limit(None), 3_500);
}

#[test]
fn four_hundred_fifty_creates_on_free_are_three_parts() {
    let desired: Vec<Value> = (0..450).map(|i| a(&format!("h{i:03}.example.com"), i)).collect();
    let parts = split_plan_json(&plan_text(&[], &desired), 200).unwrap();
    assert_eq!(parts.iter().map(Part::operations).collect::<Vec<_>>(), [200, 200, 50]);
    assert!(parts.iter().all(|p| p.zone_id.as_deref() == Some("023e105f4ecef8ad9ca31a8372d0c353")));
    // Nothing lost, nothing twice, in the plan's order.
    let posted: Vec<&str> = parts.iter().flat_map(|p| p.posts.iter().map(|r| r["name"].as_str().unwrap())).collect();
    let expected: Vec<String> = (0..450).map(|i| format!("h{i:03}.example.com")).collect();
    assert_eq!(posted, expected);
}

#[test]
fn a_plan_that_fits_is_one_part() {
    let desired: Vec<Value> = (0..5).map(|i| a(&format!("h{i}.example.com"), i)).collect();
    let parts = split_plan_json(&plan_text(&[], &desired), 200).unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].posts.len(), 5);
    assert!(split_plan_json(&plan_text(&desired.iter().enumerate().map(|(i, r)| listed(&format!("{i:032}"), r.clone())).collect::<Vec<_>>(), &desired), 200).unwrap().is_empty());
}

#[test]
fn a_names_change_is_never_cut_and_names_that_free_records_go_first() {
    // 150 single creates, then a name with 3 records replaced by a CNAME (3 deletes + 1 post), then
    // a name whose 60 A records are all new. With 100 per part, no name straddles two parts.
    let mut current = Vec::new();
    for i in 0..3 {
        current.push(listed(&format!("{i:032x}"), a("m.example.com", i)));
    }
    let mut desired: Vec<Value> = (0..150).map(|i| a(&format!("h{i:03}.example.com"), i)).collect();
    desired.push(json!({ "type": "CNAME", "name": "m.example.com", "content": "target.example.net", "ttl": 1 }));
    desired.extend((0..60).map(|i| a("z.example.com", i)));
    let text = plan_text(&current, &desired);
    let parts = split_plan_json(&text, 100).unwrap();
    let ids: BTreeMap<String, String> = (0..3).map(|i| (format!("{i:032x}"), "m.example.com".to_string())).collect();
    let mut seen = BTreeMap::new();
    for (k, part) in parts.iter().enumerate() {
        assert!(part.operations() <= 100, "part {k}: {}", part.operations());
        for name in names(part, &ids) {
            assert!(seen.insert(name.clone(), k).is_none(), "{name} is in two parts");
        }
    }
    // The type change (3 deletes + the CNAME post) is in the first part, whole: deletes run
    // before posts inside it, so the CNAME never stands beside the A records.
    assert_eq!(seen["m.example.com"], 0);
    assert_eq!(parts[0].deletes.len(), 3);
    assert!(parts[0].posts.iter().any(|p| p["type"] == "CNAME"));
    // z's 60 posts go whole into a later part.
    let z_part = seen["z.example.com"];
    assert_eq!(parts[z_part].posts.iter().filter(|p| p["name"] == "z.example.com").count(), 60);
    let total: usize = parts.iter().map(Part::operations).sum();
    assert_eq!(total, 3 + 1 + 150 + 60);
}

#[test]
fn ns_is_posted_before_ds_at_a_delegation() {
    let desired = vec![
        json!({ "type": "DS", "name": "sub.example.com", "ttl": 1, "data": { "key_tag": 2371, "algorithm": 13, "digest_type": 2, "digest": "1F987CC6583E92DF0890718C42A9FB7ED2F4B8A6B0E3C3F1B1F4F1B0E0C3C3F1" } }),
        json!({ "type": "NS", "name": "sub.example.com", "content": "ns1.example.net", "ttl": 1 }),
    ];
    let mut desired = desired;
    desired.push(json!({ "type": "NS", "name": "sub.example.com", "content": "ns2.example.net", "ttl": 1 }));
    let parts = split_plan_json(&plan_text(&[], &desired), 200).unwrap();
    let posts: Vec<String> = parts[0].posts.iter().map(|p| format!("{} {}", p["type"].as_str().unwrap(), p["content"].as_str().unwrap_or("-"))).collect();
    assert_eq!(posts, ["NS ns1.example.net", "NS ns2.example.net", "DS -"]);
}

#[test]
fn a_name_bigger_than_one_batch_is_refused_not_cut() {
    let desired: Vec<Value> = (0..30).map(|i| json!({ "type": "TXT", "name": "big.example.com", "content": format!("\"v{i}\""), "ttl": 1 })).collect();
    let err = split_plan_json(&plan_text(&[], &desired), 20).unwrap_err();
    assert_eq!(err.code, "plan.split.name");
    assert!(err.message.contains("big.example.com needs 30 operations"), "{}", err.message);
}

#[test]
fn only_a_plan_as_plan_returned_it_is_split() {
    let desired = vec![a("h.example.com", 1)];
    let mut plan: Value = serde_json::from_str(&plan_text(&[], &desired)).unwrap();
    plan["params"]["deletes"] = json!([{ "id": "ffffffffffffffffffffffffffffffff" }]);
    let err = split_plan_json(&plan.to_string(), 200).unwrap_err();
    assert_eq!(err.code, "plan.split.input");
    assert!(err.message.contains("/params/deletes/0"), "{}", err.message);
    plan["params"] = Value::Null;
    assert_eq!(split_plan_json(&plan.to_string(), 200).unwrap_err().code, "plan.split.input");
    assert_eq!(split_plan_json("[1", 200).unwrap_err().code, "plan.split.input");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    /// Every operation lands in exactly one part, no part is over the limit, and no name is in two parts.
    #[test]
    fn parts_partition_the_plan(have in proptest::collection::vec((0usize..12, 0usize..4), 0..40), want in proptest::collection::vec((0usize..12, 0usize..4, 0usize..3), 0..60), limit in 8usize..30) {
        let mut ids = BTreeMap::new();
        let current: Vec<Value> = have.iter().enumerate().map(|(i, &(n, v))| {
            let id = format!("{i:032x}");
            ids.insert(id.clone(), format!("n{n}.example.com"));
            listed(&id, a(&format!("n{n}.example.com"), v))
        }).collect();
        let desired: Vec<Value> = want.iter().map(|&(n, v, kind)| match kind {
            0 => a(&format!("n{n}.example.com"), v),
            1 => json!({ "type": "TXT", "name": format!("n{n}.example.com"), "content": format!("\"t{v}\""), "ttl": 1 }),
            _ => json!({ "type": "AAAA", "name": format!("n{n}.example.com"), "content": format!("2001:db8::{v}"), "ttl": 1 }),
        }).collect();
        let text = plan_text(&current, &desired);
        let plan: Value = serde_json::from_str(&text).unwrap();
        let parts = match split_plan_json(&text, limit) {
            Ok(parts) => parts,
            // Refused only when one name needs more than a part holds.
            Err(e) => {
                prop_assert_eq!(e.code, "plan.split.name");
                return Ok(());
            }
        };
        let count = |key: &str| plan["params"][key].as_array().map_or(0, Vec::len);
        let ops: usize = parts.iter().map(Part::operations).sum();
        prop_assert_eq!(ops, count("deletes") + count("patches") + count("posts"));
        let mut seen = BTreeMap::new();
        for (k, part) in parts.iter().enumerate() {
            prop_assert!(part.operations() <= limit && part.operations() > 0);
            for name in names(part, &ids) {
                prop_assert!(seen.insert(name, k).is_none());
            }
        }
    }
}
