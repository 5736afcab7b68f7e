//! Rules about the person: identity consistency, duplicate registrations, bans, policy lists, work unit.

use chrono::Datelike;

use super::{Finding, Lookups, Policy, Severity, Subject};
use crate::registration::form::{filled, is_fresh_graduate, is_manual_unit, ExamKind};

/// `id_name_mismatch` (warning): a library holds the ID number under another name; one finding per library.
pub fn identity_consistency(s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    let mine = s.name.trim();
    let mut seen = std::collections::HashSet::new();
    for (lib, id, batch, name) in l.named() {
        let Some(name) = name.map(str::trim) else {
            continue;
        };
        if name != mine && seen.insert(lib) {
            let mut f = Finding::new(
                "id_name_mismatch",
                Severity::Warning,
                format!("{lib} 库中该证件号对应的姓名为“{name}”，与报名姓名“{mine}”不一致"),
            );
            f.evidence = Some(super::Evidence {
                library: lib.to_string(),
                record_id: id,
                batch_id: batch.to_string(),
            });
            out.push(f);
        }
    }
}

/// `duplicate_registration` (warning): the person has other live registrations this year.
pub fn duplicate_registration(s: &Subject, out: &mut Vec<Finding>) {
    for o in s.others {
        out.push(Finding::new(
            "duplicate_registration",
            Severity::Warning,
            format!(
                "同年度还报名了“{}”（{}，状态 {}）",
                o.session_name, o.exam_type, o.status
            ),
        ));
    }
}

/// `violation_active` (warning, or block when the policy says so): a sanction for this exam covers this year.
pub fn violations(s: &Subject, l: &Lookups, p: &Policy, out: &mut Vec<Finding>) {
    for r in &l.violations {
        let v = &r.data;
        let covers = v.exam_type == s.kind.as_str()
            && v.from_year <= s.year
            && v.to_year.is_none_or(|to| s.year <= to);
        if covers {
            let until = v
                .to_year
                .map_or("长期".to_string(), |y| format!("至 {y} 年"));
            let sev = if p.ban_blocks {
                Severity::Block
            } else {
                Severity::Warning
            };
            out.push(
                Finding::new(
                    "violation_active",
                    sev,
                    format!(
                        "违纪人员库：{}（{} 年起，{until}），依据：{}；请考区确认",
                        v.sanction,
                        v.from_year,
                        v.legal_basis.as_deref().unwrap_or("—")
                    ),
                )
                .cite("violations", r),
            );
        }
    }
}

/// `front_line_listed` (hint) when listed for this year; `front_line_not_listed` (warning) when the form claims
/// the front-line policy but the library does not list the person for this year.
pub fn front_line(s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    let listed: Vec<_> = l
        .front_line
        .iter()
        .filter(|r| r.data.valid_year == s.year)
        .collect();
    for r in &listed {
        out.push(
            Finding::new(
                "front_line_listed",
                Severity::Hint,
                format!(
                    "一线人员库：{}（{}）",
                    r.data.policy,
                    r.data.unit.as_deref().unwrap_or("—")
                ),
            )
            .cite("front_line", r),
        );
    }
    let claims = s
        .form
        .exam
        .as_ref()
        .is_some_and(|e| e.front_line == Some(true));
    if claims && listed.is_empty() {
        out.push(
            Finding::new(
                "front_line_not_listed",
                Severity::Warning,
                format!("申报一线人员政策，但一线人员库中没有 {} 年的记录", s.year),
            )
            .tell("您申报了一线人员政策，但未在一线人员名单中查到，请上传证明材料"),
        );
    }
}

/// `provincial_line` (hint): results passed under a region-limited line.
pub fn provincial_line(_s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    for r in &l.provincial_line {
        out.push(
            Finding::new(
                "provincial_line",
                Severity::Hint,
                format!(
                    "省线库：{} 年 {} 专业按省线合格，限 {} 有效",
                    r.data.year,
                    r.data.specialty_code.as_deref().unwrap_or("—"),
                    r.data.valid_region
                ),
            )
            .cite("provincial_line", r),
        );
    }
}

/// Fresh-graduate screening for nurse candidates who declare it, and for health-tech sessions that admit fresh
/// graduates (graduation this year or later): `fresh_graduate_verified` (hint), `fresh_graduate_school_differs`
/// (warning), `fresh_graduate_not_listed` (warning).
pub fn fresh_graduate(s: &Subject, l: &Lookups, p: &Policy, out: &mut Vec<Finding>) {
    let (applies, school) = match s.kind {
        ExamKind::Nurse => (
            is_fresh_graduate(s.form),
            s.form.nurse.as_ref().and_then(|n| filled(&n.school)),
        ),
        ExamKind::HealthTech => {
            let edu = s.form.education.as_ref();
            let grad_year = edu.and_then(|e| e.graduated_on).map(|d| d.year());
            (
                p.admits_fresh_graduates && grad_year.is_some_and(|y| y >= s.year),
                edu.and_then(|e| filled(&e.school)),
            )
        }
        ExamKind::Physician => (false, None),
    };
    if !applies {
        return;
    }
    let listed = l
        .fresh_graduates
        .iter()
        .find(|r| r.data.graduation_year == s.year);
    match listed {
        Some(r) if school.is_some_and(|sc| sc != r.data.school.trim()) => out.push(
            Finding::new(
                "fresh_graduate_school_differs",
                Severity::Warning,
                format!(
                    "应届生库学校为“{}”，报名填写“{}”",
                    r.data.school,
                    school.unwrap_or_default()
                ),
            )
            .cite("fresh_graduates", r),
        ),
        Some(r) => out.push(
            Finding::new(
                "fresh_graduate_verified",
                Severity::Hint,
                format!(
                    "应届生库：{} {} 年毕业",
                    r.data.school, r.data.graduation_year
                ),
            )
            .cite("fresh_graduates", r),
        ),
        None => out.push(
            Finding::new(
                "fresh_graduate_not_listed",
                Severity::Warning,
                format!("应届毕业生库中没有 {} 年毕业记录", s.year),
            )
            .tell("未在应届毕业生名单中查到您，请上传学校出具的应届毕业证明"),
        ),
    }
}

/// Work unit: `work_unit_manual` (hint) when typed by hand, `work_unit_unknown` (warning) when the code is not in
/// the institution library, `work_unit_verified` (hint) otherwise; `rural_unit_required` (block) when the
/// 乡村全科 level is chosen and the unit is not a township health centre or village clinic.
pub fn work_unit(s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    if is_manual_unit(s.form) {
        out.push(Finding::new(
            "work_unit_manual",
            Severity::Hint,
            "工作单位为手工填写，未从机构库选择，请核实",
        ));
        return;
    }
    let Some(code) = s.form.work.as_ref().and_then(|w| filled(&w.unit_code)) else {
        return;
    };
    match l.institutions.iter().find(|r| r.data.code == code) {
        None => out.push(Finding::new(
            "work_unit_unknown",
            Severity::Warning,
            format!("工作单位代码 {code} 不在机构库中"),
        )),
        Some(r) => {
            out.push(
                Finding::new(
                    "work_unit_verified",
                    Severity::Hint,
                    format!(
                        "机构库：{}（{}，{}）",
                        r.name.as_deref().unwrap_or(code),
                        r.data.region_code,
                        r.data.kind.as_deref().unwrap_or("—")
                    ),
                )
                .cite("institutions", r),
            );
            let rural = s.kind == ExamKind::Physician && s.exam().0 == Some("rural_assistant");
            let grassroots = matches!(
                r.data.kind.as_deref(),
                Some("township_health_centre" | "village_clinic")
            );
            if rural && !grassroots {
                out.push(
                    Finding::new(
                        "rural_unit_required",
                        Severity::Block,
                        "乡村全科执业助理医师须在乡镇卫生院或村卫生室工作，机构库中该单位不是",
                    )
                    .cite("institutions", r)
                    .tell("报考乡村全科执业助理医师须在乡镇卫生院或村卫生室工作"),
                );
            }
        }
    }
}
