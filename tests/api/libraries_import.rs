//! Library imports over the admin API and the CLI: good files land, bad files give a clear report and never
//! land half; replace and append; duplicate rows; XLSX with formulas; the size limit; the XLSX error report.

use std::process::Command;

use serde_json::Value;
use weikao_api_tests::{resident_id, test_env, weikao_binary, TestApp};

fn id(n: u32) -> String {
    resident_id(&format!("41010519900101{n:03}"))
}

fn violations_csv(rows: &[(String, &str, i32)]) -> Vec<u8> {
    let mut s = String::from("身份证号,姓名,考试类别,处理类型,起始年度,截止年度\n");
    for (idn, name, from) in rows {
        s.push_str(&format!(
            "{idn},{name},health_tech,integrity_5y,{from},{}\n",
            from + 4
        ));
    }
    s.into_bytes()
}

fn codes(b: &Value) -> Vec<String> {
    b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_string())
        .collect()
}

async fn admin(app: &TestApp) -> String {
    app.seed_demo().await;
    app.staff_token("region_admin").await
}

#[tokio::test]
async fn a_good_csv_lands_and_replace_archives_the_previous_batch() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let file = violations_csv(&[(id(1), "张三", 2025), (id(2), "李四", 2026)]);
    let (s, first) = app
        .import_library(&token, "violations", "file_name=v1.csv", file)
        .await;
    assert_eq!(s, 201, "{first}");
    assert_eq!(first["status"], "active");
    assert_eq!(
        (first["rows_total"].as_i64(), first["rows_loaded"].as_i64()),
        (Some(2), Some(2))
    );
    assert_eq!(first["file_format"], "csv");
    assert_eq!(app.library_rows("violations").await, 2);

    // replace: the library becomes the new file; the old rows go to the archive, the old batch is superseded
    let (s, second) = app
        .import_library(
            &token,
            "violations",
            "mode=replace",
            violations_csv(&[(id(3), "王五", 2026)]),
        )
        .await;
    assert_eq!(s, 201, "{second}");
    assert_eq!(app.library_rows("violations").await, 1);
    let (_, old) = app
        .get(
            &format!(
                "/api/v1/admin/library-batches/{}",
                first["id"].as_str().unwrap()
            ),
            Some(&token),
        )
        .await;
    assert_eq!(old["status"], "superseded");
    let archived = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::library_archive::dsl as a;
            a::library_archive.count().get_result::<i64>(c).unwrap()
        })
        .await;
    assert_eq!(archived, 2);

    // append: a new person is added, a row with the same key replaces the live one
    let (s, third) = app
        .import_library(
            &token,
            "violations",
            "mode=append",
            violations_csv(&[(id(3), "王五", 2026), (id(4), "赵六", 2024)]),
        )
        .await;
    assert_eq!(s, 201, "{third}");
    assert_eq!(app.library_rows("violations").await, 2);

    // admins can search (masked) and export; both are audited
    let (s, page) = app
        .get(
            &format!(
                "/api/v1/admin/libraries/violations/rows?id_number={}",
                id(4)
            ),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(page["total"], 1);
    let row = &page["items"][0];
    assert_eq!(row["name"], "赵六");
    assert!(row["id_masked"].as_str().unwrap().contains('*'));
    assert!(row.get("id_enc").is_none() && row.get("id_bidx").is_none());
    let res = app
        .http
        .get(app.url("/api/v1/admin/libraries/violations/export"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(!csv.contains(&id(4)), "exports never carry full ID numbers");
    let (_, libs) = app.get("/api/v1/admin/libraries", Some(&token)).await;
    let v = libs
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "violations")
        .unwrap();
    assert_eq!(v["live_rows"], 2);
    assert_eq!(v["latest_batch"]["id"], third["id"]);
}

#[tokio::test]
async fn wrong_headers_are_reported_and_nothing_lands() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let (s, b) = app
        .import_library(
            &token,
            "violations",
            "",
            "证件,名字,类别\n1,2,3\n".as_bytes().to_vec(),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["status"], "rejected");
    assert!(codes(&b).iter().all(|c| c == "missing_column"), "{b}");
    let missing: Vec<&str> = b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["column"].as_str().unwrap())
        .collect();
    assert!(
        missing.contains(&"id_number") && missing.contains(&"sanction"),
        "{missing:?}"
    );
    assert_eq!(b["ignored_columns"].as_array().unwrap().len(), 3);
    assert_eq!(app.library_rows("violations").await, 0);
    // a mapping names the odd headers
    let mapping = r#"{"证件":"id_number","名字":"name","类别":"exam_type","处理":"sanction","起":"from_year"}"#;
    let (s, b) = app
        .import_library(
            &token,
            "violations",
            &format!("mapping={}", urlencode(mapping)),
            format!("证件,名字,类别,处理,起\n{},张三,nurse,ban_2y,2026\n", id(9)).into_bytes(),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["status"], "active", "{b}");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn bad_rows_are_reported_with_row_and_column_and_all_or_nothing_lands_nothing() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let file = format!(
        "身份证号,姓名,考试类别,处理类型,起始年度,截止年度\n\
         {},张三,health_tech,ban_2y,2026,2027\n\
         110105199001011230,李四,health_tech,ban_2y,2026,2027\n\
         {},王五,health_tech,ban_2y,20x6,\n\
         {},张三,health_tech,ban_2y,2026,2027\n\
         {},赵六,dentist,ban_2y,2026,\n",
        id(1),
        id(2),
        id(1),
        id(3)
    )
    .into_bytes();
    let (s, b) = app
        .import_library(
            &token,
            "violations",
            "on_error=all_or_nothing",
            file.clone(),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["status"], "rejected");
    assert_eq!(
        app.library_rows("violations").await,
        0,
        "nothing half-imported"
    );
    let errs: Vec<(i64, String, String)> = b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().unwrap(),
                e["column"].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        errs.contains(&(3, "id_number".into(), "id_number_invalid".into())),
        "{errs:?}"
    );
    assert!(
        errs.contains(&(4, "from_year".into(), "year_invalid".into())),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.0 == 5 && e.2 == "duplicate_row"),
        "{errs:?}"
    );
    assert!(
        errs.contains(&(6, "exam_type".into(), "value_not_allowed".into())),
        "{errs:?}"
    );
    assert_eq!(b["rows_rejected"], 4);

    // accept_valid: the one good row lands, the report lists the rest
    let (s, b) = app.import_library(&token, "violations", "", file).await;
    assert_eq!(s, 201);
    assert_eq!(b["status"], "active");
    assert_eq!(
        (b["rows_loaded"].as_i64(), b["rows_rejected"].as_i64()),
        (Some(1), Some(4))
    );
    assert_eq!(app.library_rows("violations").await, 1);

    // the XLSX report has one line per error
    let res = app
        .http
        .get(app.url(b["report_url"].as_str().unwrap()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("spreadsheetml"));
    let bytes = res.bytes().await.unwrap();
    let rows = read_xlsx(&bytes);
    assert_eq!(rows[0][2], "代码 code");
    let report_codes: Vec<&str> = rows[1..=4].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        report_codes,
        vec![
            "id_number_invalid",
            "year_invalid",
            "duplicate_row",
            "value_not_allowed"
        ]
    );
}

fn read_xlsx(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[tokio::test]
async fn xlsx_files_import_and_formula_cells_are_refused() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["证件号码", "姓名", "学校", "毕业年度"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, id(1)).unwrap();
    ws.write_string(1, 1, "张三").unwrap();
    ws.write_string(1, 2, "河南护理职业学院").unwrap();
    ws.write_number(1, 3, 2027).unwrap();
    ws.write_string(2, 0, id(2)).unwrap();
    ws.write_string(2, 1, "李四").unwrap();
    ws.write_string(2, 2, "郑州卫校").unwrap();
    ws.write_formula(2, 3, "=2026+1").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let (s, b) = app
        .import_library(
            &token,
            "fresh_graduates",
            "on_error=all_or_nothing",
            bytes.clone(),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["file_format"], "xlsx");
    assert_eq!(b["status"], "rejected");
    assert_eq!(b["errors"][0]["row"], 3);
    assert_eq!(b["errors"][0]["column"], "graduation_year");
    assert_eq!(b["errors"][0]["code"], "formula_not_allowed");
    assert_eq!(app.library_rows("fresh_graduates").await, 0);
    let (_, b) = app
        .import_library(&token, "fresh_graduates", "", bytes)
        .await;
    assert_eq!(b["status"], "active");
    assert_eq!(app.library_rows("fresh_graduates").await, 1);
}

#[tokio::test]
async fn empty_and_header_only_files_are_refused_and_replace_keeps_the_library() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let (_, b) = app
        .import_library(
            &token,
            "violations",
            "",
            violations_csv(&[(id(1), "张三", 2026)]),
        )
        .await;
    assert_eq!(b["status"], "active");
    let (s, b) = app
        .import_library(&token, "violations", "", Vec::new())
        .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"]["file"][0], "file_empty");
    let (s, b) = app
        .import_library(&token, "violations", "mode=replace", violations_csv(&[]))
        .await;
    assert_eq!(s, 201);
    assert_eq!(b["status"], "rejected");
    assert_eq!(codes(&b), vec!["no_rows"]);
    assert_eq!(
        app.library_rows("violations").await,
        1,
        "a header-only file never empties a library"
    );
}

#[tokio::test]
async fn bad_parameters_unknown_libraries_and_other_roles_are_refused() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let (s, b) = app
        .import_library(
            &token,
            "violations",
            "mode=merge&on_error=maybe&mapping=%7B",
            b"x".to_vec(),
        )
        .await;
    assert_eq!(s, 422);
    for f in ["mode", "on_error", "mapping"] {
        assert!(b["errors"][f].is_array(), "{b}");
    }
    let (s, _) = app
        .import_library(&token, "unicorns", "", b"x".to_vec())
        .await;
    assert_eq!(s, 404);
    let reviewer = app.staff_token("site_reviewer").await;
    let (s, _) = app
        .import_library(&reviewer, "violations", "", b"x".to_vec())
        .await;
    assert_eq!(s, 403);
}

#[tokio::test]
async fn files_over_the_limit_are_refused_before_parsing() {
    let app = TestApp::spawn_with(|env| {
        env.insert("WEIKAO_IMPORT_MAX_BYTES".into(), "200".into());
    })
    .await;
    let token = admin(&app).await;
    let big = violations_csv(&(0..10).map(|i| (id(i), "张三", 2026)).collect::<Vec<_>>());
    assert!(big.len() > 200);
    let (s, b) = app.import_library(&token, "violations", "", big).await;
    assert_eq!(s, 413, "{b}");
    assert_eq!(b["code"], "file_too_large");
    let batches = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::library_batches::dsl as b;
            b::library_batches
                .filter(b::library.eq("violations"))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(batches, 0, "nothing recorded for a refused upload");
}

#[tokio::test]
async fn cleanup_is_a_dry_run_first_and_archives_when_applied() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    // bans 2020–2024 (expired by 2026) and 2026–2030
    app.import_library(
        &token,
        "violations",
        "",
        violations_csv(&[(id(1), "张三", 2020), (id(2), "李四", 2026)]),
    )
    .await;
    let (s, dry) = app
        .post(
            "/api/v1/admin/libraries/cleanup",
            serde_json::json!({"year": 2026}),
            Some(&token),
        )
        .await;
    assert_eq!(s, 200, "{dry}");
    let v = dry
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["library"] == "violations")
        .unwrap();
    assert_eq!(v["expired"], 1);
    assert_eq!(
        app.library_rows("violations").await,
        2,
        "a dry run changes nothing"
    );
    let (_, _) = app
        .post(
            "/api/v1/admin/libraries/cleanup",
            serde_json::json!({"year": 2026, "apply": true}),
            Some(&token),
        )
        .await;
    assert_eq!(app.library_rows("violations").await, 1);
    let audited = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use weikao_store::schema::audit_log::dsl as a;
            a::audit_log
                .filter(a::action.eq("library.cleanup"))
                .count()
                .get_result::<i64>(c)
                .unwrap()
        })
        .await;
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn the_cli_imports_with_progress_and_refuses_oversized_files() {
    let app = TestApp::spawn().await;
    app.seed_demo().await;
    let dir = app.data_dir.join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("inst.csv");
    std::fs::write(&csv, "机构代码,机构名称,所属地区,机构类型\nH1,某医院,410100,hospital\nH2,某卫生院,410300,township_health_centre\nH2,重复,410300,hospital\n").unwrap();
    let report = dir.join("report.xlsx");
    let env = test_env(&app.db, &app.data_dir);
    let run = |args: &[&str], extra: &[(&str, &str)]| {
        let mut cmd = Command::new(weikao_binary());
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in &env {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let out = run(
        &[
            "import",
            "institutions",
            csv.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("active")
            && stdout.contains("2 loaded")
            && stdout.contains("duplicate_row"),
        "{stdout}"
    );
    assert!(stderr.contains("rows read"), "progress on stderr: {stderr}");
    assert!(report.exists());
    assert_eq!(app.library_rows("institutions").await, 2);
    // all-or-nothing with the duplicate: exit 2, nothing changes
    let out = run(
        &[
            "import",
            "institutions",
            csv.to_str().unwrap(),
            "--on-error",
            "all_or_nothing",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    // over the limit: refused before reading
    let out = run(
        &["import", "institutions", csv.to_str().unwrap()],
        &[("WEIKAO_IMPORT_MAX_BYTES", "10")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the import limit"));
    let out = run(&["import", "unicorns", csv.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(app.library_rows("institutions").await, 2);
}

#[tokio::test]
async fn every_library_table_matches_its_spec() {
    let app = TestApp::spawn().await;
    let mismatches = app
        .with_conn(|c| {
            use diesel::prelude::*;
            use diesel::sql_types::Text;
            #[derive(QueryableByName)]
            struct Col {
                #[diesel(sql_type = Text)]
                column_name: String,
                #[diesel(sql_type = Text)]
                data_type: String,
            }
            let mut out = Vec::new();
            for spec in weikao_core::libraries::LIBRARIES {
                let cols: Vec<Col> = diesel::sql_query(
                    "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_name = $1",
                )
                .bind::<Text, _>(spec.table)
                .load(c)
                .unwrap();
                assert!(!cols.is_empty(), "{} has no table", spec.table);
                for col in spec.columns {
                    let want = match col.ty.sql_type() {
                        "text[]" => "ARRAY",
                        other => other,
                    };
                    match cols.iter().find(|c| c.column_name == col.name) {
                        Some(c) if c.data_type == want => {}
                        other => out.push(format!(
                            "{}.{}: want {want}, have {:?}",
                            spec.table,
                            col.name,
                            other.map(|c| &c.data_type)
                        )),
                    }
                }
            }
            out
        })
        .await;
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[tokio::test]
async fn import_bodies_must_be_files_not_json() {
    let app = TestApp::spawn().await;
    let token = admin(&app).await;
    let res = app
        .http
        .post(app.url("/api/v1/admin/libraries/violations/imports"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"rows": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    let res = app
        .http
        .post(app.url("/api/v1/admin/libraries/violations/imports"))
        .bearer_auth(&token)
        .header("content-type", "text/csv; charset=gb18030")
        .body(violations_csv(&[(id(1), "张三", 2026)]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
}
