//! What each fuzz target runs on one input, and the invariants it asserts.
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and by the main crate's
//! `tests/fuzz_regressions.rs`, which includes this file with `#[path]` and replays every file
//! under `fuzz/regressions/<target>/` through the same function. So this file uses only
//! `cf_dns_batch`, `serde_json` and `std` (what the main crate's tests can see), never `crate::`.
//!
//! A panic anywhere here is a finding: either the crate panicked (which traps a WebAssembly
//! instance), or an invariant below does not hold.

#![allow(dead_code)]

use cf_dns_batch::record::{RecordData, RecordType};
use cf_dns_batch::retry::{self, Decision, Outcome, RetryPolicy};
use cf_dns_batch::{Plan, Severity, ValidateOptions};

/// `batch_validate`: bytes (lossy UTF-8) validated with the default options, then RFC-strict on
/// the Free plan.
pub fn batch_validate(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_batch(&text, &ValidateOptions::default());
    check_batch(&text, &ValidateOptions { strict: true, plan: Some(Plan::Free), ..Default::default() });
}

/// Every option set a batch can be validated under: default, strict, each plan, strict + each plan.
pub fn all_options() -> Vec<ValidateOptions> {
    let plans = [None, Some(Plan::Free), Some(Plan::Pro), Some(Plan::Business), Some(Plan::Enterprise)];
    let mut out = Vec::new();
    for strict in [false, true] {
        for plan in plans {
            out.push(ValidateOptions { strict, plan, ..Default::default() });
        }
    }
    out
}

/// `record_fields` regressions are kept as the batch JSON the target generated (the main crate's
/// tests do not depend on `arbitrary`), and replayed under every option set.
pub fn record_fields_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for options in all_options() {
        check_batch(&text, &options);
    }
}

/// Validates `text` and checks what must hold of any outcome:
/// - params are built exactly when no issue is an error;
/// - every pointer is empty or starts with `/`; every code is non-empty;
/// - the body of built params is a JSON object, and (with `zone_id` put back) validates again
///   under the same options without an error;
/// - checking without building (the JS path) finds exactly the same issues.
pub fn check_batch(text: &str, options: &ValidateOptions) {
    let v = cf_dns_batch::validate_batch_json(text, options);
    let checked = cf_dns_batch::batch::check_json(text, options);
    assert_eq!(checked.issues, v.issues, "checking without building must find the same issues (options {options:?})");
    assert_eq!(checked.sendable, v.params.is_some(), "checking without building must agree on sendability");
    let errors: Vec<_> = v.issues.iter().filter(|i| i.severity == Severity::Error).collect();
    assert_eq!(
        v.params.is_some(),
        errors.is_empty(),
        "params must be built exactly when there is no error (options {options:?}); errors: {errors:?}"
    );
    for issue in &v.issues {
        assert!(issue.pointer.is_empty() || issue.pointer.starts_with('/'), "bad pointer in {issue:?}");
        assert!(!issue.code.is_empty(), "empty code in {issue:?}");
    }
    if let Some(params) = &v.params {
        let body = params.body();
        match serde_json::from_str::<serde_json::Value>(&body) {
            Ok(serde_json::Value::Object(mut members)) => {
                // What is sent validates again, under the same options, without an error.
                members.insert("zone_id".into(), params.zone_id.clone().into());
                let again = serde_json::Value::Object(members).to_string();
                let v2 = cf_dns_batch::validate_batch_json(&again, options);
                let errors: Vec<_> = v2.issues.iter().filter(|i| i.severity == Severity::Error).collect();
                assert!(errors.is_empty(), "the body of validated params does not validate again (options {options:?}): {errors:?}\n{again}");
            }
            Ok(_) => panic!("the body is not a JSON object: {body}"),
            Err(e) => panic!("the body of validated params is not JSON ({e}): {body}"),
        }
    }
}

/// The statuses worth reaching often; other values come from two raw bytes.
const STATUSES: [u16; 16] = [200, 200, 200, 201, 204, 299, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503];

/// `response_envelope`: byte 0 picks the status (a common one, or bytes 1–2 as a raw u16 when its
/// top bits are set), byte 0 also picks whether there is a `cf-ray`; the rest is the body.
pub fn response_envelope(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else { return };
    let (status, rest) = if first & 0xC0 == 0xC0 {
        match rest {
            [a, b, rest @ ..] => (u16::from_be_bytes([*a, *b]), rest),
            _ => (first as u16, rest),
        }
    } else {
        (STATUSES[(first & 0x0F) as usize], rest)
    };
    let ray = (first & 0x10 != 0).then_some("8f1c2a3b4c5d6e7f-SJC");
    let body = String::from_utf8_lossy(rest);
    check_response(status, ray, &body);
}

/// Checks `parse_response` and `check_envelope` on one answer.
pub fn check_response(status: u16, ray: Option<&str>, body: &str) {
    // `Ok(true)`: a success with a result to read.
    let checked = cf_dns_batch::api::check_envelope(status, ray, body, cf_dns_batch::api::Expect::Batch, |result| result.is_some());
    let parsed = cf_dns_batch::parse_response(status, ray, body);
    for err in [checked.as_ref().err(), parsed.as_ref().err()].into_iter().flatten() {
        assert_eq!(err.status, status, "{err:?}");
        assert_eq!(err.ray_id.as_deref(), ray, "{err:?}");
        assert!(!err.code.is_empty() && !err.message.is_empty(), "{err:?}");
    }
    if parsed.is_ok() {
        assert!(checked.is_ok(), "parse_response accepted what check_envelope refused: {checked:?}");
    }
    if let Ok(has_result) = checked {
        assert!((200..300).contains(&status), "a non-2xx status {status} was accepted");
        // The shape check looks at the records' shape only; records whose fields do not read as
        // `RecordResponse` (a name that is an object) must be `api.bad_result`, never a success
        // on a different reading or a panic.
        if has_result {
            if let Err(e) = &parsed {
                assert_eq!(e.code, "api.bad_result", "{e:?}");
            }
        }
    }
    let shape = cf_dns_batch::api::check_envelope_shape(status, ray, body, cf_dns_batch::api::Expect::Batch);
    assert_eq!(shape.is_ok(), checked.is_ok(), "check_envelope_shape and check_envelope disagree");
    // A listing's answer goes through the same envelope check; it must never panic either.
    let _ = cf_dns_batch::api::check_envelope_shape(status, ray, body, cf_dns_batch::api::Expect::List);
}

/// `presentation`: byte 0 picks one of `RecordType::ALL`, the rest (lossy UTF-8) is zone-file text.
/// When it parses, the formatted form must parse again, and from then on the round trip is stable
/// (the second and third parse are equal, and so are their texts).
pub fn presentation(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else { return };
    let kind = RecordType::ALL[first as usize % RecordType::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    check_presentation(kind, &text);
}

pub fn check_presentation(kind: RecordType, text: &str) {
    let Ok(first) = RecordData::from_content(kind, text) else { return };
    assert_eq!(first.record_type(), kind);
    let text1 = first.to_content();
    let second = match RecordData::from_content(kind, &text1) {
        Ok(d) => d,
        Err(e) => panic!("{kind}: {text:?} parsed, but its formatted form {text1:?} does not: {e}"),
    };
    let text2 = second.to_content();
    let third = match RecordData::from_content(kind, &text2) {
        Ok(d) => d,
        Err(e) => panic!("{kind}: {text1:?} parsed, but its formatted form {text2:?} does not: {e}"),
    };
    assert_eq!(second, third, "{kind}: the round trip is not stable from {text1:?} (formatted {text2:?})");
    assert_eq!(text2, third.to_content(), "{kind}: the formatted form is not stable");
}

/// `retry_headers`: byte 0 picks the clock (a real one, or bytes 1–8 as raw f64 bits, which may be
/// NaN or infinite), byte 1 the status, the retry count, the policy and the jitter; the rest is the
/// header value, given as both `Retry-After` and `retry-after-ms`.
pub fn retry_headers(data: &[u8]) {
    let (head, rest) = data.split_at(data.len().min(2));
    let b0 = head.first().copied().unwrap_or(0);
    let b1 = head.get(1).copied().unwrap_or(0);
    let (now, rest) = if b0 & 0x80 != 0 && rest.len() >= 8 {
        let mut bits = [0u8; 8];
        bits.copy_from_slice(&rest[..8]);
        (f64::from_bits(u64::from_le_bytes(bits)), &rest[8..])
    } else {
        // 2025-11-27T00:00:00Z, and the epoch.
        (if b0 & 1 == 0 { 1_764_201_600_000.0 } else { 0.0 }, rest)
    };
    let text = String::from_utf8_lossy(rest);
    check_retry(&text, now, b0, b1);
}

pub fn check_retry(text: &str, now: f64, b0: u8, b1: u8) {
    let waits = [
        retry::server_wait_ms(Some(text), Some(text), now),
        retry::server_wait_ms(Some(text), None, now),
        retry::server_wait_ms(None, Some(text), now),
    ];
    for w in waits.into_iter().flatten() {
        assert!(w >= 0.0, "a negative or NaN wait {w} from {text:?} at {now}");
    }
    let status = [429u16, 429, 500, 503, 408, 200, 400, 599][(b1 & 7) as usize];
    let retries_done = u32::from((b1 >> 3) & 3);
    let jitter = [0.0, 0.5, 0.999, 1.0, -1.0, f64::NAN, f64::INFINITY, 2.0][((b0 >> 1) & 7) as usize];
    let policy = RetryPolicy { retry_unsafe: b1 & 0x20 != 0, ..Default::default() };
    let outcomes = [
        Outcome::Status { status, retry_after: Some(text), retry_after_ms: Some(text) },
        Outcome::Status { status, retry_after: Some(text), retry_after_ms: None },
        Outcome::NotSent,
        Outcome::Timeout,
    ];
    for outcome in outcomes {
        match retry::decide(&policy, retries_done, outcome, now, jitter) {
            Decision::Stop => {}
            Decision::RetryAfter { ms } => {
                assert!(ms.is_finite() && ms >= 0.0 && ms <= policy.max_wait_ms, "wait {ms} for {outcome:?}")
            }
        }
    }
}

/// `json_parse`: bytes (lossy UTF-8) parsed by the crate's JSON parser and by serde_json.
pub fn json_parse(data: &[u8]) {
    json_parse_agrees(&String::from_utf8_lossy(data));
}

/// The crate's parser accepts exactly what serde_json accepts and reads the same tree from it.
pub fn json_parse_agrees(text: &str) {
    let arena = cf_dns_batch::json::Arena::new();
    let ours = cf_dns_batch::json::Json::parse(text, &arena).map(|json| json.to_value());
    match (ours, serde_json::from_str::<serde_json::Value>(text)) {
        (Ok(a), Ok(b)) => assert!(same_tree(&a, &b), "{text:?}: read as {a}, serde_json reads {b}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("{text:?}: the crate's parser gives {a:?}, serde_json {b:?}"),
    }
    json_item_spans_agree(text);
}

/// `parse_with_item_spans` reads what `parse` reads, and each span of an array's item is that
/// item's own text (a zone's listing shows a record by parsing its span again).
fn json_item_spans_agree(text: &str) {
    use cf_dns_batch::json::Json;
    let arena = cf_dns_batch::json::Arena::new();
    let whole = Json::parse(text, &arena).map(|json| json.to_value());
    let spanned = Json::parse_with_item_spans(text, &arena);
    match (&whole, &spanned) {
        (Ok(whole), Ok((json, spans))) => {
            assert_eq!(whole, &json.to_value(), "{text:?}: read differently with spans");
            let items = match json {
                Json::Array(items) => *items,
                _ => &[],
            };
            assert_eq!(items.len(), spans.len(), "{text:?}: one span an item");
            for (item, span) in items.iter().zip(spans) {
                let own = text.get(span.clone()).map(|t| Json::parse(t, &arena).map(|j| j.to_value()));
                assert_eq!(own, Some(Ok(item.to_value())), "{text:?}: the span {span:?} is not its item");
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text:?}: refused differently with spans"),
        (a, b) => panic!("{text:?}: parse gives {a:?}, parse_with_item_spans {:?}", b.as_ref().map(|_| ())),
    }
}

/// Trees compared with two allowances: floats within a few units in the last place (serde_json's
/// default float reading may be one unit off the correctly rounded value the crate's parser
/// gives), and integers beyond `i64` are floats in the crate's tree (it has no `u64`).
pub fn same_tree(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value::*;
    let is_float = |n: &serde_json::Number| !n.is_i64();
    match (a, b) {
        (Number(x), Number(y)) if is_float(x) && is_float(y) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || ((x - y) / x).abs() < 1e-14,
            _ => false,
        },
        (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_tree(x, y)),
        (Object(x), Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, x), (ky, y))| kx == ky && same_tree(x, y))
        }
        _ => a == b,
    }
}
