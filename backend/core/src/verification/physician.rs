//! Physician-exam eligibility rules: 中专 classification, second degree, probation filing, apprenticeship.

use chrono::Datelike;

use super::{Finding, Lookups, Policy, Severity, Subject};
use crate::registration::form::{filled, ExamKind};
use crate::registration::secondary::{classify, default_policy, SecondaryClass, SecondaryInput};

/// 中专 classification (policy table) of a physician candidate whose education is 中专:
/// `secondary_not_eligible` (block), `secondary_rural_only` (block unless the 乡村全科 level is chosen),
/// `secondary_verified` (hint, the library holds the diploma), `secondary_not_in_library` (warning),
/// `secondary_mismatch` (warning, the library's dates or major differ from the form).
pub fn secondary(s: &Subject, l: &Lookups, p: &Policy, out: &mut Vec<Finding>) {
    if s.kind != ExamKind::Physician {
        return;
    }
    let Some(edu) = s.form.education.as_ref() else {
        return;
    };
    if filled(&edu.level) != Some("zhongzhuan") {
        return;
    }
    let policy = p
        .secondary
        .clone()
        .unwrap_or_else(|| default_policy(s.year));
    if let (Some(major), Some(enrolled_on), Some(graduated_on), Some(study_years), Some(form)) = (
        filled(&edu.major),
        edu.enrolled_on,
        edu.graduated_on,
        edu.study_years,
        filled(&edu.study_form),
    ) {
        let input = SecondaryInput {
            major: major.to_string(),
            enrolled_on,
            graduated_on,
            study_years,
            study_form: form.to_string(),
        };
        match classify(&policy, &input) {
            (SecondaryClass::NotEligible, reason) => out.push(
                Finding::new(
                    "secondary_not_eligible",
                    Severity::Block,
                    format!("中专学历分类：不符合报考条件（{reason}）"),
                )
                .tell("按当年中专学历政策，您的学历不符合报考条件"),
            ),
            (SecondaryClass::RuralGeneralAssistantOnly, _)
                if s.exam().0 != Some("rural_assistant") =>
            {
                out.push(
                    Finding::new(
                        "secondary_rural_only",
                        Severity::Block,
                        "农村医学中专只能报考乡村全科执业助理医师",
                    )
                    .tell("农村医学专业只能报考乡村全科执业助理医师"),
                )
            }
            _ => {}
        }
    }
    let school = filled(&edu.school);
    let found = l
        .secondary_education
        .iter()
        .find(|r| school.is_some_and(|sc| sc == r.data.school.trim()))
        .or_else(|| l.secondary_education.first());
    match found {
        None => out.push(Finding::new(
            "secondary_not_in_library",
            Severity::Warning,
            "中专学历库中没有该考生的记录，请核验毕业证书",
        )),
        Some(r) => {
            let differs = filled(&edu.major).is_some_and(|m| m != r.data.major.trim())
                || edu.enrolled_on.is_some_and(|d| d != r.data.enrolled_on)
                || edu.graduated_on.is_some_and(|d| d != r.data.graduated_on);
            let f = if differs {
                Finding::new(
                    "secondary_mismatch",
                    Severity::Warning,
                    format!(
                        "中专学历库：{} {}，{} 入学 {} 毕业，与报名填写不一致",
                        r.data.school, r.data.major, r.data.enrolled_on, r.data.graduated_on
                    ),
                )
            } else {
                Finding::new(
                    "secondary_verified",
                    Severity::Hint,
                    format!("中专学历库：{} {}", r.data.school, r.data.major),
                )
            };
            out.push(f.cite("secondary_education", r));
        }
    }
}

/// Second degree (第二学历) of a physician candidate: `second_degree_not_accepted` (block) or
/// `second_degree_restricted` (warning) per the session policy; `second_degree_inconsistent` (warning) when it
/// was begun before the first degree; `second_degree_report_missing` (warning) without a verification report.
pub fn second_degree(s: &Subject, p: &Policy, out: &mut Vec<Finding>) {
    if s.kind != ExamKind::Physician {
        return;
    }
    let Some(second) = s.form.second_degree.as_ref() else {
        return;
    };
    if filled(&second.level).is_none() && filled(&second.school).is_none() {
        return;
    }
    match p.second_degree.as_str() {
        "not_accepted" => out.push(
            Finding::new(
                "second_degree_not_accepted",
                Severity::Block,
                "本年度不接受以第二学历报考",
            )
            .tell("本年度不接受以第二学历报考"),
        ),
        "restricted" => out.push(Finding::new(
            "second_degree_restricted",
            Severity::Warning,
            "以第二学历报考：请核对第一学历是否为医学类、入学时间及试用期类别是否与第二学历一致",
        )),
        _ => {}
    }
    let first_enrolled = s.form.education.as_ref().and_then(|e| e.enrolled_on);
    if let (Some(first), Some(second_on)) = (first_enrolled, second.enrolled_on) {
        if second_on < first {
            out.push(Finding::new(
                "second_degree_inconsistent",
                Severity::Warning,
                format!("第二学历入学（{second_on}）早于第一学历入学（{first}）"),
            ));
        }
    }
    if !s
        .materials
        .iter()
        .any(|m| m == "diploma_verification_report")
    {
        out.push(
            Finding::new(
                "second_degree_report_missing",
                Severity::Warning,
                "第二学历未上传学历认证报告",
            )
            .tell("请上传第二学历的学历认证报告"),
        );
    }
}

/// Whole months covered by the inclusive period `a ..= b` (2025-07-01 ..= 2026-06-30 is 12).
/// Whole months from `a` to `b` inclusive (2025-01-01 .. 2025-12-31 is 12).
pub fn months_between(a: chrono::NaiveDate, b: chrono::NaiveDate) -> i32 {
    let end = b + chrono::Duration::days(1);
    let mut m = (end.year() - a.year()) * 12 + end.month() as i32 - a.month() as i32;
    if end.day() < a.day() {
        m -= 1;
    }
    m
}

/// Probation filing of a physician candidate on the education route: `probation_not_filed` (block),
/// `probation_too_short` (block), `probation_category_mismatch` (block), `probation_expired` (warning),
/// `probation_dates_differ` (warning), `probation_verified` (hint).
pub fn probation(s: &Subject, l: &Lookups, p: &Policy, out: &mut Vec<Finding>) {
    if s.kind != ExamKind::Physician {
        return;
    }
    let Some(ph) = s.form.physician.as_ref() else {
        return;
    };
    if filled(&ph.route).unwrap_or("education") != "education" {
        return;
    }
    let Some(inst) = filled(&ph.probation_institution_code) else {
        return;
    };
    let Some(r) = l
        .probation_filings
        .iter()
        .filter(|r| r.data.institution_code == inst)
        .max_by_key(|r| r.data.started_on)
    else {
        out.push(
            Finding::new(
                "probation_not_filed",
                Severity::Block,
                format!("试用期考核备案库中没有机构 {inst} 的备案"),
            )
            .tell("未查到试用机构为您备案的试用期考核证明，请联系试用机构"),
        );
        return;
    };
    let d = &r.data;
    let mut ok = true;
    let months = months_between(d.started_on, d.ended_on);
    if months < p.probation_min_months as i32 {
        ok = false;
        out.push(
            Finding::new(
                "probation_too_short",
                Severity::Block,
                format!(
                    "备案试用期 {} 至 {} 不足 {} 个月",
                    d.started_on, d.ended_on, p.probation_min_months
                ),
            )
            .cite("probation_filings", r),
        );
    }
    if let Some(cat) = s.exam().2 {
        if cat != d.category_code {
            ok = false;
            out.push(
                Finding::new(
                    "probation_category_mismatch",
                    Severity::Block,
                    format!("试用期类别 {} 与报考类别 {cat} 不一致", d.category_code),
                )
                .cite("probation_filings", r),
            );
        }
    }
    if d.valid_until.is_some_and(|v| v < s.today) {
        ok = false;
        out.push(
            Finding::new(
                "probation_expired",
                Severity::Warning,
                format!(
                    "试用期考核证明已于 {} 过期",
                    d.valid_until.expect("checked")
                ),
            )
            .cite("probation_filings", r),
        );
    }
    let form_dates = (ph.probation_started_on, ph.probation_ended_on);
    if form_dates != (Some(d.started_on), Some(d.ended_on)) && form_dates != (None, None) {
        ok = false;
        out.push(
            Finding::new(
                "probation_dates_differ",
                Severity::Warning,
                format!(
                    "备案试用期为 {} 至 {}，与报名填写不一致",
                    d.started_on, d.ended_on
                ),
            )
            .cite("probation_filings", r),
        );
    }
    if ok {
        out.push(
            Finding::new(
                "probation_verified",
                Severity::Hint,
                format!("试用期备案：{inst}，{} 至 {}", d.started_on, d.ended_on),
            )
            .cite("probation_filings", r),
        );
    }
}

/// Apprenticeship (师承) or proven-expertise (确有专长) route: `apprenticeship_not_found` (block) or
/// `apprenticeship_verified` (hint).
pub fn apprenticeship(s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    if s.kind != ExamKind::Physician {
        return;
    }
    let Some(ph) = s.form.physician.as_ref() else {
        return;
    };
    let (kind, number) = match filled(&ph.route) {
        Some("apprenticeship") => (
            "apprenticeship",
            filled(&ph.apprenticeship_certificate_number),
        ),
        Some("expertise") => ("expertise", filled(&ph.expertise_certificate_number)),
        _ => return,
    };
    let found = number.and_then(|n| {
        l.apprenticeship
            .iter()
            .find(|r| r.data.certificate_kind == kind && r.data.certificate_number == n)
    });
    match found {
        Some(r) => out.push(
            Finding::new(
                "apprenticeship_verified",
                Severity::Hint,
                format!("师承/确有专长库：{}（{}）", r.data.certificate_number, kind),
            )
            .cite("apprenticeship", r),
        ),
        None => out.push(
            Finding::new(
                "apprenticeship_not_found",
                Severity::Block,
                format!(
                    "师承/确有专长库中没有证书 {}",
                    number.unwrap_or("（未填写）")
                ),
            )
            .tell("未查到您的师承或确有专长证书，请核对证书编号"),
        ),
    }
}
