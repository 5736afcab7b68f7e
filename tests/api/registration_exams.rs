//! A full registration of each exam, concurrent duplicate submits, and the status e-mail read back from SMTP.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

use crate::accounts_candidate::signup;

pub(crate) async fn start(app: &TestApp, exam: &str, token: &str) -> String {
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    let sid = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == exam)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, reg) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": sid}),
            Some(token),
        )
        .await;
    assert_eq!(s, 201, "{reg}");
    reg["id"].as_str().unwrap().to_string()
}

pub(crate) async fn fill(app: &TestApp, token: &str, id: &str, form: Value) -> i64 {
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": 1, "form": form}),
            Some(token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["completeness"]["complete"], true, "{}", b["completeness"]);
    // a complete form is submitted with the materials it requires (uploads keep the version)
    app.upload_required_materials(token, id).await;
    b["version"].as_i64().unwrap()
}

pub(crate) fn common() -> Value {
    json!({
        "identity": {"ethnicity": "汉族", "address": "洛阳市洛龙区开元大道 1 号"},
        "education": {"level": "benke", "school": "河南科技大学", "major": "临床医学", "study_form": "full_time",
            "enrolled_on": "2015-09-01", "graduated_on": "2020-07-01", "study_years": 5},
        "work": {"unit_code": "41030000000000002X", "work_started_on": "2020-08-01"}
    })
}

#[tokio::test]
async fn a_physician_registers_for_the_skills_round() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let me = signup(&app, "11010519491231002X", "13912345678").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let id = start(&app, "physician", &token).await;
    let mut form = common();
    form["exam"] = json!({"category_code": "clinical", "level_code": "practising", "site_code": "410300", "point_code": "41030502"});
    form["physician"] = json!({"route": "education", "probation_institution_code": "H4103001",
        "probation_started_on": "2024-07-01", "probation_ended_on": "2025-06-30"});
    let version = fill(&app, &token, &id, form).await;
    let (s, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (
            reg["fee"]["stage_code"].as_str(),
            reg["fee"]["total_fen"].as_i64()
        ),
        (Some("skills"), Some(45000))
    );
    let materials: Vec<&str> = reg["required_materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        materials.contains(&"probation_certificate"),
        "{materials:?}"
    );
    let (s, reg) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{reg}");
    assert_eq!(reg["current_level"], "point");
    // a probation shorter than a year is refused at save time
    let me2 = signup(&app, "440524188001010014", "13912345670").await;
    let t2 = me2["tokens"]["access_token"].as_str().unwrap().to_string();
    let id2 = start(&app, "physician", &t2).await;
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id2}"),
            json!({"version": 1, "form": {"physician": {"route": "education",
            "probation_started_on": "2025-01-01", "probation_ended_on": "2025-06-30"}}}),
            Some(&t2),
        )
        .await;
    // partial saves accept it; completeness names the problem
    assert_eq!(s, 200, "{b}");
    assert!(
        b["completeness"]["errors"]["physician.probation_ended_on"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "probation_too_short"),
        "{}",
        b["completeness"]
    );
}

#[tokio::test]
async fn a_nurse_fresh_graduate_registers_at_an_exam_site() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let me = signup(&app, "11010519491231002X", "13912345678").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let id = start(&app, "nurse", &token).await;
    let year = {
        let (_, list) = app.get("/api/v1/exam-sessions", None).await;
        list.as_array()
            .unwrap()
            .iter()
            .find(|s| s["exam_type"] == "nurse")
            .unwrap()["year"]
            .as_i64()
            .unwrap()
    };
    let form = json!({
        "identity": {"ethnicity": "维吾尔族", "address": "郑州市金水区文化路 2 号"},
        "education": {"level": "dazhuan", "school": "河南护理职业学院", "major": "护理", "study_form": "full_time",
            "enrolled_on": format!("{}-09-01", year - 3), "graduated_on": format!("{year}-07-01"), "study_years": 3},
        "nurse": {"fresh_graduate": true, "school": "河南护理职业学院", "expected_graduation_on": format!("{year}-07-01"), "internship_months": 10},
        "exam": {"site_code": "410100"}
    });
    let version = fill(&app, &token, &id, form).await;
    let (s, reg) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{reg}");
    assert_eq!(
        reg["current_level"], "site",
        "the nurse chain starts at the exam site"
    );
    assert_eq!(reg["fee"]["total_fen"], 12000, "two subjects × 60.00 元");
    let materials: Vec<&str> = reg["required_materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(materials.contains(&"fresh_graduate_proof"), "{materials:?}");
    let site = app.staff_token("site_reviewer").await;
    let (s, _) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&site))
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn concurrent_duplicate_submits_produce_exactly_one_submission() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let me = signup(&app, "11010519491231002X", "13912345678").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let id = start(&app, "health_tech", &token).await;
    let mut form = common();
    form["exam"] = json!({"level_code": "intermediate", "specialty_code": "303", "subject_codes": ["basic"], "site_code": "410100", "point_code": "41010502"});
    let version = fill(&app, &token, &id, form).await;
    let url = app.url(&format!("/api/v1/registrations/{id}/submit"));
    let sends = (0..6).map(|_| {
        app.http
            .post(&url)
            .bearer_auth(&token)
            .json(&json!({"version": version}))
            .send()
    });
    let results = futures_util::future::join_all(sends).await;
    let statuses: Vec<u16> = results
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
    let submits = app
        .with_conn(move |c| {
            use diesel::prelude::*;
            use weikao_store::schema::review_actions::dsl as a;
            a::review_actions
                .filter(a::registration_id.eq(uuid::Uuid::parse_str(&id).unwrap()))
                .filter(a::action.eq("submit"))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(submits, 1);
}

#[tokio::test]
async fn submitting_sends_a_status_email_over_smtp() {
    let smtp =
        std::env::var("WEIKAO_TEST_SMTP_URL").unwrap_or_else(|_| "smtp://127.0.0.1:1025".into());
    let app = TestApp::spawn_with(move |e| {
        e.insert("WEIKAO_SMTP_URL".into(), format!("{smtp}?tls=none"));
    })
    .await;
    app.seed_demo().await;
    let me = signup(&app, "11010519491231002X", "13912345678").await; // e-mail 13912345678@example.com
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    // a unique address so parallel runs do not see each other's mail
    let email = format!("cand-{}@example.com", uuid::Uuid::new_v4().simple());
    let cid = uuid::Uuid::parse_str(me["candidate"]["id"].as_str().unwrap()).unwrap();
    let e2 = email.clone();
    app.with_owner_conn(move |c| {
        use diesel::prelude::*;
        use weikao_store::schema::candidates::dsl as k;
        diesel::update(k::candidates.find(cid))
            .set(k::email.eq(Some(e2)))
            .execute(c)
            .unwrap();
    })
    .await;
    let id = start(&app, "health_tech", &token).await;
    let mut form = common();
    form["exam"] = json!({"level_code": "intermediate", "specialty_code": "303", "subject_codes": ["basic"], "site_code": "410100", "point_code": "41010502"});
    let version = fill(&app, &token, &id, form).await;
    let (s, _) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200);
    let report = app.worker().tick().await.unwrap();
    assert!(report.delivered >= 1, "{report:?}");
    let api =
        std::env::var("WEIKAO_TEST_MAIL_API").unwrap_or_else(|_| "http://127.0.0.1:1080".into());
    let msgs: Value = reqwest::get(format!("{api}/messages?to={email}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let msgs = msgs.as_array().unwrap();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0]["subject"].as_str().unwrap().contains("已提交"));
    assert!(msgs[0]["text"]
        .as_str()
        .unwrap()
        .contains("卫生专业技术资格考试"));
}
