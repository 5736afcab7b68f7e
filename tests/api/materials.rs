//! Material uploads through the real app: magic bytes, size limits, metadata removal, photo spec, signed
//! links — on the filesystem store and on S3 (SeaweedFS).

use serde_json::{json, Value};
use weikao_api_tests::TestApp;
use weikao_core::files::test_support::{encode_jpeg, portrait};

use crate::accounts_candidate::signup;

pub(crate) fn photo(w: u16, h: u16, bg: [u8; 3]) -> Vec<u8> {
    encode_jpeg(w, h, &portrait(w, h, bg), 3, 0)
}

/// Inserts an APP1 Exif segment with a fake GPS payload right after SOI.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let payload = b"Exif\0\0GPSLatitude=34.7466N;GPSLongitude=113.6253E";
    let len = (payload.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

pub(crate) async fn draft(app: &TestApp) -> (String, String) {
    let me = signup(app, "11010519491231002X", "13912345678").await;
    let token = me["tokens"]["access_token"].as_str().unwrap().to_string();
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    let sid = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "health_tech")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, reg) = app
        .post(
            "/api/v1/registrations",
            json!({"session_id": sid}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 201);
    (token, reg["id"].as_str().unwrap().to_string())
}

pub(crate) async fn put(
    app: &TestApp,
    token: &str,
    reg: &str,
    kind: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let res = app
        .http
        .put(app.url(&format!("/api/v1/registrations/{reg}/materials/{kind}")))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    let s = res.status().as_u16();
    (s, res.json().await.unwrap_or(Value::Null))
}

async fn download(app: &TestApp, token: &str, material: &str) -> reqwest::Response {
    let (s, link) = app
        .post(
            &format!("/api/v1/materials/{material}/link"),
            json!({}),
            Some(token),
        )
        .await;
    assert_eq!(s, 200, "{link}");
    let url = link["url"].as_str().unwrap();
    assert!(url.starts_with(&app.state.cfg.public_url));
    let path = &url[app.state.cfg.public_url.len()..];
    app.http.get(app.url(path)).send().await.unwrap()
}

async fn journey(app: &TestApp) {
    app.seed_demo().await;
    let (token, reg) = draft(app).await;
    let original = with_exif(&photo(300, 420, [255, 255, 255]));
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let (s, m) = put(app, &token, &reg, "photo", original.clone()).await;
    assert_eq!(s, 201, "{m}");
    assert_eq!(m["content_type"], "image/jpeg");
    assert!(
        m["size_bytes"].as_i64().unwrap() < original.len() as i64,
        "metadata removed"
    );
    let res = download(app, &token, m["id"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    let bytes = res.bytes().await.unwrap();
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif"),
        "no EXIF/GPS in what is stored"
    );
    assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude"));
    use sha2::Digest;
    assert_eq!(
        hex::encode(sha2::Sha256::digest(&bytes)),
        m["sha256"].as_str().unwrap()
    );
    // the image data itself is untouched (no re-encoding): the original minus the APP1 segment
    assert_eq!(&bytes[..], &photo(300, 420, [255, 255, 255])[..]);

    // a PDF diploma, then a replacement photo: one current file per kind
    let pdf =
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
            .to_vec();
    let (s, d) = put(app, &token, &reg, "diploma", pdf).await;
    assert_eq!(s, 201, "{d}");
    assert_eq!(d["content_type"], "application/pdf");
    let (s, _) = put(app, &token, &reg, "photo", photo(330, 462, [250, 250, 250])).await;
    assert_eq!(s, 201);
    let (s, list) = app
        .get(
            &format!("/api/v1/registrations/{reg}/materials"),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200);
    let kinds: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["diploma", "photo"]);
}

#[tokio::test]
async fn uploads_are_sanitized_stored_and_served_through_signed_links() {
    let app = TestApp::spawn().await;
    journey(&app).await;
}

#[tokio::test]
async fn the_same_journey_on_s3() {
    let app = TestApp::spawn_s3().await;
    assert_eq!(app.state.store.name(), "s3");
    journey(&app).await;
}

#[tokio::test]
async fn bad_files_are_refused_with_specific_codes() {
    let app = TestApp::spawn_with(|e| {
        e.insert("WEIKAO_UPLOAD_MAX_BYTES".into(), "1500000".into());
    })
    .await;
    app.seed_demo().await;
    let (token, reg) = draft(&app).await;
    let field = |b: &Value| {
        b["errors"]["file"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };

    let (s, b) = put(
        &app,
        &token,
        &reg,
        "photo",
        photo(200, 280, [255, 255, 255]),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert!(field(&b).contains(&"photo_too_small".to_string()), "{b}");
    let (s, b) = put(
        &app,
        &token,
        &reg,
        "photo",
        photo(300, 420, [128, 128, 128]),
    )
    .await;
    assert!(
        s == 422 && field(&b).contains(&"photo_background_not_white".to_string()),
        "{b}"
    );
    let (s, b) = put(
        &app,
        &token,
        &reg,
        "photo",
        photo(420, 420, [255, 255, 255]),
    )
    .await;
    assert!(
        s == 422 && field(&b).contains(&"photo_wrong_aspect".to_string()),
        "{b}"
    );
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec();
    let (s, b) = put(&app, &token, &reg, "diploma", svg).await;
    assert_eq!(
        (s, b["code"].as_str()),
        (415, Some("file_type_not_allowed"))
    );
    let (s, b) = put(
        &app,
        &token,
        &reg,
        "diploma",
        b"<html><body>hi</body></html>".to_vec(),
    )
    .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (415, Some("file_type_not_allowed"))
    );
    let js_pdf = b"%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF\n".to_vec();
    let (s, b) = put(&app, &token, &reg, "diploma", js_pdf).await;
    assert_eq!((s, b["code"].as_str()), (415, Some("file_active_content")));
    let (s, b) = put(&app, &token, &reg, "horoscope", b"%PDF-1.4".to_vec()).await;
    assert_eq!(
        (s, b["errors"]["kind"][0].as_str()),
        (422, Some("material_kind_unknown"))
    );
    let (s, b) = put(&app, &token, &reg, "diploma", vec![]).await;
    assert_eq!(
        (s, b["errors"]["file"][0].as_str()),
        (422, Some("file_empty"))
    );
    // too large: refused from Content-Length before reading, and while streaming without one
    let big = vec![0xFFu8; 1_600_000];
    let (s, b) = put(&app, &token, &reg, "diploma", big.clone()).await;
    assert_eq!((s, b["code"].as_str()), (413, Some("file_too_large")));
    let stream =
        futures_util::stream::iter((0..40).map(|_| Ok::<_, std::io::Error>(vec![0u8; 50_000])));
    let res = app
        .http
        .put(app.url(&format!("/api/v1/registrations/{reg}/materials/diploma")))
        .bearer_auth(&token)
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    // nothing was recorded by any refused upload, and no temporary file is left behind
    let (_, list) = app
        .get(
            &format!("/api/v1/registrations/{reg}/materials"),
            Some(&token),
        )
        .await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    let uploads = app.data_dir.join("uploads");
    let left = std::fs::read_dir(&uploads).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "temporary files left in {}", uploads.display());
}

#[tokio::test]
async fn links_are_owner_only_tamper_proof_and_expire() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let (token, reg) = draft(&app).await;
    let (_, m) = put(
        &app,
        &token,
        &reg,
        "photo",
        photo(300, 420, [255, 255, 255]),
    )
    .await;
    let id = m["id"].as_str().unwrap();
    let other = app.candidate_token("13800000001").await;
    let (s, _) = app
        .post(
            &format!("/api/v1/materials/{id}/link"),
            json!({}),
            Some(&other),
        )
        .await;
    assert_eq!(
        s, 404,
        "another candidate's material does not exist for them"
    );
    let (s, link) = app
        .post(
            &format!("/api/v1/materials/{id}/link"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200);
    let url = link["url"].as_str().unwrap();
    let path = url[app.state.cfg.public_url.len()..].to_string();
    let mut tampered = path.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(
        app.http
            .get(app.url(&tampered))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        app.http.get(app.url(&path)).send().await.unwrap().status(),
        200
    );
    app.state.clock.advance(chrono::Duration::seconds(301));
    let res = app.http.get(app.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), 410);
    // withdrawing removes it from the list; the link endpoint no longer finds it
    let (s, _) = app
        .post(
            &format!("/api/v1/materials/{id}/link"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200);
    let res = app
        .http
        .delete(app.url(&format!("/api/v1/registrations/{reg}/materials/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (s, _) = app
        .post(
            &format!("/api/v1/materials/{id}/link"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 404);
}
