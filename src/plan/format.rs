//! A plan as text for people, the way `terraform plan` prints one: `+` create, `-` delete, `~`
//! update (with each changed field, before → after), `-/+` replace, then a summary line.

use super::{Action, ChangePlan, Summary};
use crate::issue::Severity;
use crate::json::{Arena, Json, Num, Sorted};
use crate::record::RecordType;
use std::fmt::Write as _;

/// One change as the text needs it.
struct ChangeView<'a> {
    action: Action,
    name: &'a str,
    kind: RecordType,
    before: Option<Json<'a>>,
    after: Option<Json<'a>>,
    fields: Vec<&'a str>,
}

/// One issue as the text needs it.
struct IssueView<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
}

/// The text of a plan.
pub fn format_plan(plan: &ChangePlan) -> String {
    fn parsed<'a>(shown: &'a Option<super::Shown>, arena: &'a Arena) -> Option<Json<'a>> {
        shown.as_ref().map(|s| Json::parse(s.json(), arena).unwrap_or(Json::Null))
    }
    let arena = Arena::new();
    let shown = |s| parsed(s, &arena);
    let changes: Vec<ChangeView> = plan
        .changes
        .iter()
        .map(|c| ChangeView { action: c.action, name: &c.name, kind: c.record_type, before: shown(&c.before), after: shown(&c.after), fields: c.fields.iter().map(String::as_str).collect() })
        .collect();
    let issues: Vec<IssueView> = plan.issues.iter().map(|i| IssueView { severity: i.severity, code: &i.code, message: &i.message }).collect();
    write(&changes, &plan.summary, &issues)
}

/// [`format_plan`] of a plan given as JSON (what `plan()` returned to JavaScript).
///
/// Read with the crate's own JSON tree rather than serde derive (which cost the WebAssembly build
/// a deserialiser per type); it accepts exactly what the derived `Deserialize` of `{changes,
/// summary, issues}` accepted (tests/plan_format_input.rs): unknown fields ignored, a field given
/// twice refused, a struct also as an array of its fields in order.
pub fn format_plan_json(text: &str) -> Result<String, String> {
    let arena = Arena::new();
    let json = Json::parse(text, &arena).map_err(|e| format!("not a plan: {e}"))?;
    let (changes, summary, issues) = read_plan(&json).map_err(|e| format!("not a plan: {e}"))?;
    Ok(write(&changes, &summary, &issues))
}

type PlanView<'a> = (Vec<ChangeView<'a>>, Summary, Vec<IssueView<'a>>);

fn read_plan<'a>(json: &Json<'a>) -> Result<PlanView<'a>, String> {
    let [changes, summary, issues] = fields(json, ["changes", "summary", "issues"], "")?;
    let changes = match changes {
        None => Vec::new(),
        Some(list) => items(list, "/changes")?.iter().enumerate().map(|(i, c)| read_change(c, &format!("/changes/{i}"))).collect::<Result<_, _>>()?,
    };
    let summary = match summary {
        None => Summary::default(),
        Some(s) => read_summary(s)?,
    };
    let issues = match issues {
        None => Vec::new(),
        Some(list) => items(list, "/issues")?.iter().enumerate().map(|(i, issue)| read_issue(issue, &format!("/issues/{i}"))).collect::<Result<_, _>>()?,
    };
    Ok((changes, summary, issues))
}

fn read_change<'a>(json: &Json<'a>, at: &str) -> Result<ChangeView<'a>, String> {
    let [action, name, kind, id, before, after, list] = fields(json, ["action", "name", "type", "id", "before", "after", "fields"], at)?;
    let action = match required(action, at, "action").and_then(|a| string(a, at, "action"))? {
        "create" => Action::Create,
        "update" => Action::Update,
        "replace" => Action::Replace,
        "delete" => Action::Delete,
        other => return Err(format!("{at}/action: {:?} is not create, update, replace or delete", crate::issue::shorten(other))),
    };
    let name = required(name, at, "name").and_then(|n| string(n, at, "name"))?;
    let kind = required(kind, at, "type").and_then(|k| string(k, at, "type"))?;
    let kind = RecordType::from_name(kind).ok_or_else(|| format!("{at}/type: {:?} is not one of the 21 record types", crate::issue::shorten(kind)))?;
    if let Some(id) = id.filter(|id| **id != Json::Null) {
        string(id, at, "id")?;
    }
    let present = |v: Option<&Json<'a>>| v.filter(|v| **v != Json::Null).copied();
    let fields = match list {
        None => Vec::new(),
        Some(list) => items(list, &format!("{at}/fields"))?.iter().map(|f| string(f, at, "fields")).collect::<Result<_, _>>()?,
    };
    Ok(ChangeView { action, name, kind, before: present(before), after: present(after), fields })
}

fn read_summary(json: &Json) -> Result<Summary, String> {
    let names = ["create", "update", "replace", "delete", "unchanged", "managed", "operations"];
    let mut counts = [0usize; 7];
    for ((count, value), name) in counts.iter_mut().zip(fields(json, names, "/summary")?).zip(names) {
        *count = match required(value, "/summary", name)? {
            Json::Number(Num::Int(n)) => usize::try_from(*n).map_err(|_| format!("/summary/{name}: {n} is not a count"))?,
            other => return Err(format!("/summary/{name}: expected a count, got {}", other.kind())),
        };
    }
    let [create, update, replace, delete, unchanged, managed, operations] = counts;
    Ok(Summary { create, update, replace, delete, unchanged, managed, operations })
}

fn read_issue<'a>(json: &Json<'a>, at: &str) -> Result<IssueView<'a>, String> {
    let [code, pointer, severity, message] = fields(json, ["code", "pointer", "severity", "message"], at)?;
    let code = required(code, at, "code").and_then(|c| string(c, at, "code"))?;
    required(pointer, at, "pointer").and_then(|p| string(p, at, "pointer"))?;
    let severity = match required(severity, at, "severity").and_then(|s| string(s, at, "severity"))? {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        other => return Err(format!("{at}/severity: {:?} is not error or warning", crate::issue::shorten(other))),
    };
    let message = required(message, at, "message").and_then(|m| string(m, at, "message"))?;
    Ok(IssueView { severity, code, message })
}

/// The members `names` of a struct written as an object (unknown members ignored, a member given
/// twice refused) or as an array of its fields in order (no more than there are fields).
fn fields<'a, const N: usize>(json: &Json<'a>, names: [&str; N], at: &str) -> Result<[Option<&'a Json<'a>>; N], String> {
    let mut out = [None; N];
    match *json {
        Json::Object(members) => {
            for (slot, name) in out.iter_mut().zip(names) {
                let mut found = members.iter().filter(|(k, _)| *k == name).map(|(_, v)| v);
                *slot = found.next();
                if found.next().is_some() {
                    return Err(format!("{at}/{name}: given twice"));
                }
            }
        }
        Json::Array(values) if values.len() <= N => {
            for (slot, value) in out.iter_mut().zip(values) {
                *slot = Some(value);
            }
        }
        Json::Array(_) => return Err(format!("{at}: expected at most {N} items")),
        other => return Err(format!("{at}: expected an object, got {}", other.kind())),
    }
    Ok(out)
}

fn required<'a>(value: Option<&'a Json<'a>>, at: &str, name: &str) -> Result<&'a Json<'a>, String> {
    value.ok_or_else(|| format!("{at}/{name}: missing"))
}

fn string<'a>(value: &Json<'a>, at: &str, name: &str) -> Result<&'a str, String> {
    value.as_str().ok_or_else(|| format!("{at}/{name}: expected a string, got {}", value.kind()))
}

fn items<'a>(value: &Json<'a>, at: &str) -> Result<&'a [Json<'a>], String> {
    match *value {
        Json::Array(items) => Ok(items),
        other => Err(format!("{at}: expected an array, got {}", other.kind())),
    }
}

fn write(changes: &[ChangeView], summary: &Summary, issues: &[IssueView]) -> String {
    let mut out = String::new();
    for c in changes {
        let before = c.before.as_ref().map(presentation).unwrap_or_default();
        let after = c.after.as_ref().map(presentation).unwrap_or_default();
        let _ = match c.action {
            Action::Create => writeln!(out, "+ {} {} {after}", c.name, c.kind),
            Action::Delete => writeln!(out, "- {} {} {before}", c.name, c.kind),
            Action::Replace => {
                let old_type = c.before.as_ref().and_then(|b| b.get("type")).and_then(Json::as_str).unwrap_or("?");
                writeln!(out, "-/+ {} {old_type} {before} => {} {after}", c.name, c.kind)
            }
            Action::Update => {
                let _ = writeln!(out, "~ {} {} {before}", c.name, c.kind);
                for &field in &c.fields {
                    let (old, new) = match field {
                        "content" | "data" | "priority" => (before.clone(), after.clone()),
                        f => (field_text(c.before.as_ref(), f), field_text(c.after.as_ref(), f)),
                    };
                    let field = if matches!(field, "content" | "data" | "priority") { "value" } else { field };
                    let _ = writeln!(out, "    {field}: {old} -> {new}");
                }
                Ok(())
            }
        };
    }
    // Identical value lines for `content` and `priority` of one MX/URI update: shown once.
    let out = dedupe_value_lines(out);
    let mut out = out;
    for i in issues.iter().filter(|i| i.severity == Severity::Error) {
        let _ = writeln!(out, "! refused: {} [{}]", i.message, i.code);
    }
    if changes.is_empty() {
        let _ = writeln!(out, "No changes: {} record{} unchanged.", summary.unchanged, if summary.unchanged == 1 { "" } else { "s" });
    } else {
        let _ = writeln!(
            out,
            "Plan: {} to create, {} to update, {} to replace, {} to delete; {} unchanged ({} operation{} in one batch).",
            summary.create,
            summary.update,
            summary.replace,
            summary.delete,
            summary.unchanged,
            summary.operations,
            if summary.operations == 1 { "" } else { "s" }
        );
    }
    out
}

fn dedupe_value_lines(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = "";
    for line in text.lines() {
        if line.starts_with("    value: ") && line == last {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        last = line;
    }
    out
}

/// A record's value in presentation form, read by the validator; the listed `content` when the
/// record cannot be typed.
fn presentation(record: &Json) -> String {
    match crate::batch::validate_record_json(record, &crate::issue::ValidateOptions::default()).1 {
        Some(r) => r.data.to_content(),
        None => record.get("content").and_then(Json::as_str).unwrap_or_default().to_string(),
    }
}

/// A setting as shown in an update line; a field left out shows as the API's default.
fn field_text(record: Option<&Json>, field: &str) -> String {
    match record.and_then(|r| r.get(field)) {
        None | Some(Json::Null) => match field {
            "ttl" => "1",
            "proxied" | "private_routing" => "false",
            "tags" => "[]",
            _ => "(none)",
        }
        .into(),
        Some(Json::String(s)) => format!("{s:?}"),
        // Written as `serde_json::Value` writes it: keys sorted.
        Some(v) => serde_json::to_string(&Sorted(v)).unwrap_or_default(),
    }
}
