//! Staff data correction at the exam region: a field of a submitted registration corrected with a reason —
//! validated like the candidate's save, kept as a version and on the timeline the candidate sees, audited,
//! the candidate told; refused below the region, for the exam section, without a reason, on a stale version.

use diesel::prelude::*;
use serde_json::json;
use weikao_api_tests::TestApp;

use crate::review_decisions::demo_registration;

#[tokio::test]
async fn the_region_corrects_a_field_for_the_candidate_with_a_reason() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let point = app.staff_token("point_reviewer").await;
    let region = app.staff_token("region_reviewer").await;
    let site = app.staff_token("site_reviewer").await;
    let (id, v) = demo_registration(&app, &point).await;
    app.with_owner_conn(|c| {
        diesel::sql_query(
            "UPDATE candidates SET email = 'zhang@example.cn' WHERE phone = '13800000001'",
        )
        .execute(c)
        .unwrap();
    })
    .await;
    let url = format!("/api/v1/review/registrations/{id}/corrections");
    let good = json!({"version": v, "changes": {"education": {"school": "河南大学"}}, "reason": "学校名称录入有误，依毕业证书更正"});

    // below the region: refused
    let (s, b) = app.post(&url, good.clone(), Some(&site)).await;
    assert_eq!((s, b["code"].as_str()), (403, Some("forbidden")), "{b}");
    // the exam choice, an empty change and a short reason are field errors
    let (s, b) = app
        .post(
            &url,
            json!({"version": v, "changes": {"exam": {"specialty_code": "203"}}, "reason": "错"}),
            Some(&region),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"]["exam.specialty_code"][0],
        "field_not_correctable"
    );
    assert_eq!(b["errors"]["reason"][0], "reason_length");
    let (s, b) = app
        .post(
            &url,
            json!({"version": v, "changes": {}, "reason": "没有更改内容"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["changes"][0].as_str()),
        (422, Some("no_changes")),
        "{b}"
    );
    // a value the form's own rules refuse is refused with the form's code
    let (s, b) = app
        .post(
            &url,
            json!({"version": v, "changes": {"education": {"graduated_on": "2099-07-01"}}, "reason": "毕业日期更正"}),
            Some(&region),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert!(b["errors"]["education.graduated_on"].is_array(), "{b}");
    // a stale version
    let (s, b) = app
        .post(
            &url,
            json!({"version": v - 1, "changes": {"education": {"school": "河南大学"}}, "reason": "学校名称录入有误"}),
            Some(&region),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (409, Some("version_conflict")),
        "{b}"
    );

    // the correction
    let (s, b) = app.post(&url, good, Some(&region)).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["version"].as_i64(), Some(v + 1));
    assert_eq!(b["status"], "submitted", "the status does not change");
    let (_, d) = app
        .get(&format!("/api/v1/review/registrations/{id}"), Some(&region))
        .await;
    assert_eq!(d["form"]["education"]["school"], "河南大学");
    assert_eq!(d["form"]["education"]["major"], "护理学", "the rest stays");
    // the candidate sees the new value and why
    let cand = app.candidate_token("13800000001").await;
    let (s, mine) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&cand))
        .await;
    assert_eq!(s, 200);
    assert_eq!(mine["form"]["education"]["school"], "河南大学");
    assert!(
        mine.to_string()
            .contains("学校名称录入有误，依毕业证书更正"),
        "the reason is on the candidate's timeline: {mine}"
    );
    // kept as a version, audited, and the candidate told
    let (versions, audited, mails) = app
        .with_owner_conn(move |c| {
            #[derive(QueryableByName)]
            struct N {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let n = |c: &mut PgConnection, sql: String| diesel::sql_query(sql).get_result::<N>(c).unwrap().n;
            (
                n(c, format!("SELECT count(*) AS n FROM registration_versions WHERE registration_id = '{id}' AND change_kind = 'staff_correction'")),
                n(c, format!("SELECT count(*) AS n FROM audit_log WHERE action = 'review.correct' AND object_id = '{id}' AND details->'fields' ? 'education.school'")),
                n(c, "SELECT count(*) AS n FROM outbox_messages WHERE recipient = 'zhang@example.cn' AND body LIKE '%更正%'".into()),
            )
        })
        .await;
    assert_eq!((versions, audited, mails), (1, 1, 1));
}
