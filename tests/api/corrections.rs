//! The correction loop: a level returns fields and materials; the candidate may change only those and
//! resubmits to the level that returned it.

use serde_json::json;
use weikao_api_tests::TestApp;
use weikao_core::files::test_support::{encode_jpeg, portrait};

use crate::accounts_candidate::signup;

#[tokio::test]
async fn returned_fields_and_materials_only_then_back_to_the_returning_level() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let me = signup(&app, "11010519491231002X", "13912345678").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    let sid = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "nurse")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let year = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "nurse")
        .unwrap()["year"]
        .as_i64()
        .unwrap();
    let (_, reg) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": sid}),
            Some(&token),
        )
        .await;
    let id = reg["id"].as_str().unwrap().to_string();
    let form = json!({
        "identity": {"ethnicity": "汉族", "address": "郑州市中原区建设路 3 号"},
        "education": {"level": "dazhuan", "school": "河南护理职业学院", "major": "护理", "study_form": "full_time",
            "enrolled_on": format!("{}-09-01", year - 3), "graduated_on": format!("{year}-07-01"), "study_years": 3},
        "nurse": {"fresh_graduate": true, "school": "河南护理职业学院", "expected_graduation_on": format!("{year}-07-01"), "internship_months": 10},
        "exam": {"site_code": "410100"}
    });
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": 1, "form": form}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    app.upload_required_materials(&token, &id).await;
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": 2}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");

    // the exam site returns the school name and the photo
    let site = app.staff_token("site_reviewer").await;
    let (_, q) = app
        .get("/api/v1/review/registrations?pending=true", Some(&site))
        .await;
    let item = q["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap()
        .clone();
    let (s, b) = app
        .post(
            &format!("/api/v1/review/registrations/{id}/decisions"),
            json!({"version": item["version"], "action": "approve",
            "returned_fields": ["education.school"]}),
            Some(&site),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["returned_fields"][0].as_str()),
        (422, Some("only_on_return"))
    );
    let (s, b) = app
        .post(&format!("/api/v1/review/registrations/{id}/decisions"), json!({"version": item["version"], "action": "return",
            "reason_codes": ["school_name_mismatch", "photo_blurred"], "comment": "学校名称与毕业证不一致；照片模糊", "comment_public": true,
            "returned_fields": ["education.school", "nurse"], "returned_materials": ["photo"]}), Some(&site))
        .await;
    assert_eq!(
        (s, b["status"].as_str(), b["current_level"].as_str()),
        (200, Some("returned"), Some("site")),
        "{b}"
    );

    let (_, reg) = app
        .get(&format!("/api/v1/registrations/{id}"), Some(&token))
        .await;
    let last = reg["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        last["returned_fields"],
        json!(["education.school", "nurse"])
    );
    assert_eq!(last["returned_materials"], json!(["photo"]));
    let v = reg["version"].as_i64().unwrap();
    // a field that was not returned stays locked
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": v, "form": {"identity": {"address": "别处"}}}),
            Some(&token),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["identity.address"][0].as_str()),
        (422, Some("field_not_returned"))
    );
    let (s, b) = app
        .patch(&format!("/api/v1/registrations/{id}"), json!({"version": v, "form": {"education": {"school": "河南护理职业学院（新校区）"}, "nurse": {"internship_months": 11}}}), Some(&token))
        .await;
    assert_eq!(s, 200, "{b}");
    let v = b["version"].as_i64().unwrap();
    // only the returned material kind can be uploaded again
    let photo = encode_jpeg(300, 420, &portrait(300, 420, [255, 255, 255]), 3, 0);
    let put = |kind: &'static str, body: Vec<u8>| {
        app.http
            .put(app.url(&format!("/api/v1/registrations/{id}/materials/{kind}")))
            .bearer_auth(&token)
            .body(body)
            .send()
    };
    // resubmitting without a new photo is refused: the returned photo must be replaced
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": v}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"],
        json!({"materials.photo": ["material_not_replaced"]})
    );
    let res = put("diploma", b"%PDF-1.4\n%%EOF\n".to_vec()).await.unwrap();
    assert_eq!(res.status(), 409);
    assert_eq!(
        res.json::<serde_json::Value>().await.unwrap()["code"],
        "material_not_returned"
    );
    assert_eq!(put("photo", photo).await.unwrap().status(), 201);

    // resubmitted: back at the site, not at the start of the chain
    let (s, b) = app
        .post(
            &format!("/api/v1/registrations/{id}/submit"),
            json!({"version": v}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        (b["status"].as_str(), b["current_level"].as_str()),
        (Some("resubmitted"), Some("site"))
    );
    let (_, q) = app
        .get("/api/v1/review/registrations?pending=true", Some(&site))
        .await;
    assert!(q["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == id.as_str() && i["status"] == "resubmitted"));
    // and it cannot be edited any more while under review
    let (s, b) = app
        .patch(
            &format!("/api/v1/registrations/{id}"),
            json!({"version": b["version"], "form": {}}),
            Some(&token),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("registration_locked")));
}
