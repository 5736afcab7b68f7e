//! `weikao seed-demo`: a province (Henan, with its 18 exam sites from tests/fixtures), registration points
//! under two sites, one reviewer per level, a region admin, a system admin, an auditor, the three exam
//! sessions of the current season, and a few candidates with submitted registrations. Idempotent.

use chrono::{Datelike, Duration};
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use weikao_core::identity::{gb11643_check_char, mask_id_number};
use weikao_store::accounts::{self, NewCandidate, NewStaffAccount};
use weikao_store::orgs::{self, Org};
use weikao_store::schema::{
    exam_sessions, exam_types, registration_versions, registrations, review_windows,
};

use crate::http::state::AppState;
use crate::security::totp;

const SITES_CSV: &str = include_str!("../../../tests/fixtures/henan-exam-sites.csv");
pub const DEMO_PASSWORD: &str = "weikao2026";

pub struct DemoStaff {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub level: Option<&'static str>,
    pub scope_code: &'static str,
    pub can_reveal: bool,
}

pub const DEMO_STAFF: &[DemoStaff] = &[
    DemoStaff {
        username: "point_reviewer",
        display_name: "金水区报名点审核员",
        role: "reviewer",
        level: Some("point"),
        scope_code: "41010501",
        can_reveal: false,
    },
    DemoStaff {
        username: "school_hnhl",
        display_name: "河南护理职业学院集体报名",
        role: "reviewer",
        level: Some("point"),
        scope_code: "41010503",
        can_reveal: false,
    },
    DemoStaff {
        username: "site_reviewer",
        display_name: "郑州市考点审核员",
        role: "reviewer",
        level: Some("site"),
        scope_code: "410100",
        can_reveal: true,
    },
    DemoStaff {
        username: "site_reviewer_ly",
        display_name: "洛阳市考点审核员",
        role: "reviewer",
        level: Some("site"),
        scope_code: "410300",
        can_reveal: false,
    },
    DemoStaff {
        username: "region_reviewer",
        display_name: "河南省考区审核员",
        role: "reviewer",
        level: Some("region"),
        scope_code: "410000",
        can_reveal: true,
    },
    DemoStaff {
        username: "region_admin",
        display_name: "河南省考区管理员",
        role: "region_admin",
        level: None,
        scope_code: "410000",
        can_reveal: false,
    },
    DemoStaff {
        username: "sysadmin",
        display_name: "系统管理员",
        role: "system_admin",
        level: None,
        scope_code: "410000",
        can_reveal: false,
    },
    DemoStaff {
        username: "auditor",
        display_name: "安全审计员",
        role: "auditor",
        level: None,
        scope_code: "410000",
        can_reveal: false,
    },
];

/// Registration points created under two exam sites: (code, name, parent site code).
const POINTS: &[(&str, &str, &str)] = &[
    ("41010501", "金水区卫生健康委员会报名点", "410100"),
    ("41010502", "郑州大学第一附属医院报名点", "410100"),
    // a school registering its graduating class (集体报名): the school itself is the registration point
    ("41010503", "河南护理职业学院", "410100"),
    ("41030501", "洛龙区卫生健康委员会报名点", "410300"),
    ("41030502", "河南科技大学第一附属医院报名点", "410300"),
];

/// The deterministic TOTP secret of a demo account (printed by `make run`; never used outside demos).
pub fn demo_totp_secret(username: &str) -> Vec<u8> {
    Sha256::digest(format!("weikao-demo-totp:{username}").as_bytes())[..20].to_vec()
}

/// A valid resident ID number for an area, birth date and sequence.
pub fn demo_id_number(area: &str, birth: &str, seq: u32) -> String {
    let first17 = format!("{area}{birth}{seq:03}");
    let c = gb11643_check_char(&first17).expect("17 digits");
    format!("{first17}{c}")
}

pub struct DemoCandidate {
    pub name: &'static str,
    pub area: &'static str,
    pub birth: &'static str,
    pub seq: u32,
    pub phone: &'static str,
    pub point: &'static str,
    pub exam: &'static str,
}

pub const DEMO_CANDIDATES: &[DemoCandidate] = &[
    DemoCandidate {
        name: "张晓燕",
        area: "410105",
        birth: "19950312",
        seq: 24,
        phone: "13800000001",
        point: "41010501",
        exam: "health_tech",
    },
    DemoCandidate {
        name: "李明",
        area: "410105",
        birth: "19900708",
        seq: 31,
        phone: "13800000002",
        point: "41010502",
        exam: "physician",
    },
    DemoCandidate {
        name: "王芳",
        area: "410311",
        birth: "20020115",
        seq: 42,
        phone: "13800000003",
        point: "41030501",
        exam: "nurse",
    },
    DemoCandidate {
        name: "赵磊",
        area: "410311",
        birth: "19881120",
        seq: 13,
        phone: "13800000004",
        point: "41030502",
        exam: "health_tech",
    },
    DemoCandidate {
        name: "阿依古丽·买买提",
        area: "410102",
        birth: "19970601",
        seq: 28,
        phone: "13800000005",
        point: "41010501",
        exam: "nurse",
    },
];

/// The demo medical institution (code, name, region) where the demo physicians did their probation.
pub const DEMO_INSTITUTION: (&str, &str, &str) = ("H4101001", "郑州市第一人民医院", "410100");
/// Its institution portal user.
pub const DEMO_INSTITUTION_USER: &str = "inst_h4101001";

/// The demo third-party clients (secret: the demo password) and their scopes.
pub const DEMO_CLIENTS: [(&str, &str, &[&str]); 3] = [
    (
        "national-network",
        "国家医学考试网（演示）",
        &["registrations:read", "identity:read", "materials:read"],
    ),
    (
        "base-resource",
        "省基础资源系统（演示）",
        &["probation:write", "institutions:write"],
    ),
    (
        "talent-center",
        "国家人才中心（演示）",
        &["talent:exchange"],
    ),
];

/// The browser origin the demo clients may call from (a partner page served locally).
pub const DEMO_PARTNER_ORIGIN: &str = "http://127.0.0.1:8091";

pub fn seed_demo(state: &AppState) -> Result<String, String> {
    let mut conn = state.pool.get().map_err(|e| e.to_string())?;
    let already = orgs::find_org_by_code(&mut conn, "410000")
        .map_err(|e| e.to_string())?
        .is_some();
    if !already {
        conn.transaction::<_, diesel::result::Error, _>(|c| seed_all(state, c))
            .map_err(|e| e.to_string())?;
    }
    Ok(report(state, already))
}

fn seed_all(state: &AppState, c: &mut PgConnection) -> QueryResult<()> {
    let now = state.clock.now();
    // organisations
    let mut region: Option<Org> = None;
    for line in SITES_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split(',').collect();
        let (level, code, name) = (cols[0], cols[1], cols[2]);
        match level {
            "region" => region = Some(orgs::insert_org(c, code, name, "region", None)?),
            _ => {
                orgs::insert_org(c, code, name, "site", region.as_ref())?;
            }
        }
    }
    let region = region.expect("fixture has a region");
    for (code, name, site) in POINTS {
        let parent = orgs::find_org_by_code(c, site)?.expect("site exists");
        orgs::insert_org(c, code, name, "point", Some(&parent))?;
    }
    // staff
    let hash = state.passwords.hash(DEMO_PASSWORD);
    for s in DEMO_STAFF {
        let scope = orgs::find_org_by_code(c, s.scope_code)?.expect("scope org exists");
        accounts::insert_staff(
            c,
            &NewStaffAccount {
                username: s.username,
                display_name: s.display_name,
                password_hash: &hash,
                role: s.role,
                review_level: s.level,
                scope_org_id: scope.id,
                totp_secret_enc: Some(
                    state
                        .keys
                        .pii
                        .encrypt(&hex::encode(demo_totp_secret(s.username))),
                ),
                totp_enabled: true,
                can_reveal_pii: s.can_reveal,
            },
        )?;
    }
    // a medical institution of the institution library and its portal user (files probation certificates)
    let batch = weikao_store::probation::push_batch(c, "institutions", "seed:demo", now)?;
    let (code, name, inst_region) = DEMO_INSTITUTION;
    weikao_store::probation::upsert_institution(
        c,
        batch,
        &weikao_store::probation::InstitutionContent {
            code,
            name,
            region_code: inst_region,
            level: Some("三级甲等"),
            kind: Some("hospital"),
        },
    )?;
    let root = orgs::find_org_by_code(c, "410000")?.expect("region exists");
    accounts::insert_institution_staff(
        c,
        &NewStaffAccount {
            username: DEMO_INSTITUTION_USER,
            display_name: "郑州市第一人民医院（试用期备案）",
            password_hash: &hash,
            role: "institution",
            review_level: None,
            scope_org_id: root.id,
            totp_secret_enc: Some(
                state
                    .keys
                    .pii
                    .encrypt(&hex::encode(demo_totp_secret(DEMO_INSTITUTION_USER))),
            ),
            totp_enabled: true,
            can_reveal_pii: false,
        },
        code,
    )?;
    // API clients of the third-party systems (docs/integration.md)
    for (client_id, name, scopes) in DEMO_CLIENTS {
        accounts::insert_api_client(
            c,
            &accounts::NewApiClient {
                client_id,
                name,
                secret_hash: &hash,
                scopes: scopes.iter().map(|s| s.to_string()).collect(),
                allowed_origins: vec![DEMO_PARTNER_ORIGIN.to_string()],
                rate_limit_per_minute: 600,
            },
        )?;
    }
    // exam catalog: the three exams of the season that registers now
    let year = now.year() + if now.month() >= 9 { 1 } else { 0 };
    diesel::insert_into(exam_types::table)
        .values(&vec![
            (
                exam_types::code.eq("health_tech"),
                exam_types::name.eq("卫生专业技术资格考试"),
            ),
            (
                exam_types::code.eq("physician"),
                exam_types::name.eq("医师资格考试"),
            ),
            (
                exam_types::code.eq("nurse"),
                exam_types::name.eq("护士执业资格考试"),
            ),
        ])
        .on_conflict_do_nothing()
        .execute(c)?;
    let mut session_ids = std::collections::HashMap::new();
    for (exam, name, chain) in [
        (
            "health_tech",
            format!("{year}年度卫生专业技术资格考试（河南考区）"),
            vec!["point", "site", "region"],
        ),
        (
            "physician",
            format!("{year}年医师资格考试（河南考区）"),
            vec!["point", "site", "region"],
        ),
        (
            "nurse",
            format!("{year}年护士执业资格考试（河南考区）"),
            vec!["site", "region"],
        ),
    ] {
        let id: uuid::Uuid = diesel::insert_into(exam_sessions::table)
            .values((
                exam_sessions::exam_type.eq(exam),
                exam_sessions::year.eq(year),
                exam_sessions::name.eq(&name),
                exam_sessions::region_org_id.eq(region.id),
                exam_sessions::review_chain
                    .eq(chain.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
                exam_sessions::registration_opens_at.eq(now - Duration::days(2)),
                exam_sessions::registration_closes_at.eq(now + Duration::days(18)),
                exam_sessions::payment_opens_at.eq(Some(now + Duration::days(1))),
                exam_sessions::payment_closes_at.eq(Some(now + Duration::days(30))),
                exam_sessions::status.eq("published"),
            ))
            .returning(exam_sessions::id)
            .get_result(c)?;
        if exam == "nurse" {
            // fresh graduates supply their diploma after paying (材料补充填报)
            diesel::update(exam_sessions::table.find(id))
                .set((
                    exam_sessions::supplement_opens_at.eq(Some(now - Duration::days(2))),
                    exam_sessions::supplement_closes_at.eq(Some(now + Duration::days(45))),
                ))
                .execute(c)?;
        }
        for (i, level) in chain.iter().enumerate() {
            diesel::insert_into(review_windows::table)
                .values((
                    review_windows::session_id.eq(id),
                    review_windows::level.eq(*level),
                    review_windows::opens_at.eq(now - Duration::days(2)),
                    review_windows::closes_at.eq(now + Duration::days(20 + 2 * i as i64)),
                ))
                .execute(c)?;
        }
        match exam {
            "health_tech" => crate::seed_catalog::health_tech(c, id, now)?,
            "physician" => crate::seed_catalog::physician(c, id, now)?,
            _ => crate::seed_catalog::nurse(c, id, now)?,
        }
        session_ids.insert(exam, id);
    }
    // candidates with submitted registrations
    let cand_hash = state.passwords.hash(DEMO_PASSWORD);
    for d in DEMO_CANDIDATES {
        let number = demo_id_number(d.area, d.birth, d.seq);
        insert_submitted(
            state,
            c,
            &cand_hash,
            &SubmittedCandidate {
                name: d.name,
                id_number: &number,
                phone: d.phone,
                point: d.point,
                session_id: session_ids[d.exam],
                exam: d.exam,
            },
        )?;
    }
    Ok(())
}

/// A candidate with one submitted registration, as `seed-demo` creates them (also used by tests and
/// benchmarks that need many registrations in a queue).
pub struct SubmittedCandidate<'a> {
    pub name: &'a str,
    /// a valid resident ID number (its birth date and sex are taken from it)
    pub id_number: &'a str,
    pub phone: &'a str,
    /// registration point code
    pub point: &'a str,
    pub session_id: uuid::Uuid,
    /// `health_tech`, `physician` or `nurse` (nurse starts at the site level)
    pub exam: &'a str,
}

/// Inserts the candidate and a registration waiting at the first level of its chain; returns its id.
pub fn insert_submitted(
    state: &AppState,
    c: &mut PgConnection,
    password_hash: &str,
    d: &SubmittedCandidate,
) -> QueryResult<uuid::Uuid> {
    let now = state.clock.now();
    let number = d.id_number;
    let birth = chrono::NaiveDate::parse_from_str(&number[6..14], "%Y%m%d").expect("date");
    let sex = if number.as_bytes()[16] % 2 == 1 {
        "male"
    } else {
        "female"
    };
    let cand = accounts::insert_candidate(
        c,
        &NewCandidate {
            id_type: "resident_id",
            id_number_bidx: state.keys.pii.blind_index(number),
            id_number_enc: state.keys.pii.encrypt(number),
            id_number_masked: &mask_id_number(number),
            name: d.name,
            sex: Some(sex),
            birth_date: Some(birth),
            phone: d.phone,
            email: None,
            phone_verified_at: Some(now),
            email_verified_at: None,
            password_hash,
            privacy_version: &state.cfg.privacy_version,
            privacy_accepted_at: now,
        },
    )?;
    let point = orgs::find_org_by_code(c, d.point)?.ok_or(diesel::result::Error::NotFound)?;
    let session_id = d.session_id;
    let first_level = if d.exam == "nurse" { "site" } else { "point" };
    let site = match point.parent_id {
        Some(p) => orgs::find_org(c, p)?.map(|o| o.code).unwrap_or_default(),
        None => String::new(),
    };
    let form = demo_form(d.exam, &site, d.point);
    // the catalog entries a real submission records (level, category, specialty)
    let spec = {
        let kind = weikao_core::registration::ExamKind::parse(d.exam).expect("exam kind");
        let cat = weikao_store::catalog::load_catalog(c, session_id)?;
        let parsed: weikao_core::registration::Form =
            serde_json::from_value(form.clone()).expect("demo form");
        crate::registration::service::chosen_specialty(kind, &cat, &parsed).cloned()
    };
    let reg_id: uuid::Uuid = diesel::insert_into(registrations::table)
        .values((
            registrations::candidate_id.eq(cand.id),
            registrations::session_id.eq(session_id),
            registrations::status.eq("submitted"),
            registrations::current_level.eq(Some(first_level)),
            registrations::org_id.eq(Some(point.id)),
            registrations::org_path.eq(Some(point.path.clone())),
            registrations::form.eq(&form),
            registrations::submitted_at.eq(Some(now)),
            registrations::level_id.eq(spec.as_ref().map(|s| s.level_id)),
            registrations::category_id.eq(spec.as_ref().and_then(|s| s.category_id)),
            registrations::specialty_id.eq(spec.as_ref().map(|s| s.id)),
        ))
        .returning(registrations::id)
        .get_result(c)?;
    diesel::insert_into(registration_versions::table)
        .values((
            registration_versions::registration_id.eq(reg_id),
            registration_versions::version.eq(1),
            registration_versions::status.eq("submitted"),
            registration_versions::form.eq(&form),
            registration_versions::change_kind.eq("submit"),
            registration_versions::actor_kind.eq("candidate"),
            registration_versions::actor_id.eq(Some(cand.id)),
        ))
        .execute(c)?;
    Ok(reg_id)
}

fn report(_state: &AppState, already: bool) -> String {
    let mut out = String::new();
    out.push_str(if already {
        "demo data already present\n"
    } else {
        "demo data loaded\n"
    });
    out.push_str(&format!("\nStaff accounts (password {DEMO_PASSWORD}; TOTP secret → current code: weikao totp-code --secret <secret>):\n"));
    for s in DEMO_STAFF {
        out.push_str(&format!(
            "  {:<18} {:<13} {:<7} scope {:<9} TOTP secret {}\n",
            s.username,
            s.role,
            s.level.unwrap_or("-"),
            s.scope_code,
            totp::base32_encode(&demo_totp_secret(s.username))
        ));
    }
    out.push_str(&format!(
        "  {:<18} {:<13} {:<7} {:<15} TOTP secret {}\n",
        DEMO_INSTITUTION_USER,
        "institution",
        "-",
        DEMO_INSTITUTION.0,
        totp::base32_encode(&demo_totp_secret(DEMO_INSTITUTION_USER))
    ));
    out.push_str(&format!(
        "\nAPI clients (secret {DEMO_PASSWORD}; token: POST /api/v1/auth/token, see docs/integration.md):\n"
    ));
    for (client_id, name, scopes) in DEMO_CLIENTS {
        out.push_str(&format!("  {client_id:<18} {}  {name}\n", scopes.join(" ")));
    }
    out.push_str(&format!(
        "\nCandidates (password {DEMO_PASSWORD}; log in with the phone number or ID number):\n"
    ));
    for d in DEMO_CANDIDATES {
        out.push_str(&format!(
            "  {:<10} phone {}  ID {}  ({})\n",
            d.name,
            d.phone,
            demo_id_number(d.area, d.birth, d.seq),
            d.exam
        ));
    }
    out
}

/// A complete, valid form for a demo registration (what a candidate would have submitted).
fn demo_form(exam: &str, site: &str, point: &str) -> serde_json::Value {
    let mut form = serde_json::json!({
        "identity": {"ethnicity": "汉族", "address": "郑州市金水区文化路 2 号", "postal_code": "450003"},
        "education": {"level": "benke", "school": "郑州大学", "major": "护理学", "study_form": "full_time",
            "enrolled_on": "2013-09-01", "graduated_on": "2017-07-01", "study_years": 4},
        "work": {"unit_code": "41010000000000001X", "work_started_on": "2017-08-01", "title": "护士"}
    });
    match exam {
        "health_tech" => {
            form["exam"] = serde_json::json!({"level_code": "practitioner", "specialty_code": "203",
                "subject_codes": ["basic", "related", "professional", "practice"], "site_code": site, "point_code": point});
        }
        "physician" => {
            form["education"]["major"] = serde_json::json!("临床医学");
            form["education"]["study_years"] = serde_json::json!(5);
            form["education"]["graduated_on"] = serde_json::json!("2018-07-01");
            form["exam"] = serde_json::json!({"category_code": "clinical", "level_code": "practising",
                "site_code": site, "point_code": point});
            form["physician"] = serde_json::json!({"route": "education", "probation_institution_code": "H4101001",
                "probation_started_on": "2024-07-01", "probation_ended_on": "2025-06-30"});
        }
        _ => {
            form["education"] = serde_json::json!({"level": "dazhuan", "school": "河南护理职业学院", "major": "护理",
                "study_form": "full_time", "enrolled_on": "2020-09-01", "graduated_on": "2023-07-01", "study_years": 3});
            form["nurse"] = serde_json::json!({"fresh_graduate": false, "internship_months": 10});
            form["exam"] = serde_json::json!({"site_code": site});
        }
    }
    form
}

#[cfg(test)]
mod tests {
    use weikao_core::registration::{validate_complete, ExamKind, Form};

    #[test]
    fn demo_forms_are_valid_forms() {
        for (exam, kind) in [
            ("health_tech", ExamKind::HealthTech),
            ("physician", ExamKind::Physician),
            ("nurse", ExamKind::Nurse),
        ] {
            let v = super::demo_form(exam, "410100", "41010501");
            let form: Form = serde_json::from_value(v).expect("a form");
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
            let errors = validate_complete(kind, &form, today, 2027);
            assert!(errors.is_empty(), "{exam}: {errors:?}");
        }
    }
}
