//! Issues (what validation finds), where they point, and the options that shape them.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// `error` blocks sending; `warning` is advice and never blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Severity {
    Error,
    Warning,
}

/// One finding: a stable dotted `code` (`srv.data.port.range`), an RFC 6901 `pointer` into the batch
/// (`/posts/3/data/port`), a `severity`, and a message that names the value and the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Issue {
    pub code: Cow<'static, str>,
    pub pointer: String,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() { "(root)" } else { &self.pointer };
        write!(f, "{at}: {} [{}]", self.message, self.code)
    }
}

/// The zone's Cloudflare plan. Limits differ per plan: batch size, TTL minimum, comment length, tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub enum Plan {
    Free,
    Pro,
    Business,
    Enterprise,
}

impl Plan {
    pub fn from_name(name: &str) -> Option<Plan> {
        match name.to_ascii_lowercase().as_str() {
            "free" => Some(Plan::Free),
            "pro" => Some(Plan::Pro),
            "business" => Some(Plan::Business),
            "enterprise" | "ent" => Some(Plan::Enterprise),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Pro => "pro",
            Plan::Business => "business",
            Plan::Enterprise => "enterprise",
        }
    }
}

/// How to validate. The default (no plan, not strict) accepts what *some* plan accepts and warns
/// where the answer depends on the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// `None` when the plan is not known: the most permissive limits apply, with warnings.
    pub plan: Option<Plan>,
    /// RFC-strict: advice that would make a record misbehave in DNS becomes an error.
    pub strict: bool,
    /// Issue codes to silence. An entry ending in `.*` silences a whole family (`txt.*`).
    pub disable: Vec<String>,
}

impl ValidateOptions {
    pub fn is_disabled(&self, code: &str) -> bool {
        self.disable.iter().any(|d| match d.strip_suffix('*') {
            Some(prefix) => code.starts_with(prefix),
            None => d == code,
        })
    }
}

/// A JSON pointer under construction, kept on the stack: a record's pointer is only rendered to a
/// string when an issue is actually reported, so valid records cost no allocation here.
#[derive(Clone, Copy)]
pub enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl<'p> Path<'p> {
    pub fn key(&'p self, key: &'p str) -> Path<'p> {
        Path::Key(self, key)
    }

    pub fn index(&'p self, index: usize) -> Path<'p> {
        Path::Index(self, index)
    }

    /// RFC 6901: `~` becomes `~0` and `/` becomes `~1` inside a segment.
    pub fn to_pointer(&self) -> String {
        // Room for the usual `/posts/1234/data/target` without regrowing.
        let mut out = String::with_capacity(32);
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(out);
                out.push('/');
                if key.bytes().any(|b| b == b'~' || b == b'/') {
                    for c in key.chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                } else {
                    out.push_str(key);
                }
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push('/');
                out.push_str(itoa::Buffer::new().format(*i));
            }
        }
    }
}

impl fmt::Debug for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_pointer())
    }
}

/// Collects issues while validation walks a batch once.
pub struct Report<'o> {
    pub options: &'o ValidateOptions,
    pub issues: Vec<Issue>,
    /// Errors among `issues`, kept as they are pushed: records ask "did reading me add an error?"
    /// and counting the list each time made validation quadratic in the number of issues.
    errors: usize,
    /// Errors raised but not reported because `disable` silences their code: a reader that found
    /// one still has no value to give.
    silenced_errors: usize,
}

impl<'o> Report<'o> {
    pub fn new(options: &'o ValidateOptions) -> Self {
        Report { options, issues: Vec::new(), errors: 0, silenced_errors: 0 }
    }

    /// Errors raised so far whose codes `disable` silenced.
    pub fn silenced_error_count(&self) -> usize {
        self.silenced_errors
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn error_count(&self) -> usize {
        self.errors
    }

    // `error`, `warn` and `rfc` are marked cold and never inlined: a valid batch reaches none of
    // them, so LLVM lays out and optimises the path every valid record takes without them (and the
    // .wasm built for speed does not carry a copy at each of their few hundred call sites).

    /// Something Cloudflare rejects, or that cannot work in DNS.
    #[cold]
    #[inline(never)]
    pub fn error(&mut self, at: &Path, code: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        self.push(at, code.into(), Severity::Error, message.into());
    }

    /// Advice: accepted, but probably not what was meant.
    #[cold]
    #[inline(never)]
    pub fn warn(&mut self, at: &Path, code: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        self.push(at, code.into(), Severity::Warning, message.into());
    }

    /// An RFC rule Cloudflare itself does not enforce: a warning, or an error with `strict`.
    #[cold]
    #[inline(never)]
    pub fn rfc(&mut self, at: &Path, code: impl Into<Cow<'static, str>>, message: impl Into<String>) {
        let severity = self.rfc_severity();
        self.push(at, code.into(), severity, message.into());
    }

    /// The severity RFC-only rules get under the current options.
    pub fn rfc_severity(&self) -> Severity {
        if self.options.strict {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    fn push(&mut self, at: &Path, code: Cow<'static, str>, severity: Severity, message: String) {
        self.check_code(&code, severity);
        if !self.options.is_disabled(&code) {
            self.errors += usize::from(severity == Severity::Error);
            self.issues.push(Issue { code, pointer: at.to_pointer(), severity, message });
        } else {
            self.silenced_errors += usize::from(severity == Severity::Error);
        }
    }

    /// In test builds with the `check-codes` feature (the integration tests turn it on through a
    /// dev-dependency on this package; users never do), a code missing from the registry
    /// (src/codes.rs) or raised with a severity the registry does not allow fails the test that
    /// raised it, naming the code. A panic is the one signal every test sees, in whichever test
    /// binary and thread it runs. Checked before `disable`, so a silenced code is checked too.
    /// Unit tests (`cfg(test)`) are left out: they exercise `Report` with made-up codes. So are
    /// optimised builds (`cargo bench` also turns dev-dependencies on), whose timings the lookups
    /// would skew.
    /// Every other build compiles this to nothing: it never panics for a user.
    #[inline(always)]
    fn check_code(&self, code: &str, severity: Severity) {
        #[cfg(all(feature = "check-codes", debug_assertions, not(test)))]
        if let Err(why) = crate::codes::check(code, severity, self.options.strict) {
            panic!("{why}");
        }
        #[cfg(not(all(feature = "check-codes", debug_assertions, not(test))))]
        let _ = (code, severity);
    }

    /// Reports at a pointer kept as text (for checks made after the walk, across records).
    pub fn at_pointer(&mut self, pointer: &str, code: &'static str, severity: Severity, message: String) {
        self.check_code(code, severity);
        if !self.options.is_disabled(code) {
            self.errors += usize::from(severity == Severity::Error);
            self.issues.push(Issue { code: code.into(), pointer: pointer.to_string(), severity, message });
        }
    }
}

/// Cuts text for a message to about 60 characters, on a character boundary.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let root = Path::Root;
        let posts = root.key("posts");
        let third = posts.index(3);
        let odd = third.key("a/b~c");
        assert_eq!(odd.to_pointer(), "/posts/3/a~1b~0c");
        assert_eq!(Path::Root.to_pointer(), "");
    }

    #[test]
    fn disabled_codes_and_families_are_silenced() {
        let options = ValidateOptions { disable: vec!["txt.*".into(), "record.ttl.range".into()], ..Default::default() };
        let mut report = Report::new(&options);
        report.error(&Path::Root, "txt.content.quotes", "x");
        report.error(&Path::Root, "record.ttl.range", "x");
        report.error(&Path::Root, "record.name.length", "x");
        assert_eq!(report.issues.len(), 1);
        assert_eq!(report.issues[0].code, "record.name.length");
    }

    #[test]
    fn rfc_rules_warn_unless_strict() {
        let lenient = ValidateOptions::default();
        let mut report = Report::new(&lenient);
        report.rfc(&Path::Root, "x.y", "m");
        assert_eq!(report.issues[0].severity, Severity::Warning);
        let strict = ValidateOptions { strict: true, ..Default::default() };
        let mut report = Report::new(&strict);
        report.rfc(&Path::Root, "x.y", "m");
        assert_eq!(report.issues[0].severity, Severity::Error);
    }

    #[test]
    fn shorten_respects_char_boundaries() {
        let long = "é".repeat(100);
        let s = shorten(&long);
        assert_eq!(s.chars().count(), 61);
    }
}
