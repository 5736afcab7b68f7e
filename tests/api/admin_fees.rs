//! A session's fee table through the real app: the region admin prices a level above the session-wide row
//! and candidates' quotes follow (integer fen, computed by the server); bad keys name their fields; once
//! payment of a stage has begun its prices stay; changes are audited.

use chrono::Duration;
use serde_json::json;
use weikao_api_tests::TestApp;

use crate::payments::approved;

async fn quote(app: &TestApp, cand: &str, id: &str) -> i64 {
    let (_, r) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(cand))
        .await;
    r["fee"]["total_fen"].as_i64().unwrap()
}

#[tokio::test]
async fn the_region_admin_prices_a_level_and_quotes_follow_until_payment_begins() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("region_admin").await;
    let (_, sessions) = app.get("/api/v1/admin/exam-sessions", Some(&admin)).await;
    let ht = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "health_tech")
        .unwrap()
        .clone();
    let url = format!(
        "/api/v1/admin/exam-sessions/{}/fees",
        ht["id"].as_str().unwrap()
    );
    let (s, fees) = app.get(&url, Some(&admin)).await;
    assert_eq!(s, 200, "{fees}");
    let base = fees
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["level_code"].is_null())
        .unwrap()
        .clone();
    assert_eq!(
        (base["unit"].as_str(), base["amount_fen"].as_i64()),
        (Some("per_subject"), Some(7000))
    );

    // the demo candidate 张晓燕 takes four subjects of 203 at the 师 (practitioner) level: 4 × 70.00
    let cand = app.candidate_token("13800000001").await;
    let (_, mine) = app.get("/api/v1/registrations", Some(&cand)).await;
    let id = mine
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["exam_type"] == "health_tech")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(quote(&app, &cand, &id).await, 28000);

    for (body, field, code) in [
        (
            json!({"stage_code": "nope", "unit": "per_subject", "amount_fen": 1}),
            "stage_code",
            "stage_unknown",
        ),
        (
            json!({"stage_code": "main", "level_code": "nope", "unit": "per_subject", "amount_fen": 1}),
            "level_code",
            "level_unknown",
        ),
        (
            json!({"stage_code": "main", "specialty_code": "999", "unit": "per_subject", "amount_fen": 1}),
            "specialty_code",
            "specialty_unknown",
        ),
        (
            json!({"stage_code": "main", "unit": "per_hour", "amount_fen": 1}),
            "unit",
            "unit_unknown",
        ),
        (
            json!({"stage_code": "main", "unit": "per_subject", "amount_fen": -1}),
            "amount_fen",
            "out_of_range",
        ),
        (
            json!({"stage_code": "main", "unit": "per_subject", "amount_fen": 1, "exam_format": "oral"}),
            "exam_format",
            "exam_format_unknown",
        ),
    ] {
        let (s, b) = app.put(&url, body, Some(&admin)).await;
        assert_eq!(
            (s, b["errors"][field][0].as_str()),
            (422, Some(code)),
            "{b}"
        );
    }
    let (s, row) = app
        .put(&url, json!({"stage_code": "main", "level_code": "practitioner", "unit": "per_subject", "amount_fen": 7500}), Some(&admin))
        .await;
    assert_eq!(s, 200, "{row}");
    assert_eq!(
        (row["level_code"].as_str(), row["amount_fen"].as_i64()),
        (Some("practitioner"), Some(7500))
    );
    assert_eq!(
        quote(&app, &cand, &id).await,
        30000,
        "the level's row beats the session-wide one"
    );
    // setting the same key again changes that row, it adds none
    let (_, again) = app
        .put(&url, json!({"stage_code": "main", "level_code": "practitioner", "unit": "per_subject", "amount_fen": 7200}), Some(&admin))
        .await;
    assert_eq!(again["id"], row["id"]);
    let (_, fees) = app.get(&url, Some(&admin)).await;
    assert_eq!(fees.as_array().unwrap().len(), 2);

    // once a candidate of the stage is asked to pay, its prices stay
    let paying = approved(&app).await;
    assert_eq!(paying, id);
    app.state
        .clock
        .advance(Duration::days(1) + Duration::hours(1));
    let cand = app.candidate_token("13800000001").await;
    let (s, order) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&cand),
        )
        .await;
    assert_eq!(
        (s, order["amount_fen"].as_i64()),
        (201, Some(28800)),
        "{order}"
    );
    let admin = app.staff_token("region_admin").await;
    let (s, b) = app
        .put(
            &url,
            json!({"stage_code": "main", "unit": "per_subject", "amount_fen": 1}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("fee_in_use")));

    let reviewer = app.staff_token("region_reviewer").await;
    let (s, _) = app.get(&url, Some(&reviewer)).await;
    assert_eq!(s, 403);
    let audited: i64 = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq("fee.set"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(audited, 2);
}
