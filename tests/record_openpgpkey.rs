mod common;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use common::*;
use serde_json::{json, Value};

/// A real ed25519 key exported with `gpg --export --export-options export-minimal` (old-format packets).
const KEY: &str = "mDMEawkDYBYJKwYBBAHaRw8BAQdAKkjJQl7oEkV7zD65Z9eYapJSu/n9NCTDUtko8sGha9+0F1Rlc3QgPGh1Z2hAZXhhbXBsZS5jb20+iJAEExYIADgWIQRGL2mb7W8Fhl3QDCQC1TLXZnZGuwUCawkDYAIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAKCRAC1TLXZnZGu2q+APsEBt81dx8WriXstHY35wVJD1cBZ35YzTVMDYNhCtNFkgEAhWOW6rouQXKwJSU0RzuSagILdULzJ9v54TJSf8puKAY=";
/// A new-format Public-Key packet header followed by filler.
const NEW_FORMAT: &str = "xjMEAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v";
/// hex(SHA-256("hugh"))[..56]
const HASH: &str = "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6";

fn pgp(name: &str, content: Value) -> Value {
    json!({"type":"OPENPGPKEY","name":name,"ttl":1,"content":content})
}

fn owner() -> String {
    format!("{HASH}._openpgpkey.example.com")
}

#[test]
fn valid_openpgpkey_records() {
    assert_clean(pgp(&owner(), json!(KEY)));
    assert_clean(pgp(&format!("{HASH}._openpgpkey"), json!(KEY)));
    assert_clean(pgp("*._openpgpkey.example.com", json!(KEY)));
    assert_clean(pgp(&format!("{}._OPENPGPKEY.example.com.", HASH.to_uppercase()), json!(KEY)));
    assert_clean(pgp(&owner(), json!(NEW_FORMAT)));
    assert_clean(json!({"type":"OPENPGPKEY","name":owner(),"ttl":3600,"comment":"hugh's key","content":KEY}));
    // RFC-only advice: warnings by default, errors when strict.
    assert_valid(pgp("keys.example.com", json!(KEY)));
    assert_warning(pgp("keys.example.com", json!(KEY)), "openpgpkey.name.label", "/name");
    assert_strict_error(pgp("keys.example.com", json!(KEY)), "openpgpkey.name.label", "/name");
    assert_warning(pgp("_openpgpkey.example.com", json!(KEY)), "openpgpkey.name.hash", "/name");
    assert_warning(pgp("hugh._openpgpkey.example.com", json!(KEY)), "openpgpkey.name.hash", "/name");
    assert_warning(pgp(&owner(), json!("mQAFAAAA")), "openpgpkey.content.short", "/content");
    assert_warning(pgp(&owner(), json!(STANDARD.encode([0x41u8; 40]))), "openpgpkey.content.packet", "/content");
    assert_warning(pgp(&owner(), json!(STANDARD.encode([0x89u8; 40]))), "openpgpkey.content.packet", "/content");
}

#[test]
fn invalid_openpgpkey_records() {
    assert_error(pgp(&owner(), json!("")), "openpgpkey.content.empty", "/content");
    let (head, tail) = KEY.split_at(64);
    assert_error(pgp(&owner(), json!(format!("{head}\n{tail}"))), "openpgpkey.content.whitespace", "/content");
    assert_error(pgp(&owner(), json!(format!("{head} {tail}"))), "openpgpkey.content.whitespace", "/content");
    assert_error(
        pgp(&owner(), json!(format!("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{KEY}\n-----END PGP PUBLIC KEY BLOCK-----"))),
        "openpgpkey.content.armor",
        "/content",
    );
    assert_error(pgp(&owner(), json!("not*base64!")), "openpgpkey.content.base64", "/content");
    assert_error(pgp(&owner(), json!(KEY.trim_end_matches('='))), "openpgpkey.content.base64", "/content");
    assert_error(pgp(&owner(), json!(KEY.replace('+', "-").replace('/', "_"))), "openpgpkey.content.base64", "/content");
    let huge = STANDARD.encode([[0x99u8, 0x10, 0x00].as_slice(), &[7u8; 4200]].concat());
    assert_error(pgp(&owner(), json!(huge)), "openpgpkey.content.length", "/content");
    assert_error(pgp(&owner(), json!(["a"])), "openpgpkey.content.type", "/content");
    assert_error(json!({"type":"OPENPGPKEY","name":owner(),"ttl":1}), "openpgpkey.content.required", "");
}

#[test]
fn base64_error_messages_explain() {
    let issues = errors_of(pgp(&owner(), json!(KEY.trim_end_matches('='))));
    assert!(issues[0].message.contains("padding"), "{}", issues[0].message);
}
