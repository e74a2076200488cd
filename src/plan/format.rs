//! A plan as text for people, the way `terraform plan` prints one: `+` create, `-` delete, `~`
//! update (with each changed field, before → after), `-/+` replace, then a summary line.

use super::{Action, Change, ChangePlan, Shown, Summary};
use crate::json::{Json, Sorted};
use crate::issue::{Issue, Severity};
use serde::Deserialize;
use std::fmt::Write as _;

/// The text of a plan.
pub fn format_plan(plan: &ChangePlan) -> String {
    write(&plan.changes, &plan.summary, &plan.issues)
}

/// [`format_plan`] of a plan given as JSON (what `plan()` returned to JavaScript).
pub fn format_plan_json(text: &str) -> Result<String, String> {
    #[derive(Deserialize)]
    struct View {
        #[serde(default)]
        changes: Vec<Change>,
        #[serde(default)]
        summary: Summary,
        #[serde(default)]
        issues: Vec<Issue>,
    }
    let view: View = serde_json::from_str(text).map_err(|e| format!("not a plan: {e}"))?;
    Ok(write(&view.changes, &view.summary, &view.issues))
}

fn write(changes: &[Change], summary: &Summary, issues: &[Issue]) -> String {
    let mut out = String::new();
    for c in changes {
        let before = c.before.as_ref().map(presentation).unwrap_or_default();
        let after = c.after.as_ref().map(presentation).unwrap_or_default();
        let _ = match c.action {
            Action::Create => writeln!(out, "+ {} {} {after}", c.name, c.record_type),
            Action::Delete => writeln!(out, "- {} {} {before}", c.name, c.record_type),
            Action::Replace => {
                let old_type = c.before.as_ref().and_then(|b| member(b, "type", |t| t.as_str().map(str::to_string))).unwrap_or_else(|| "?".into());
                writeln!(out, "-/+ {} {old_type} {before} => {} {after}", c.name, c.record_type)
            }
            Action::Update => {
                let _ = writeln!(out, "~ {} {} {before}", c.name, c.record_type);
                for field in &c.fields {
                    let (old, new) = match field.as_str() {
                        "content" | "data" | "priority" => (before.clone(), after.clone()),
                        f => (field_text(c.before.as_ref(), f), field_text(c.after.as_ref(), f)),
                    };
                    let field = if matches!(field.as_str(), "content" | "data" | "priority") { "value" } else { field.as_str() };
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
fn presentation(record: &Shown) -> String {
    crate::json::with_arena(|arena| {
        let json = Json::parse(record.json(), arena).unwrap_or(Json::Null);
        match crate::batch::validate_record_json(&json, &crate::issue::ValidateOptions::default()).1 {
            Some(r) => r.data.to_content(),
            None => json.get("content").and_then(Json::as_str).unwrap_or_default().to_string(),
        }
    })
}

/// What `read` makes of the member `key` of a shown record (`None` when there is no such member).
fn member<T>(record: &Shown, key: &str, read: impl FnOnce(&Json) -> Option<T>) -> Option<T> {
    crate::json::with_arena(|arena| Json::parse(record.json(), arena).ok().and_then(|json| json.get(key).and_then(read)))
}

/// A setting as shown in an update line; a field left out shows as the API's default.
fn field_text(record: Option<&Shown>, field: &str) -> String {
    let shown = record.and_then(|r| {
        member(r, field, |v| match v {
            Json::Null => None,
            Json::String(s) => Some(format!("{s:?}")),
            v => serde_json::to_string(&Sorted(v)).ok(),
        })
    });
    shown.unwrap_or_else(|| {
        match field {
            "ttl" => "1",
            "proxied" | "private_routing" => "false",
            "tags" => "[]",
            _ => "(none)",
        }
        .into()
    })
}
