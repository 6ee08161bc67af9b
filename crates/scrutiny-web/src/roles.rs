//! Who may do what. Every handler asks [`allowed`]; nothing else decides, so the rules can be
//! read, and tested role by role, in one place.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Performance officer: runs the quarter and maintains the framework.
    Admin,
    /// Service manager or operational director: their own department's return.
    Manager,
    /// Finance officer: budget lines.
    Finance,
    /// Councillor on the board: reads.
    Board,
    /// Complaints manager: the only role that sees complaints cases and personal data.
    Complaints,
    /// Democratic services officer: boards' membership, meetings and agendas.
    Democratic,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Manager,
        Role::Finance,
        Role::Board,
        Role::Complaints,
        Role::Democratic,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Manager => "manager",
            Role::Finance => "finance",
            Role::Board => "board",
            Role::Complaints => "complaints",
            Role::Democratic => "democratic",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == text)
    }

    /// A service manager works on one department's return, so their account names it.
    pub fn needs_department(self) -> bool {
        self == Role::Manager
    }

    pub fn title(self) -> &'static str {
        match self {
            Role::Admin => "Performance officer",
            Role::Manager => "Service manager",
            Role::Finance => "Finance officer",
            Role::Board => "Board member",
            Role::Complaints => "Complaints manager",
            Role::Democratic => "Democratic services officer",
        }
    }
}

/// Something a person asks to do. `Option<&str>` is the department concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Dashboards, indicator pages and approved figures.
    ReadPerformance,
    /// Reports of quarters not yet published.
    ReadUnpublishedReports,
    /// See a department's return (its draft figures).
    ReadReturn(&'a str),
    /// Enter figures and commentary, save and submit.
    EditReturn(&'a str),
    /// Approve or send back a return.
    ApproveReturn,
    /// Open, lock and publish quarters.
    ManageQuarters,
    /// Import framework tables (indicators, targets, plans, figures).
    ImportFramework,
    /// Change the framework's records (indicators, targets, rules, boards) in the browser.
    EditFramework,
    /// Import or change a department's budget lines.
    EditBudget(Option<&'a str>),
    /// The whole audit trail.
    ReadAudit,
    /// People's accounts: disable or enable them, end their sessions.
    ManageAccounts,
    /// Complaints cases: the worklist, case pages, recording and moving cases on.
    WorkComplaints,
    /// Complainants' and children's names and details (every look is audited).
    ReadPersonalData,
    /// The annual report with small counts shown (not for publication).
    ReadUnsuppressedComplaints,
    /// The published annual complaints report (small counts suppressed, no personal data).
    ReadComplaintsReport,
    /// The pseudonymised case records behind a department's figure computed from case data
    /// ("why this number"; every look is audited). Never a board member's.
    ReadCaseRecords(&'a str),
    /// Upload a case return (Annex A, CIN census, SSDA903) and store the declared figures.
    ImportCaseData,
    /// A meeting's Part II (exempt) items: board members and the officers who report to them.
    ReadExemptItems,
    /// Boards' membership, meetings and agendas, in the browser's record editor.
    EditMeetings,
}

/// Whether someone with `role`, limited to `scope` (their department, or every department when
/// `None`), may do `action`.
pub fn allowed(role: Role, scope: Option<&str>, action: Action<'_>) -> bool {
    let in_scope = |d: &str| scope.is_none_or(|s| s == d);
    let complaints_casework = matches!(
        action,
        Action::WorkComplaints | Action::ReadPersonalData | Action::ReadUnsuppressedComplaints
    );
    match (role, action) {
        // Casework and personal data belong to the complaints role alone: not even the
        // performance officer sees them.
        (Role::Complaints, _) if complaints_casework => true,
        (_, _) if complaints_casework => false,
        (_, Action::ReadComplaintsReport) => true,
        (Role::Admin, _) => true,
        (_, Action::ReadPerformance) => true,
        (Role::Manager, Action::ReadReturn(d) | Action::EditReturn(d)) => in_scope(d),
        (Role::Manager, Action::ReadCaseRecords(d)) => in_scope(d),
        (Role::Board | Role::Manager | Role::Democratic, Action::ReadExemptItems) => true,
        (Role::Democratic, Action::EditMeetings) => true,
        (Role::Manager, Action::ReadUnpublishedReports) => true,
        (Role::Finance, Action::ReadUnpublishedReports) => true,
        (Role::Finance, Action::EditBudget(Some(d))) => in_scope(d),
        (Role::Finance, Action::EditBudget(None)) => scope.is_none(),
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_manager_works_on_their_own_department_only() {
        let m = |a| allowed(Role::Manager, Some("CYP"), a);
        assert!(m(Action::EditReturn("CYP")));
        assert!(!m(Action::EditReturn("SPEC")));
        assert!(!m(Action::ReadReturn("SPEC")));
        assert!(!m(Action::ApproveReturn));
        assert!(!m(Action::ManageQuarters));
        assert!(!m(Action::ImportFramework));
        assert!(!m(Action::EditFramework));
        assert!(!m(Action::EditBudget(Some("CYP"))));
        assert!(!m(Action::ReadAudit));
    }

    #[test]
    fn a_board_member_only_reads_what_is_approved() {
        let b = |a| allowed(Role::Board, None, a);
        assert!(b(Action::ReadPerformance));
        for a in [
            Action::ReadUnpublishedReports,
            Action::ReadReturn("CYP"),
            Action::EditReturn("CYP"),
            Action::ApproveReturn,
            Action::ManageQuarters,
            Action::ImportFramework,
            Action::EditFramework,
            Action::EditBudget(None),
            Action::ReadAudit,
        ] {
            assert!(!b(a), "{a:?}");
        }
    }

    #[test]
    fn only_the_complaints_role_sees_casework_and_personal_data() {
        for role in Role::ALL {
            let ok = role == Role::Complaints;
            assert_eq!(allowed(role, None, Action::WorkComplaints), ok, "{role:?}");
            assert_eq!(
                allowed(role, None, Action::ReadPersonalData),
                ok,
                "{role:?}"
            );
            assert_eq!(
                allowed(role, None, Action::ReadUnsuppressedComplaints),
                ok,
                "{role:?}"
            );
            assert!(allowed(role, None, Action::ReadComplaintsReport));
        }
        assert!(!allowed(Role::Complaints, None, Action::EditReturn("CFS")));
        assert!(!allowed(Role::Complaints, None, Action::ReadAudit));
    }

    #[test]
    fn case_records_are_for_the_performance_officer_and_the_departments_manager() {
        let may = |role, scope| allowed(role, scope, Action::ReadCaseRecords("CYP"));
        assert!(may(Role::Admin, None));
        assert!(may(Role::Manager, Some("CYP")));
        assert!(!may(Role::Manager, Some("SPEC")));
        for role in Role::ALL {
            let ok = role == Role::Admin;
            assert_eq!(allowed(role, None, Action::ImportCaseData), ok, "{role:?}");
        }
        for role in [Role::Board, Role::Finance, Role::Complaints] {
            assert!(!may(role, None), "{role:?}");
            assert!(!may(role, Some("CYP")), "{role:?}");
        }
    }

    #[test]
    fn part_two_items_are_for_members_and_officers_who_report() {
        for role in Role::ALL {
            let ok = matches!(
                role,
                Role::Admin | Role::Board | Role::Manager | Role::Democratic
            );
            assert_eq!(allowed(role, None, Action::ReadExemptItems), ok, "{role:?}");
        }
    }

    #[test]
    fn democratic_services_keep_the_meetings_and_nothing_of_the_framework() {
        let d = |a| allowed(Role::Democratic, None, a);
        assert!(d(Action::EditMeetings));
        assert!(d(Action::ReadPerformance));
        for a in [
            Action::EditFramework,
            Action::ImportFramework,
            Action::ApproveReturn,
            Action::ReadAudit,
            Action::WorkComplaints,
            Action::ReadCaseRecords("CFS"),
            Action::ImportCaseData,
        ] {
            assert!(!d(a), "{a:?}");
        }
        for role in Role::ALL {
            let ok = matches!(role, Role::Admin | Role::Democratic);
            assert_eq!(allowed(role, None, Action::EditMeetings), ok, "{role:?}");
        }
    }

    #[test]
    fn only_the_performance_officer_edits_the_framework() {
        for role in Role::ALL {
            let ok = role == Role::Admin;
            assert_eq!(allowed(role, None, Action::EditFramework), ok, "{role:?}");
        }
    }

    #[test]
    fn a_finance_officer_edits_budgets_in_scope() {
        assert!(allowed(Role::Finance, None, Action::EditBudget(None)));
        assert!(allowed(
            Role::Finance,
            Some("CYP"),
            Action::EditBudget(Some("CYP"))
        ));
        assert!(!allowed(
            Role::Finance,
            Some("CYP"),
            Action::EditBudget(Some("SPEC"))
        ));
        assert!(!allowed(
            Role::Finance,
            Some("CYP"),
            Action::EditBudget(None)
        ));
        assert!(!allowed(Role::Finance, None, Action::EditReturn("CYP")));
    }
}
