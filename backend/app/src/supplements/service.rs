//! The supplement's life outside the handlers: opening it when a registration is paid, the timeline entries and
//! e-mails of every change, and the worker's sweep (reminders before the deadline, expiry after it).

use chrono::{DateTime, Duration, Utc};
use diesel::{Connection, PgConnection};
use uuid::Uuid;
use weikao_core::registration::facts_of;
use weikao_core::registration::supplement::{due_reminder, expired, owes_supplement};
use weikao_store::catalog::ExamSession;
use weikao_store::registrations::{self as regs, NewAction, Registration};
use weikao_store::supplements as store;

use crate::audit::{record, AuditEvent};
use crate::error::{ApiError, ApiResult};
use crate::registration::service::{kind_of_session, parse_form};

/// Opens the supplement of a just-paid registration when it owes one (a nurse fresh graduate) and tells the
/// candidate the deadline. Called inside the payment's transaction; a second call changes nothing.
pub fn open_if_owed(
    conn: &mut PgConnection,
    reg: &Registration,
    session: &ExamSession,
    now: DateTime<Utc>,
) -> ApiResult<bool> {
    let kind = kind_of_session(session)?;
    let form = parse_form(&reg.form).unwrap_or_default();
    if !owes_supplement(&facts_of(kind, &form)) || store::find(conn, reg.id)?.is_some() {
        return Ok(false);
    }
    store::open(conn, reg.id, now)?;
    notify(
        conn,
        reg.candidate_id,
        &session.name,
        session.supplement_closes_at,
        "opened",
    )?;
    Ok(true)
}

/// A supplement change on the registration's timeline (the registration's own status does not change).
pub fn on_timeline(
    conn: &mut PgConnection,
    reg: &Registration,
    action: &str,
    actor: Option<Uuid>,
    reason: Option<&str>,
) -> ApiResult<()> {
    regs::insert_action(
        conn,
        &NewAction {
            registration_id: reg.id,
            level: actor.map(|_| "region"),
            action,
            actor_kind: if actor.is_some() {
                "staff"
            } else if action == "supplement_submit" {
                "candidate"
            } else {
                "system"
            },
            actor_id: actor,
            reason_codes: vec![],
            comment: reason,
            comment_public: reason.is_some(),
            from_status: &reg.status,
            to_status: &reg.status,
            registration_version: reg.version,
            returned_fields: vec![],
            returned_materials: vec![],
            override_reason: None,
        },
    )?;
    Ok(())
}

/// E-mails the candidate about their supplement (`opened`, `reminder`, `verified`, `returned`, `rejected`,
/// `expired`), with the deadline where it matters.
pub fn notify(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    session_name: &str,
    deadline: Option<DateTime<Utc>>,
    event: &str,
) -> ApiResult<()> {
    let Some(cand) = weikao_store::accounts::find_candidate(conn, candidate_id)? else {
        return Ok(());
    };
    if let Some(email) = cand.email.as_deref() {
        let (subject, body) = crate::messaging::templates::supplement_notice(
            &cand.name,
            session_name,
            event,
            deadline,
        );
        crate::messaging::enqueue(
            conn,
            crate::accounts::dto::Channel::Email,
            email,
            &subject,
            &body,
        )?;
    }
    Ok(())
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub reminded: usize,
    pub expired: usize,
}

/// One round of the worker's sweep: supplements still owed past their deadline expire (on the timeline, the
/// candidate told, audited); those whose deadline is within `lead` get one reminder. At most `limit` rows.
pub fn sweep(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    lead: Duration,
    limit: i64,
) -> ApiResult<Swept> {
    conn.transaction::<_, ApiError, _>(|conn| {
        let mut out = Swept::default();
        for row in store::owed_due(conn, now, now + lead, limit)? {
            let reg = regs::get(conn, row.registration_id)?;
            // the row carries the session's name and deadline: no session lookup per row
            if expired(&row.status, row.closes_at, now) {
                store::mark_expired(conn, reg.id, now)?;
                on_timeline(conn, &reg, "supplement_expire", None, None)?;
                record(
                    conn,
                    None,
                    AuditEvent::actor("system", None, "supplement.expire")
                        .object("registration", reg.id),
                )?;
                notify(
                    conn,
                    row.candidate_id,
                    &row.session_name,
                    row.closes_at,
                    "expired",
                )?;
                out.expired += 1;
            } else if due_reminder(&row.status, row.closes_at, row.reminded_at, now, lead) {
                store::mark_reminded(conn, reg.id, now)?;
                notify(
                    conn,
                    row.candidate_id,
                    &row.session_name,
                    row.closes_at,
                    "reminder",
                )?;
                out.reminded += 1;
            }
        }
        Ok(out)
    })
}
