mod common;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use cf_dns_batch::record::cert::{from_content, to_content, CertData};
use cf_dns_batch::{RecordData, RecordType};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// A self-signed P-256 X.509 certificate, DER in base64.
const X509: &str = "MIIBazCCAROgAwIBAgIUMqYEPILw8u5d4Srilcq/dKqGyhUwCgYIKoZIzj0EAwIwDDEKMAgGA1UEAwwBeDAeFw0yNjExMjcwNDEzMjBaFw0yNjExMjgwNDEzMjBaMAwxCjAIBgNVBAMMAXgwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATq/I2BtfiZnHHtrR7m+RBsvnsO+uR5GaHMlRSiY1YifQWqU/Pwlbt0c1UGU48/GWFcNvOtSeJ2QA/U4oborvfYo1MwUTAdBgNVHQ4EFgQUv7ZVb3uapTFlf159Q6yUHDtp5tswHwYDVR0jBBgwFoAUv7ZVb3uapTFlf159Q6yUHDtp5tswDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNGADBDAiBxM0mGesfv+sLr0dPntyvO2m7FxmVxF2dhbIPFiZhVnQIfSpHC/zhMlGzZ4ZXmJiLvC4H4Jr3K8oh5RN1G1sqF+A==";
/// An OpenPGP public key (ed25519).
const PGP: &str = "mDMEawkDYBYJKwYBBAHaRw8BAQdAKkjJQl7oEkV7zD65Z9eYapJSu/n9NCTDUtko8sGha9+0F1Rlc3QgPGh1Z2hAZXhhbXBsZS5jb20+iJAEExYIADgWIQRGL2mb7W8Fhl3QDCQC1TLXZnZGuwUCawkDYAIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAKCRAC1TLXZnZGu2q+APsEBt81dx8WriXstHY35wVJD1cBZ35YzTVMDYNhCtNFkgEAhWOW6rouQXKwJSU0RzuSagILdULzJ9v54TJSf8puKAY=";
/// base64("https://pki.example.com/cert.der")
const URL: &str = "aHR0cHM6Ly9wa2kuZXhhbXBsZS5jb20vY2VydC5kZXI=";

fn cert(data: Value) -> Value {
    json!({"type":"CERT","name":"host.example.com","ttl":1,"data":data})
}

#[test]
fn valid_cert_records() {
    assert_clean(cert(json!({"type":1,"key_tag":0,"algorithm":0,"certificate":X509})));
    assert_clean(cert(json!({"type":3,"key_tag":0,"algorithm":0,"certificate":PGP})));
    assert_clean(cert(json!({"type":4,"key_tag":0,"algorithm":0,"certificate":URL})));
    assert_clean(cert(json!({"type":1,"key_tag":12345,"algorithm":13,"certificate":X509})));
    assert_clean(cert(json!({"type":254,"key_tag":0,"algorithm":0,"certificate":"BgMqAwQ="})));
    assert_clean(cert(json!({"type":65280,"key_tag":1,"algorithm":253,"certificate":"AQID"})));
    assert_clean(cert(json!({"type":253.0,"key_tag":0,"algorithm":0,"certificate":URL})));
}

#[test]
fn cert_rfc_advice_is_a_warning_unless_strict() {
    let reserved = cert(json!({"type":0,"key_tag":0,"algorithm":0,"certificate":X509}));
    assert_valid(reserved.clone());
    assert_warning(reserved.clone(), "cert.data.type.reserved", "/data/type");
    assert_strict_error(reserved, "cert.data.type.reserved", "/data/type");
    assert_warning(cert(json!({"type":65535,"key_tag":0,"algorithm":0,"certificate":X509})), "cert.data.type.reserved", "/data/type");
    assert_warning(cert(json!({"type":9,"key_tag":0,"algorithm":0,"certificate":X509})), "cert.data.type.unassigned", "/data/type");
    assert_warning(cert(json!({"type":1,"key_tag":0,"algorithm":200,"certificate":X509})), "cert.data.algorithm.unassigned", "/data/algorithm");
    assert_warning(cert(json!({"type":1,"key_tag":99,"algorithm":0,"certificate":X509})), "cert.data.key_tag.nonzero", "/data/key_tag");
    let spaced = format!("{} {}", &X509[..64], &X509[64..]);
    assert_valid(cert(json!({"type":1,"key_tag":0,"algorithm":0,"certificate":spaced})));
    assert_warning(cert(json!({"type":1,"key_tag":0,"algorithm":0,"certificate":spaced})), "cert.data.certificate.whitespace", "/data/certificate");
}

#[test]
fn invalid_cert_records() {
    assert_error(cert(json!({"type":65536,"key_tag":0,"algorithm":0,"certificate":X509})), "cert.data.type.range", "/data/type");
    assert_error(cert(json!({"type":"PKIX","key_tag":0,"algorithm":0,"certificate":X509})), "cert.data.type.type", "/data/type");
    assert_error(cert(json!({"type":1,"key_tag":-1,"algorithm":0,"certificate":X509})), "cert.data.key_tag.range", "/data/key_tag");
    assert_error(cert(json!({"type":1,"key_tag":0,"algorithm":256,"certificate":X509})), "cert.data.algorithm.range", "/data/algorithm");
    assert_error(cert(json!({"type":1,"key_tag":0,"algorithm":1.5,"certificate":X509})), "cert.data.algorithm.integer", "/data/algorithm");
    assert_error(cert(json!({"type":1,"key_tag":0,"algorithm":0,"certificate":""})), "cert.data.certificate.empty", "/data/certificate");
    assert_error(cert(json!({"type":1,"key_tag":0,"algorithm":0,"certificate":"not base64!"})), "cert.data.certificate.base64", "/data/certificate");
    assert_error(
        cert(json!({"type":4,"key_tag":0,"algorithm":0,"certificate":"https://pki.example.com/cert.der"})),
        "cert.data.certificate.base64",
        "/data/certificate",
    );
    let huge = STANDARD.encode(vec![1u8; 4092]);
    assert_error(cert(json!({"type":1,"key_tag":0,"algorithm":0,"certificate":huge})), "cert.data.certificate.length", "/data/certificate");
    assert_error(cert(json!({"type":1,"key_tag":0,"algorithm":0})), "cert.data.certificate.required", "/data");
    assert_error(json!({"type":"CERT","name":"host.example.com","ttl":1,"content":format!("1 0 0 {X509}")}), "cert.data.required", "");
}

#[test]
fn cert_presentation() {
    let d = CertData { cert_type: 1, key_tag: 0, algorithm: 0, certificate: X509.into() };
    assert_eq!(to_content(&d), format!("1 0 0 {X509}"));
    assert_eq!(from_content(&format!("PKIX 0 0 {X509}")).unwrap(), d);
    let (a, b) = X509.split_at(40);
    assert_eq!(from_content(&format!("1 0 0 {a}\n  {b}")).unwrap(), d);
    assert_eq!(
        RecordData::from_content(RecordType::CERT, &format!(" pgp 0 0 {PGP} ")).unwrap(),
        RecordData::CERT { data: CertData { cert_type: 3, key_tag: 0, algorithm: 0, certificate: PGP.into() } }
    );
    assert_eq!(from_content("IPKIX 7 ECDSAP256SHA256 AQID").unwrap().algorithm, 13);
    for bad in ["", "1 0 0", "X509 0 0 AQID", "70000 0 0 AQID", "1 -1 0 AQID", "1 0 FOO AQID"] {
        assert!(from_content(bad).is_err(), "{bad:?} should not parse");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn content_round_trips(cert_type in any::<u16>(), key_tag in any::<u16>(), algorithm in any::<u8>(),
                           bytes in proptest::collection::vec(any::<u8>(), 1..300)) {
        let d = CertData { cert_type, key_tag, algorithm, certificate: STANDARD.encode(bytes).into() };
        prop_assert_eq!(from_content(&to_content(&d)).unwrap(), d);
    }

    #[test]
    fn base64_certificates_validate(bytes in proptest::collection::vec(any::<u8>(), 1..1000)) {
        let record = cert(json!({"type":1,"key_tag":0,"algorithm":0,"certificate":STANDARD.encode(bytes)}));
        prop_assert!(errors_of(record.clone()).is_empty(), "{}", record);
    }
}
