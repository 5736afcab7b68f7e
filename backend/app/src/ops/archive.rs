//! `weikao archive season <id>`: moves a closed exam session to the archive. Registrations keep their row
//! (status, form, payments: history, quick-fill and receipts go on working); their versions, findings and
//! review actions become one archived document per registration (`archived_registrations`, readable by
//! reviewers through `GET /api/v1/review/registrations/{id}/archive`); their files move under
//! `archive/<session>/` in the object store, each copy checked against the recorded SHA-256 before the
//! original goes. A manifest (counts, the documents' digest, every file with its checksum) is written to
//! `archive/<session>/manifest.json` and summarised in the dated report. A run that stops half-way resumes
//! where it stopped.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use diesel::PgConnection;
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;
use weikao_store::archive as store;

use crate::audit::{record, AuditEvent};
use crate::config::Config;
use crate::storage::ObjectStore;

/// The report kind (file `<stamp>-season-archive.json`).
pub const KIND: &str = "season-archive";
const BATCH: i64 = 200;

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("no exam session {0}")]
    NoSession(Uuid),
    #[error("the session is {0}: only a closed session is archived (close it when its payments and results are final)")]
    NotClosed(String),
    #[error(
        "{0} payment order(s) of the session are still open: wait for them to settle or expire"
    )]
    OpenOrders(i64),
    #[error("the session was archived already on {0}")]
    AlreadyArchived(DateTime<Utc>),
    #[error("{0}")]
    Failed(String),
}

fn err(e: impl ToString) -> ArchiveError {
    ArchiveError::Failed(e.to_string())
}

#[derive(Debug, Clone, Serialize)]
pub struct ArchiveReport {
    pub at: DateTime<Utc>,
    pub session_id: Uuid,
    pub session_name: String,
    pub registrations: i64,
    pub versions: i64,
    pub findings: i64,
    pub actions: i64,
    pub materials: i64,
    /// files moved by this run (a resumed run moves only what was left)
    pub objects_moved: i64,
    pub bytes: i64,
    pub manifest_key: String,
    pub manifest_sha256: String,
    pub seconds: f64,
}

#[derive(Serialize)]
struct ManifestFile {
    key: String,
    sha256: String,
    bytes: i64,
}

async fn owner<T: Send + 'static>(
    cfg: &Config,
    f: impl FnOnce(&mut PgConnection) -> diesel::QueryResult<T> + Send + 'static,
) -> Result<T, ArchiveError> {
    super::as_owner(cfg, f).await.map_err(ArchiveError::Failed)
}

pub fn archive_key(session: Uuid, material: Uuid) -> String {
    format!("archive/{session}/{material}")
}

/// Copies an object to `to`, checking its SHA-256 on the way; returns the bytes copied.
async fn copy_checked(
    store: &dyn ObjectStore,
    from: &str,
    to: &str,
    content_type: &str,
    sha256: &str,
) -> Result<i64, ArchiveError> {
    let mut stream = store
        .get(from)
        .await
        .map_err(|e| err(format!("{from}: {e}")))?;
    let tmp = std::env::temp_dir().join(format!("weikao-archive-{}", Uuid::new_v4().simple()));
    let result = async {
        let mut f = std::fs::File::create(&tmp).map_err(err)?;
        let mut h = Sha256::new();
        let mut n = 0i64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| err(format!("{from}: {e}")))?;
            h.update(&chunk);
            n += chunk.len() as i64;
            f.write_all(&chunk).map_err(err)?;
        }
        f.sync_all().map_err(err)?;
        let got = hex::encode(h.finalize());
        if got != sha256 {
            return Err(err(format!(
                "{from}: content does not match its recorded SHA-256 ({got} ≠ {sha256}); nothing moved"
            )));
        }
        store
            .put_file(to, &tmp, content_type)
            .await
            .map_err(|e| err(format!("{to}: {e}")))?;
        Ok(n)
    }
    .await;
    let _ = std::fs::remove_file(&tmp);
    result
}

pub async fn run(
    cfg: &Config,
    store: &dyn ObjectStore,
    now: DateTime<Utc>,
    session: Uuid,
    actor: &str,
) -> Result<(ArchiveReport, std::path::PathBuf), ArchiveError> {
    let started = std::time::Instant::now();
    let s = owner(cfg, move |c| {
        weikao_store::catalog::find_session(c, session)
    })
    .await?
    .ok_or(ArchiveError::NoSession(session))?;
    if let Some(done) = owner(cfg, move |c| store::find(c, session))
        .await?
        .and_then(|a| a.finished_at)
    {
        return Err(ArchiveError::AlreadyArchived(done));
    }
    if s.status != "closed" && s.status != "archived" {
        return Err(ArchiveError::NotClosed(s.status));
    }
    let open = owner(cfg, move |c| store::open_orders(c, session)).await?;
    if open > 0 {
        return Err(ArchiveError::OpenOrders(open));
    }
    let who = actor.to_string();
    owner(cfg, move |c| store::start(c, session, now, &who)).await?;

    let (mut moved, mut bytes) = (0i64, 0i64);
    loop {
        let batch = owner(cfg, move |c| store::pending(c, session, BATCH)).await?;
        if batch.is_empty() {
            break;
        }
        let files = {
            let b = batch.clone();
            owner(cfg, move |c| store::files(c, &b)).await?
        };
        let mut moves: Vec<(Uuid, String, String)> = Vec::new();
        for f in files {
            let target = archive_key(session, f.id);
            if f.object_key == target {
                continue; // moved by an earlier, interrupted run
            }
            bytes +=
                copy_checked(store, &f.object_key, &target, &f.content_type, &f.sha256).await?;
            moves.push((f.id, f.object_key, target));
        }
        let pointed: Vec<(Uuid, String)> =
            moves.iter().map(|(id, _, to)| (*id, to.clone())).collect();
        owner(cfg, move |c| store::move_keys(c, &pointed)).await?;
        for (_, old, _) in &moves {
            store
                .delete(old)
                .await
                .map_err(|e| err(format!("{old}: {e}")))?;
        }
        moved += moves.len() as i64;
        owner(cfg, move |c| store::fold(c, &batch, now)).await?;
    }

    // the manifest: what the archive holds, recomputed from what was stored
    let digest = owner(cfg, move |c| store::digest(c, session)).await?;
    let all = owner(cfg, move |c| {
        let ids: Vec<Uuid> = {
            use diesel::prelude::*;
            use weikao_store::schema::archived_registrations as a;
            a::table
                .filter(a::session_id.eq(session))
                .select(a::registration_id)
                .load(c)?
        };
        store::files(c, &ids)
    })
    .await?;
    let manifest = serde_json::json!({
        "session_id": session,
        "session_name": s.name,
        "archived_at": now,
        "registrations": digest.registrations,
        "versions": digest.versions,
        "findings": digest.findings,
        "actions": digest.actions,
        "documents_sha256": digest.documents_sha256,
        "files": all.iter().map(|f| ManifestFile { key: f.object_key.clone(), sha256: f.sha256.clone(), bytes: f.size_bytes }).collect::<Vec<_>>(),
    });
    let body = serde_json::to_vec_pretty(&manifest).map_err(err)?;
    let manifest_sha256 = hex::encode(Sha256::digest(&body));
    let manifest_key = format!("archive/{session}/manifest.json");
    let tmp = std::env::temp_dir().join(format!("weikao-manifest-{}", Uuid::new_v4().simple()));
    std::fs::write(&tmp, &body).map_err(err)?;
    let put = store
        .put_file(&manifest_key, &tmp, "application/json")
        .await;
    let _ = std::fs::remove_file(&tmp);
    put.map_err(|e| err(format!("{manifest_key}: {e}")))?;

    let counts = serde_json::json!({
        "registrations": digest.registrations, "versions": digest.versions, "findings": digest.findings,
        "actions": digest.actions, "materials": all.len(),
    });
    let (key, sha, who) = (
        manifest_key.clone(),
        manifest_sha256.clone(),
        actor.to_string(),
    );
    let audit_counts = counts.clone();
    owner(cfg, move |c| {
        store::finish(c, session, now, &key, &sha, counts)?;
        record(
            c,
            None,
            AuditEvent::actor("cli", Some(who), "season.archive")
                .object("exam_session", session)
                .details(serde_json::json!({ "counts": audit_counts, "manifest_sha256": sha })),
        )
        .map(|_| ())
    })
    .await?;
    let report = ArchiveReport {
        at: now,
        session_id: session,
        session_name: s.name,
        registrations: digest.registrations,
        versions: digest.versions,
        findings: digest.findings,
        actions: digest.actions,
        materials: all.len() as i64,
        objects_moved: moved,
        bytes,
        manifest_key,
        manifest_sha256,
        seconds: started.elapsed().as_secs_f64(),
    };
    let path = super::reports::write(cfg, KIND, now, &report).map_err(err)?;
    Ok((report, path))
}

pub async fn cli(st: &crate::http::state::AppState, session: Uuid, actor: String) -> ExitCode {
    match run(&st.cfg, st.store.as_ref(), st.clock.now(), session, &actor).await {
        Ok((r, path)) => {
            println!(
                "archived {} ({}): {} registrations, {} versions, {} findings, {} review actions, {} files ({} moved now, {} bytes) in {:.1} s",
                r.session_name, r.session_id, r.registrations, r.versions, r.findings, r.actions, r.materials,
                r.objects_moved, r.bytes, r.seconds
            );
            println!("manifest {} sha256 {}", r.manifest_key, r.manifest_sha256);
            println!("report {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e @ ArchiveError::Failed(_)) => {
            eprintln!("weikao: archiving failed (run it again to resume): {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("weikao: {e}");
            ExitCode::from(2)
        }
    }
}
