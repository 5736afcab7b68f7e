//! Help content as data through the real app: the shipped documents are served until the exam region edits
//! them; an edit is checked as a whole (every problem by its path), versioned (a stale save is a 409),
//! audited, served at once, and can be taken back to the shipped text; only region administrators edit.

use serde_json::json;
use weikao_api_tests::TestApp;

#[tokio::test]
async fn the_region_edits_the_help_centre_and_can_go_back() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let (s, shipped) = app.get("/api/v1/help/candidate", None).await;
    assert_eq!(s, 200, "{shipped}");
    assert_eq!(
        (shipped["version"].as_i64(), shipped["edited"].as_bool()),
        (Some(0), Some(false))
    );
    assert_eq!(shipped["locale"], "zh-CN");
    assert!(shipped["content"]["exams"].as_array().unwrap().len() >= 3);
    let (s, en) = app.get("/api/v1/help/candidate?locale=en-US", None).await;
    assert_eq!(s, 200);
    assert_ne!(en["content"]["notice"], shipped["content"]["notice"]);
    let (s, b) = app.get("/api/v1/help/candidate?locale=fr-FR", None).await;
    assert_eq!(
        (s, b["errors"]["locale"][0].as_str()),
        (422, Some("locale_unknown"))
    );

    let admin = app.staff_token("region_admin").await;
    let url = "/api/v1/admin/help/candidate/zh-CN";
    let mut content = shipped["content"].clone();
    content["notice"] = json!("2027 年报名时间为 1 月 5 日至 1 月 16 日，以河南省考区公告为准。");
    let (s, saved) = app
        .put(url, json!({"version": 0, "content": content}), Some(&admin))
        .await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(
        (saved["version"].as_i64(), saved["edited"].as_bool()),
        (Some(1), Some(true))
    );
    let (_, now) = app.get("/api/v1/help/candidate", None).await;
    assert_eq!(
        now["content"]["notice"], content["notice"],
        "served at once"
    );
    assert_eq!(now["version"], 1);
    // the other language is untouched
    let (_, en_now) = app.get("/api/v1/help/candidate?locale=en-US", None).await;
    assert_eq!(en_now["version"], 0);

    // a stale save is refused and changes nothing
    let (s, b) = app
        .put(
            url,
            json!({"version": 0, "content": shipped["content"]}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    // a broken document names every problem by its path and changes nothing
    let mut broken = content.clone();
    broken["exams"][0]["topics"] =
        json!([{"id": "register", "title": " ", "blocks": [{"p": "x"}]}]);
    broken["faq"][0]["blocks"] = json!([{"html": "<b>x</b>"}]);
    let (s, b) = app
        .put(url, json!({"version": 1, "content": broken}), Some(&admin))
        .await;
    assert_eq!(s, 422, "{b}");
    let errors = b["errors"].as_object().unwrap();
    assert_eq!(
        errors["content.exams[0].topics[0].title"],
        json!(["required"])
    );
    assert_eq!(
        errors["content.exams[0].topics.photo"],
        json!(["topic_missing"])
    );
    assert_eq!(
        errors["content.faq[0].blocks[0].html"],
        json!(["block_kind"])
    );
    let (s, b) = app
        .put(
            url,
            json!({"version": 1, "content": {"x": "长".repeat(50_000)}}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["content"][0].as_str()),
        (422, Some("too_large")),
        "{b}"
    );
    let (_, still) = app.get("/api/v1/help/candidate", None).await;
    assert_eq!(still["content"]["notice"], content["notice"]);

    // back to the shipped text: only the version read can be dropped
    let stale = app
        .http
        .delete(app.url(&format!("{url}?version=7")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 409);
    let res = app
        .http
        .delete(app.url(&format!("{url}?version=1")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let back: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        (back["version"].as_i64(), back["edited"].as_bool()),
        (Some(0), Some(false))
    );
    assert_eq!(back["content"], shipped["content"]);
    assert_eq!(
        app.staff_audit_actions("help.%").await,
        vec!["help.update", "help.reset"]
    );
}

#[tokio::test]
async fn reviewers_read_their_manual_and_only_region_admins_edit() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let (s, _) = app.get("/api/v1/review/help", None).await;
    assert_eq!(s, 401);
    let cand = app.candidate_token("13800000001").await;
    let (s, _) = app.get("/api/v1/review/help", Some(&cand)).await;
    assert_eq!(s, 403);
    let site = app.staff_token("site_reviewer").await;
    let (s, manual) = app.get("/api/v1/review/help", Some(&site)).await;
    assert_eq!(s, 200, "{manual}");
    assert!(manual["content"]["manual"].as_array().unwrap().len() > 3);
    assert!(manual["content"]["tips"].as_array().unwrap().len() > 3);

    let mut content = manual["content"].clone();
    content["tips"][0]["text"] = json!("批量审核前请先筛选。");
    let body = json!({"version": 0, "content": content});
    let (s, _) = app
        .put(
            "/api/v1/admin/help/reviewer/zh-CN",
            body.clone(),
            Some(&site),
        )
        .await;
    assert_eq!(s, 403, "reviewers read, administrators edit");
    let (s, _) = app
        .put(
            "/api/v1/admin/help/auditors/zh-CN",
            body.clone(),
            Some(&site),
        )
        .await;
    assert_eq!(s, 403, "the role is checked first");
    let admin = app.staff_token("region_admin").await;
    let (s, _) = app
        .put(
            "/api/v1/admin/help/auditors/zh-CN",
            body.clone(),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 404);
    let (s, b) = app
        .put(
            "/api/v1/admin/help/reviewer/fr-FR",
            body.clone(),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["locale"][0].as_str()),
        (422, Some("locale_unknown"))
    );
    // a candidate document is not a reviewer document
    let (_, centre) = app.get("/api/v1/help/candidate", None).await;
    let (s, b) = app
        .put(
            "/api/v1/admin/help/reviewer/zh-CN",
            json!({"version": 0, "content": centre["content"]}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["content.manual"][0].as_str()),
        (422, Some("required")),
        "{b}"
    );
    let (s, saved) = app
        .put("/api/v1/admin/help/reviewer/zh-CN", body, Some(&admin))
        .await;
    assert_eq!(s, 200, "{saved}");
    let (_, now) = app.get("/api/v1/review/help", Some(&site)).await;
    assert_eq!(now["content"]["tips"][0]["text"], "批量审核前请先筛选。");
}
