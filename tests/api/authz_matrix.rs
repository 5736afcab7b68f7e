//! Role × scope × endpoint matrix, generated from the OpenAPI document: every operation must have a case
//! here (a new endpoint without one fails), and every principal is tried against every operation.

use serde_json::{json, Value};
use weikao_api_tests::TestApp;

#[derive(Clone, Copy)]
enum Access {
    /// no token needed
    Public,
    /// any signed-in account (candidate, staff, client)
    AnyAccount,
    /// candidate or staff session (clients have no session)
    Session,
    /// staff with one of these roles
    Staff(&'static [&'static str]),
    /// candidates only
    Candidate,
    /// API clients only; `true` when the matrix client's scope (`registrations:read`) suffices, `false` when
    /// the operation needs a scope it lacks (so every principal is refused)
    Client(bool),
    /// any account; whether it may act depends on the object (owner, scope, client scope) — only the
    /// anonymous case is fixed here, the per-object rules have their own tests
    PerObject,
}

/// operationId → (who may call it, a valid request body)
fn case(op: &str) -> Option<(Access, Value)> {
    use Access::*;
    let empty = json!({});
    Some(match op {
        "healthz" | "readyz" | "metrics" | "getServiceStatus" => (Public, empty),
        "listExamSessions" | "getExamSession" => (Public, empty),
        "requestVerificationCode"
        | "candidateSignup"
        | "candidateLogin"
        | "candidatePasswordReset"
        | "candidateUnlock"
        | "staffLogin"
        | "staffCompleteTotpEnrolment"
        | "clientToken"
        | "refreshTokens" => (Public, empty),
        "getMe" => (AnyAccount, empty),
        "createRegistration" => (Candidate, json!({"session_id": uuid::Uuid::new_v4()})),
        "listMyRegistrations" | "getMyRegistration" | "getQuickFill" => (Candidate, empty),
        "saveRegistration" => (Candidate, json!({"version": 1, "form": {}})),
        "submitRegistration" | "withdrawRegistration" => (Candidate, json!({"version": 1})),
        "uploadMaterial" | "listMaterials" | "withdrawMaterial" => (Candidate, empty),
        "createMaterialLink" => (PerObject, empty),
        "getSupplement" | "uploadSupplementMaterial" => (Candidate, empty),
        "submitSupplement" => (Candidate, json!({"version": 1})),
        "listSupplements" | "getReviewSupplement" => (Staff(&["reviewer", "region_admin"]), empty),
        // exam-region reviewers only: the matrix's reviewer is at a site
        "decideSupplement" => (Staff(&[]), json!({"version": 1, "action": "accept"})),
        "createPayment" | "listPayments" | "getNextPayment" | "getPaymentReceipt" => {
            (Candidate, empty)
        }
        // the payment center's side: authenticated by signature, not by token
        "paymentNotification"
        | "sandboxCreateOrder"
        | "sandboxQueryOrder"
        | "sandboxCloseOrder"
        | "sandboxRefund"
        | "sandboxStatement"
        | "sandboxCashier"
        | "sandboxPay" => (Public, empty),
        "sandboxSetFaults" => (Public, json!({})),
        "downloadFile" => (Public, empty),
        "logout" => (Session, empty),
        "listOrgs" => (
            Staff(&["reviewer", "region_admin", "system_admin", "auditor"]),
            empty,
        ),
        "listReviewRegistrations" | "getReviewRegistration" | "getArchivedRegistration" => {
            (Staff(&["reviewer", "region_admin"]), empty)
        }
        // needs the reveal permission on top of the role: the demo site reviewer has it, the region admin not
        "revealRegistrationIdNumber" => (
            Staff(&["reviewer"]),
            json!({"reason": "authorisation matrix"}),
        ),
        "listAuditEvents" | "verifyAuditChain" => (Staff(&["auditor"]), empty),
        "listFindings" => (Staff(&["reviewer", "region_admin"]), empty),
        "reverifyRegistration" => (Staff(&["reviewer"]), empty),
        "listLibraries"
        | "importLibrary"
        | "listLibraryBatches"
        | "getLibraryBatch"
        | "downloadLibraryBatchReport"
        | "listLibraryRows"
        | "exportLibrary" => (Staff(&["region_admin"]), empty),
        "cleanupLibraries" => (Staff(&["region_admin"]), json!({"year": 2026})),
        "listReconciliations" | "listPaymentAlerts" => (Staff(&["region_admin"]), empty),
        // the matrix's registration id is no session: 404 for the region admin, refused for the rest
        "listAdminExamSessions" | "listSessionFees" | "importSessionCatalog" => {
            (Staff(&["region_admin"]), empty)
        }
        "setSessionFee" => (
            Staff(&["region_admin"]),
            json!({"stage_code": "main", "unit": "per_subject", "amount_fen": 1}),
        ),
        "listStaffAccounts" => (Staff(&["region_admin", "system_admin"]), empty),
        "createStaffAccount" => (
            Staff(&["region_admin", "system_admin"]),
            json!({"username": "matrix", "display_name": "矩阵", "role": "reviewer", "review_level": "site",
                "scope_org_id": uuid::Uuid::new_v4()}),
        ),
        // the matrix's registration id is no account: 404 for administrators
        "updateStaffAccount" => (
            Staff(&["region_admin", "system_admin"]),
            json!({"updated_at": "2026-01-01T00:00:00Z"}),
        ),
        "resetStaffCredentials" => (Staff(&["region_admin", "system_admin"]), json!({})),
        "listApiClients" | "rotateApiClientSecret" => {
            (Staff(&["region_admin", "system_admin"]), empty)
        }
        "createApiClient" => (
            Staff(&["region_admin", "system_admin"]),
            json!({"client_id": "matrix-new", "name": "矩阵", "scopes": ["registrations:read"]}),
        ),
        "updateApiClient" => (Staff(&["region_admin", "system_admin"]), json!({})),
        "updateExamSessionSchedule" => (
            Staff(&["region_admin"]),
            json!({"updated_at": "2026-01-01T00:00:00Z", "review_chain": ["region"],
                "registration_opens_at": "2026-01-01T00:00:00Z", "registration_closes_at": "2026-02-01T00:00:00Z",
                "supplement_opens_at": null, "supplement_closes_at": null,
                "review_windows": [{"level": "region", "opens_at": "2026-01-01T00:00:00Z", "closes_at": "2026-02-01T00:00:00Z"}],
                "stages": [], "status": "published", "auto_confirm_returning": false}),
        ),
        "runReconciliation" => (Staff(&["region_admin"]), json!({"day": "2026-01-01"})),
        // reviewers only; the site reviewer is not at the demo registration's level, which is a 409, not a 403
        "decideRegistration" => (
            Staff(&["reviewer"]),
            json!({"version": 1, "action": "approve"}),
        ),
        "decideRegistrationBatch" => (
            Staff(&["reviewer"]),
            json!({"action": "approve", "ids": [uuid::Uuid::new_v4()]}),
        ),
        "getReviewStatistics" | "exportReviewRegistrations" | "listAbnormalRegistrations" => {
            (Staff(&["reviewer", "region_admin"]), empty)
        }
        // region-level reviewers only: the matrix's site reviewer is refused like every other principal
        // (the region reviewer's access is tested in review_workflow)
        "reopenRegistration" => (
            Staff(&[]),
            json!({"version": 1, "reason": "authorisation matrix"}),
        ),
        // exam-region reviewers only: the matrix's reviewer is at a site
        "correctRegistration" => (
            Staff(&[]),
            json!({"version": 1, "changes": {"work": {"title": "护师"}}, "reason": "authorisation matrix"}),
        ),
        "listReviewReasons" => (Staff(&["reviewer", "region_admin"]), empty),
        "getCandidateHelp" => (Public, empty),
        "getReviewerHelp" => (
            Staff(&[
                "reviewer",
                "region_admin",
                "system_admin",
                "auditor",
                "institution",
            ]),
            empty,
        ),
        "saveHelp" => (
            Staff(&["region_admin"]),
            json!({"version": 0, "content": {}}),
        ),
        "resetHelp" => (Staff(&["region_admin"]), empty),
        // a registration point's reviewers (a school) only: the matrix's reviewer is at a site (class_lists)
        "uploadClassList" | "getClassList" => (Staff(&[]), empty),
        // reading is scoped (the matrix's site reviewer sees an empty list); drawing and deciding are the
        // exam region's reviewers' (tested in spot_checks)
        "listSpotChecks" | "getSpotCheck" => (Staff(&["reviewer", "region_admin"]), empty),
        "createSpotCheck" => (
            Staff(&[]),
            json!({"session_id": uuid::Uuid::new_v4(), "level": "point", "sample_size": 1}),
        ),
        "checkSpotCheckItem" => (Staff(&[]), json!({"verdict": "confirm"})),
        "exchangeRegistrationFeed" | "exchangeGetRegistration" => (Client(true), empty),
        "listProbationCertificates" | "closeInstitution" => (Client(false), empty),
        "fileProbationCertificate" | "updateProbationCertificate" => (
            Client(false),
            json!({"institution_code": "H1", "id_number": "11010519491231002X", "name": "王小明",
                "category_code": "clinical", "started_on": "2024-07-01", "ended_on": "2025-06-30",
                "certificate_number": "SY1", "legal_representative": "李建国", "signed_and_sealed": true}),
        ),
        "revokeProbationCertificate" => (Client(false), json!({"reason": "matrix"})),
        // an unknown session is a 422 for those allowed; the rest are refused first
        "importNationalRecords" => (Staff(&["region_admin"]), empty),
        "runComparison" => (
            Staff(&["region_admin"]),
            json!({"session_id": uuid::Uuid::new_v4()}),
        ),
        // exam-region staff: the region admin here (the region reviewer is tested in exchange)
        "listComparisonAnomalies" | "exportComparisonAnomalies" => {
            (Staff(&["region_admin"]), empty)
        }
        "resolveComparisonAnomaly" => (Staff(&[]), json!({"resolution": "confirmed_correct"})),
        "exportTalentCandidates" => (Client(false), empty),
        // a missing report is a 404 for those allowed
        "listOpsReports" | "getOpsReport" => (Staff(&["system_admin", "auditor"]), empty),
        "listInstitutionFilings" => (Staff(&["institution"]), empty),
        "fileInstitutionProbation" | "updateInstitutionProbation" => (
            Staff(&["institution"]),
            json!({"institution_code": "H1", "id_number": "11010519491231002X", "name": "王小明",
                "category_code": "clinical", "started_on": "2024-07-01", "ended_on": "2025-06-30",
                "certificate_number": "SY1", "legal_representative": "李建国", "signed_and_sealed": true}),
        ),
        "revokeInstitutionProbation" => (Staff(&["institution"]), json!({"reason": "matrix"})),
        "importTalentStatus" => (
            Client(false),
            json!({"session_id": uuid::Uuid::new_v4(), "records": []}),
        ),
        "pushInstitution" => (
            Client(false),
            json!({"name": "矩阵医院", "region_code": "410100"}),
        ),
        "putReviewReason" => (
            Staff(&["region_admin"]),
            json!({"label": "矩阵测试", "target": "general"}),
        ),
        _ => return None,
    })
}

struct Who {
    label: &'static str,
    kind: &'static str,
    role: Option<&'static str>,
    token: Option<String>,
}

async fn principals(app: &TestApp) -> Vec<Who> {
    let st = app.state.clone();
    app.with_conn(move |c| {
        weikao_store::accounts::insert_api_client(
            c,
            &weikao_store::accounts::NewApiClient {
                client_id: "matrix",
                name: "matrix client",
                secret_hash: &st.passwords.hash("matrix-secret"),
                scopes: vec!["registrations:read".into()],
                allowed_origins: vec![],
                rate_limit_per_minute: 10_000,
            },
        )
        .unwrap();
    })
    .await;
    let (s, b) = app
        .post("/api/v1/auth/token", json!({"grant_type": "client_credentials", "client_id": "matrix", "client_secret": "matrix-secret"}), None)
        .await;
    assert_eq!(s, 200);
    let client = b["access_token"].as_str().unwrap().to_string();
    let mut v = vec![
        Who {
            label: "anonymous",
            kind: "anonymous",
            role: None,
            token: None,
        },
        Who {
            label: "candidate",
            kind: "candidate",
            role: None,
            token: Some(app.candidate_token("13800000001").await),
        },
        Who {
            label: "client",
            kind: "client",
            role: None,
            token: Some(client),
        },
    ];
    for (user, role) in [
        ("site_reviewer", "reviewer"),
        ("region_admin", "region_admin"),
        ("sysadmin", "system_admin"),
        ("auditor", "auditor"),
        (weikao_app::seed::DEMO_INSTITUTION_USER, "institution"),
    ] {
        v.push(Who {
            label: user,
            kind: "staff",
            role: Some(role),
            token: Some(app.staff_token(user).await),
        });
    }
    v
}

fn expected_denial(access: Access, who: &Who) -> Option<u16> {
    match (access, who.kind) {
        (Access::Public, _) => None,
        (_, "anonymous") => Some(401),
        (Access::AnyAccount, _) => None,
        (Access::Session, "client") => Some(403),
        (Access::Session, _) => None,
        (Access::Staff(_), "candidate" | "client") => Some(403),
        (Access::Staff(roles), _) => (!roles.contains(&who.role.unwrap())).then_some(403),
        (Access::Candidate, "candidate") => None,
        (Access::Candidate, _) => Some(403),
        (Access::PerObject, _) => None,
        (Access::Client(in_scope), "client") => (!in_scope).then_some(403),
        (Access::Client(_), _) => Some(403),
    }
}

#[tokio::test]
async fn every_operation_enforces_roles_for_every_principal() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let doc: Value = serde_json::from_str(&weikao_app::openapi::to_pretty_json(
        &weikao_app::http::server::openapi_document(),
    ))
    .unwrap();
    let who = principals(&app).await;
    // a registration inside the site reviewer's scope (Zhengzhou)
    let site_token = who
        .iter()
        .find(|w| w.label == "site_reviewer")
        .unwrap()
        .token
        .clone()
        .unwrap();
    let (_, regs) = app
        .get("/api/v1/review/registrations", Some(&site_token))
        .await;
    let reg_id = regs["items"][0]["id"].as_str().unwrap().to_string();

    let mut ops: Vec<(String, String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ops.push((
                op["operationId"].as_str().unwrap().to_string(),
                method.clone(),
                path.clone(),
            ));
        }
    }
    let missing: Vec<&String> = ops
        .iter()
        .map(|o| &o.0)
        .filter(|id| case(id).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "operations without an authorisation case in tests/api/authz_matrix.rs: {missing:?}"
    );
    // logout ends sessions: run it last
    ops.sort_by_key(|o| o.0 == "logout");

    let mut failures = Vec::new();
    let mut checked = 0;
    for (op, method, path) in &ops {
        let (access, body) = case(op).unwrap();
        let url = app.url(
            &path
                .replace("{id}", &reg_id)
                .replace("{kind}", "photo")
                .replace("{library}", "violations")
                .replace("{material_id}", &uuid::Uuid::new_v4().to_string())
                .replace("{item_id}", &uuid::Uuid::new_v4().to_string())
                .replace("{client_id}", "no-such-client")
                .replace("{token}", "not-a-token")
                .replace("{code}", "matrix_reason")
                .replace("{order_no}", "WK-MATRIX")
                .replace("{filing_no}", "PF-MATRIX")
                .replace("{audience}", "candidate")
                .replace("{locale}", "zh-CN")
                .replace("{name}", "20261203T000000Z-backup.json"),
        );
        for w in &who {
            let mut rq = app
                .http
                .request(method.to_uppercase().parse().unwrap(), &url);
            if method != "get" {
                rq = rq.json(&body);
            }
            if let Some(t) = &w.token {
                rq = rq.bearer_auth(t);
            }
            let res = rq.send().await.unwrap();
            let status = res.status().as_u16();
            checked += 1;
            match expected_denial(access, w) {
                Some(code) if status != code => failures.push(format!(
                    "{op} as {}: expected {code}, got {status}",
                    w.label
                )),
                None if status == 401 || status == 403 => failures.push(format!(
                    "{op} as {}: expected access, got {status}",
                    w.label
                )),
                _ => {}
            }
            if status >= 500 {
                failures.push(format!("{op} as {}: server error {status}", w.label));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorisation matrix failures:\n{}",
        failures.join("\n")
    );
    assert_eq!(checked, ops.len() * who.len());
}
