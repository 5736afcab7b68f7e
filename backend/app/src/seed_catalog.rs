//! The demo catalog of the current season (realistic shape; codes and fees are demo values to confirm
//! against each year's official lists, which `weikao` imports as data).

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;
use weikao_store::schema::{
    exam_categories, exam_levels, exam_stages, fee_items, specialties, subjects,
};

const HT_SUBJECTS: &[(&str, &str)] = &[
    ("basic", "基础知识"),
    ("related", "相关专业知识"),
    ("professional", "专业知识"),
    ("practice", "专业实践能力"),
];

/// (code, name, level code)
const HT_SPECIALTIES: &[(&str, &str, &str)] = &[
    ("101", "药学（士）", "assistant"),
    ("102", "中药学（士）", "assistant"),
    ("104", "护理学（士）", "assistant"),
    ("105", "临床医学检验技术（士）", "assistant"),
    ("201", "药学（师）", "practitioner"),
    ("202", "中药学（师）", "practitioner"),
    ("203", "护理学（师）", "practitioner"),
    ("207", "临床医学检验技术（师）", "practitioner"),
    ("211", "放射医学技术（师）", "practitioner"),
    ("301", "全科医学", "intermediate"),
    ("303", "心血管内科学", "intermediate"),
    ("316", "普通外科学", "intermediate"),
    ("330", "妇产科学", "intermediate"),
    ("332", "儿科学", "intermediate"),
    ("353", "口腔医学", "intermediate"),
    ("355", "中医内科学", "intermediate"),
    ("362", "疾病控制", "intermediate"),
    ("366", "药学（中级）", "intermediate"),
    ("368", "内科护理（主管护师）", "intermediate"),
    ("369", "外科护理（主管护师）", "intermediate"),
    ("370", "妇产科护理（主管护师）", "intermediate"),
    ("371", "儿科护理（主管护师）", "intermediate"),
];

fn level(
    c: &mut PgConnection,
    session: Uuid,
    code: &str,
    name: &str,
    seq: i32,
) -> QueryResult<Uuid> {
    diesel::insert_into(exam_levels::table)
        .values((
            exam_levels::session_id.eq(session),
            exam_levels::code.eq(code),
            exam_levels::name.eq(name),
            exam_levels::seq.eq(seq),
        ))
        .returning(exam_levels::id)
        .get_result(c)
}

fn specialty(
    c: &mut PgConnection,
    session: Uuid,
    level: Uuid,
    category: Option<Uuid>,
    code: &str,
    name: &str,
    subjs: &[(&str, &str)],
) -> QueryResult<Uuid> {
    let id: Uuid = diesel::insert_into(specialties::table)
        .values((
            specialties::session_id.eq(session),
            specialties::level_id.eq(level),
            specialties::category_id.eq(category),
            specialties::code.eq(code),
            specialties::name.eq(name),
        ))
        .returning(specialties::id)
        .get_result(c)?;
    for (i, (sc, sn)) in subjs.iter().enumerate() {
        diesel::insert_into(subjects::table)
            .values((
                subjects::specialty_id.eq(id),
                subjects::code.eq(*sc),
                subjects::name.eq(*sn),
                subjects::seq.eq(i as i32 + 1),
            ))
            .execute(c)?;
    }
    Ok(id)
}

fn stage(
    c: &mut PgConnection,
    session: Uuid,
    code: &str,
    name: &str,
    seq: i32,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(exam_stages::table)
        .values((
            exam_stages::session_id.eq(session),
            exam_stages::code.eq(code),
            exam_stages::name.eq(name),
            exam_stages::seq.eq(seq),
            exam_stages::payment_opens_at.eq(Some(opens)),
            exam_stages::payment_closes_at.eq(Some(closes)),
        ))
        .execute(c)
        .map(|_| ())
}

fn fee(
    c: &mut PgConnection,
    session: Uuid,
    stage: &str,
    level: Option<Uuid>,
    unit: &str,
    fen: i64,
) -> QueryResult<()> {
    diesel::insert_into(fee_items::table)
        .values((
            fee_items::session_id.eq(session),
            fee_items::stage_code.eq(stage),
            fee_items::level_id.eq(level),
            fee_items::exam_format.eq("computer"),
            fee_items::unit.eq(unit),
            fee_items::amount_fen.eq(fen),
        ))
        .execute(c)
        .map(|_| ())
}

pub fn health_tech(c: &mut PgConnection, session: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    let mut levels = std::collections::HashMap::new();
    for (i, (code, name)) in [
        ("assistant", "初级（士）"),
        ("practitioner", "初级（师）"),
        ("intermediate", "中级"),
    ]
    .iter()
    .enumerate()
    {
        levels.insert(*code, level(c, session, code, name, i as i32 + 1)?);
    }
    for (code, name, lv) in HT_SPECIALTIES {
        specialty(c, session, levels[lv], None, code, name, HT_SUBJECTS)?;
    }
    stage(
        c,
        session,
        "main",
        "考试",
        1,
        now + Duration::days(1),
        now + Duration::days(30),
    )?;
    fee(c, session, "main", None, "per_subject", 7000)?;
    Ok(())
}

pub fn physician(c: &mut PgConnection, session: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    let practising = level(c, session, "practising", "执业医师", 1)?;
    let assistant = level(c, session, "assistant", "执业助理医师", 2)?;
    let rural = level(c, session, "rural_assistant", "乡村全科执业助理医师", 3)?;
    let subjs: &[(&str, &str)] = &[("skills", "实践技能"), ("written", "医学综合")];
    for (i, (code, name)) in [
        ("clinical", "临床"),
        ("dental", "口腔"),
        ("public_health", "公共卫生"),
        ("tcm", "中医"),
    ]
    .iter()
    .enumerate()
    {
        let cat: Uuid = diesel::insert_into(exam_categories::table)
            .values((
                exam_categories::session_id.eq(session),
                exam_categories::code.eq(code),
                exam_categories::name.eq(name),
            ))
            .returning(exam_categories::id)
            .get_result(c)?;
        let n = i + 1;
        specialty(
            c,
            session,
            practising,
            Some(cat),
            &format!("{n}10"),
            &format!("{name}执业医师"),
            subjs,
        )?;
        specialty(
            c,
            session,
            assistant,
            Some(cat),
            &format!("{n}20"),
            &format!("{name}执业助理医师"),
            subjs,
        )?;
        if *code == "clinical" {
            specialty(
                c,
                session,
                rural,
                Some(cat),
                "130",
                "乡村全科执业助理医师",
                subjs,
            )?;
        }
    }
    // three payment rounds: (code, name, payment window in days from now, fee in fen)
    let rounds = [
        ("skills", "实践技能考试", 1, 30, 45000),
        ("written", "医学综合笔试（一试）", 150, 160, 30000),
        ("second_sitting", "医学综合笔试（二试）", 270, 280, 30000),
    ];
    for (seq, (code, name, opens, closes, fen)) in rounds.into_iter().enumerate() {
        stage(
            c,
            session,
            code,
            name,
            seq as i32 + 1,
            now + Duration::days(opens),
            now + Duration::days(closes),
        )?;
        fee(c, session, code, None, "per_stage", fen)?;
    }
    Ok(())
}

pub fn nurse(c: &mut PgConnection, session: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    let lv = level(c, session, "nurse", "护士执业资格", 1)?;
    specialty(
        c,
        session,
        lv,
        None,
        "001",
        "护士执业资格",
        &[
            ("professional_practice", "专业实务"),
            ("practical_ability", "实践能力"),
        ],
    )?;
    stage(
        c,
        session,
        "main",
        "考试",
        1,
        now + Duration::days(1),
        now + Duration::days(30),
    )?;
    fee(c, session, "main", None, "per_subject", 6000)?;
    Ok(())
}
