//! The review workflow beyond single decisions: the reason catalog, the reviewer's detail (materials and
//! the full timeline), queue filters, batch decisions with blocking findings, statistics that add up to
//! the queue, and the Excel export read back with calamine.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

use crate::review_decisions::{decide, demo_registration};

/// Audit actions recorded so far (read through the auditor's API).
async fn audit_actions(app: &TestApp, prefix: &str) -> Vec<Value> {
    let auditor = app.staff_token("auditor").await;
    let (s, b) = app
        .get(
            &format!("/api/v1/audit/events?action={prefix}&limit=100"),
            Some(&auditor),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    b["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn decisions_use_the_reason_catalog_that_region_admins_edit() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let admin = app.staff_token("region_admin").await;

    let (s, reasons) = app.get("/api/v1/review/reasons", Some(&point)).await;
    assert_eq!(s, 200);
    let photo = reasons
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "photo_blurred")
        .expect("seeded reason");
    assert_eq!(
        (photo["target"].as_str(), photo["subject"].as_str()),
        (Some("material"), Some("photo"))
    );

    let (id, v) = demo_registration(&app, &point).await;
    let (s, b) = decide(
        &app,
        &point,
        &id,
        json!({"version": v, "action": "return", "reason_codes": ["made_up_reason"]}),
    )
    .await;
    assert_eq!(
        (s, b["errors"]["reason_codes"][0].as_str()),
        (422, Some("reason_code_unknown")),
        "{b}"
    );

    // a region admin adds a reason; reviewers can use it at once
    let (s, b) = app
        .put("/api/v1/admin/review-reasons/seal_missing", json!({"label": "工作证明未加盖单位公章", "target": "material", "subject": "work_years_certificate", "sort": 45}), Some(&admin))
        .await;
    assert_eq!(s, 200, "{b}");
    // reviewers cannot edit the catalog; bad input is refused field by field
    let (s, _) = app
        .put(
            "/api/v1/admin/review-reasons/x_y",
            json!({"label": "x", "target": "general"}),
            Some(&point),
        )
        .await;
    assert_eq!(s, 403);
    let (s, b) = app
        .put(
            "/api/v1/admin/review-reasons/x_y",
            json!({"label": "x", "target": "material", "subject": "selfie"}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["subject"][0].as_str()),
        (422, Some("subject_invalid"))
    );
    let (s, b) = app
        .put(
            "/api/v1/admin/review-reasons/Bad-Code",
            json!({"label": "x", "target": "general"}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["code"][0].as_str()),
        (422, Some("reason_code_invalid"))
    );

    let (s, b) = decide(&app, &point, &id, json!({"version": v, "action": "return", "reason_codes": ["seal_missing"],
        "returned_materials": ["work_years_certificate"], "comment": "内部备注：联系单位", "comment_public": false})).await;
    assert_eq!((s, b["status"].as_str()), (200, Some("returned")), "{b}");

    // retired reasons are no longer offered nor accepted, but past decisions keep their code
    let (s, _) = app
        .put("/api/v1/admin/review-reasons/seal_missing", json!({"label": "工作证明未加盖单位公章", "target": "material", "subject": "work_years_certificate", "active": false}), Some(&admin))
        .await;
    assert_eq!(s, 200);
    let (_, list) = app.get("/api/v1/review/reasons", Some(&point)).await;
    assert!(!list
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "seal_missing"));
    let (_, all) = app
        .get("/api/v1/review/reasons?include_inactive=true", Some(&admin))
        .await;
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "seal_missing" && r["active"] == false));

    // the reviewer's detail: the whole timeline, internal comment included
    let (s, d) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&point))
        .await;
    assert_eq!(s, 200);
    assert!(d["materials"].is_array());
    let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "return");
    assert_eq!(last["reason_codes"][0], "seal_missing");
    assert_eq!(
        (last["comment"].as_str(), last["comment_public"].as_bool()),
        (Some("内部备注：联系单位"), Some(false))
    );
    // ... which the candidate does not see
    let cand = app.candidate_token("13800000001").await;
    let (_, mine) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&cand))
        .await;
    assert!(mine["timeline"].as_array().unwrap().last().unwrap()["comment"].is_null());

    let puts = audit_actions(&app, "review.reason_put").await;
    assert_eq!(puts.len(), 2, "both catalog edits are audited: {puts:?}");
}

/// Makes active bans block in the health-tech session and bans the candidate with this ID number.
async fn ban(app: &TestApp, id_number: &str) {
    app.with_conn(|c| {
        use diesel::prelude::*;
        diesel::sql_query(
            "UPDATE exam_sessions SET settings = jsonb_set(settings, '{verification}', '{\"ban_blocks\": true}')
             WHERE exam_type = 'health_tech'",
        )
        .execute(c)
        .unwrap();
    })
    .await;
    let year: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::exam_sessions::dsl as s;
            s::exam_sessions
                .filter(s::exam_type.eq("health_tech"))
                .select(s::year)
                .first::<i32>(c)
                .unwrap() as i64
        })
        .await;
    let admin = app.staff_token("region_admin").await;
    let csv = format!(
        "身份证号,姓名,考试类别,处理类型,起始年度,截止年度\n{id_number},批量考生000,health_tech,integrity_5y,{},\n",
        year - 1
    );
    let (s, b) = app
        .import_library(&admin, "violations", "", csv.into_bytes())
        .await;
    assert_eq!(s, 201, "{b}");
    // the worker re-verifies the affected registration
    app.worker().tick().await.unwrap();
}

#[tokio::test]
async fn batch_approval_skips_blocked_registrations_unless_overridden_with_a_reason() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app
        .submitted_registrations("health_tech", "41010501", 4)
        .await;
    let banned = weikao_app::seed::demo_id_number("410105", "19930101", 500);
    ban(&app, &banned).await;
    let point = app.staff_token("point_reviewer").await;

    // the queue filter finds the blocked one
    let (s, q) = app
        .get(
            "/api/v1/review/registrations?severity=block&pending=true",
            Some(&point),
        )
        .await;
    assert_eq!(s, 200, "{q}");
    assert_eq!(q["total"], 1, "{q}");
    assert_eq!(q["items"][0]["id"].as_str(), Some(ids[0].as_str()));
    let (_, q) = app
        .get(
            "/api/v1/review/registrations?rule_code=violation_active",
            Some(&point),
        )
        .await;
    assert_eq!(q["total"], 1);

    let ly_reg = {
        let ly = app.staff_token("site_reviewer_ly").await;
        let (_, q) = app.get("/api/v1/review/registrations", Some(&ly)).await;
        q["items"][0]["id"].as_str().unwrap().to_string()
    };
    let missing = uuid::Uuid::new_v4().to_string();
    let mut selection = ids.clone();
    selection.push(ly_reg.clone());
    selection.push(missing.clone());
    selection.push(ids[1].clone()); // a duplicate in the selection is decided once
    let (s, b) = app
        .post(
            "/api/v1/review/batch-decisions",
            json!({"action": "approve", "ids": selection, "comment": "批量审核"}),
            Some(&point),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (
            b["matched"].as_i64(),
            b["decided"].as_i64(),
            b["skipped"].as_i64()
        ),
        (Some(6), Some(3), Some(3)),
        "{b}"
    );
    let outcome = |id: &str| {
        b["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(outcome(&ids[0])["code"], "blocking_findings");
    assert!(outcome(&ids[0])["detail"]
        .as_str()
        .unwrap()
        .contains("violation_active"));
    assert_eq!(
        outcome(&ly_reg)["code"],
        "not_found",
        "another scope's registration is not touched"
    );
    assert_eq!(outcome(&missing)["code"], "not_found");
    for id in &ids[1..] {
        let o = outcome(id);
        assert_eq!(
            (
                o["outcome"].as_str(),
                o["status"].as_str(),
                o["current_level"].as_str()
            ),
            (Some("decided"), Some("submitted"), Some("site"))
        );
    }

    // an override needs a reason
    let (s, b) = app
        .post(
            "/api/v1/review/batch-decisions",
            json!({"action": "approve", "ids": [ids[0]], "override_blocking": true}),
            Some(&point),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["override_reason"][0].as_str()),
        (422, Some("override_reason_required"))
    );
    let (s, b) = app
        .post("/api/v1/review/batch-decisions", json!({"action": "approve", "ids": [ids[0]], "override_blocking": true, "override_reason": "考区已核实处分已撤销"}), Some(&point))
        .await;
    assert_eq!((s, b["decided"].as_i64()), (200, Some(1)), "{b}");
    let site = app.staff_token("site_reviewer").await;
    let (_, d) = app
        .get(
            &format!("/api/v1/review/registrations/{}", ids[0]),
            Some(&site),
        )
        .await;
    let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["override_reason"].as_str()),
        (Some("approve"), Some("考区已核实处分已撤销"))
    );

    // a second batch over the same items: they no longer wait at the point
    let (_, b) = app
        .post(
            "/api/v1/review/batch-decisions",
            json!({"action": "approve", "ids": [ids[1]]}),
            Some(&point),
        )
        .await;
    assert_eq!(b["items"][0]["code"], "not_at_your_level");
    let decisions = audit_actions(&app, "review.decide").await;
    assert_eq!(
        decisions.len(),
        4,
        "every decided item is audited, skipped ones are not"
    );
}

#[tokio::test]
async fn batch_return_by_filter_and_malformed_batches() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app
        .submitted_registrations("health_tech", "41010501", 3)
        .await;
    let point = app.staff_token("point_reviewer").await;
    let post = |body: Value| {
        let (app, point) = (&app, point.clone());
        async move {
            app.post("/api/v1/review/batch-decisions", body, Some(&point))
                .await
        }
    };
    let (s, b) = post(json!({"action": "approve"})).await;
    assert_eq!(
        (s, b["errors"]["ids"][0].as_str()),
        (422, Some("selection_required"))
    );
    let (s, b) = post(json!({"action": "approve", "ids": [ids[0]], "filter": {}})).await;
    assert_eq!(
        (s, b["errors"]["ids"][0].as_str()),
        (422, Some("selection_required"))
    );
    let (s, b) = post(json!({"action": "approve", "ids": []})).await;
    assert_eq!(
        (s, b["errors"]["ids"][0].as_str()),
        (422, Some("selection_required"))
    );
    let many: Vec<String> = (0..501).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let (s, b) = post(json!({"action": "approve", "ids": many})).await;
    assert_eq!(
        (s, b["errors"]["ids"][0].as_str()),
        (422, Some("selection_too_large"))
    );
    let (s, b) =
        post(json!({"action": "reject", "ids": [ids[0]], "reason_codes": ["other"]})).await;
    assert_eq!(
        (s, b["errors"]["action"][0].as_str()),
        (422, Some("batch_action_unsupported"))
    );
    let (s, b) = post(json!({"action": "return", "ids": [ids[0]]})).await;
    assert_eq!(
        (s, b["errors"]["reason_codes"][0].as_str()),
        (422, Some("reason_required"))
    );
    let (s, b) = post(json!({"action": "return", "ids": [ids[0]], "reason_codes": ["nope"]})).await;
    assert_eq!(
        (s, b["errors"]["reason_codes"][0].as_str()),
        (422, Some("reason_code_unknown"))
    );
    let (s, b) = post(json!({"action": "approve", "filter": {"submitted_from": "2030-01-01T00:00:00Z", "submitted_to": "2020-01-01T00:00:00Z"}})).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_query")));
    let (s, _) = app
        .post(
            "/api/v1/review/batch-decisions",
            json!({"action": "approve", "ids": [ids[0]]}),
            Some(&app.staff_token("region_admin").await),
        )
        .await;
    assert_eq!(s, 403, "administrators do not decide");

    // return everything of the filter waiting at the point: the three batch candidates, not 张晓燕
    let (s, b) = post(json!({"action": "return", "filter": {"q": "批量考生"}, "reason_codes": ["photo_blurred"],
        "returned_materials": ["photo"], "comment": "请重新上传近期免冠照片", "comment_public": true})).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (b["matched"].as_i64(), b["decided"].as_i64()),
        (Some(3), Some(3)),
        "{b}"
    );
    for id in &ids {
        let (_, d) = app
            .get(&format!("/api/v1/review/registrations/{id}"), Some(&point))
            .await;
        assert_eq!(d["status"], "returned");
        let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["returned_materials"][0], "photo");
    }
    let (_, q) = app
        .get("/api/v1/review/registrations?pending=true", Some(&point))
        .await;
    assert_eq!(q["total"], 1, "the demo registration still waits: {q}");
}

#[tokio::test]
async fn statistics_add_up_to_the_queue_counts() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app
        .submitted_registrations("health_tech", "41010501", 3)
        .await;
    let point = app.staff_token("point_reviewer").await;
    let (_, b) = app
        .post(
            "/api/v1/review/batch-decisions",
            json!({"action": "approve", "ids": [ids[0], ids[1]]}),
            Some(&point),
        )
        .await;
    assert_eq!(b["decided"], 2);
    let (id, v) = demo_registration(&app, &point).await;
    let (s, _) = decide(
        &app,
        &point,
        &id,
        json!({"version": v, "action": "return", "reason_codes": ["other"]}),
    )
    .await;
    assert_eq!(s, 200);

    for who in [
        "region_admin",
        "site_reviewer",
        "point_reviewer",
        "site_reviewer_ly",
    ] {
        let token = app.staff_token(who).await;
        let (s, st) = app.get("/api/v1/review/statistics", Some(&token)).await;
        assert_eq!(s, 200, "{st}");
        let (_, queue) = app.get("/api/v1/review/registrations", Some(&token)).await;
        assert_eq!(
            st["total"], queue["total"],
            "{who}: statistics total = queue total"
        );
        let sum = |key: &str| -> i64 {
            st[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["count"].as_i64().unwrap())
                .sum()
        };
        assert_eq!(sum("by_status"), st["total"].as_i64().unwrap(), "{who}");
        assert_eq!(sum("by_org"), st["total"].as_i64().unwrap(), "{who}");
        assert_eq!(sum("by_specialty"), st["total"].as_i64().unwrap(), "{who}");
        let days: i64 = st["by_day"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["submitted"].as_i64().unwrap())
            .sum();
        assert_eq!(
            days,
            st["total"].as_i64().unwrap(),
            "{who}: every registration here was submitted"
        );
        let mut statuses: Vec<&str> = st["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["status"].as_str().unwrap())
            .collect();
        statuses.dedup();
        for status in statuses {
            let (_, q) = app
                .get(
                    &format!("/api/v1/review/registrations?status={status}"),
                    Some(&token),
                )
                .await;
            let n: i64 = st["by_status"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|x| x["status"] == status)
                .map(|x| x["count"].as_i64().unwrap())
                .sum();
            assert_eq!(q["total"].as_i64(), Some(n), "{who}: status {status}");
        }
    }
    // the point's own view: two approvals and one return by the point reviewer, one pending at the point
    let (_, st) = app.get("/api/v1/review/statistics", Some(&point)).await;
    let me = &st["reviewers"][0];
    assert_eq!(
        (
            me["approved"].as_i64(),
            me["returned"].as_i64(),
            me["rejected"].as_i64()
        ),
        (Some(2), Some(1), Some(0)),
        "{st}"
    );
    let (_, pending) = app
        .get("/api/v1/review/registrations?pending=true", Some(&point))
        .await;
    let at_point: i64 = st["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "point")
        .map(|d| d["pending"].as_i64().unwrap())
        .sum();
    assert_eq!(at_point, pending["total"].as_i64().unwrap());
    assert_eq!(at_point, 1);
    let (s, b) = app
        .get("/api/v1/review/statistics?session_id=nope", Some(&point))
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_query")));
}

fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

async fn export(app: &TestApp, token: &str, query: &str) -> (u16, Vec<u8>) {
    let res = app
        .http
        .get(app.url(&format!("/api/v1/review/registrations/export?{query}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let s = res.status().as_u16();
    if s == 200 {
        assert_eq!(
            res.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
    }
    (s, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_queue_exports_to_excel_masked_unless_revealed_and_audited() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    app.submitted_registrations("health_tech", "41010501", 5)
        .await;
    let site = app.staff_token("site_reviewer").await;
    let (_, queue) = app
        .get(
            "/api/v1/review/registrations?q=批量考生&sort=name",
            Some(&site),
        )
        .await;
    assert_eq!(queue["total"], 5);
    assert_eq!(
        queue["items"][0]["candidate_name"], "批量考生000",
        "sorted by name"
    );

    let (s, bytes) = export(&app, &site, "q=批量考生").await;
    assert_eq!(s, 200);
    let rows = xlsx_rows(&bytes);
    assert_eq!(rows[0][..3], ["序号", "姓名", "证件号码"]);
    assert_eq!(rows.len(), 6, "header + one row per registration");
    let mut names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "批量考生000",
            "批量考生001",
            "批量考生002",
            "批量考生003",
            "批量考生004"
        ]
    );
    for r in &rows[1..] {
        assert!(r[2].contains('*'), "masked: {}", r[2]);
        assert_eq!(r[4], "203", "specialty code as text");
        assert_eq!(r[6], "待审核");
        assert_eq!(
            r[8], "金水区卫生健康委员会报名点",
            "registration point name: {r:?}"
        );
    }
    // the site reviewer may reveal: full numbers; the point reviewer may not
    let (s, bytes) = export(&app, &site, "q=批量考生&reveal=true").await;
    assert_eq!(s, 200);
    let rows = xlsx_rows(&bytes);
    let expected = weikao_app::seed::demo_id_number("410105", "19930101", 500);
    assert!(rows[1..].iter().any(|r| r[2] == expected), "{rows:?}");
    let point = app.staff_token("point_reviewer").await;
    let (s, _) = export(&app, &point, "reveal=true").await;
    assert_eq!(s, 403);
    // filters apply; a filter matching nothing gives just the header
    let (_, bytes) = export(&app, &site, "status=approved").await;
    assert_eq!(xlsx_rows(&bytes).len(), 1);
    let (s, _) = export(&app, &site, "severity=fatal").await;
    assert_eq!(s, 400);
    let events = audit_actions(&app, "review.export").await;
    let outcomes: Vec<(&str, bool)> = events
        .iter()
        .map(|e| {
            (
                e["outcome"].as_str().unwrap(),
                e["details"]["revealed"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(outcomes.len(), 4, "{events:?}");
    assert!(outcomes.contains(&("denied", false)));
    assert!(outcomes.contains(&("success", true)));
}

#[tokio::test]
async fn overdue_work_surfaces_to_the_level_above_which_takes_it_over() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app
        .submitted_registrations("health_tech", "41010501", 2)
        .await;
    let point = app.staff_token("point_reviewer").await;
    let (_, b) = app
        .post(
            "/api/v1/review/batch-decisions",
            json!({"action": "approve", "ids": [ids[0]]}),
            Some(&point),
        )
        .await;
    assert_eq!(b["decided"], 1);
    let (_, q) = app
        .get("/api/v1/review/registrations?overdue=true", Some(&point))
        .await;
    assert_eq!(q["total"], 0, "nothing is overdue before the deadline");

    // the point's deadline (20 days after seeding) passes; the site's (22 days) has not
    app.state.clock.advance(chrono::Duration::days(21));
    let point = app.staff_token("point_reviewer").await;
    let (_, q) = app
        .get("/api/v1/review/registrations?pending=true", Some(&point))
        .await;
    assert_eq!(q["total"], 2, "{q}");
    assert!(q["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["overdue"] == true));
    let v = q["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == ids[1].as_str())
        .unwrap()["version"]
        .clone();
    let (s, b) = decide(
        &app,
        &point,
        &ids[1],
        json!({"version": v, "action": "approve"}),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("review_window_closed")));

    let site = app.staff_token("site_reviewer").await;
    let (_, q) = app
        .get(
            "/api/v1/review/registrations?overdue=true&q=批量考生",
            Some(&site),
        )
        .await;
    assert_eq!(
        q["total"], 1,
        "the point's pending batch item, not the one approved in time: {q}"
    );
    assert_eq!(q["items"][0]["id"].as_str(), Some(ids[1].as_str()));
    // everything overdue in the site's scope: the point items and the nurse item waiting at the site itself
    let (_, all) = app
        .get("/api/v1/review/registrations?overdue=true", Some(&site))
        .await;
    let levels: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["current_level"].as_str().unwrap())
        .collect();
    assert!(
        levels.contains(&"point") && levels.contains(&"site"),
        "{all}"
    );
    // the site item approved in time is not overdue
    let (_, mine) = app
        .get("/api/v1/review/registrations?pending=true", Some(&site))
        .await;
    assert_eq!(mine["items"][0]["id"].as_str(), Some(ids[0].as_str()));
    assert_eq!(mine["items"][0]["overdue"], false);

    // the site takes over: its approval moves the registration on as if it had waited at the site
    let (s, b) = decide(
        &app,
        &site,
        &ids[1],
        json!({"version": v, "action": "approve"}),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (b["status"].as_str(), b["current_level"].as_str()),
        (Some("submitted"), Some("region"))
    );
    let (_, d) = app
        .get(
            &format!("/api/v1/review/registrations/{}", ids[1]),
            Some(&site),
        )
        .await;
    assert_eq!(
        d["timeline"].as_array().unwrap().last().unwrap()["level"],
        "site"
    );
    let took: Vec<Value> = audit_actions(&app, "review.decide").await;
    assert!(
        took.iter()
            .any(|e| e["details"]["took_over_from"] == "point"),
        "{took:?}"
    );

    // the region's overview flags the point's deadline with what is still pending there
    let region = app.staff_token("region_reviewer").await;
    let (_, st) = app.get("/api/v1/review/statistics", Some(&region)).await;
    let point_deadline = st["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["level"] == "point" && d["pending"].as_i64().unwrap() > 0)
        .cloned()
        .expect("point deadline");
    assert_eq!(point_deadline["overdue"], true);
}

#[tokio::test]
async fn special_item_queues_list_registrations_by_their_findings() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app
        .submitted_registrations("health_tech", "41010501", 3)
        .await;
    let point = app.staff_token("point_reviewer").await;
    // verified on demand: the unit code of the demo forms is not in the (empty) institution library
    for id in &ids[..2] {
        let (s, b) = app
            .post(
                &format!("/api/v1/review/registrations/{id}/verify"),
                json!({}),
                Some(&point),
            )
            .await;
        assert_eq!(s, 200, "{b}");
    }
    let (s, q) = app
        .get(
            "/api/v1/review/registrations?special=manual_unit",
            Some(&point),
        )
        .await;
    assert_eq!(s, 200, "{q}");
    let mut got: Vec<&str> = q["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    got.sort();
    let mut want: Vec<&str> = ids[..2].iter().map(String::as_str).collect();
    want.sort();
    assert_eq!(got, want);
    let (_, q) = app
        .get(
            "/api/v1/review/registrations?special=front_line",
            Some(&point),
        )
        .await;
    assert_eq!(q["total"], 0);
    let (s, b) = app
        .get(
            "/api/v1/review/registrations?special=everything",
            Some(&point),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (400, Some("invalid_query")));
}

#[tokio::test]
async fn the_region_reopens_an_approved_registration_before_payment() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = crate::payments::approved(&app).await;
    let region = app.staff_token("region_reviewer").await;
    let site = app.staff_token("site_reviewer").await;
    let (_, d) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&region))
        .await;
    let v = d["version"].as_i64().unwrap();
    let url = format!("/api/v1/review/registrations/{id}/reopen");

    let (s, _) = app
        .post(
            &url,
            json!({"version": v, "reason": "发现学历证书存疑"}),
            Some(&site),
        )
        .await;
    assert_eq!(s, 403, "only the exam region reopens");
    let (s, b) = app
        .post(&url, json!({"version": v, "reason": "短"}), Some(&region))
        .await;
    assert_eq!(
        (s, b["errors"]["reason"][0].as_str()),
        (422, Some("reason_length"))
    );
    let (s, b) = app
        .post(
            &url,
            json!({"version": v - 1, "reason": "发现学历证书存疑"}),
            Some(&region),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    let (s, b) = app
        .post(
            &url,
            json!({"version": v, "reason": "发现学历证书存疑"}),
            Some(&region),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (b["status"].as_str(), b["current_level"].as_str()),
        (Some("submitted"), Some("region"))
    );
    let v = b["version"].as_i64().unwrap();
    // not approved any more: a second reopen is refused
    let (s, b) = app
        .post(
            &url,
            json!({"version": v, "reason": "再次开启"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_not_pending"))
    );
    let (_, d) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&region))
        .await;
    let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["comment"].as_str()),
        (Some("reopen"), Some("发现学历证书存疑"))
    );
    assert_eq!(audit_actions(&app, "review.reopen").await.len(), 1);

    // approved again and an order opened: reopening would race the payment
    let (s, b) = decide(
        &app,
        &region,
        &id,
        json!({"version": v, "action": "approve"}),
    )
    .await;
    assert_eq!((s, b["status"].as_str()), (200, Some("approved")), "{b}");
    let v = b["version"].as_i64().unwrap();
    app.state
        .clock
        .advance(chrono::Duration::days(1) + chrono::Duration::hours(1));
    let cand = app.candidate_token("13800000001").await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&cand),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let region = app.staff_token("region_reviewer").await;
    let (s, b) = app
        .post(
            &url,
            json!({"version": v, "reason": "发现学历证书存疑"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("payment_in_progress")),
        "{b}"
    );
}

/// A returning health-tech candidate's form: the demo education and work, specialty 201 at the 师 level.
fn returning_form(archive: &str, school: &str) -> Value {
    let mut f = crate::registration_exams::common();
    f["education"]["school"] = json!(school);
    f["exam"] = json!({"level_code": "practitioner", "specialty_code": "201", "subject_codes": ["related"],
        "archive_number": archive, "site_code": "410300", "point_code": "41030502"});
    f
}

async fn set_auto_confirm(app: &TestApp, on: bool) {
    app.with_conn(move |c| {
        use diesel::prelude::*;
        diesel::sql_query(format!(
            "UPDATE exam_sessions SET settings = jsonb_set(settings, '{{review}}', '{{\"auto_confirm_returning\": {on}}}')
             WHERE exam_type = 'health_tech'"
        ))
        .execute(c)
        .unwrap();
    })
    .await;
}

#[tokio::test]
async fn unchanged_returning_candidates_are_auto_confirmed_and_reviewers_see_what_changed() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    set_auto_confirm(&app, true).await;
    let admin = app.staff_token("region_admin").await;
    let y = crate::libraries::exam_year(&app).await;
    let ids: Vec<String> = (0..3)
        .map(|i| weikao_api_tests::resident_id(&format!("4103051990010101{i}")))
        .collect();
    let (s, b) = app
        .import_library(&admin, "institutions", "", "机构代码,机构名称,所属地区,机构类型\n41030000000000002X,洛阳市中心医院,410300,hospital\n".as_bytes().to_vec())
        .await;
    assert_eq!(s, 201, "{b}");
    let mut csv = "身份证号,姓名,考试年度,考试类别,级别代码,专业代码,档案号,通过科目,学历,毕业学校,所学专业\n".to_string();
    for (i, idn) in ids.iter().enumerate() {
        csv += &format!("{idn},王小明,{},health_tech,practitioner,201,A20261{i:02},basic,benke,河南科技大学,临床医学\n", y - 1);
    }
    let (s, b) = app
        .import_library(&admin, "history", "", csv.into_bytes())
        .await;
    assert_eq!(s, 201, "{b}");

    // unchanged: confirmed by the system at submission
    let same = crate::libraries::submit(
        &app,
        &ids[0],
        "13900002001",
        "health_tech",
        returning_form("A2026100", "河南科技大学"),
    )
    .await;
    let (_, d) = app
        .get(
            &format!("/api/v1/review/registrations/{same}"),
            Some(&admin),
        )
        .await;
    let findings: Vec<Value> = app
        .get(
            &format!("/api/v1/review/registrations/{same}/findings"),
            Some(&admin),
        )
        .await
        .1
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(d["status"], "approved", "{d}\nfindings: {findings:?}");
    let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["actor_kind"].as_str()),
        (Some("auto_confirm"), Some("system"))
    );
    assert_eq!(d["history_changes"].as_array().unwrap().len(), 0);
    assert_eq!(audit_actions(&app, "review.auto_confirm").await.len(), 1);

    // a changed school goes to the reviewers, who see the difference from the history
    let changed = crate::libraries::submit(
        &app,
        &ids[1],
        "13900002002",
        "health_tech",
        returning_form("A2026101", "郑州大学"),
    )
    .await;
    let (_, d) = app
        .get(
            &format!("/api/v1/review/registrations/{changed}"),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (d["status"].as_str(), d["current_level"].as_str()),
        (Some("submitted"), Some("point"))
    );
    let change = &d["history_changes"][0];
    assert_eq!(
        (
            change["field"].as_str(),
            change["before"].as_str(),
            change["after"].as_str()
        ),
        (
            Some("education.school"),
            Some("河南科技大学"),
            Some("郑州大学")
        ),
        "{d}"
    );

    // without the session's consent nothing is auto-confirmed
    set_auto_confirm(&app, false).await;
    let off = crate::libraries::submit(
        &app,
        &ids[2],
        "13900002003",
        "health_tech",
        returning_form("A2026102", "河南科技大学"),
    )
    .await;
    let (_, d) = app
        .get(&format!("/api/v1/review/registrations/{off}"), Some(&admin))
        .await;
    assert_eq!(d["status"], "submitted");
}

#[tokio::test]
async fn after_a_correction_reviewers_see_the_fields_that_changed() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let (id, v) = demo_registration(&app, &point).await;
    let (_, d) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&point))
        .await;
    assert_eq!(
        d["version_changes"].as_array().unwrap().len(),
        0,
        "a first submission has nothing to compare"
    );
    let (s, _) = decide(&app, &point, &id, json!({"version": v, "action": "return", "reason_codes": ["school_name_mismatch"], "returned_fields": ["education"]})).await;
    assert_eq!(s, 200);
    let cand = app.candidate_token("13800000001").await;
    let (_, mine) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&cand))
        .await;
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": mine["version"], "form": {"education": {"school": "新乡医学院"}}}),
            Some(&cand),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    app.upload_required_materials(&cand, &id).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": b["version"]}),
            Some(&cand),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let (_, d) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&point))
        .await;
    let changes = d["version_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        (changes[0]["field"].as_str(), changes[0]["after"].as_str()),
        (Some("education.school"), Some("新乡医学院"))
    );
}

#[tokio::test]
async fn the_abnormal_data_list_finds_stuck_registrations_within_the_scope() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let mut ids = app
        .submitted_registrations("health_tech", "41010501", 3)
        .await;
    // the demo nurse registration (Jinshui point): the nurse chain is site → region
    let point = app.staff_token("point_reviewer").await;
    let (_, q) = app
        .get("/api/v1/review/registrations?q=阿依古丽", Some(&point))
        .await;
    ids[0] = q["items"][0]["id"].as_str().unwrap().to_string();
    // states the normal flow never produces (a changed chain, a hand-made fix, a window that closed unpaid)
    let (a, b, c) = (ids[0].clone(), ids[1].clone(), ids[2].clone());
    app.with_conn(move |conn| {
        use diesel::prelude::*;
        for sql in [
            format!("UPDATE registrations SET current_level = 'point' WHERE id = '{a}'"),
            format!("UPDATE registrations SET status = 'paid', current_level = NULL WHERE id = '{b}'"),
            format!("UPDATE registrations SET status = 'approved', current_level = NULL, final_decision_at = now() WHERE id = '{c}'"),
            format!("UPDATE exam_stages SET payment_opens_at = now() - interval '10 days', payment_closes_at = now() - interval '1 day'
                     WHERE session_id = (SELECT session_id FROM registrations WHERE id = '{c}') AND seq = 1"),
        ] {
            diesel::sql_query(sql).execute(conn).unwrap();
        }
    })
    .await;
    let kinds = |report: &Value| -> Vec<(String, i64, Vec<String>)> {
        report["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                (
                    k["kind"].as_str().unwrap().to_string(),
                    k["count"].as_i64().unwrap(),
                    k["registrations"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| r["id"].as_str().unwrap().to_string())
                        .collect(),
                )
            })
            .collect()
    };
    let admin = app.staff_token("region_admin").await;
    let (s, report) = app.get("/api/v1/review/abnormal", Some(&admin)).await;
    assert_eq!(s, 200, "{report}");
    let found = kinds(&report);
    assert_eq!(
        found.len(),
        5,
        "every kind is listed, also when empty: {report}"
    );
    let of = |k: &str| found.iter().find(|f| f.0 == k).cloned().unwrap();
    assert_eq!(
        of("level_not_in_chain"),
        ("level_not_in_chain".into(), 1, vec![ids[0].clone()])
    );
    assert_eq!(
        of("paid_without_paid_order"),
        ("paid_without_paid_order".into(), 1, vec![ids[1].clone()])
    );
    assert_eq!(
        of("approved_unpaid_after_window"),
        (
            "approved_unpaid_after_window".into(),
            1,
            vec![ids[2].clone()]
        )
    );
    assert_eq!(of("paid_order_not_applied").1, 0);
    assert_eq!(of("order_stuck_open").1, 0);
    // the point sees its own; Luoyang sees none of Zhengzhou's
    let (_, r) = app.get("/api/v1/review/abnormal", Some(&point)).await;
    assert_eq!(kinds(&r).iter().map(|k| k.1).sum::<i64>(), 3);
    let ly = app.staff_token("site_reviewer_ly").await;
    let (_, r) = app.get("/api/v1/review/abnormal", Some(&ly)).await;
    assert_eq!(kinds(&r).iter().map(|k| k.1).sum::<i64>(), 0, "{r}");
    let (s, _) = app
        .get(
            "/api/v1/review/abnormal",
            Some(&app.staff_token("auditor").await),
        )
        .await;
    assert_eq!(s, 403);
}
