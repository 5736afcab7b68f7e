//! Supplementary materials of nurse fresh graduates through the real app: owed once paid, uploaded and
//! submitted within the window, returned and resubmitted, accepted by the exam region; reminders before the
//! deadline and expiry after it; candidates without a supplement and the refusals on the way.

use chrono::Duration;
use serde_json::{json, Value};
use uuid::Uuid;
use weikao_api_tests::TestApp;

use crate::accounts_candidate::signup;
use crate::registration_exams::{fill, start};
use crate::review_decisions::decide;

const PHONE: &str = "13912345678";
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A nurse fresh graduate registered, approved at the site and the region, and paid at the sandbox cashier.
/// Returns (candidate token, registration id, session id).
async fn paid_fresh_graduate(app: &TestApp) -> (String, String, Uuid) {
    let me = signup(app, "11010519491231002X", PHONE).await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let id = start(app, "nurse", &token).await;
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    let session_id = Uuid::parse_str(reg["session_id"].as_str().unwrap()).unwrap();
    let (_, sessions) = app.get("/api/v1/exam-sessions", None).await;
    let year = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "nurse")
        .unwrap()["year"]
        .as_i64()
        .unwrap();
    let form = json!({
        "identity": {"ethnicity": "汉族", "address": "郑州市金水区文化路 2 号"},
        "education": {"level": "dazhuan", "school": "河南护理职业学院", "major": "护理", "study_form": "full_time",
            "enrolled_on": format!("{}-09-01", year - 3), "graduated_on": format!("{year}-07-01"), "study_years": 3},
        "nurse": {"fresh_graduate": true, "school": "河南护理职业学院", "expected_graduation_on": format!("{year}-07-01"), "internship_months": 10},
        "exam": {"site_code": "410100"}
    });
    let version = fill(app, &token, &id, form).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let mut v = b["version"].clone();
    for who in ["site_reviewer", "region_reviewer"] {
        let t = app.staff_token(who).await;
        let (s, b) = decide(app, &t, &id, json!({"version": v, "action": "approve"})).await;
        assert_eq!(s, 200, "{who}: {b}");
        v = b["version"].clone();
    }
    app.state
        .clock
        .advance(Duration::days(1) + Duration::hours(1));
    let token = app.candidate_login(PHONE, "abc12345").await;
    let (s, order) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 201, "{order}");
    let cashier = order["cashier_url"].as_str().unwrap();
    let paid = app
        .http
        .post(format!("{cashier}/pay"))
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 200);
    app.worker().tick().await.unwrap();
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(reg["status"], "paid", "{reg}");
    (token, id, session_id)
}

/// Sets the session's supplement window relative to the app's clock.
async fn window(app: &TestApp, session: Uuid, opens: Duration, closes: Duration) {
    let now = app.state.clock.now();
    app.with_conn(move |c| {
        use diesel::prelude::*;
        use weikao_store::schema::exam_sessions::dsl as s;
        diesel::update(s::exam_sessions.find(session))
            .set((
                s::supplement_opens_at.eq(Some(now + opens)),
                s::supplement_closes_at.eq(Some(now + closes)),
            ))
            .execute(c)
            .unwrap();
    })
    .await;
}

async fn put_supplement(
    app: &TestApp,
    token: &str,
    id: &str,
    kind: &str,
    body: &[u8],
) -> (u16, Value) {
    let res = app
        .http
        .put(app.url(&format!(
            "/api/v1/registrations/{id}/supplement/materials/{kind}"
        )))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let s = res.status().as_u16();
    (s, res.json().await.unwrap_or(Value::Null))
}

async fn supplement(app: &TestApp, token: &str, id: &str) -> Value {
    let (s, b) = app
        .get(
            &format!("/api/v1/registrations/{id}/supplement"),
            Some(token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    b
}

/// Subjects of the e-mails queued for the candidate.
async fn mails(app: &TestApp) -> Vec<(String, String)> {
    app.with_conn(|c| {
        use diesel::prelude::*;
        use weikao_store::schema::outbox_messages::dsl as o;
        o::outbox_messages
            .filter(o::recipient.eq(format!("{PHONE}@example.com")))
            .order(o::created_at.asc())
            .select((o::subject, o::body))
            .load::<(String, String)>(c)
            .unwrap()
    })
    .await
}

fn actions(reg: &Value) -> Vec<String> {
    reg["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_fresh_graduate_supplies_the_diploma_and_the_region_rechecks_it() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let (token, id, session) = paid_fresh_graduate(&app).await;

    // owed from the payment on; the window opens tomorrow
    window(&app, session, Duration::days(1), Duration::days(10)).await;
    let sup = supplement(&app, &token, &id).await;
    assert_eq!(sup["status"], "pending");
    assert_eq!(sup["required_kinds"], json!(["diploma"]));
    assert_eq!(
        (sup["window"].as_str(), sup["can_submit"].as_bool()),
        (Some("not_open"), Some(false))
    );
    let (s, b) = put_supplement(&app, &token, &id, "diploma", PDF).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("supplement_window_not_open")),
        "{b}"
    );
    let opened = mails(&app).await;
    assert!(
        opened
            .iter()
            .any(|(_, body)| body.contains("已通过本级审核，进入下一级审核")),
        "the site's approval is e-mailed too: {opened:?}"
    );
    assert!(
        opened
            .iter()
            .any(|(subj, body)| subj.contains("补充材料") && body.contains("毕业证书")),
        "the candidate is told what to supply: {opened:?}"
    );

    window(&app, session, -Duration::hours(1), Duration::days(10)).await;
    let sup = supplement(&app, &token, &id).await;
    assert_eq!(
        (sup["window"].as_str(), sup["can_submit"].as_bool()),
        (Some("open"), Some(true))
    );
    // only the supplementary kinds; nothing submitted without them
    let (s, b) = put_supplement(&app, &token, &id, "photo", PDF).await;
    assert_eq!(
        (s, b["errors"]["kind"][0].as_str()),
        (422, Some("material_kind_not_supplementary")),
        "{b}"
    );
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/supplement/submit"),
            json!({"version": sup["version"]}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["materials.diploma"][0].as_str()),
        (422, Some("material_missing")),
        "{b}"
    );
    // the same checks as every upload: content, not name
    let (s, b) = put_supplement(&app, &token, &id, "diploma", b"<svg onload=alert(1)>").await;
    assert_eq!(s, 415, "{b}");
    let (s, diploma) = put_supplement(&app, &token, &id, "diploma", PDF).await;
    assert_eq!(
        (s, diploma["content_type"].as_str()),
        (201, Some("application/pdf")),
        "{diploma}"
    );

    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/supplement/submit"),
            json!({"version": 99}),
            Some(&token),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    let (s, sup) = app
        .post(
            &format!("/api/v1/registrations/{id}/supplement/submit"),
            json!({"version": sup["version"]}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, sup["status"].as_str()),
        (200, Some("submitted")),
        "{sup}"
    );
    assert_eq!(sup["materials"][0]["id"], diploma["id"]);
    let (s, b) = put_supplement(&app, &token, &id, "diploma", PDF).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("supplement_not_editable"))
    );

    // the region's queue lists it apart from the main review; the site may look but not decide
    let region = app.staff_token("region_reviewer").await;
    let (s, q) = app
        .get("/api/v1/review/supplements?status=submitted", Some(&region))
        .await;
    assert_eq!(s, 200, "{q}");
    assert_eq!(q["total"], 1);
    assert_eq!(q["items"][0]["registration_id"], json!(id));
    assert_eq!(q["items"][0]["candidate_name"], "王小明");
    let submitted = q["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "submitted")
        .unwrap();
    assert_eq!(submitted["count"], 1);
    let (s, b) = app
        .get("/api/v1/review/supplements?status=lost", Some(&region))
        .await;
    assert_eq!(
        (s, b["errors"]["status"][0].as_str()),
        (422, Some("status_unknown"))
    );
    let site = app.staff_token("site_reviewer").await;
    let (s, _) = app
        .get(
            &format!("/api/v1/review/registrations/{id}/supplement"),
            Some(&site),
        )
        .await;
    assert_eq!(s, 200);
    let decision = format!("/api/v1/review/registrations/{id}/supplement/decision");
    let (s, b) = app
        .post(
            &decision,
            json!({"version": sup["version"], "action": "accept"}),
            Some(&site),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (403, Some("forbidden")));

    // returned with a reason: the candidate reads it, uploads again, submits again
    let (s, b) = app
        .post(
            &decision,
            json!({"version": sup["version"], "action": "return"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["reason"][0].as_str()),
        (422, Some("reason_required"))
    );
    let (s, ret) = app
        .post(&decision, json!({"version": sup["version"], "action": "return", "reason": "毕业证书照片不清晰，请重新上传"}), Some(&region))
        .await;
    assert_eq!(
        (s, ret["status"].as_str()),
        (200, Some("returned")),
        "{ret}"
    );
    let sup = supplement(&app, &token, &id).await;
    assert_eq!(sup["reason"], "毕业证书照片不清晰，请重新上传");
    assert_eq!(sup["materials"][0]["status"], "rejected");
    assert!(sup["can_submit"].as_bool().unwrap());
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(reg["status"], "paid", "the registration itself stays paid");
    let returned = reg["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["action"] == "supplement_return")
        .unwrap();
    assert_eq!(returned["comment"], "毕业证书照片不清晰，请重新上传");
    let (s, again) = put_supplement(&app, &token, &id, "diploma", PDF).await;
    assert_eq!(s, 201);
    let (s, sup) = app
        .post(
            &format!("/api/v1/registrations/{id}/supplement/submit"),
            json!({"version": sup["version"]}),
            Some(&token),
        )
        .await;
    assert_eq!((s, sup["status"].as_str()), (200, Some("submitted")));
    assert_eq!(sup["materials"][0]["id"], again["id"]);
    assert_eq!(
        sup["materials"][0]["status"], "uploaded",
        "looked at afresh"
    );

    // accepted: a stale version is refused, then a second decision
    let (s, b) = app
        .post(
            &decision,
            json!({"version": ret["version"], "action": "accept"}),
            Some(&region),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    let (s, ok) = app
        .post(
            &decision,
            json!({"version": sup["version"], "action": "accept"}),
            Some(&region),
        )
        .await;
    assert_eq!((s, ok["status"].as_str()), (200, Some("verified")), "{ok}");
    assert_eq!(ok["materials"][0]["status"], "accepted");
    let (s, b) = app
        .post(
            &decision,
            json!({"version": ok["version"], "action": "reject", "reason": "再次决定"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("supplement_not_submitted"))
    );

    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    let acts = actions(&reg);
    let tail: Vec<&str> = acts
        .iter()
        .map(String::as_str)
        .filter(|a| a.starts_with("supplement_"))
        .collect();
    assert_eq!(
        tail,
        [
            "supplement_submit",
            "supplement_return",
            "supplement_submit",
            "supplement_accept"
        ]
    );
    let subjects = mails(&app).await;
    for word in ["被退回", "审核通过"] {
        assert!(
            subjects.iter().any(|(_, b)| b.contains(word)),
            "{word}: {subjects:?}"
        );
    }
    let audited: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq_any([
                    "supplement.decide",
                    "supplement.submit",
                    "supplement.upload",
                ]))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(
        audited,
        2 + 2 + 2,
        "two uploads, two submits, two decisions"
    );
}

#[tokio::test]
async fn owed_supplements_get_one_reminder_and_expire_at_the_deadline() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let (token, id, session) = paid_fresh_graduate(&app).await;
    window(&app, session, -Duration::hours(1), Duration::days(2)).await;
    let before = mails(&app).await.len();
    let r = app.worker().tick().await.unwrap();
    assert_eq!(
        (r.supplements_reminded, r.supplements_expired),
        (1, 0),
        "{r:?}"
    );
    let r = app.worker().tick().await.unwrap();
    assert_eq!(r.supplements_reminded, 0, "one reminder only");
    let after = mails(&app).await;
    assert_eq!(after.len(), before + 1);
    assert!(after.last().unwrap().1.contains("尚未提交"), "{after:?}");

    app.state.clock.advance(Duration::days(2));
    let r = app.worker().tick().await.unwrap();
    assert_eq!(r.supplements_expired, 1, "{r:?}");
    let token = {
        let _ = token;
        app.candidate_login(PHONE, "abc12345").await
    };
    let sup = supplement(&app, &token, &id).await;
    assert_eq!(
        (sup["status"].as_str(), sup["window"].as_str()),
        (Some("expired"), Some("closed"))
    );
    let (s, b) = put_supplement(&app, &token, &id, "diploma", PDF).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("supplement_not_editable"))
    );
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert!(actions(&reg).contains(&"supplement_expire".to_string()));
    assert!(mails(&app).await.last().unwrap().1.contains("已逾期"));
    let region = app.staff_token("region_reviewer").await;
    let (_, q) = app
        .get("/api/v1/review/supplements?status=expired", Some(&region))
        .await;
    assert_eq!(q["total"], 1);
    let r = app.worker().tick().await.unwrap();
    assert_eq!(r.supplements_expired, 0, "expired once");
}

#[tokio::test]
async fn registrations_without_a_supplement_say_so() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    // the demo nurse candidate is not a fresh graduate; her registration is not even paid
    let token = app.candidate_token("13800000005").await;
    let (_, mine) = app.get("/api/v1/registrations", Some(&token)).await;
    let id = mine[0]["id"].as_str().unwrap();
    let (s, b) = app
        .get(
            &format!("/api/v1/registrations/{id}/supplement"),
            Some(&token),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("no_supplement")));
    let (s, b) = put_supplement(&app, &token, id, "diploma", PDF).await;
    assert_eq!((s, b["code"].as_str()), (404, Some("no_supplement")));
    // someone else's registration is simply not found
    let other = app.candidate_token("13800000001").await;
    let (s, b) = app
        .get(
            &format!("/api/v1/registrations/{id}/supplement"),
            Some(&other),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("not_found")));
    let region = app.staff_token("region_reviewer").await;
    let (s, b) = app
        .get(
            &format!("/api/v1/review/registrations/{id}/supplement"),
            Some(&region),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("no_supplement")));
    let (s, b) = app
        .post(
            &format!("/api/v1/review/registrations/{id}/supplement/decision"),
            json!({"version": 1, "action": "accept"}),
            Some(&region),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("no_supplement")));
}
