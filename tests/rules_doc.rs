//! docs/rules.md cannot fall behind the code: every string literal in src/**/*.rs that looks like
//! an issue code (lowercase dotted words, e.g. "a.content.ipv4") must appear in it. Prefixes that
//! codes are built from with `format!` ("srv.data.target", "value.alias-mode") are literals too, and
//! appear in the doc inside the codes written out.
//!
//! The scan is a small hand-written Rust lexer (no regex): it knows line and block comments, char
//! literals and lifetimes, plain and raw strings, and it skips `#[cfg(test)]` items, whose literals
//! are test data rather than codes.
use std::path::{Path, PathBuf};

/// Dotted literals outside test modules that are not issue codes.
const NOT_CODES: &[&str] = &[];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("src is readable").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of `source` (their text between the quotes, escapes left as written),
/// leaving out comments and `#[cfg(test)]` items.
fn string_literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut i = 0;
    // Brace depth of code, and the depth at which a skipped `#[cfg(test)]` item closes.
    let mut depth = 0usize;
    let mut skip_pending = false;
    let mut skip_until: Option<usize> = None;
    while i < chars.len() {
        let c = at(i);
        match c {
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && at(i) != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                i += 2;
                while i < chars.len() && !(at(i) == '*' && at(i + 1) == '/') {
                    i += 1;
                }
                i += 2;
            }
            '\'' => {
                // A char literal ('x', '\n', '\u{1F600}', '"') or a lifetime ('a).
                if at(i + 1) == '\\' {
                    // Skip the quote, the backslash and the escaped character, then find the close.
                    i += 3;
                    while i < chars.len() && at(i) != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if at(i + 2) == '\'' {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' | 'b' if !is_ident(at(i.wrapping_sub(1))) && raw_start(&chars, i).is_some() => {
                let (hashes, body) = raw_start(&chars, i).unwrap_or((0, i));
                let mut j = body;
                let closes = |j: usize| at(j) == '"' && (1..=hashes).all(|k| at(j + k) == '#');
                while j < chars.len() && !closes(j) {
                    j += 1;
                }
                if skip_until.is_none() {
                    out.push(chars[body..j.min(chars.len())].iter().collect());
                }
                i = j + 1 + hashes;
            }
            '"' => {
                let mut j = i + 1;
                while j < chars.len() && at(j) != '"' {
                    j += if at(j) == '\\' { 2 } else { 1 };
                }
                if skip_until.is_none() {
                    out.push(chars[i + 1..j.min(chars.len())].iter().collect());
                }
                i = j + 1;
            }
            '#' if chars[i..].iter().take(12).collect::<String>() == "#[cfg(test)]" => {
                skip_pending = skip_until.is_none();
                i += 12;
            }
            '{' => {
                if skip_pending {
                    skip_until = Some(depth);
                    skip_pending = false;
                }
                depth += 1;
                i += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if skip_until == Some(depth) {
                    skip_until = None;
                }
                i += 1;
            }
            ';' if skip_pending => {
                // `#[cfg(test)] use ...;`: an item without a body.
                skip_pending = false;
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// For `r"`, `r#"`, `br"`, `br##"`...: the number of `#` and where the text starts.
fn raw_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((hashes, j + 1))
}

/// Lowercase dotted words with at least one dot, e.g. `a.content.ipv4` or `value.alias-mode`:
/// starts with a letter, only `a-z 0-9 _ - .`, no empty word.
fn looks_like_code(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.contains('.')
        && text.split('.').all(|w| !w.is_empty())
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
}

fn codes_in_source() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut codes = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source is readable");
        for literal in string_literals(&source) {
            if looks_like_code(&literal) && !NOT_CODES.contains(&literal.as_str()) {
                codes.push((literal, file.strip_prefix(root).unwrap_or(&file).to_path_buf()));
            }
        }
    }
    codes
}

#[test]
fn every_issue_code_in_the_source_is_documented() {
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let doc = std::fs::read_to_string(&doc_path).expect("docs/rules.md exists");
    let codes = codes_in_source();
    assert!(codes.len() > 200, "the scan found only {} codes; is the lexer broken?", codes.len());
    let mut missing: Vec<String> =
        codes.iter().filter(|(code, _)| !doc.contains(code.as_str())).map(|(code, file)| format!("{code} ({})", file.display())).collect();
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "codes missing from docs/rules.md:\n{}", missing.join("\n"));
}

#[test]
fn known_codes_are_found_and_test_data_is_not() {
    let codes: Vec<String> = codes_in_source().into_iter().map(|(c, _)| c).collect();
    for code in ["a.content.ipv4", "record.ttl.range", "batch.cname.conflict", "srv.data.deprecated", "value.alias-mode", "txt.content.quotes"] {
        assert!(codes.iter().any(|c| c == code), "{code} not found by the scan");
    }
    // Literals of unit-test modules (`#[cfg(test)] mod tests`) are left out.
    for test_data in ["t.b.range", "x.y", "xn--bcher-kva.example.com"] {
        assert!(!codes.iter().any(|c| c == test_data), "{test_data} comes from a test module");
    }
}

#[test]
fn the_lexer_handles_the_tricky_parts() {
    let source = r####"
        // "in.comment"
        /* "in.block" */
        fn f<'a>(x: &'a str) -> bool { x == "one.two" && '"' != 'x' && "esc\".aped" != r#"raw."quoted""# }
        const C: char = '\'';
        const S: &str = "after.char";
        #[cfg(test)]
        mod tests { const T: &str = "test.only"; fn g() { let _ = "nested.test"; } }
        const AFTER: &str = "after.tests";
    "####;
    let literals = string_literals(source);
    assert_eq!(literals, ["one.two", "esc\\\".aped", "raw.\"quoted\"", "after.char", "after.tests"]);
}

#[test]
fn what_counts_as_a_code() {
    assert!(looks_like_code("a.content.ipv4"));
    assert!(looks_like_code("record.tags.plan"));
    assert!(looks_like_code("value.tls-supported-groups-duplicate"));
    assert!(!looks_like_code("record"));
    assert!(!looks_like_code("{prefix}.{rule}"));
    assert!(!looks_like_code("a b.c"));
    assert!(!looks_like_code("192.0.2.1"));
    assert!(!looks_like_code("x.example."));
    assert!(!looks_like_code("Record.Name"));
}
