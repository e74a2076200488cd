//! Safety limits, as octoDNS has them: a plan that deletes or updates more than a share of the
//! records it manages is refused unless forced, and so is a plan too big for one batch.

use super::matching::Matched;
use super::read::issue;
use super::Policy;
use crate::batch::{BATCH_LIMIT_FREE, BATCH_LIMIT_PAID};
use crate::issue::{Issue, Plan, Severity};

/// The default largest share of managed records a plan may delete, or update: 30%.
pub const DEFAULT_MAX_SHARE: f64 = 0.3;
/// Below this many managed records the shares are not checked (octoDNS's `MIN_EXISTING_RECORDS`):
/// replacing the one TXT record at a name is a 100% update and perfectly ordinary.
pub const MIN_MANAGED: usize = 10;

pub(crate) struct Limits {
    pub operations: usize,
}

pub(crate) fn check(matched: &Matched, policy: &Policy, issues: &mut Vec<Issue>) -> Limits {
    let s = &matched.summary;
    let operations = matched.params.operation_count();
    if s.managed >= MIN_MANAGED {
        let share = |n: usize| n as f64 / s.managed as f64;
        // Whole percentages: a message needs no decimals.
        let percent = |x: f64| (x * 100.0).round() as u64;
        let severity = if policy.force { Severity::Warning } else { Severity::Error };
        let unless = if policy.force { "; applied anyway (force)" } else { "; pass `force: true` to apply it anyway" };
        let deletes = s.delete + s.replace;
        if share(deletes) > policy.max_delete_share {
            issues.push(issue(
                "",
                "plan.safety.deletes",
                severity,
                format!("the plan deletes {deletes} of the {} records it manages ({}%), more than the {}% allowed{unless}", s.managed, percent(share(deletes)), percent(policy.max_delete_share)),
            ));
        }
        if share(s.update) > policy.max_update_share {
            issues.push(issue(
                "",
                "plan.safety.updates",
                severity,
                format!("the plan updates {} of the {} records it manages ({}%), more than the {}% allowed{unless}", s.update, s.managed, percent(share(s.update)), percent(policy.max_update_share)),
            ));
        }
    }
    let limit = if policy.validate.plan == Some(Plan::Free) { BATCH_LIMIT_FREE } else { BATCH_LIMIT_PAID };
    if operations > limit {
        let plan = policy.validate.plan.map_or("any", Plan::name);
        issues.push(issue(
            "",
            "plan.batch.size",
            Severity::Error,
            format!("the plan needs {operations} operations; one batch on the {plan} plan holds at most {limit}, and a plan is applied as one atomic batch: narrow the scope or apply the change in parts"),
        ));
    } else if operations > BATCH_LIMIT_FREE && policy.validate.plan.is_none() {
        issues.push(issue(
            "",
            "plan.batch.size.plan",
            Severity::Warning,
            format!("the plan needs {operations} operations: Free zones take at most {BATCH_LIMIT_FREE} per batch (paid plans {BATCH_LIMIT_PAID})"),
        ));
    }
    Limits { operations }
}
