//! Spot checks of lower levels' decisions (审核结果核验) through the real app: the exam region samples a
//! registration point's approvals, overturns one (the registration now waits at the region) and confirms
//! another; the tally per reviewer; refusals and scope.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

use crate::review_decisions::decide;

async fn version(app: &TestApp, token: &str, id: &str) -> Value {
    let (s, b) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(token))
        .await;
    assert_eq!(s, 200, "{b}");
    b["version"].clone()
}

async fn session_id(app: &TestApp, exam: &str) -> String {
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    list.as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == exam)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_region_samples_a_points_approvals_then_overturns_and_confirms() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let ids = app
        .submitted_registrations("health_tech", "41010501", 6)
        .await;
    let point = app.staff_token("point_reviewer").await;
    for id in &ids {
        let v = version(&app, &point, id).await;
        let (s, b) = decide(&app, &point, id, json!({"version": v, "action": "approve"})).await;
        assert_eq!(s, 200, "{b}");
    }
    let (_, me) = app.get("/api/v1/me", Some(&point)).await;
    let point_id = me["staff"]["id"].as_str().unwrap().to_string();
    let session = session_id(&app, "health_tech").await;
    let region = app.staff_token("region_reviewer").await;
    let site = app.staff_token("site_reviewer").await;
    let create = |body: Value, token: String| {
        let app = &app;
        async move {
            app.post("/api/v1/review/spot-checks", body, Some(&token))
                .await
        }
    };

    // refusals first: only the region, only lower levels, a sensible sample, something to sample
    let (s, _) = create(
        json!({"session_id": session, "level": "point", "sample_size": 4}),
        site.clone(),
    )
    .await;
    assert_eq!(s, 403);
    let (s, b) = create(
        json!({"session_id": session, "level": "region", "sample_size": 4}),
        region.clone(),
    )
    .await;
    assert_eq!(
        (s, b["errors"]["level"][0].as_str()),
        (422, Some("level_not_checkable")),
        "{b}"
    );
    let (s, b) = create(
        json!({"session_id": session, "level": "point", "sample_size": 0}),
        region.clone(),
    )
    .await;
    assert_eq!(
        (s, b["errors"]["sample_size"][0].as_str()),
        (422, Some("out_of_range"))
    );
    let (s, b) = create(
        json!({"session_id": session, "level": "site", "sample_size": 4}),
        region.clone(),
    )
    .await;
    assert_eq!(
        (s, b["errors"]["sample"][0].as_str()),
        (422, Some("no_decisions_match")),
        "nobody approved at the site yet"
    );
    let (s, b) = create(json!({"session_id": session, "level": "point", "sample_size": 4, "reviewer_id": uuid::Uuid::new_v4()}), region.clone()).await;
    assert_eq!(
        (s, b["errors"]["reviewer_id"][0].as_str()),
        (422, Some("reviewer_unknown"))
    );
    let (s, b) = create(
        json!({"session_id": session, "level": "point", "sample_size": 4,
        "approved_from": "2030-01-02T00:00:00Z", "approved_to": "2030-01-01T00:00:00Z"}),
        region.clone(),
    )
    .await;
    assert_eq!(
        (s, b["errors"]["approved_to"][0].as_str()),
        (422, Some("dates_out_of_order"))
    );

    // a sample of four out of the six approvals, by the point reviewer
    let (s, check) = create(
        json!({"session_id": session, "level": "point", "sample_size": 4, "reviewer_id": point_id}),
        region.clone(),
    )
    .await;
    assert_eq!(s, 201, "{check}");
    assert_eq!(
        (
            check["summary"]["population"].as_i64(),
            check["summary"]["items"].as_i64()
        ),
        (Some(6), Some(4))
    );
    let items = check["items"].as_array().unwrap().clone();
    assert!(items
        .iter()
        .all(|i| ids.contains(&i["registration_id"].as_str().unwrap().to_string())));
    assert!(items
        .iter()
        .all(|i| i["verdict"].is_null() && i["registration_status"] == "submitted"));
    // asking for more than there are draws them all
    let (s, all) = create(
        json!({"session_id": session, "level": "point", "sample_size": 50}),
        region.clone(),
    )
    .await;
    assert_eq!((s, all["items"].as_array().unwrap().len()), (201, 6));

    let check_id = check["summary"]["id"].as_str().unwrap();
    let item_url = |i: &Value| {
        format!(
            "/api/v1/review/spot-checks/{check_id}/items/{}",
            i["id"].as_str().unwrap()
        )
    };
    let (wrong, right) = (&items[0], &items[1]);
    let (s, b) = app
        .post(
            &item_url(wrong),
            json!({"verdict": "overturn"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["reason"][0].as_str()),
        (422, Some("reason_required"))
    );
    let (s, b) = app
        .post(
            &item_url(wrong),
            json!({"verdict": "overturn", "reason": "工作年限证明未盖章，不应通过"}),
            Some(&site),
        )
        .await;
    assert_eq!(s, 403, "{b}");
    let (s, done) = app
        .post(
            &item_url(wrong),
            json!({"verdict": "overturn", "reason": "工作年限证明未盖章，不应通过"}),
            Some(&region),
        )
        .await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(
        (done["verdict"].as_str(), done["effect"].as_str()),
        (Some("overturned"), Some("moved_to_region"))
    );
    let (s, b) = app
        .post(
            &item_url(wrong),
            json!({"verdict": "confirm"}),
            Some(&region),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("already_checked")));

    // the overturned registration now waits at the region: the site can no longer decide it, the region can
    let wid = wrong["registration_id"].as_str().unwrap();
    let (_, reg) = app
        .get(
            &format!("/api/v1/review/registrations/{wid}"),
            Some(&region),
        )
        .await;
    assert_eq!(
        (reg["status"].as_str(), reg["current_level"].as_str()),
        (Some("submitted"), Some("region"))
    );
    let entry = reg["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["action"] == "spot_check_overturn")
        .unwrap()
        .clone();
    assert_eq!(entry["comment"], "工作年限证明未盖章，不应通过");
    let (s, b) = decide(
        &app,
        &site,
        wid,
        json!({"version": reg["version"], "action": "approve"}),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("not_at_your_level")));
    let (s, b) = decide(&app, &region, wid, json!({"version": reg["version"], "action": "return",
        "reason_codes": ["work_certificate_missing"], "comment": "请补充盖章的工作年限证明", "comment_public": true})).await;
    assert_eq!((s, b["status"].as_str()), (200, Some("returned")), "{b}");

    let (s, ok) = app
        .post(
            &item_url(right),
            json!({"verdict": "confirm"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, ok["verdict"].as_str(), ok["effect"].as_str()),
        (200, Some("confirmed"), Some(""))
    );
    let rid = right["registration_id"].as_str().unwrap();
    let (_, reg) = app
        .get(
            &format!("/api/v1/review/registrations/{rid}"),
            Some(&region),
        )
        .await;
    assert_eq!(
        reg["current_level"], "site",
        "a confirmed approval changes nothing"
    );

    let (s, view) = app
        .get(
            &format!("/api/v1/review/spot-checks/{check_id}"),
            Some(&region),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (
            view["summary"]["confirmed"].as_i64(),
            view["summary"]["overturned"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let tally = &view["by_reviewer"][0];
    assert_eq!(tally["reviewer_id"].as_str(), Some(point_id.as_str()));
    assert_eq!(
        (
            tally["sampled"].as_i64(),
            tally["confirmed"].as_i64(),
            tally["overturned"].as_i64()
        ),
        (Some(4), Some(1), Some(1))
    );
    assert!(
        view["items"][0]["verdict"].is_null(),
        "unchecked items first"
    );

    // the list is the region's; a site reviewer sees none and cannot open one
    let (_, list) = app.get("/api/v1/review/spot-checks", Some(&region)).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    let (_, list) = app.get("/api/v1/review/spot-checks", Some(&site)).await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    let (s, _) = app
        .get(
            &format!("/api/v1/review/spot-checks/{check_id}"),
            Some(&site),
        )
        .await;
    assert_eq!(s, 404);

    let audited: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq_any(["review.spot_check.create", "review.spot_check.verdict"]))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(audited, 2 + 2);
}
