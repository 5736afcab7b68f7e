//! Group registration (集体报名) through the real app: a school's registration point uploads its graduating
//! class list for the nurse session, a listed student's quick-fill brings the school's data and routes the
//! registration to the school, the school follows every student's status; bad files write nothing and name
//! every row; a student on another school's list, another exam, other roles and other media are refused.

use serde_json::{json, Value};
use weikao_api_tests::{resident_id, TestApp};

use crate::accounts_candidate::signup;

async fn nurse_session(app: &TestApp) -> (String, i64) {
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    let s = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "nurse")
        .unwrap()
        .clone();
    (
        s["id"].as_str().unwrap().to_string(),
        s["year"].as_i64().unwrap(),
    )
}

async fn upload(
    app: &TestApp,
    token: &str,
    session: &str,
    media: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let res = app
        .http
        .put(app.url(&format!(
            "/api/v1/school/exam-sessions/{session}/class-list"
        )))
        .bearer_auth(token)
        .header("content-type", media)
        .body(body)
        .send()
        .await
        .unwrap();
    let s = res.status().as_u16();
    (s, res.json().await.unwrap_or(Value::Null))
}

const CSV: &str = "text/csv";

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn counts(list: &Value) -> Vec<(String, i64)> {
    list["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["status"].as_str().unwrap().to_string(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_school_lists_its_class_and_follows_each_student() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let school = app.staff_token("school_hnhl").await;
    let (session, year) = nurse_session(&app).await;
    let a = resident_id("41010520040101001");
    let b = resident_id("41010520040202002");
    let c = resident_id("41010520040303003");
    let file = format!(
        "身份证号,姓名,专业,学历,预计毕业时间\n{a},王小明,护理,大专,{year}-07-01\n{b},李娜,助产,大专,{year}-06-30\n{c},赵磊,护理,本科,{year}0701\n"
    );
    let (s, r) = upload(&app, &school, &session, CSV, gb18030(&file)).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        r,
        json!({"students": 3, "added": 3, "removed": 0, "kept": 0})
    );

    let url = format!("/api/v1/school/exam-sessions/{session}/class-list");
    let (s, list) = app.get(&url, Some(&school)).await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list["school_name"], "河南护理职业学院");
    assert_eq!(counts(&list), vec![("not_started".into(), 3)]);
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["王小明", "李娜", "赵磊"], "in the file's order");
    let shown = list["items"][0]["id_number"].as_str().unwrap();
    assert!(shown.contains('*') && shown != a, "masked: {shown}");
    assert_eq!(list["items"][2]["education_level"], "benke");
    assert_eq!(list["items"][0]["major"], "护理", "{list}");
    // the ID numbers are stored encrypted: no plain number in the table
    let probe = a.clone();
    let plain = app
        .with_owner_conn(move |conn| {
            use diesel::prelude::*;
            diesel::sql_query(
                "SELECT 1 AS one FROM class_list_students WHERE encode(id_enc, 'escape') LIKE '%' || $1 || '%' OR id_masked = $1",
            )
            .bind::<diesel::sql_types::Text, _>(probe)
            .execute(conn)
            .unwrap()
        })
        .await;
    assert_eq!(plain, 0);

    // the first student registers: quick-fill brings the school's data and its registration point
    let me = signup(&app, &resident_id("41010520040101001"), "13700000001").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let (s, reg) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": session}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 201, "{reg}");
    let id = reg["id"].as_str().unwrap().to_string();
    let (s, qf) = app
        .get(
            &format!("/api/v1/registrations/{id}/quick-fill"),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{qf}");
    assert_eq!(qf["school"], "河南护理职业学院");
    assert_eq!(
        qf["patch"]["nurse"],
        json!({"fresh_graduate": true, "school": "河南护理职业学院", "expected_graduation_on": format!("{year}-07-01")})
    );
    assert_eq!(
        qf["patch"]["exam"],
        json!({"point_code": "41010503", "site_code": "410100"})
    );
    assert_eq!(qf["patch"]["education"]["major"], "护理", "{qf}");
    let (s, saved) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": reg["version"], "form": qf["patch"]}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{saved}");
    let (s, saved) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": saved["version"], "form": {
                "identity": {"ethnicity": "汉族", "address": "郑州市金水区文化路 2 号"},
                "education": {"study_form": "full_time", "enrolled_on": format!("{}-09-01", year - 3), "study_years": 3},
                "nurse": {"internship_months": 10}
            }}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(saved["completeness"]["complete"], true, "{saved}");
    app.upload_required_materials(&token, &id).await;
    let (s, sub) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": saved["version"]}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{sub}");

    // the school sees who registered and who has not started
    let (_, list) = app.get(&url, Some(&school)).await;
    let mut got = counts(&list);
    got.sort();
    assert_eq!(
        got,
        vec![("not_started".into(), 2), ("submitted".into(), 1)]
    );
    let (s, only) = app
        .get(&format!("{url}?status=submitted"), Some(&school))
        .await;
    assert_eq!(s, 200);
    assert_eq!(only["total"], 1);
    let item = &only["items"][0];
    assert_eq!(
        (
            item["name"].as_str(),
            item["registration_id"].as_str(),
            item["at_school"].as_bool()
        ),
        (Some("王小明"), Some(id.as_str()), Some(true)),
        "{item}"
    );
    // and, being its registration point, finds the registration in its review queue
    let (_, q) = app.get("/api/v1/review/registrations", Some(&school)).await;
    assert!(q["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == id.as_str()));

    // a new list replaces the old one: the third student is dropped
    let file = format!(
        "id_number,name,expected_graduation_on\n{a},王小明,{year}-07-01\n{b},李娜,{year}-06-30\n"
    );
    let (s, r) = upload(
        &app,
        &school,
        &session,
        "application/octet-stream",
        file.into_bytes(),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        r,
        json!({"students": 2, "added": 0, "removed": 1, "kept": 2})
    );
    let (_, list) = app
        .get(&format!("{url}?per_page=1&page=2"), Some(&school))
        .await;
    assert_eq!(
        (list["total"].as_i64(), list["items"][0]["name"].as_str()),
        (Some(2), Some("李娜"))
    );
    assert_eq!(
        app.staff_audit_actions("class_list.%").await,
        vec!["class_list.upload", "class_list.upload"]
    );
}

#[tokio::test]
async fn bad_lists_and_wrong_callers_are_refused() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let school = app.staff_token("school_hnhl").await;
    let (session, year) = nurse_session(&app).await;
    let a = resident_id("41010520040101001");
    let mut bad_checksum = a.clone();
    bad_checksum.pop();
    bad_checksum.push(if a.ends_with('0') { '1' } else { '0' });
    let file = format!(
        "身份证号,姓名,预计毕业时间\n{bad_checksum},王小明,{year}-07-01\n{a},李娜,{}-07-01\n{a},李娜,{year}-07-01\n{a},赵磊,{year}-07-01\n",
        year - 1
    );
    let (s, b) = upload(&app, &school, &session, CSV, file.into_bytes()).await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"],
        json!({
            "rows[2].id_number": ["id_number_checksum"],
            "rows[3].expected_graduation_on": ["not_session_year"],
            "rows[5].id_number": ["duplicate_in_file"],
        })
    );
    let url = format!("/api/v1/school/exam-sessions/{session}/class-list");
    let (_, list) = app.get(&url, Some(&school)).await;
    assert_eq!(list["total"], 0, "nothing was written: {list}");
    let (s, b) = upload(&app, &school, &session, CSV, b"name\n".to_vec()).await;
    assert_eq!(
        (s, b["errors"]["rows[0].id_number"][0].as_str()),
        (422, Some("column_missing")),
        "{b}"
    );
    let (s, b) = upload(&app, &school, &session, CSV, vec![]).await;
    assert_eq!(s, 422, "{b}");

    // a student another school lists cannot be listed again for the same session
    let good = format!("身份证号,姓名,预计毕业时间\n{a},王小明,{year}-07-01\n");
    let (s, _) = upload(&app, &school, &session, CSV, good.clone().into_bytes()).await;
    assert_eq!(s, 200);
    let other_school = app.staff_token("point_reviewer").await;
    let (s, b) = upload(
        &app,
        &other_school,
        &session,
        CSV,
        good.clone().into_bytes(),
    )
    .await;
    assert_eq!(
        (s, b["errors"]["rows[2].id_number"][0].as_str()),
        (422, Some("listed_by_another_school")),
        "{b}"
    );

    // only the nurse exam; only a registration point's reviewers; only spreadsheets
    let (_, sessions) = app.get("/api/v1/exam-sessions", None).await;
    let ht = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "health_tech")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, b) = upload(&app, &school, &ht, CSV, good.clone().into_bytes()).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("class_list_nurse_only"))
    );
    let (s, _) = app
        .get(
            &format!(
                "/api/v1/school/exam-sessions/{}/class-list",
                uuid::Uuid::new_v4()
            ),
            Some(&school),
        )
        .await;
    assert_eq!(s, 404);
    for who in ["site_reviewer", "region_admin"] {
        let t = app.staff_token(who).await;
        let (s, _) = upload(&app, &t, &session, CSV, good.clone().into_bytes()).await;
        assert_eq!(s, 403, "{who}");
        let (s, _) = app.get(&url, Some(&t)).await;
        assert_eq!(s, 403, "{who}");
    }
    let cand = app.candidate_token("13800000001").await;
    let (s, _) = app.get(&url, Some(&cand)).await;
    assert_eq!(s, 403);
    let (s, b) = upload(&app, &school, &session, "text/html", good.into_bytes()).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (415, Some("unsupported_media_type"))
    );
    let (s, b) = app.get(&format!("{url}?status=lost"), Some(&school)).await;
    assert_eq!(
        (s, b["errors"]["status"][0].as_str()),
        (422, Some("status_unknown"))
    );
}
