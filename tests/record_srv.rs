//! SRV (RFC 2782): `data { priority, weight, port, target }`, `_service._proto` in the name.
mod common;
use cf_dns_batch::record::srv::{from_content, to_content, SrvData};
use cf_dns_batch::{RecordData, RecordType};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn srv(data: Value) -> Value {
    json!({"type":"SRV","name":"_sip._tcp.example.com","ttl":1,"data":data})
}

#[test]
fn valid_srv_records() {
    assert_clean(srv(json!({"priority":10,"weight":5,"port":5060,"target":"sip.example.com"})));
    assert_clean(srv(json!({"priority":0,"weight":0,"port":1,"target":"sip.example.com."})));
    assert_clean(srv(json!({"priority":65535,"weight":65535,"port":65535,"target":"sip.example.net"})));
    assert_clean(srv(json!({"priority":0,"weight":0,"port":0,"target":"."})));
    assert_clean(srv(json!({"priority":10.0,"weight":20.0,"port":443.0,"target":"xmpp"})));
    assert_clean(json!({"type":"SRV","name":"_xmpp._tcp","ttl":1,"data":{"priority":10,"weight":5,"port":5223,"target":"server.example.com"}}));
    assert_clean(json!({"type":"SRV","name":"_ldap._udp.dc.example.com","ttl":3600,"data":{"priority":1,"weight":100,"port":389,"target":"dc1.example.com"}}));
    assert_clean(json!({"type":"SRV","name":"_imaps._tcp.example.com","ttl":1,"data":{"priority":0,"weight":1,"port":993,"target":"imap.bücher.example"}}));
}

#[test]
fn invalid_srv_records() {
    assert_error(srv(json!({"priority":10,"weight":5,"port":70000,"target":"sip.example.com"})), "srv.data.port.range", "/data/port");
    assert_error(srv(json!({"priority":-1,"weight":5,"port":5060,"target":"sip.example.com"})), "srv.data.priority.range", "/data/priority");
    assert_error(srv(json!({"priority":10,"weight":"5","port":5060,"target":"sip.example.com"})), "srv.data.weight.type", "/data/weight");
    assert_error(srv(json!({"priority":10,"weight":5,"port":50.5,"target":"sip.example.com"})), "srv.data.port.integer", "/data/port");
    assert_error(srv(json!({"priority":10,"weight":5,"port":5060})), "srv.data.target.required", "/data");
    assert_error(srv(json!({"weight":5,"port":5060,"target":"sip.example.com"})), "srv.data.priority.required", "/data");
    assert_error(srv(json!({"priority":10,"weight":5,"port":5060,"target":"*.example.com"})), "srv.data.target.wildcard", "/data/target");
    assert_error(srv(json!({"priority":10,"weight":5,"port":5060,"target":"sip..example.com"})), "srv.data.target.empty-label", "/data/target");
    assert_error(srv(json!({"priority":10,"weight":5,"port":5060,"target":""})), "srv.data.target.empty", "/data/target");
    assert_error(srv(json!({"priority":10,"weight":5,"port":5060,"target":7})), "srv.data.target.type", "/data/target");
    assert_error(
        srv(json!({"priority":10,"weight":5,"port":5060,"target":"sip.example.com","service":"_sip","proto":"_tcp"})),
        "srv.data.deprecated",
        "/data/service",
    );
    assert_error(
        srv(json!({"priority":10,"weight":5,"port":5060,"target":"sip.example.com","name":"example.com"})),
        "srv.data.deprecated",
        "/data/name",
    );
    assert_error(srv(json!("10 5 5060 sip.example.com")), "srv.data.type", "/data");
    assert_error(json!({"type":"SRV","name":"_sip._tcp.example.com","ttl":1}), "srv.data.required", "");
    assert_error(
        json!({"type":"SRV","name":"_sip._tcp","ttl":1,"proxied":true,"data":{"priority":1,"weight":1,"port":1,"target":"a.example"}}),
        "record.proxied.not-proxiable",
        "/proxied",
    );
}

#[test]
fn every_field_problem_is_reported_at_once() {
    let issues = issues_of(srv(json!({"priority":-1,"weight":"x","port":1.5,"target":"*.x"})), &Default::default());
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    for code in ["srv.data.priority.range", "srv.data.weight.type", "srv.data.port.integer", "srv.data.target.wildcard"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn srv_rfc_advice_is_a_warning_unless_strict() {
    let no_service = json!({"type":"SRV","name":"sip.example.com","ttl":1,"data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}});
    assert_valid(no_service.clone());
    assert_warning(no_service.clone(), "srv.name.service", "/name");
    assert_strict_error(no_service, "srv.name.service", "/name");
    assert_warning(
        json!({"type":"SRV","name":"_sip.example.com","ttl":1,"data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}}),
        "srv.name.service",
        "/name",
    );

    let null_target = srv(json!({"priority":0,"weight":0,"port":5060,"target":"."}));
    assert_warning(null_target.clone(), "srv.data.target.null", "/data/target");
    assert_strict_error(null_target, "srv.data.target.null", "/data/target");

    let port_zero = srv(json!({"priority":10,"weight":5,"port":0,"target":"sip.example.com"}));
    assert_warning(port_zero.clone(), "srv.data.port.zero", "/data/port");
    assert_strict_error(port_zero, "srv.data.port.zero", "/data/port");

    let ip = srv(json!({"priority":10,"weight":5,"port":5060,"target":"192.0.2.1"}));
    assert_warning(ip.clone(), "srv.data.target.ip", "/data/target");
    assert_strict_error(ip, "srv.data.target.ip", "/data/target");
    assert_warning(srv(json!({"priority":10,"weight":5,"port":5060,"target":"-sip.example.com"})), "srv.data.target.hyphen", "/data/target");
}

#[test]
fn srv_plain_warnings() {
    assert_warning(srv(json!({"priority":10,"weight":5,"port":5060,"target":"sip.example.com","prot":"x"})), "srv.data.unknown-field", "/data/prot");
    let top_priority = json!({"type":"SRV","name":"_sip._tcp","ttl":1,"priority":10,"data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}});
    assert_valid(top_priority.clone());
    assert_warning(top_priority, "record.priority.ignored", "/priority");
    assert_warning(
        json!({"type":"SRV","name":"_sip._tcp","ttl":1,"content":"5 5060 sip.example.com","data":{"priority":10,"weight":5,"port":5060,"target":"sip.example.com"}}),
        "record.content.data-kind",
        "/content",
    );
}

#[test]
fn srv_presentation() {
    let d = SrvData { priority: 10, weight: 5, port: 5060, target: "sip.example.com".into() };
    assert_eq!(to_content(&d), "10 5 5060 sip.example.com");
    assert_eq!(from_content("  10\t5 5060   sip.example.com ").unwrap(), d);
    assert_eq!(RecordData::from_content(RecordType::SRV, "10 5 5060 sip.example.com").unwrap(), RecordData::SRV { data: d.clone() });
    assert_eq!(RecordData::SRV { data: d }.to_content(), "10 5 5060 sip.example.com");
    assert_eq!(from_content("0 0 0 .").unwrap().target, ".");
    for bad in ["", "10 5 5060", "10 5 5060 a b", "x 5 5060 a", "10 -5 5060 a", "10 5 65536 a", "10 5 50.5 a"] {
        assert!(from_content(bad).is_err(), "{bad:?} should not parse");
        assert!(RecordData::from_content(RecordType::SRV, bad).is_err(), "{bad:?} should not parse");
    }
}

const HOST: &str = "([a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?\\.){1,4}[a-z]{2,8}\\.?";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn content_round_trips(priority in any::<u16>(), weight in any::<u16>(), port in any::<u16>(), target in prop_oneof![Just(".".to_string()), HOST]) {
        let d = SrvData { priority, weight, port, target: target.into() };
        prop_assert_eq!(from_content(&to_content(&d)).unwrap(), d.clone());
        let whole = RecordData::SRV { data: d };
        prop_assert_eq!(RecordData::from_content(RecordType::SRV, &whole.to_content()).unwrap(), whole);
    }

    #[test]
    fn generated_records_validate(priority in any::<u16>(), weight in any::<u16>(), port in 1u16.., target in HOST) {
        let record = srv(json!({"priority":priority,"weight":weight,"port":port,"target":target}));
        prop_assert!(issues_of(record.clone(), &Default::default()).is_empty(), "{}", record);
    }
}
