//! Staff accounts managed by administrators through the real app: a region admin creates a site reviewer who
//! logs in with the initial password and must enrol an authenticator; role, level and scope must fit; the
//! account is disabled (its session ends) and its credentials reset; own account and other people's roles
//! are off limits; every change is audited.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

async fn org_id(app: &TestApp, code: &'static str) -> String {
    app.with_conn(move |c| {
        weikao_store::orgs::find_org_by_code(c, code)
            .unwrap()
            .unwrap()
            .id
            .to_string()
    })
    .await
}

async fn login(app: &TestApp, username: &str, password: &str) -> (u16, Value) {
    app.post(
        "/api/v1/auth/staff/login",
        json!({"username": username, "password": password}),
        None,
    )
    .await
}

#[tokio::test]
async fn a_region_admin_staffs_the_review() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("region_admin").await;
    let luoyang = org_id(&app, "410300").await;
    let point = org_id(&app, "41030501").await;

    // role, level and scope must fit; usernames are plain; only grantable roles
    let new = |username: &str, role: &str, level: Value, org: &str| json!({"username": username, "display_name": "洛阳审核员", "role": role, "review_level": level, "scope_org_id": org});
    for (body, field, code) in [
        (
            new("Bad Name", "reviewer", json!("site"), &luoyang),
            "username",
            "username_invalid",
        ),
        (
            new("ly_two", "reviewer", json!("point"), &luoyang),
            "review_level",
            "level_does_not_match_org",
        ),
        (
            new("ly_two", "reviewer", Value::Null, &point),
            "review_level",
            "level_required",
        ),
        (
            new("ly_two", "region_admin", Value::Null, &luoyang),
            "scope_org_id",
            "scope_must_be_region",
        ),
        (
            new("ly_two", "wizard", Value::Null, &luoyang),
            "role",
            "role_unknown",
        ),
        (
            new(
                "ly_two",
                "reviewer",
                json!("site"),
                &uuid::Uuid::new_v4().to_string(),
            ),
            "scope_org_id",
            "org_not_in_scope",
        ),
    ] {
        let (s, b) = app.post("/api/v1/admin/staff", body, Some(&admin)).await;
        assert_eq!(
            (s, b["errors"][field][0].as_str()),
            (422, Some(code)),
            "{b}"
        );
    }
    let (s, b) = app
        .post(
            "/api/v1/admin/staff",
            new("ly_two", "auditor", Value::Null, &luoyang),
            Some(&admin),
        )
        .await;
    assert_eq!(
        s, 403,
        "a region admin does not grant the auditor role: {b}"
    );
    let (s, b) = app
        .post(
            "/api/v1/admin/staff",
            new("site_reviewer", "reviewer", json!("site"), &luoyang),
            Some(&admin),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("username_taken")));

    let (s, created) = app
        .post(
            "/api/v1/admin/staff",
            new("ly_two", "reviewer", json!("site"), &luoyang),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 201, "{created}");
    let password = created["initial_password"].as_str().unwrap().to_string();
    let account = created["account"].clone();
    assert_eq!(
        (account["role"].as_str(), account["review_level"].as_str()),
        (Some("reviewer"), Some("site"))
    );
    assert_eq!(account["scope_org_id"].as_str(), Some(luoyang.as_str()));
    assert_eq!(account["totp_enabled"], false);
    let (s, b) = login(&app, "ly_two", &password).await;
    assert_eq!(
        (s, b["status"].as_str()),
        (200, Some("totp_enrolment_required")),
        "{b}"
    );

    let (_, list) = app.get("/api/v1/admin/staff?q=ly_", Some(&admin)).await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ly_two"]);

    // a site reviewer's session ends when the account is disabled
    let site_token = app.staff_token("site_reviewer").await;
    let (_, all) = app.get("/api/v1/admin/staff", Some(&admin)).await;
    let site = all
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["username"] == "site_reviewer")
        .unwrap()
        .clone();
    let url = format!("/api/v1/admin/staff/{}", site["id"].as_str().unwrap());
    let (s, b) = app
        .patch(
            &url,
            json!({"updated_at": site["updated_at"], "review_level": "point"}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, b["errors"]["review_level"][0].as_str()),
        (422, Some("level_does_not_match_org"))
    );
    let (s, off) = app
        .patch(
            &url,
            json!({"updated_at": site["updated_at"], "active": false}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, off["active"].as_bool()), (200, Some(false)), "{off}");
    let (s, _) = app
        .get("/api/v1/review/registrations", Some(&site_token))
        .await;
    assert_eq!(s, 401, "the disabled account's session has ended");
    let (s, b) = app
        .patch(
            &url,
            json!({"updated_at": site["updated_at"], "active": true}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("version_conflict")));
    let (s, on) = app
        .patch(
            &url,
            json!({"updated_at": off["updated_at"], "active": true, "can_reveal_pii": false}),
            Some(&admin),
        )
        .await;
    assert_eq!(
        (s, on["active"].as_bool(), on["can_reveal_pii"].as_bool()),
        (200, Some(true), Some(false))
    );

    // a lost phone: new password, authenticator forgotten, enrolled again at the next login
    let (s, reset) = app
        .post(
            &format!("{url}/credentials"),
            json!({"reset_totp": true}),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 200, "{reset}");
    assert_eq!(reset["account"]["totp_enabled"], false);
    let (s, b) = login(&app, "site_reviewer", weikao_app::seed::DEMO_PASSWORD).await;
    assert_eq!(s, 401, "the old password no longer works: {b}");
    let (s, b) = login(
        &app,
        "site_reviewer",
        reset["initial_password"].as_str().unwrap(),
    )
    .await;
    assert_eq!(
        (s, b["status"].as_str()),
        (200, Some("totp_enrolment_required")),
        "{b}"
    );

    // one's own account, and accounts of roles one may not grant, are off limits
    let (_, me) = app.get("/api/v1/me", Some(&admin)).await;
    let mine = all
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == me["staff"]["id"])
        .unwrap()
        .clone();
    let own = format!("/api/v1/admin/staff/{}", mine["id"].as_str().unwrap());
    let (s, b) = app
        .patch(
            &own,
            json!({"updated_at": mine["updated_at"], "active": false}),
            Some(&admin),
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("own_account")));
    let (s, b) = app
        .post(&format!("{own}/credentials"), json!({}), Some(&admin))
        .await;
    assert_eq!((s, b["code"].as_str()), (409, Some("own_account")));
    let auditor = all
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["username"] == "auditor")
        .unwrap()
        .clone();
    let (s, _) = app
        .patch(
            &format!("/api/v1/admin/staff/{}", auditor["id"].as_str().unwrap()),
            json!({"updated_at": auditor["updated_at"], "active": false}),
            Some(&admin),
        )
        .await;
    assert_eq!(s, 403);
    // reviewers do not manage accounts
    let reviewer = app.staff_token("region_reviewer").await;
    let (s, _) = app.get("/api/v1/admin/staff", Some(&reviewer)).await;
    assert_eq!(s, 403);

    let audited = app.staff_audit_actions("staff.%").await;
    assert_eq!(
        audited,
        [
            "staff.create",
            "staff.update",
            "staff.update",
            "staff.reset_credentials"
        ]
    );
}
