//! The exam catalog of the demo season, as candidates read it.

use weikao_api_tests::TestApp;

#[tokio::test]
async fn open_sessions_and_their_catalogs() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let (s, list) = app.get("/api/v1/exam-sessions", None).await;
    assert_eq!(s, 200, "{list}");
    let list = list.as_array().unwrap();
    let types: Vec<&str> = list
        .iter()
        .map(|x| x["exam_type"].as_str().unwrap())
        .collect();
    assert_eq!(list.len(), 3);
    for t in ["health_tech", "physician", "nurse"] {
        assert!(types.contains(&t), "{types:?}");
    }
    assert!(list.iter().all(|x| x["registration_open"] == true));
    let find = |t: &str| {
        list.iter().find(|x| x["exam_type"] == t).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let (s, ht) = app
        .get(
            &format!("/api/v1/exam-sessions/{}", find("health_tech")),
            None,
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(ht["levels"].as_array().unwrap().len(), 3);
    let specs = ht["specialties"].as_array().unwrap();
    assert!(specs.len() >= 20);
    let nursing = specs
        .iter()
        .find(|x| x["code"] == "203")
        .expect("nursing 203");
    assert_eq!(nursing["level_code"], "practitioner");
    assert_eq!(nursing["subjects"].as_array().unwrap().len(), 4);
    assert!(specs.iter().any(|x| x["code"] == "368"));
    assert_eq!(ht["fees"][0]["unit"], "per_subject");
    assert_eq!(ht["fees"][0]["amount_fen"], 7000);

    let (_, ph) = app
        .get(
            &format!("/api/v1/exam-sessions/{}", find("physician")),
            None,
        )
        .await;
    let stages: Vec<&str> = ph["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        vec!["skills", "written", "second_sitting"],
        "three payment rounds"
    );
    assert_eq!(ph["categories"].as_array().unwrap().len(), 4);

    let (_, nu) = app
        .get(&format!("/api/v1/exam-sessions/{}", find("nurse")), None)
        .await;
    assert_eq!(nu["review_chain"], serde_json::json!(["site", "region"]));

    let (s, b) = app
        .get(
            &format!("/api/v1/exam-sessions/{}", uuid::Uuid::new_v4()),
            None,
        )
        .await;
    assert_eq!((s, b["code"].as_str()), (404, Some("not_found")));
    // a session whose window has closed is no longer listed as open, but still readable
    app.state.clock.advance(chrono::Duration::days(40));
    let (_, list) = app.get("/api/v1/exam-sessions", None).await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    let (_, all) = app.get("/api/v1/exam-sessions?open=false", None).await;
    assert_eq!(all.as_array().unwrap().len(), 3);
}
