//! The record families share the presentation toolkit (`record/presentation.rs`) and the
//! conversion to typed values (`record/typed.rs`); they never reach into each other.
use cf_dns_batch::record::{RecordData, RecordType};
use std::path::Path;

const KINDS: [&str; 14] =
    ["address", "caa", "cert", "dane", "dnssec", "hostname", "loc", "naptr", "openpgpkey", "srv", "sshfp", "svcb", "txt", "uri"];

#[test]
fn kind_files_import_nothing_from_each_other() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/record");
    let mut found = Vec::new();
    for kind in KINDS {
        let text = std::fs::read_to_string(dir.join(format!("{kind}.rs"))).expect("kind file");
        for other in KINDS.iter().filter(|o| **o != kind) {
            for pattern in [format!("super::{other}::"), format!("crate::record::{other}::")] {
                if text.contains(&pattern) {
                    found.push(format!("{kind}.rs uses {pattern}"));
                }
            }
        }
        if text.contains("base64::") {
            found.push(format!("{kind}.rs reads base64 itself"));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_bad_escape_reads_the_same_in_every_kind() {
    let txt = RecordData::from_content(RecordType::TXT, r#""a\300""#).unwrap_err().reason;
    let naptr = RecordData::from_content(RecordType::NAPTR, r#"100 10 "S" "SIP+D2U" "a\300" ."#).unwrap_err().reason;
    let uri = RecordData::from_content(RecordType::URI, r#"10 1 "ftp://a\300""#).unwrap_err().reason;
    assert!(txt.contains(r"`\300` is not an escape"), "{txt}");
    assert_eq!(naptr, txt);
    assert_eq!(uri, txt);
}
