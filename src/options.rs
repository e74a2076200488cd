//! The options every export takes, read from their JSON text: validation options
//! (`{ plan, strict, disable }`) and credentials (`apiToken`, or `apiEmail` with `apiKey`).
//! Problems with the options are issues, like problems with a batch, so validation never throws.

use crate::api::{self, Auth};
use crate::issue::{Issue, Path, Plan, Report, ValidateOptions};
use crate::json::{Arena, Json};

/// Reads `{ plan, strict, disable }` from options JSON. Problems with the options themselves are
/// issues too (an unknown plan warns and counts as "not known").
pub(crate) fn read_options(json: &Json, issues: &mut Vec<Issue>) -> ValidateOptions {
    let mut options = ValidateOptions::default();
    let lenient = ValidateOptions::default();
    let mut r = Report::new(&lenient);
    let root = Path::Root;
    let options_at = root.key("options");
    if let Some(plan) = json.get("plan") {
        match plan {
            Json::Null => {}
            Json::String(name) => match Plan::from_name(name) {
                Some(p) => options.plan = Some(p),
                None => r.warn(
                    &options_at.key("plan"),
                    "options.plan.unknown",
                    format!("unknown plan {:?}: limits that depend on the plan are checked as for the most permissive plan, with warnings", crate::issue::shorten(name)),
                ),
            },
            other => r.warn(&options_at.key("plan"), "options.plan.unknown", format!("`plan` must be a string, got {}", other.kind())),
        }
    }
    options.strict = matches!(json.get("strict"), Some(Json::Bool(true)));
    if let Some(Json::Array(codes)) = json.get("disable") {
        options.disable = codes.iter().filter_map(|c| c.as_str().map(str::to_string)).collect();
    }
    issues.extend(r.issues);
    options
}

pub(crate) fn parse_options<'a>(text: &'a str, arena: &'a Arena) -> (Json<'a>, ValidateOptions, Vec<Issue>) {
    let json = Json::parse(text, arena).unwrap_or(Json::Null);
    let mut issues = Vec::new();
    let options = read_options(&json, &mut issues);
    (json, options, issues)
}

pub(crate) fn auth_from(options: &Json) -> Result<Auth, api::ConfigError> {
    let text = |key: &str| options.get(key).and_then(Json::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    match (text("apiToken"), text("apiEmail"), text("apiKey")) {
        (Some(token), _, _) => Ok(Auth::Token(token)),
        (None, Some(email), Some(key)) => Ok(Auth::EmailKey { email, key }),
        (None, Some(_), None) | (None, None, Some(_)) => Err(api::ConfigError {
            code: "options.auth.incomplete",
            message: "apiEmail and apiKey go together: give both, or an apiToken instead".into(),
        }),
        (None, None, None) => Err(api::ConfigError {
            code: "options.auth.missing",
            message: "no credentials: give apiToken (or apiEmail and apiKey)".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_read_and_their_problems_are_issues() {
        let arena = Arena::new();
        let (_, options, issues) = parse_options(r#"{"plan":"pro","strict":true,"disable":["a.content.reserved"]}"#, &arena);
        assert_eq!(options.plan, Some(Plan::Pro));
        assert!(options.strict);
        assert!(options.is_disabled("a.content.reserved"));
        assert!(issues.is_empty(), "{issues:?}");
        let (_, options, issues) = parse_options(r#"{"plan":"platinum"}"#, &arena);
        assert_eq!(options.plan, None);
        assert_eq!(issues[0].code, "options.plan.unknown");
        assert_eq!(issues[0].pointer, "/options/plan");
        let (_, _, issues) = parse_options("not json", &arena);
        assert!(issues.is_empty(), "text that is not JSON reads as no options");
    }

    #[test]
    fn credentials_are_a_token_or_an_email_with_a_key() {
        let arena = Arena::new();
        let read = |text: &str| auth_from(&Json::parse(text, &arena).unwrap_or(Json::Null));
        assert!(matches!(read(r#"{"apiToken":"t","apiKey":"k"}"#), Ok(Auth::Token(t)) if t == "t"));
        assert!(matches!(read(r#"{"apiEmail":"e@example.com","apiKey":"k"}"#), Ok(Auth::EmailKey { .. })));
        assert_eq!(read(r#"{"apiKey":"k"}"#).err().map(|e| e.code), Some("options.auth.incomplete"));
        assert_eq!(read(r#"{"apiToken":""}"#).err().map(|e| e.code), Some("options.auth.missing"));
    }
}
