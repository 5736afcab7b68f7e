//! The exam region's calendar editor through the real app: every session with its chain and windows; a valid
//! update lands (and candidates see it), a stale one is a conflict, invalid schedules name their fields, a chain
//! that drops a level still in use and unsafe status changes are refused; every change is audited.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

async fn sessions(app: &TestApp, token: &str) -> Vec<Value> {
    let (s, b) = app.get("/api/v1/admin/exam-sessions", Some(token)).await;
    assert_eq!(s, 200, "{b}");
    b.as_array().unwrap().clone()
}

/// The update body that rewrites a session exactly as it is.
fn as_is(s: &Value) -> Value {
    json!({
        "updated_at": s["updated_at"],
        "review_chain": s["review_chain"],
        "registration_opens_at": s["registration_opens_at"],
        "registration_closes_at": s["registration_closes_at"],
        "supplement_opens_at": s["supplement_opens_at"],
        "supplement_closes_at": s["supplement_closes_at"],
        "review_windows": s["review_windows"],
        "stages": s["stages"].as_array().unwrap().iter().map(|st| json!({
            "code": st["code"], "payment_opens_at": st["payment_opens_at"], "payment_closes_at": st["payment_closes_at"]
        })).collect::<Vec<_>>(),
        "status": s["status"],
        "auto_confirm_returning": s["auto_confirm_returning"],
    })
}

#[tokio::test]
async fn the_region_admin_edits_a_sessions_calendar() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("region_admin").await;
    let all = sessions(&app, &admin).await;
    assert_eq!(all.len(), 3);
    let ht = all
        .iter()
        .find(|s| s["exam_type"] == "health_tech")
        .unwrap()
        .clone();
    assert_eq!(ht["review_chain"], json!(["point", "site", "region"]));
    let levels: Vec<&str> = ht["review_windows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        levels,
        ["point", "site", "region"],
        "one window per level, in chain order"
    );
    assert!(!ht["stages"].as_array().unwrap().is_empty());
    let url = |s: &Value| {
        format!(
            "/api/v1/admin/exam-sessions/{}/schedule",
            s["id"].as_str().unwrap()
        )
    };

    // a valid change: registration closes five days later, auto-confirmation on
    let later =
        chrono::DateTime::parse_from_rfc3339(ht["registration_closes_at"].as_str().unwrap())
            .unwrap()
            + chrono::Duration::days(5);
    let mut body = as_is(&ht);
    body["registration_closes_at"] = json!(later.to_rfc3339());
    body["auto_confirm_returning"] = json!(true);
    let (s, updated) = app.put(&url(&ht), body.clone(), Some(&admin)).await;
    assert_eq!(s, 200, "{updated}");
    assert_eq!(updated["auto_confirm_returning"], true);
    assert_ne!(updated["updated_at"], ht["updated_at"]);
    let (_, public) = app
        .get(
            &format!("/api/v1/exam-sessions/{}", ht["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(public["registration_closes_at"].as_str().unwrap())
            .unwrap(),
        later,
        "candidates see the new deadline"
    );
    // the same body again is stale
    let (s, b) = app.put(&url(&ht), body, Some(&admin)).await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));

    // invalid schedules name their fields, and change nothing
    let mut bad = as_is(&updated);
    bad["review_chain"] = json!(["site", "point", "region"]);
    bad["supplement_opens_at"] = json!("2030-01-01T00:00:00Z");
    bad["supplement_closes_at"] = Value::Null;
    bad["stages"][0]["payment_closes_at"] = bad["stages"][0]["payment_opens_at"].clone();
    bad["review_windows"] = json!([updated["review_windows"][0]]);
    let (s, b) = app.put(&url(&updated), bad, Some(&admin)).await;
    assert_eq!(s, 422, "{b}");
    let e = &b["errors"];
    assert_eq!(e["review_chain"][0], "chain_out_of_order");
    assert_eq!(e["supplement_closes_at"][0], "window_incomplete");
    let stage = updated["stages"][0]["code"].as_str().unwrap();
    assert_eq!(e[format!("stages.{stage}")][0], "dates_out_of_order");
    let mut unknown = as_is(&updated);
    unknown["stages"] = json!([{"code": "nope", "payment_opens_at": "2030-01-01T00:00:00Z", "payment_closes_at": "2030-02-01T00:00:00Z"}]);
    let (s, b) = app.put(&url(&updated), unknown, Some(&admin)).await;
    assert_eq!(
        (
            s,
            b["errors"]["stages.nope"][0].as_str(),
            b["errors"]["stages"][0].as_str()
        ),
        (422, Some("stage_unknown"), Some("stages_incomplete"))
    );

    // the demo's health-tech registrations wait at the registration point: the chain cannot drop it
    let mut drop_point = as_is(&updated);
    drop_point["review_chain"] = json!(["site", "region"]);
    drop_point["review_windows"] = json!(updated["review_windows"].as_array().unwrap()[1..]);
    let (s, b) = app.put(&url(&updated), drop_point, Some(&admin)).await;
    assert_eq!((s, b["code"].as_str()), (409, Some("level_in_use")), "{b}");
    // nor go back to draft with registrations, nor be archived from here
    for (to, code) in [
        ("draft", "session_has_registrations"),
        ("archived", "archive_with_the_cli"),
    ] {
        let mut b = as_is(&updated);
        b["status"] = json!(to);
        let (s, r) = app.put(&url(&updated), b, Some(&admin)).await;
        assert_eq!((s, r["code"].as_str()), (409, Some(code)), "{to}: {r}");
    }
    let (_, still) = app.get("/api/v1/admin/exam-sessions", Some(&admin)).await;
    let still = still
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == ht["id"])
        .unwrap()
        .clone();
    assert_eq!(
        still["updated_at"], updated["updated_at"],
        "refusals change nothing"
    );

    // closing the session takes it off the candidates' list
    let mut close = as_is(&still);
    close["status"] = json!("closed");
    let (s, closed) = app.put(&url(&still), close, Some(&admin)).await;
    assert_eq!((s, closed["status"].as_str()), (200, Some("closed")));
    let (_, open) = app.get("/api/v1/exam-sessions", None).await;
    assert!(!open.as_array().unwrap().iter().any(|s| s["id"] == ht["id"]));

    // a reviewer may not, and every change is audited with before and after
    let reviewer = app.staff_token("region_reviewer").await;
    let (s, _) = app
        .get("/api/v1/admin/exam-sessions", Some(&reviewer))
        .await;
    assert_eq!(s, 403);
    let audited: Vec<serde_json::Value> = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq("session.schedule"))
                .select(a::details)
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(audited.len(), 2);
    assert_eq!(audited[0]["before"]["auto_confirm_returning"], false);
    assert_eq!(audited[0]["after"]["auto_confirm_returning"], true);
}
