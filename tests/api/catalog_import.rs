//! Importing a season's catalog through the real app and the binary: a CSV in GB18030 adds a specialty and
//! its subjects and keeps what exists; an XLSX with numeric codes; a file with bad rows writes nothing and
//! names every row; moving a specialty to another level is refused; the command line does the same.

use serde_json::Value;
use weikao_api_tests::TestApp;

async fn upload(app: &TestApp, token: &str, session: &str, body: Vec<u8>) -> (u16, Value) {
    let res = app
        .http
        .post(app.url(&format!("/api/v1/admin/exam-sessions/{session}/catalog")))
        .bearer_auth(token)
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .unwrap();
    let s = res.status().as_u16();
    (s, res.json().await.unwrap_or(Value::Null))
}

async fn specialties(app: &TestApp, session: &str) -> Vec<(String, String, i64)> {
    let session = uuid::Uuid::parse_str(session).unwrap();
    app.with_conn(move |c| {
        use diesel::prelude::*;
        use weikao_store::schema::{specialties as s, subjects as u};
        s::table
            .filter(s::session_id.eq(session))
            .order(s::code.asc())
            .select((
                s::code,
                s::name,
                u::table
                    .filter(u::specialty_id.eq(s::id))
                    .count()
                    .single_value()
                    .assume_not_null(),
            ))
            .load::<(String, String, i64)>(c)
            .unwrap()
    })
    .await
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[tokio::test]
async fn a_region_admin_imports_a_seasons_catalog() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let admin = app.staff_token("region_admin").await;
    let (_, sessions) = app.get("/api/v1/admin/exam-sessions", Some(&admin)).await;
    let ht = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "health_tech")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = specialties(&app, &ht).await;
    assert!(before.iter().any(|(c, _, _)| c == "203"));

    // bad rows: nothing written, every one named
    let bad = gb18030(
        "级别代码,级别名称,专业代码,专业名称,科目代码,科目名称\n\
         practitioner,师,20,护理学,basic,基础知识\n\
         intermediate,中级,399,健康管理,basic,基础知识\n\
         intermediate,中级,399,健康管理,basic,基础知识\n",
    );
    let (s, b) = upload(&app, &admin, &ht, bad).await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"]["rows[2].specialty_code"][0],
        "specialty_code_invalid"
    );
    assert_eq!(b["errors"]["rows[4].subject_code"][0], "duplicate_subject");
    assert_eq!(
        specialties(&app, &ht).await,
        before,
        "a failed import writes nothing"
    );
    let (s, b) = upload(&app, &admin, &ht, b"just,some,columns\n1,2,3\n".to_vec()).await;
    assert_eq!(
        (s, b["errors"]["rows[0].level_code"][0].as_str()),
        (422, Some("column_missing"))
    );

    // a good file in GB18030: a new specialty with two subjects; 203 kept
    let good = gb18030(&format!(
        "级别代码,级别名称,专业代码,专业名称,科目代码,科目名称\n\
         practitioner,{},203,{},basic,基础知识\n\
         intermediate,{},399,健康管理,basic,基础知识\n\
         intermediate,{},399,健康管理,practice,专业实践能力\n",
        level_name(&app, &ht, "practitioner").await,
        specialty_name(&before, "203"),
        level_name(&app, &ht, "intermediate").await,
        level_name(&app, &ht, "intermediate").await,
    ));
    let (s, r) = upload(&app, &admin, &ht, good).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(
        (
            r["specialties_added"].as_i64(),
            r["specialties_kept"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(r["subjects_added"], 2);
    assert!(
        r["not_in_file"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "301" || c == "368"),
        "{r}"
    );
    let after = specialties(&app, &ht).await;
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&("399".to_string(), "健康管理".to_string(), 2)));

    // moving an existing specialty to another level is refused
    let moved = format!(
        "level_code,level_name,specialty_code,specialty_name,subject_code,subject_name\n\
         intermediate,{},203,{},basic,基础知识\n",
        level_name(&app, &ht, "intermediate").await,
        specialty_name(&before, "203")
    );
    let (s, b) = upload(&app, &admin, &ht, moved.into_bytes()).await;
    assert_eq!(
        (s, b["errors"]["rows[0].specialty 203"][0].as_str()),
        (422, Some("specialty_level_changed")),
        "{b}"
    );

    // an XLSX with numeric codes, into the nurse session, through the command line
    let nurse = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["exam_type"] == "nurse")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "级别代码",
        "级别名称",
        "专业代码",
        "专业名称",
        "科目代码",
        "科目名称",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "nurse").unwrap();
    ws.write_string(1, 1, "护士执业资格").unwrap();
    ws.write_number(1, 2, 2.0).unwrap();
    ws.write_string(1, 3, "助产").unwrap();
    ws.write_number(1, 4, 1.0).unwrap();
    ws.write_string(1, 5, "专业实务").unwrap();
    let path = app.data_dir.join("catalog.xlsx");
    wb.save(&path).unwrap();
    let run = |args: Vec<String>| {
        let out = std::process::Command::new(weikao_api_tests::weikao_binary())
            .args(&args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap())
            .envs(weikao_api_tests::test_env(&app.db, &app.data_dir))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, out, err) = run(vec![
        "catalog".into(),
        "import".into(),
        nurse.clone(),
        path.display().to_string(),
    ]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("specialties 1 added"), "{out}");
    assert!(specialties(&app, &nurse)
        .await
        .contains(&("2".to_string(), "助产".to_string(), 1)));
    let bad_path = app.data_dir.join("bad.csv");
    std::fs::write(
        &bad_path,
        "级别代码,级别名称,专业代码,专业名称,科目代码,科目名称\nnurse,护士执业资格,3,,1,专业实务\n",
    )
    .unwrap();
    let (code, _, err) = run(vec![
        "catalog".into(),
        "import".into(),
        nurse,
        bad_path.display().to_string(),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("row 2: specialty_name: required"), "{err}");

    let reviewer = app.staff_token("region_reviewer").await;
    let (s, _) = upload(&app, &reviewer, &ht, b"x".to_vec()).await;
    assert_eq!(s, 403);
}

async fn level_name(app: &TestApp, session: &str, code: &'static str) -> String {
    let session = uuid::Uuid::parse_str(session).unwrap();
    app.with_conn(move |c| {
        use diesel::prelude::*;
        use weikao_store::schema::exam_levels as l;
        l::table
            .filter(l::session_id.eq(session))
            .filter(l::code.eq(code))
            .select(l::name)
            .first::<String>(c)
            .unwrap()
    })
    .await
}

fn specialty_name(list: &[(String, String, i64)], code: &str) -> String {
    list.iter().find(|(c, _, _)| c == code).unwrap().1.clone()
}
