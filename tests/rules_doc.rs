//! docs/rules.md and the code registry (src/codes.rs) cannot drift apart: every code row of the
//! page's tables is a rule of the registry, in the same order, with the same severity, text and
//! source. What the code raises is checked against the registry by `Report` itself in every
//! integration test (feature `check-codes`, turned on by the dev-dependency on this package), so a
//! code missing from the registry fails the test that raises it; the tests below check that
//! mechanism, and run the shared fixtures and the zone files through it.
use cf_dns_batch::codes::{self, Class, Family, Layer, Rule, RULES};
use cf_dns_batch::issue::{Path as At, Report};
use cf_dns_batch::zone::{parse_zone, ParseOptions};
use cf_dns_batch::{validate_batch_json, Severity, ValidateOptions};
use serde_json::Value;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One table row of docs/rules.md: its section, its codes and its cells after the first.
#[derive(Debug, PartialEq)]
struct DocRow {
    section: String,
    codes: Vec<String>,
    severity: String,
    text: String,
    source: String,
}

/// The cells of a Markdown table row; a `|` inside backticks is text, not a cell border.
fn cells(line: &str) -> Vec<String> {
    let body = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut in_code = false;
    for c in body.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.last_mut().expect("a cell").push(c);
            }
            '|' if !in_code => out.push(String::new()),
            c => out.last_mut().expect("a cell").push(c),
        }
    }
    out.iter().map(|c| c.trim().to_string()).collect()
}

/// The rows of the page's code tables (those whose first cell is backticked codes), leaving out
/// rows whose code ends in `*`: they point at another section.
fn doc_rows(doc: &str) -> Vec<DocRow> {
    let mut section = String::new();
    let mut rows = Vec::new();
    for line in doc.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = title.trim().to_string();
        } else if line.starts_with("| `") {
            let c = cells(line);
            let codes: Vec<String> = c[0].split(", ").map(|code| code.trim_matches('`').to_string()).collect();
            assert_eq!(codes.iter().map(|code| format!("`{code}`")).collect::<Vec<_>>().join(", "), c[0], "a code cell is backticked codes separated by `, `: {line}");
            if codes.iter().any(|code| code.contains('*')) {
                continue;
            }
            assert!(c.len() == 3 || c.len() == 4, "a code row has 3 or 4 cells: {line}");
            rows.push(DocRow { section: section.clone(), codes, severity: c[1].clone(), text: c[2].clone(), source: c.get(3).cloned().unwrap_or_default() });
        }
    }
    rows
}

fn registry_row(rule: &Rule) -> (Vec<String>, &str, &str, &str) {
    (rule.codes.iter().map(|c| c.to_string()).collect(), rule.severity, rule.text, rule.source)
}

#[test]
fn the_doc_tables_are_the_registry() {
    let rows = doc_rows(&read("docs/rules.md"));
    assert!(rows.len() > 300, "only {} code rows found in docs/rules.md; is the table parser broken?", rows.len());
    for (i, (row, rule)) in rows.iter().zip(RULES).enumerate() {
        assert_eq!(
            (row.codes.clone(), row.severity.as_str(), row.text.as_str(), row.source.as_str()),
            registry_row(rule),
            "row {i} of docs/rules.md's tables (section {}) differs from src/codes.rs's RULES[{i}]",
            row.section
        );
        let family = match row.section.as_str() {
            "Codes built from field names" => Family::FieldRule,
            "Names" => Family::NameRule,
            _ => Family::Exact,
        };
        assert_eq!(rule.family, family, "{:?}: the family follows the section", rule.codes);
    }
    let extra_doc: Vec<_> = rows.iter().skip(RULES.len()).collect();
    let extra_registry: Vec<_> = RULES.iter().skip(rows.len()).map(|r| r.codes).collect();
    assert!(extra_doc.is_empty(), "rows of docs/rules.md missing from src/codes.rs: {extra_doc:#?}");
    assert!(extra_registry.is_empty(), "rules of src/codes.rs missing from docs/rules.md: {extra_registry:?}");
}

/// A code may be listed in two sections (`batch.zone_id.unsafe` is found by validation and again at
/// request building), but with one severity class, or the registry would not know which applies.
#[test]
fn a_code_in_two_rows_has_one_class() {
    let mut seen = std::collections::HashMap::new();
    for rule in RULES {
        for code in rule.codes {
            if let Some(class) = seen.insert((rule.family, *code), rule.class) {
                assert_eq!(class, rule.class, "{code} is in two rows with different severities");
            }
        }
    }
}

#[test]
fn classes_follow_the_severity_column() {
    for rule in RULES {
        let class = match rule.severity {
            "error" => Class::Error,
            "warning" => Class::Warning,
            "rfc" => Class::Rfc,
            _ => Class::Mixed,
        };
        assert_eq!(rule.class, class, "{:?}: severity {:?}", rule.codes, rule.severity);
    }
}

#[test]
fn layers_follow_the_source_column() {
    for rule in RULES {
        let layer = if rule.family == Family::FieldRule || rule.source.starts_with("Cloudflare") {
            Layer::Cloudflare
        } else if rule.source.is_empty() || rule.source.starts_with("cf-dns-batch") {
            Layer::CfDnsBatch
        } else {
            Layer::Rfc
        };
        assert_eq!(rule.layer, layer, "{:?}: source {:?}", rule.codes, rule.source);
    }
}

#[test]
fn find_knows_written_out_and_built_codes() {
    let found = |code: &str| codes::find(code).map(|rule| rule.codes[0]);
    assert_eq!(found("a.content.ipv4"), Some("a.content.ipv4"));
    assert_eq!(found("svcb.data.value.port"), Some("https.data.value.port"));
    assert_eq!(found("api.not_found"), Some("api.bad_request"));
    // Built by the field reader and the name rules.
    assert_eq!(found("srv.data.port.range"), Some(".range"));
    assert_eq!(found("mx.priority.required"), Some(".required"));
    assert_eq!(found("srv.data.required"), Some(".required"));
    assert_eq!(found("record.settings.ipv4_only.type"), Some(".type"));
    assert_eq!(found("srv.data.unknown-field"), Some(".unknown-field"));
    assert_eq!(found("srv.data.target.label-length"), Some(".label-length"));
    assert_eq!(found("record.name.wildcard-position"), Some(".wildcard-position"));
    // A written-out row wins over the generic one.
    assert_eq!(found("loc.data.latitude.range"), Some("loc.data.latitude.range"));
    // Not codes: unknown words, a field a kind does not have, a name rule under a prefix that is not a name.
    for code in ["no.such.code", "x.y", "t.b.range", "srv.data.prot.range", "a.data.port.range", "record.ttl.label-length", "record.name", ""] {
        assert_eq!(found(code), None, "{code}");
    }
}

#[test]
fn rfc_codes_follow_strict() {
    let rule = codes::find("a.content.special").expect("registered");
    assert!(rule.allows(Severity::Warning, false) && !rule.allows(Severity::Error, false));
    assert!(rule.allows(Severity::Error, true) && !rule.allows(Severity::Warning, true));
    assert!(codes::check("a.content.ipv4", Severity::Warning, false).is_err());
    assert!(codes::check("record.tags.plan", Severity::Warning, false).is_ok(), "a mixed row allows both");
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "Report checks codes only in debug builds")]
#[should_panic(expected = "issue code `no.such.code` is not in src/codes.rs")]
fn report_refuses_an_unregistered_code() {
    let options = ValidateOptions::default();
    Report::new(&options).error(&At::Root, "no.such.code", "m");
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "Report checks codes only in debug builds")]
#[should_panic(expected = "issue code `a.content.ipv4` raised as Warning")]
fn report_refuses_a_severity_the_registry_does_not_allow() {
    let options = ValidateOptions::default();
    Report::new(&options).warn(&At::Root, "a.content.ipv4", "m");
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "Report checks codes only in debug builds")]
#[should_panic(expected = "issue code `a.content.special` raised as Error (strict: false)")]
fn report_refuses_an_rfc_code_raised_as_an_error_without_strict() {
    let options = ValidateOptions::default();
    Report::new(&options).at_pointer("", "a.content.special", Severity::Error, "m".into());
}

#[test]
#[cfg_attr(not(debug_assertions), ignore = "Report checks codes only in debug builds")]
#[should_panic(expected = "issue code `no.such.code` is not in src/codes.rs")]
fn report_checks_silenced_codes_too() {
    let options = ValidateOptions { disable: vec!["no.*".into()], ..Default::default() };
    Report::new(&options).error(&At::Root, "no.such.code", "m");
}

#[test]
fn report_accepts_registered_codes() {
    let strict = ValidateOptions { strict: true, ..Default::default() };
    let mut report = Report::new(&strict);
    report.rfc(&At::Root, "a.content.special", "m");
    report.error(&At::Root, "srv.data.port.range", "m");
    report.warn(&At::Root, "record.unknown-field", "m");
    assert_eq!(report.issues.len(), 3);
}

/// The shared batch fixture, lenient and strict (every issue goes through `Report`, which checks
/// it), and the zone files (whose issues do not, so they are checked here).
#[test]
fn the_fixtures_and_zone_files_raise_registered_codes() {
    let fixture: Value = serde_json::from_str(&read("tests/fixtures/batches.json")).expect("the fixture is JSON");
    let mut raised = 0;
    for strict in [false, true] {
        let options = ValidateOptions { strict, ..Default::default() };
        for case in fixture["cases"].as_array().expect("cases") {
            let mut batch = case["batch"].clone();
            batch["zone_id"] = Value::from("023e105f4ecef8ad9ca31a8372d0c353");
            for issue in validate_batch_json(&batch.to_string(), &options).issues {
                assert!(codes::check(&issue.code, issue.severity, strict).is_ok(), "{issue}");
                raised += 1;
            }
        }
    }
    let mut zones: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/zones")).expect("tests/zones").map(|e| e.expect("entry").path()).collect();
    zones.sort();
    for zone in zones.iter().filter(|p| p.extension().is_some_and(|e| e == "zone")) {
        let text = std::fs::read_to_string(zone).expect("zone file");
        let options = ParseOptions { origin: Some("example.com".into()), default_ttl: Some(3600) };
        for issue in parse_zone(&text, &options).issues {
            if let Err(why) = codes::check(&issue.code, issue.severity, false) {
                panic!("{}: {why}", zone.display());
            }
            raised += 1;
        }
    }
    assert!(raised > 20, "the fixtures raised only {raised} issues");
}

/// Codes that do not go through `Report`: the request builder's, the answer reader's and the sync
/// plan's input checks.
#[test]
fn request_answer_and_plan_codes_are_registered() {
    use cf_dns_batch::api::{normalize_base_url, request_head, status_code_name};
    use cf_dns_batch::plan::plan_json;
    use cf_dns_batch::{parse_response, Auth};
    let registered_error = |code: &str| {
        if let Err(why) = codes::check(code, Severity::Error, false) {
            panic!("{why}");
        }
    };
    for status in 0..=999 {
        registered_error(status_code_name(status));
    }
    let mut codes_seen = Vec::new();
    for auth in [Auth::Token(String::new()), Auth::EmailKey { email: "a\nb".into(), key: "k".into() }, Auth::EmailKey { email: "a@b".into(), key: String::new() }] {
        codes_seen.push(auth.check().expect_err("a bad credential").code);
    }
    for base in ["ftp://x", "https://user:secret@api.example/"] {
        codes_seen.push(normalize_base_url(base).expect_err("a bad base URL").code);
    }
    codes_seen.push(request_head("..", None, &Auth::Token("t".into()), "https://api.cloudflare.com/client/v4").expect_err("a dot segment").code);
    for (status, body) in [(200, "not json"), (200, "[]"), (200, r#"{"success":false,"errors":[],"messages":[]}"#), (200, r#"{"success":true,"errors":[],"messages":[],"result":7}"#), (503, "")] {
        codes_seen.push(parse_response(status, None, body).expect_err("a failed answer").code);
    }
    for code in &codes_seen {
        registered_error(code);
    }
    let distinct: std::collections::BTreeSet<_> = codes_seen.iter().collect();
    assert!(distinct.len() >= 8, "the cases reach {distinct:?}");
    for (current, desired, policy) in [("[", "[]", "{}"), ("{}", "7", "{}"), ("[]", "[]", "7"), ("[]", r#"[{"type":"A","name":"x","content":"1.2.3"}]"#, "{}")] {
        let plan = plan_json(current, desired, policy);
        assert!(!plan.issues.is_empty(), "{current} {desired} {policy}");
        for issue in plan.issues {
            if let Err(why) = codes::check(&issue.code, issue.severity, false) {
                panic!("{why}");
            }
        }
    }
}
