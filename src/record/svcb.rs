//! SVCB and HTTPS (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SvcbData { pub priority: u16, pub target: String, pub value: String }
pub(crate) fn read(kind: RecordType, rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (kind, rec, r); None }
pub fn to_content(d: &SvcbData) -> String { format!("{} {} {}", d.priority, d.target, d.value) }
pub fn from_content(text: &str) -> Result<SvcbData, String> { let _ = text; Err("not yet".into()) }
