//! Payments against the built-in sandbox payment center over real HTTP: the happy path, notifications that never
//! come (the poller finds the payment), forged and wrong-amount notifications, a second payment refunded, and
//! an unpaid order closed at expiry.

use std::collections::BTreeMap;

use chrono::Duration;
use serde_json::{json, Value};
use weikao_api_tests::TestApp;

use crate::review_decisions::{decide, demo_registration};

const CANDIDATE: &str = "13800000001";

/// The demo health-tech registration approved through point → site → region; returns its id.
pub(crate) async fn approved(app: &TestApp) -> String {
    let point = app.staff_token("point_reviewer").await;
    let site = app.staff_token("site_reviewer").await;
    let region = app.staff_token("region_reviewer").await;
    let (id, v) = demo_registration(app, &point).await;
    let mut v = json!(v);
    for token in [&point, &site, &region] {
        let (s, b) = decide(app, token, &id, json!({"version": v, "action": "approve"})).await;
        assert_eq!(s, 200, "{b}");
        v = b["version"].clone();
    }
    id
}

/// Moves into the payment window (it opens a day after the demo data is loaded) and signs the candidate in.
async fn in_window(app: &TestApp) -> String {
    app.state
        .clock
        .advance(Duration::days(1) + Duration::hours(1));
    app.candidate_token(CANDIDATE).await
}

async fn pay_order(app: &TestApp, token: &str, id: &str) -> Value {
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(token),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    b
}

/// The candidate confirms at the sandbox cashier.
async fn confirm_at_cashier(app: &TestApp, cashier_url: &str) -> u16 {
    let page = app.http.get(cashier_url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("确认支付"));
    app.http
        .post(format!("{cashier_url}/pay"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn faults(app: &TestApp, f: Value) {
    let (s, b) = app.post("/sandbox/paycenter/faults", f, None).await;
    assert_eq!(s, 200, "{b}");
}

async fn orders(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    let (s, b) = app
        .get(&format!("/api/v1/registrations/{id}/payments"), Some(token))
        .await;
    assert_eq!(s, 200, "{b}");
    b.as_array().unwrap().clone()
}

async fn applied_events(app: &TestApp) -> i64 {
    app.with_conn(|c| {
        use diesel::prelude::*;
        use weikao_store::schema::payment_events::dsl as e;
        e::payment_events
            .filter(e::kind.eq("applied"))
            .count()
            .get_result::<i64>(c)
            .unwrap()
    })
    .await
}

#[tokio::test]
async fn an_approved_candidate_pays_at_the_cashier_and_the_notification_applies_it_once() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let early = app.candidate_token(CANDIDATE).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&early),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("payment_window_not_open"))
    );
    // the H5 learns the same before trying: the round, its fee and window, and why it cannot pay yet
    let (s, next) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/next"),
            Some(&early),
        )
        .await;
    assert_eq!(s, 200, "{next}");
    assert_eq!(
        (next["payable"].as_bool(), next["reason"].as_str()),
        (Some(false), Some("payment_window_not_open"))
    );
    assert!(next["fee"]["total_fen"].as_i64().unwrap() > 0);
    assert!(next["opens_at"].is_string());

    let token = in_window(&app).await;
    let (_, next) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/next"),
            Some(&token),
        )
        .await;
    assert_eq!(
        (next["payable"].as_bool(), next["reason"].as_str()),
        (Some(true), None),
        "{next}"
    );
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    faults(&app, json!({"duplicate_notifications": true})).await;
    let order = pay_order(&app, &token, &id).await;
    assert_eq!(order["status"], "pending");
    assert_eq!(
        order["amount_fen"], reg["fee"]["total_fen"],
        "the amount comes from the fee table"
    );
    assert!(order["amount_fen"].as_i64().unwrap() > 0);
    assert_eq!(
        confirm_at_cashier(&app, order["cashier_url"].as_str().unwrap()).await,
        200
    );

    let report = app.worker().tick().await.unwrap();
    assert_eq!(
        report.sandbox_notifications_acked, 2,
        "both copies answered SUCCESS"
    );
    let list = orders(&app, &token, &id).await;
    assert_eq!(list[0]["status"], "paid");
    assert!(list[0]["cashier_url"].is_null());
    assert_eq!(
        applied_events(&app).await,
        1,
        "a duplicate notification changes nothing"
    );
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(reg["status"], "paid");
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("already_paid")));
    let (_, next) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/next"),
            Some(&token),
        )
        .await;
    assert_eq!(
        (next["payable"].as_bool(), next["reason"].as_str()),
        (Some(false), Some("already_paid"))
    );
    assert!(next["fee"].is_null());

    // the receipt states the payment with a verification code; it belongs to this candidate only
    let no = list[0]["order_no"].as_str().unwrap();
    let (s, r) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/{no}/receipt"),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        (r["candidate_name"].as_str(), r["amount_fen"].clone()),
        (Some("张晓燕"), list[0]["amount_fen"].clone())
    );
    assert!(r["id_number_masked"].as_str().unwrap().contains('*'));
    assert_eq!(r["verification_code"].as_str().unwrap().len(), 12);
    assert!(r["channel_txn_id"].as_str().unwrap().starts_with("SB"));
    let again = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/{no}/receipt"),
            Some(&token),
        )
        .await
        .1;
    assert_eq!(
        again["verification_code"], r["verification_code"],
        "the code is stable"
    );
    let other = app.candidate_token("13800000002").await;
    let (s, _) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/next"),
            Some(&other),
        )
        .await;
    assert_eq!(s, 404, "another candidate's registration");
    let (s, _) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/{no}/receipt"),
            Some(&other),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/WK-NOPE/receipt"),
            Some(&token),
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn without_notifications_the_poller_finds_the_payment() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = in_window(&app).await;
    faults(&app, json!({"drop_notifications": true})).await;
    let order = pay_order(&app, &token, &id).await;
    assert_eq!(
        confirm_at_cashier(&app, order["cashier_url"].as_str().unwrap()).await,
        200
    );
    let worker = app.worker();
    worker.tick().await.unwrap();
    assert_eq!(
        orders(&app, &token, &id).await[0]["status"],
        "pending",
        "not due for a query yet"
    );
    app.state.clock.advance(Duration::seconds(10));
    let r = worker.tick().await.unwrap();
    assert_eq!(r.payment_orders_checked, 1);
    assert_eq!(orders(&app, &token, &id).await[0]["status"], "paid");
    assert_eq!(applied_events(&app).await, 1);
}

fn signed(params: &[(&str, String)]) -> Value {
    let mut p: BTreeMap<String, String> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    p.insert("merchant_id".into(), "weikao-dev".into());
    p.insert("nonce".into(), "n1".into());
    let s = weikao_core::payments::sign(&p, "weikao-dev-paycenter-secret");
    p.insert("sign".into(), s);
    serde_json::to_value(p).unwrap()
}

#[tokio::test]
async fn forged_and_wrong_amount_notifications_are_never_applied() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = in_window(&app).await;
    let order = pay_order(&app, &token, &id).await;
    let no = order["order_no"].as_str().unwrap().to_string();
    let amount = order["amount_fen"].as_i64().unwrap();
    let base = |amount: i64| {
        vec![
            ("order_no", no.clone()),
            ("txn_id", "FORGED1".to_string()),
            ("amount_fen", amount.to_string()),
            ("trade_status", "SUCCESS".to_string()),
        ]
    };
    // a bad signature
    let mut forged = signed(&base(amount));
    forged["sign"] = json!("00".repeat(32));
    let (s, b) = app.post("/api/v1/payments/notify", forged, None).await;
    assert_eq!((s, b["code"].as_str()), (400, Some("notification_invalid")));
    // signed, but for less money
    let res = app
        .http
        .post(app.url("/api/v1/payments/notify"))
        .json(&signed(&base(amount - 1)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.text().await.unwrap(),
        "SUCCESS",
        "recorded, so the center stops retrying"
    );
    assert_eq!(orders(&app, &token, &id).await[0]["status"], "pending");
    let alert = app
        .with_conn(move |c| {
            weikao_store::payments::find_by_no(c, &no)
                .unwrap()
                .unwrap()
                .alert
        })
        .await;
    assert_eq!(alert.as_deref(), Some("amount_mismatch"));
    // an unknown order
    let (s, b) = app
        .post(
            "/api/v1/payments/notify",
            signed(&[
                ("order_no", "WK0".into()),
                ("trade_status", "NOTPAY".into()),
            ]),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("order_unknown")));
    assert_eq!(applied_events(&app).await, 0);
}

#[tokio::test]
async fn a_second_payment_of_the_same_round_is_refunded() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = in_window(&app).await;
    faults(&app, json!({"drop_notifications": true})).await;
    let first = pay_order(&app, &token, &id).await;
    assert_eq!(
        confirm_at_cashier(&app, first["cashier_url"].as_str().unwrap()).await,
        200
    );
    // the candidate does not see the payment yet and pays again: a new order, the first one is closed/checked
    let second = pay_order(&app, &token, &id).await;
    assert_ne!(first["order_no"], second["order_no"]);
    assert_eq!(
        confirm_at_cashier(&app, second["cashier_url"].as_str().unwrap()).await,
        200
    );
    app.state.clock.advance(Duration::seconds(10));
    let worker = app.worker();
    worker.tick().await.unwrap();
    worker.tick().await.unwrap();
    let list = orders(&app, &token, &id).await;
    let statuses: Vec<&str> = list.iter().map(|o| o["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "paid").count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == "refunded").count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(applied_events(&app).await, 1);
    // the center's own ledger agrees: one payment kept, one refunded
    let ledger: Vec<String> = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::sandbox_pay_orders::dsl as o;
            o::sandbox_pay_orders
                .select(o::status)
                .order(o::status)
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(ledger, vec!["REFUND", "SUCCESS"]);
    // the refunded payment is listed for the region's administrators
    let admin = app.staff_token("region_admin").await;
    let (s, alerts) = app.get("/api/v1/admin/payments/alerts", Some(&admin)).await;
    assert_eq!(s, 200, "{alerts}");
    assert_eq!(alerts.as_array().unwrap().len(), 1, "{alerts}");
    assert_eq!(alerts[0]["alert"], "duplicate_payment");
    assert_eq!(alerts[0]["refund_status"], "succeeded");
}

#[tokio::test]
async fn an_unpaid_order_is_closed_at_expiry_and_cannot_be_paid_afterwards() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = in_window(&app).await;
    let order = pay_order(&app, &token, &id).await;
    app.state.clock.advance(Duration::minutes(31));
    let worker = app.worker();
    worker.tick().await.unwrap();
    let token = app.candidate_token(CANDIDATE).await;
    assert_eq!(orders(&app, &token, &id).await[0]["status"], "closed");
    let status = app
        .http
        .post(format!("{}/pay", order["cashier_url"].as_str().unwrap()))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 409);
    let no = order["order_no"].as_str().unwrap();
    let (s, b) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/{no}/receipt"),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("not_paid")),
        "no receipt for a closed order"
    );
    // the candidate can start again
    let again = pay_order(&app, &token, &id).await;
    assert_eq!(again["status"], "pending");
}

#[tokio::test]
async fn reconciliation_heals_a_payment_nobody_told_us_about_and_then_is_clean() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = in_window(&app).await;
    faults(&app, json!({"drop_notifications": true})).await;
    let order = pay_order(&app, &token, &id).await;
    assert_eq!(
        confirm_at_cashier(&app, order["cashier_url"].as_str().unwrap()).await,
        200
    );
    // no notification, and the poller has not asked yet: the statement is the first to tell
    let admin = app.staff_token("region_admin").await;
    let day = weikao_app::clock::local_date(app.state.clock.now()).to_string();
    let (s, r) = app
        .post(
            "/api/v1/admin/payments/reconciliations",
            json!({"day": day}),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        (
            r["healed"].as_i64(),
            r["status"].as_str(),
            r["matched"].as_i64()
        ),
        (Some(1), Some("clean"), Some(1))
    );
    assert_eq!(r["ours_total_fen"], order["amount_fen"]);
    assert_eq!(r["theirs_total_fen"], order["amount_fen"]);
    assert_eq!(orders(&app, &token, &id).await[0]["status"], "paid");
    let (_, again) = app
        .post(
            "/api/v1/admin/payments/reconciliations",
            json!({"day": day}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (again["healed"].as_i64(), again["status"].as_str()),
        (Some(0), Some("clean"))
    );
    let (_, list) = app
        .get("/api/v1/admin/payments/reconciliations", Some(&admin))
        .await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(applied_events(&app).await, 1);
    let reviewer = app.staff_token("site_reviewer").await;
    let (s, _) = app
        .get("/api/v1/admin/payments/reconciliations", Some(&reviewer))
        .await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn two_workers_polling_at_once_apply_a_payment_once() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = in_window(&app).await;
    faults(&app, json!({"drop_notifications": true})).await;
    let order = pay_order(&app, &token, &id).await;
    assert_eq!(
        confirm_at_cashier(&app, order["cashier_url"].as_str().unwrap()).await,
        200
    );
    app.state.clock.advance(Duration::seconds(10));
    let (a, b) = (app.worker(), app.worker());
    let (ra, rb) = tokio::join!(a.tick(), b.tick());
    let checked = ra.unwrap().payment_orders_checked + rb.unwrap().payment_orders_checked;
    assert_eq!(checked, 1, "the lease gives the order to one worker");
    assert_eq!(orders(&app, &token, &id).await[0]["status"], "paid");
    assert_eq!(applied_events(&app).await, 1);
}

#[tokio::test]
async fn physicians_pay_the_written_round_only_after_their_skills_result_is_imported() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let idn = weikao_api_tests::resident_id("41010519880101003");
    let me = crate::accounts_candidate::signup(&app, &idn, "13900003001").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let id = crate::registration_exams::start(&app, "physician", &token).await;
    let mut form = crate::registration_exams::common();
    form["exam"] = json!({"category_code": "clinical", "level_code": "practising", "site_code": "410100", "point_code": "41010501"});
    form["physician"] = json!({"route": "education", "probation_institution_code": "H4101001",
        "probation_started_on": "2024-07-01", "probation_ended_on": "2025-06-30"});
    let version = crate::registration_exams::fill(&app, &token, &id, form).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    let mut v = b["version"].clone();
    for who in ["point_reviewer", "site_reviewer", "region_reviewer"] {
        let t = app.staff_token(who).await;
        let (s, b) = decide(&app, &t, &id, json!({"version": v, "action": "approve"})).await;
        assert_eq!(s, 200, "{who}: {b}");
        v = b["version"].clone();
    }
    app.state
        .clock
        .advance(Duration::days(1) + Duration::hours(1));
    let phone = "13900003001";
    let token = app.candidate_login(phone, "abc12345").await;
    let skills = pay_order(&app, &token, &id).await;
    assert_eq!(
        (skills["stage_code"].as_str(), skills["amount_fen"].as_i64()),
        (Some("skills"), Some(45000))
    );
    assert_eq!(
        confirm_at_cashier(&app, skills["cashier_url"].as_str().unwrap()).await,
        200
    );
    app.worker().tick().await.unwrap();
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("round_not_eligible")),
        "no skills result yet"
    );

    // the national system's skills results arrive as an import
    let admin = app.staff_token("region_admin").await;
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    let year = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "physician")
        .unwrap()["year"]
        .as_i64()
        .unwrap();
    let csv =
        format!("身份证号,姓名,考试年度,考试类别,技能通过\n{idn},王小明,{year},physician,是\n");
    let (_, batch) = app
        .import_library(&admin, "history", "mode=append", csv.into_bytes())
        .await;
    assert_eq!(batch["status"], "active", "{batch}");
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("payment_window_not_open")),
        "the written round pays later"
    );
    app.state.clock.advance(Duration::days(150));
    let token = app.candidate_login(phone, "abc12345").await;
    let written = pay_order(&app, &token, &id).await;
    assert_eq!(
        (
            written["stage_code"].as_str(),
            written["amount_fen"].as_i64()
        ),
        (Some("written"), Some(30000))
    );
    assert_eq!(
        confirm_at_cashier(&app, written["cashier_url"].as_str().unwrap()).await,
        200
    );
    app.worker().tick().await.unwrap();
    let list = orders(&app, &token, &id).await;
    let paid: Vec<&str> = list
        .iter()
        .filter(|o| o["status"] == "paid")
        .map(|o| o["stage_code"].as_str().unwrap())
        .collect();
    assert_eq!(
        paid.len(),
        2,
        "skills and written, each paid once: {list:?}"
    );
    assert!(paid.contains(&"skills") && paid.contains(&"written"));

    // round 3: a failed first sitting at a level this year's policy admits to the second sitting
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("round_not_eligible")),
        "no written result yet"
    );
    app.with_conn(|c| {
        use diesel::prelude::*;
        diesel::sql_query(
            "UPDATE exam_sessions SET settings = jsonb_set(settings, '{second_sitting_levels}', '[\"practising\", \"assistant\"]')
             WHERE exam_type = 'physician'",
        )
        .execute(c)
        .unwrap();
    })
    .await;
    let csv = format!(
        "身份证号,姓名,考试年度,考试类别,技能通过,笔试通过\n{idn},王小明,{year},physician,是,否\n"
    );
    let admin = app.staff_token("region_admin").await;
    let (_, batch) = app
        .import_library(&admin, "history", "mode=append", csv.into_bytes())
        .await;
    assert_eq!(batch["status"], "active", "{batch}");
    app.state.clock.advance(Duration::days(120));
    let token = app.candidate_login(phone, "abc12345").await;
    let second = pay_order(&app, &token, &id).await;
    assert_eq!(
        (second["stage_code"].as_str(), second["amount_fen"].as_i64()),
        (Some("second_sitting"), Some(30000))
    );
    assert_eq!(
        confirm_at_cashier(&app, second["cashier_url"].as_str().unwrap()).await,
        200
    );
    app.worker().tick().await.unwrap();
    let paid = orders(&app, &token, &id)
        .await
        .iter()
        .filter(|o| o["status"] == "paid")
        .count();
    assert_eq!(paid, 3, "three rounds, each paid once");
}

#[tokio::test]
async fn a_nurse_candidate_pays_the_single_round() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    // 阿依古丽 (nurse): the chain starts at the exam site
    let site = app.staff_token("site_reviewer").await;
    let (_, q) = app
        .get("/api/v1/review/registrations?q=阿依古丽", Some(&site))
        .await;
    let id = q["items"][0]["id"].as_str().unwrap().to_string();
    let mut v = q["items"][0]["version"].clone();
    for who in ["site_reviewer", "region_reviewer"] {
        let t = app.staff_token(who).await;
        let (s, b) = decide(&app, &t, &id, json!({"version": v, "action": "approve"})).await;
        assert_eq!(s, 200, "{who}: {b}");
        v = b["version"].clone();
    }
    app.state
        .clock
        .advance(Duration::days(1) + Duration::hours(1));
    let token = app.candidate_token("13800000005").await;
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    let order = pay_order(&app, &token, &id).await;
    assert_eq!(order["amount_fen"], reg["fee"]["total_fen"]);
    assert!(order["amount_fen"].as_i64().unwrap() > 0);
    assert_eq!(
        confirm_at_cashier(&app, order["cashier_url"].as_str().unwrap()).await,
        200
    );
    app.worker().tick().await.unwrap();
    assert_eq!(orders(&app, &token, &id).await[0]["status"], "paid");
    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(reg["status"], "paid");
    let (_, next) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments/next"),
            Some(&token),
        )
        .await;
    assert_eq!(next["reason"], "already_paid", "one round only");
}

#[tokio::test]
async fn payments_are_refused_before_approval_and_for_other_peoples_registrations() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let (id, _) = demo_registration(&app, &point).await;
    let token = app.candidate_token(CANDIDATE).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("registration_not_approved"))
    );
    let other = app.candidate_token("13800000004").await;
    let (s, _) = app
        .get(
            &format!("/api/v1/registrations/{id}/payments"),
            Some(&other),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&other),
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn an_unreachable_payment_center_is_a_503_and_the_order_is_kept_for_the_worker() {
    let app = TestApp::spawn_with(|env| {
        env.insert("WEIKAO_PAYCENTER_URL".into(), "http://127.0.0.1:9".into());
    })
    .await;
    app.seed_demo().await;
    let id = approved(&app).await;
    let token = in_window(&app).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/payments"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (503, Some("payment_center_unavailable"))
    );
    let list = orders(&app, &token, &id).await;
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0]["status"], "created",
        "kept, so the worker can query and close it"
    );
}
