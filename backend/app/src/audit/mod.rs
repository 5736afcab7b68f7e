//! The audit log: every login (success and failure), token revocation and privileged action is recorded,
//! in the same transaction as the action where there is one. Details never contain ID numbers, passwords,
//! tokens or codes.
pub mod api;
pub mod chain;

use diesel::PgConnection;
use weikao_store::audit::{insert, NewAuditRow};

use crate::http::auth::Principal;
use crate::http::context::ReqCtx;

pub struct AuditEvent<'a> {
    pub actor_kind: &'a str,
    pub actor_id: Option<String>,
    pub action: &'a str,
    pub object_kind: Option<&'a str>,
    pub object_id: Option<String>,
    pub outcome: &'a str,
    pub details: serde_json::Value,
}

impl<'a> AuditEvent<'a> {
    pub fn by(principal: &Principal, action: &'a str) -> AuditEvent<'a> {
        let (kind, id) = principal.actor();
        AuditEvent {
            actor_kind: kind,
            actor_id: Some(id),
            action,
            object_kind: None,
            object_id: None,
            outcome: "success",
            details: serde_json::json!({}),
        }
    }

    pub fn actor(kind: &'a str, id: Option<String>, action: &'a str) -> AuditEvent<'a> {
        AuditEvent {
            actor_kind: kind,
            actor_id: id,
            action,
            object_kind: None,
            object_id: None,
            outcome: "success",
            details: serde_json::json!({}),
        }
    }

    pub fn object(mut self, kind: &'a str, id: impl ToString) -> Self {
        self.object_kind = Some(kind);
        self.object_id = Some(id.to_string());
        self
    }

    pub fn outcome(mut self, outcome: &'a str) -> Self {
        self.outcome = outcome;
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

pub fn record(
    conn: &mut PgConnection,
    ctx: Option<&ReqCtx>,
    ev: AuditEvent,
) -> diesel::QueryResult<i64> {
    insert(
        conn,
        &NewAuditRow {
            actor_kind: ev.actor_kind.to_string(),
            actor_id: ev.actor_id,
            action: ev.action.to_string(),
            object_kind: ev.object_kind.map(str::to_string),
            object_id: ev.object_id,
            outcome: ev.outcome.to_string(),
            ip: ctx.map(|c| c.ip.clone()),
            request_id: ctx.map(|c| c.request_id.clone()),
            details: ev.details,
        },
    )
}
