//! URI (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct UriData { pub weight: u16, pub target: String }
pub(crate) fn read(rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (rec, r); None }
pub fn to_content(priority: u16, d: &UriData) -> String { let _ = RecordType::URI; format!("{} {} {:?}", priority, d.weight, d.target) }
pub fn from_content(text: &str) -> Result<(u16, UriData), String> { let _ = text; Err("not yet".into()) }
