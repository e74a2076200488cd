//! CERT (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct CertData { #[serde(rename = "type")] pub cert_type: u16, pub key_tag: u16, pub algorithm: u8, pub certificate: String }
pub(crate) fn read(rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (rec, r); None }
pub fn to_content(d: &CertData) -> String { format!("{} {} {} {}", d.cert_type, d.key_tag, d.algorithm, d.certificate) }
pub fn from_content(text: &str) -> Result<CertData, String> { let _ = (text, RecordType::CERT); Err("not yet".into()) }
