//! SSHFP (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SshfpData { pub algorithm: u8, #[serde(rename = "type")] pub fingerprint_type: u8, pub fingerprint: String }
pub(crate) fn read(rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (rec, r); None }
pub fn to_content(d: &SshfpData) -> String { let _ = RecordType::SSHFP; format!("{} {} {}", d.algorithm, d.fingerprint_type, d.fingerprint) }
pub fn from_content(text: &str) -> Result<SshfpData, String> { let _ = text; Err("not yet".into()) }
