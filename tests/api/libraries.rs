//! Verification against every library, end to end: import a file → submit a registration → the reviewer sees a
//! finding that cites that import batch; re-importing a library changes the findings of open registrations.

use serde_json::{json, Value};
use weikao_api_tests::{resident_id, TestApp};

use crate::accounts_candidate::signup;
use crate::registration_exams::{common, fill, start};

struct Case {
    library: &'static str,
    /// CSV with `{ID}`, `{Y}` (exam year), `{Y-1}`, `{Y-2}` placeholders
    csv: &'static str,
    exam: &'static str,
    form: fn(i64) -> Value,
    rule: &'static str,
}

fn health_tech(exam: Value) -> Value {
    let mut f = common();
    f["exam"] = exam;
    f
}

fn ht_303(_: i64) -> Value {
    health_tech(
        json!({"level_code": "intermediate", "specialty_code": "303", "subject_codes": ["related"],
        "archive_number": "A2026001", "site_code": "410100", "point_code": "41010502"}),
    )
}

fn ht_203(_: i64) -> Value {
    health_tech(
        json!({"level_code": "practitioner", "specialty_code": "203", "subject_codes": ["basic"],
        "site_code": "410100", "point_code": "41010502", "front_line": true}),
    )
}

fn nurse(y: i64) -> Value {
    json!({
        "identity": {"ethnicity": "汉族", "address": "郑州市金水区文化路 2 号"},
        "education": {"level": "dazhuan", "school": "河南护理职业学院", "major": "护理", "study_form": "full_time",
            "enrolled_on": format!("{}-09-01", y - 3), "graduated_on": format!("{y}-07-01"), "study_years": 3},
        "nurse": {"fresh_graduate": true, "school": "河南护理职业学院", "expected_graduation_on": format!("{y}-07-01"), "internship_months": 10},
        "exam": {"site_code": "410100"}
    })
}

fn physician(_: i64) -> Value {
    let mut f = common();
    f["exam"] = json!({"category_code": "clinical", "level_code": "practising", "site_code": "410300", "point_code": "41030502"});
    f["physician"] = json!({"route": "education", "probation_institution_code": "H4103001",
        "probation_started_on": "2024-07-01", "probation_ended_on": "2025-06-30"});
    f
}

/// A physician (clinical, practising) form on the education route with probation at H4103001.
pub(crate) fn physician_form() -> Value {
    physician(0)
}

fn physician_zhongzhuan(_: i64) -> Value {
    let mut f = physician(0);
    f["education"] = json!({"level": "zhongzhuan", "school": "洛阳卫校", "major": "临床医学", "study_form": "full_time",
        "enrolled_on": "2008-09-01", "graduated_on": "2011-07-01", "study_years": 3});
    f["exam"]["level_code"] = json!("assistant");
    f
}

fn physician_apprentice(_: i64) -> Value {
    let mut f = common();
    f["exam"] = json!({"category_code": "tcm", "level_code": "assistant", "site_code": "410300", "point_code": "41030502"});
    f["physician"] =
        json!({"route": "apprenticeship", "apprenticeship_certificate_number": "SC2020001"});
    f
}

const CASES: &[Case] = &[
    Case {
        library: "institutions",
        csv: "机构代码,机构名称,所属地区,机构类型\n41030000000000002X,洛阳市中心医院,410300,hospital\n",
        exam: "health_tech",
        form: ht_303,
        rule: "work_unit_verified",
    },
    Case {
        library: "history",
        csv: "身份证号,姓名,考试年度,考试类别,专业代码,档案号,通过科目\n{ID},王小明,{Y-1},health_tech,303,A2026001,basic\n",
        exam: "health_tech",
        form: ht_303,
        rule: "history_returning",
    },
    Case {
        library: "qualifications",
        csv: "身份证号,姓名,资格名称,资格级别,取得时间\n{ID},王小明,医师,practitioner,2012-05-01\n",
        exam: "health_tech",
        form: ht_303,
        rule: "qualification_verified",
    },
    Case {
        library: "violations",
        csv: "身份证号,姓名,考试类别,处理类型,起始年度,截止年度\n{ID},王小明,health_tech,integrity_5y,{Y-1},\n",
        exam: "health_tech",
        form: ht_303,
        rule: "violation_active",
    },
    Case {
        library: "provincial_line",
        csv: "身份证号,姓名,考试年度,专业代码,有效区域\n{ID},王小明,{Y-2},303,洛阳市\n",
        exam: "health_tech",
        form: ht_303,
        rule: "provincial_line",
    },
    Case {
        library: "physician_practice",
        csv: "身份证号,姓名,证书类型,医师级别,执业类别,证书编码,取得时间\n{ID},王小明,qualification,practising,clinical,110410000000001,2012-01-01\n",
        exam: "health_tech",
        form: ht_303,
        rule: "physician_certificate_verified",
    },
    Case {
        library: "nurse_practice",
        csv: "身份证号,姓名,执业证书编号,注册日期\n{ID},王小明,201841000001,2018-03-01\n",
        exam: "health_tech",
        form: ht_203,
        rule: "nurse_registration_verified",
    },
    Case {
        library: "front_line",
        csv: "身份证号,姓名,政策类别,有效年度\n{ID},王小明,援鄂医疗队,{Y}\n",
        exam: "health_tech",
        form: ht_203,
        rule: "front_line_listed",
    },
    Case {
        library: "fresh_graduates",
        csv: "身份证号,姓名,学校,毕业年度\n{ID},王小明,河南护理职业学院,{Y}\n",
        exam: "nurse",
        form: nurse,
        rule: "fresh_graduate_verified",
    },
    Case {
        library: "secondary_education",
        csv: "身份证号,姓名,学校,专业,入学时间,毕业时间,学制,学习形式\n{ID},王小明,洛阳卫校,临床医学,2008-09-01,2011-07-01,3,full_time\n",
        exam: "physician",
        form: physician_zhongzhuan,
        rule: "secondary_verified",
    },
    Case {
        library: "probation_filings",
        csv: "身份证号,姓名,试用机构代码,试用类别,试用开始时间,试用结束时间\n{ID},王小明,H4103001,clinical,2024-07-01,2025-06-30\n",
        exam: "physician",
        form: physician,
        rule: "probation_verified",
    },
    Case {
        library: "apprenticeship",
        csv: "身份证号,姓名,证书类型,证书编号\n{ID},王小明,apprenticeship,SC2020001\n",
        exam: "physician",
        form: physician_apprentice,
        rule: "apprenticeship_verified",
    },
];

pub(crate) async fn exam_year(app: &TestApp) -> i64 {
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    list[0]["year"].as_i64().unwrap()
}

fn fill_csv(csv: &str, idn: &str, y: i64) -> Vec<u8> {
    csv.replace("{ID}", idn)
        .replace("{Y-1}", &(y - 1).to_string())
        .replace("{Y-2}", &(y - 2).to_string())
        .replace("{Y}", &y.to_string())
        .into_bytes()
}

/// Signs a candidate up, fills and submits a registration; returns its id.
pub(crate) async fn submit(
    app: &TestApp,
    idn: &str,
    phone: &str,
    exam: &str,
    form: Value,
) -> String {
    let me = signup(app, idn, phone).await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let id = start(app, exam, &token).await;
    let version = fill(app, &token, &id, form).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    id
}

async fn findings(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    let (s, b) = app
        .get(
            &format!("/api/v1/review/registrations/{id}/findings"),
            Some(token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    b.as_array().unwrap().clone()
}

#[tokio::test]
async fn every_library_yields_a_finding_citing_its_import_batch() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("region_admin").await;
    let y = exam_year(&app).await;
    for (i, case) in CASES.iter().enumerate() {
        let idn = resident_id(&format!("41030519850201{:03}", i + 11));
        let (s, batch) = app
            .import_library(&admin, case.library, "", fill_csv(case.csv, &idn, y))
            .await;
        assert_eq!(s, 201, "{}: {batch}", case.library);
        assert_eq!(batch["status"], "active", "{}: {batch}", case.library);
        let phone = format!("1390000{:04}", i + 1);
        let id = submit(&app, &idn, &phone, case.exam, (case.form)(y)).await;
        let found = findings(&app, &admin, &id).await;
        let f = found
            .iter()
            .find(|f| f["rule_code"] == case.rule)
            .unwrap_or_else(|| panic!("{}: no {} in {found:#?}", case.library, case.rule));
        assert_eq!(f["evidence"]["library"], case.library, "{f}");
        assert_eq!(
            f["evidence"]["batch_id"], batch["id"],
            "{}: {f}",
            case.library
        );
        assert!(f["reviewer_message"].as_str().unwrap().chars().count() > 4);
    }
}

#[tokio::test]
async fn reimporting_a_library_changes_the_findings_of_open_registrations() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("region_admin").await;
    let y = exam_year(&app).await;
    let idn = resident_id("41030519850201001");
    let id = submit(&app, &idn, "13900001001", "health_tech", ht_303(y)).await;
    let codes = |f: &[Value]| {
        f.iter()
            .map(|f| f["rule_code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let before = findings(&app, &admin, &id).await;
    assert!(!codes(&before).contains(&"violation_active".to_string()));
    assert!(codes(&before).contains(&"physician_certificate_missing".to_string()));

    // a ban is imported after submission: the worker re-verifies and the reviewer sees it
    let ban = fill_csv(CASES[3].csv, &idn, y);
    let (_, batch) = app.import_library(&admin, "violations", "", ban).await;
    let worker = app.worker();
    worker.tick().await.unwrap();
    let after = findings(&app, &admin, &id).await;
    let v = after
        .iter()
        .find(|f| f["rule_code"] == "violation_active")
        .expect("ban finding");
    assert_eq!(v["evidence"]["batch_id"], batch["id"]);
    assert_eq!(v["severity"], "warning");

    // the next import no longer lists the person: the finding goes, and stays in the history
    let other = fill_csv(CASES[3].csv, &resident_id("41030519850201002"), y);
    app.import_library(&admin, "violations", "mode=replace", other)
        .await;
    worker.tick().await.unwrap();
    let now = findings(&app, &admin, &id).await;
    assert!(
        !codes(&now).contains(&"violation_active".to_string()),
        "{now:#?}"
    );
    let (_, history) = app
        .get(
            &format!("/api/v1/review/registrations/{id}/findings?history=true"),
            Some(&admin),
        )
        .await;
    let old = history
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_code"] == "violation_active")
        .expect("kept in the history");
    assert!(old["superseded_at"].is_string());

    // a reviewer re-runs verification on demand (audited); an unchanged result keeps the same findings
    let site = app.staff_token("site_reviewer").await;
    let (s, rerun) = app
        .post(
            &format!("/api/v1/review/registrations/{id}/verify"),
            json!({}),
            Some(&site),
        )
        .await;
    assert_eq!(s, 200, "{rerun}");
    let ids = |v: &[Value]| v.iter().map(|f| f["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(rerun.as_array().unwrap()), ids(&now));
    // drafts are verified when submitted: until then they belong to no review scope
    let draft_owner = signup(&app, &resident_id("41030519850201005"), "13900001005").await;
    let t = draft_owner["tokens"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let draft = start(&app, "health_tech", &t).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/review/registrations/{draft}/verify"),
            json!({}),
            Some(&site),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("not_found")));
    // outside the reviewer's scope it does not exist
    let other_site = app.staff_token("site_reviewer_ly").await;
    let (s, _) = app
        .get(
            &format!("/api/v1/review/registrations/{id}/findings"),
            Some(&other_site),
        )
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn returning_candidates_quick_fill_from_history_and_cannot_retake_last_years_passes() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("region_admin").await;
    let y = exam_year(&app).await;
    let idn = resident_id("41030519850201003");
    let csv = format!(
        "身份证号,姓名,考试年度,考试类别,级别代码,专业代码,档案号,通过科目,学历,毕业学校,所学专业,工作单位代码\n\
         {idn},王小明,{},health_tech,practitioner,203,A2026003,basic;related,benke,郑州大学,护理学,41030000000000002X\n",
        y - 1
    );
    let (_, batch) = app
        .import_library(&admin, "history", "", csv.into_bytes())
        .await;
    assert_eq!(batch["status"], "active", "{batch}");

    let me = signup(&app, &idn, "13900002001").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let id = start(&app, "health_tech", &token).await;
    let (s, qf) = app
        .get(
            &format!("/api/v1/registrations/{id}/quick-fill"),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{qf}");
    assert_eq!(qf["found"], true);
    assert_eq!(qf["year"], y - 1);
    assert_eq!(qf["patch"]["exam"]["archive_number"], "A2026003");
    assert_eq!(qf["patch"]["education"]["school"], "郑州大学");
    assert_eq!(qf["carried_over"], json!(["basic", "related"]));

    // applying the patch and choosing a passed subject again is refused at submission
    let mut form = common();
    form["education"]["school"] = json!("郑州大学");
    form["exam"] = json!({"level_code": "practitioner", "specialty_code": "203", "archive_number": "A2026003",
        "subject_codes": ["basic", "professional"], "site_code": "410100", "point_code": "41010502"});
    let version = fill(&app, &token, &id, form.clone()).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": version}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"]["exam.subject_codes"][0],
        "subject_already_passed"
    );
    form["exam"]["subject_codes"] = json!(["professional", "practice"]);
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": version, "form": form}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        b["fee"]["total_fen"], 14000,
        "two subjects charged, the carried-over ones are not"
    );
    app.upload_required_materials(&token, &id).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": b["version"]}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    // what the checks ask of the candidate comes back with the registration
    let notices: Vec<&str> = b["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        notices.iter().any(|n| n.contains("护士执业证书")),
        "{notices:?}"
    );

    // someone without history gets an empty patch; another candidate's registration is not found
    let other = signup(&app, &resident_id("41030519850201004"), "13900002002").await;
    let t2 = other["tokens"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let id2 = start(&app, "health_tech", &t2).await;
    let (_, qf) = app
        .get(
            &format!("/api/v1/registrations/{id2}/quick-fill"),
            Some(&t2),
        )
        .await;
    assert_eq!(
        (qf["found"].clone(), qf["patch"].clone()),
        (json!(false), json!({}))
    );
    let (s, _) = app
        .get(&format!("/api/v1/registrations/{id}/quick-fill"), Some(&t2))
        .await;
    assert_eq!(s, 404);
}
