//! `ChangePlan::to_json` writes exactly what serde's derive wrote for `{params (zone_id, then the
//! batch params flattened), changes, summary, issues}`: the reference shape is kept here.

use cf_dns_batch::batch::BatchParams;
use cf_dns_batch::plan::{plan_json, Change, ChangePlan, Summary};
use cf_dns_batch::Issue;
use serde::Serialize;
use serde_json::json;

fn reference(plan: &ChangePlan) -> String {
    #[derive(Serialize)]
    struct Params<'p> {
        #[serde(skip_serializing_if = "Option::is_none")]
        zone_id: Option<&'p str>,
        #[serde(flatten)]
        params: &'p BatchParams,
    }
    #[derive(Serialize)]
    struct Out<'p> {
        params: Option<Params<'p>>,
        changes: &'p [Change],
        summary: &'p Summary,
        issues: &'p [Issue],
    }
    let out = Out {
        params: plan.params.as_ref().map(|params| Params { zone_id: Some(params.zone_id.as_str()).filter(|z| !z.is_empty()), params }),
        changes: &plan.changes,
        summary: &plan.summary,
        issues: &plan.issues,
    };
    serde_json::to_string(&out).unwrap()
}

fn listed(id: &str, mut record: serde_json::Value) -> serde_json::Value {
    record["id"] = json!(id);
    record["zone_name"] = json!("example.com");
    record
}

#[test]
fn to_json_is_the_derived_form() {
    let current = json!([
        listed("id1", json!({"type":"A","name":"www.example.com","content":"192.0.2.1","ttl":300})),
        listed("id2", json!({"type":"SRV","name":"_sip._tcp.example.com","data":{"priority":1,"weight":2,"port":5060,"target":"a.example.com"}})),
        listed("id3", json!({"type":"A","name":"old.example.com","content":"192.0.2.9","comment":"x \"quoted\""})),
        listed("id4", json!({"type":"A","name":"api.example.com","content":"192.0.2.5"})),
    ]);
    let desired = json!([
        {"type":"A","name":"www","content":"192.0.2.2","ttl":1,"tags":["a:b"]},
        {"type":"SRV","name":"_sip._tcp","data":{"priority":1,"weight":2,"port":5061,"target":"a.example.com"}},
        {"type":"CNAME","name":"api","content":"origin.example.net","proxied":true},
        {"type":"MX","name":"@","content":"mx.example.com","priority":10},
    ]);
    for policy in [json!({"scope":"zone","zoneId":"023e105f4ecef8ad9ca31a8372d0c353"}), json!({"scope":"zone"}), json!({"scope":"zone","maxDeleteShare":0.1}), json!({"scope":"desired","zoneId":"z\u{e9}\"1"})] {
        let plan = plan_json(&current.to_string(), &desired.to_string(), &policy.to_string());
        assert!(!plan.changes.is_empty());
        assert_eq!(plan.to_json(), reference(&plan), "{policy}");
    }
    // No operations at all: params are the zone id alone, or an empty object.
    for policy in [json!({"zoneId":"023e105f4ecef8ad9ca31a8372d0c353"}), json!({})] {
        let plan = plan_json("[]", "[]", &policy.to_string());
        assert!(plan.params.is_some());
        assert_eq!(plan.to_json(), reference(&plan), "{policy}");
    }
    // A blocked plan: params null.
    let blocked = plan_json("[]", "[{\"type\":\"A\",\"name\":\"www\",\"content\":\"x\"}]", "{\"zone\":\"example.com\"}");
    assert!(blocked.params.is_none());
    assert_eq!(blocked.to_json(), reference(&blocked));
}
