//! Prerequisites held in the qualification, physician-practice and nurse-practice libraries.

use chrono::{Datelike, NaiveDate};

use super::{Finding, Lookups, Policy, Severity, Subject};
use crate::registration::form::{filled, ExamKind};

/// Whole years from `from` to 31 December of `year` (working years are counted to the end of the exam year).
pub fn years_to_end_of(from: NaiveDate, year: i32) -> i32 {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("valid date");
    let mut y = end.year() - from.year();
    if (end.month(), end.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y.max(0)
}

/// Health-tech 中级 needs a 师-level (or higher) title held for N years depending on education:
/// `qualification_missing` (warning, the candidate can still prove it), `qualification_years_short` (block),
/// `qualification_verified` (hint).
pub fn qualification(s: &Subject, l: &Lookups, p: &Policy, out: &mut Vec<Finding>) {
    if s.kind != ExamKind::HealthTech || s.exam().0 != Some("intermediate") {
        return;
    }
    let held = l
        .qualifications
        .iter()
        .filter(|r| {
            matches!(
                r.data.level_code.as_str(),
                "practitioner" | "intermediate" | "senior"
            )
        })
        .min_by_key(|r| r.data.obtained_on);
    let Some(r) = held else {
        out.push(
            Finding::new(
                "qualification_missing",
                Severity::Warning,
                "专技资格库中没有师级（或以上）资格记录，请核验资格证书",
            )
            .tell("未查到您的师级资格记录，请上传资格证书"),
        );
        return;
    };
    let edu = s
        .form
        .education
        .as_ref()
        .and_then(|e| filled(&e.level))
        .unwrap_or("");
    let need = p
        .intermediate_years
        .iter()
        .find(|(e, _)| e == edu)
        .map(|(_, y)| i32::from(*y));
    let have = years_to_end_of(r.data.obtained_on, s.year);
    match need {
        Some(need) if have < need => out.push(
            Finding::new(
                "qualification_years_short",
                Severity::Block,
                format!(
                    "{}（{} 取得）至 {} 年底满 {have} 年，{edu} 学历须满 {need} 年",
                    r.data.title, r.data.obtained_on, s.year
                ),
            )
            .cite("qualifications", r)
            .tell(format!("报考中级须取得师级资格满 {need} 年")),
        ),
        _ => out.push(
            Finding::new(
                "qualification_verified",
                Severity::Hint,
                format!(
                    "专技资格库：{}（{} 取得，满 {have} 年）",
                    r.data.title, r.data.obtained_on
                ),
            )
            .cite("qualifications", r),
        ),
    }
}

/// Physician certificates:
/// - health-tech specialties 301–365 need a 执业医师 qualification: `physician_certificate_missing` (block) or
///   `physician_certificate_verified` (hint);
/// - a physician candidate upgrading from 助理 (assistant certificate number on the form) must hold it:
///   `assistant_certificate_not_found` (block) or `assistant_certificate_verified` (hint);
/// - `already_qualified` (warning): already holds the level and category registered for.
pub fn physician_certificate(s: &Subject, l: &Lookups, out: &mut Vec<Finding>) {
    let (level, specialty, category) = s.exam();
    match s.kind {
        ExamKind::HealthTech => {
            let code: Option<u16> = specialty.and_then(|c| c.parse().ok());
            if !code.is_some_and(|c| (301..=365).contains(&c)) {
                return;
            }
            match l
                .physician_practice
                .iter()
                .find(|r| r.data.level_code == "practising")
            {
                Some(r) => out.push(
                    Finding::new(
                        "physician_certificate_verified",
                        Severity::Hint,
                        format!(
                            "医师执业库：{} {}",
                            r.data.category_code, r.data.certificate_number
                        ),
                    )
                    .cite("physician_practice", r),
                ),
                None => out.push(
                    Finding::new(
                        "physician_certificate_missing",
                        Severity::Block,
                        "专业代码 301–365 须具备执业医师资格，医师执业库中未查到",
                    )
                    .tell("报考该专业须具备医师资格证书，请上传"),
                ),
            }
        }
        ExamKind::Physician => {
            if let Some(r) = l.physician_practice.iter().find(|r| {
                Some(r.data.level_code.as_str()) == level
                    && Some(r.data.category_code.as_str()) == category
            }) {
                out.push(
                    Finding::new(
                        "already_qualified",
                        Severity::Warning,
                        format!(
                            "已具备该类别该级别医师资格（{}）",
                            r.data.certificate_number
                        ),
                    )
                    .cite("physician_practice", r),
                );
            }
            let number = s
                .form
                .physician
                .as_ref()
                .and_then(|p| filled(&p.assistant_certificate_number));
            let Some(number) = number else { return };
            match l
                .physician_practice
                .iter()
                .find(|r| r.data.level_code == "assistant" && r.data.certificate_number == number)
            {
                Some(r) => out.push(
                    Finding::new(
                        "assistant_certificate_verified",
                        Severity::Hint,
                        format!("助理医师资格 {number}（{} 取得）", r.data.obtained_on),
                    )
                    .cite("physician_practice", r),
                ),
                None => out.push(
                    Finding::new(
                        "assistant_certificate_not_found",
                        Severity::Block,
                        format!("医师执业库中没有助理医师证书 {number}"),
                    )
                    .tell("未查到您填写的助理医师资格证书，请核对证书编号"),
                ),
            }
        }
        ExamKind::Nurse => {}
    }
}

/// Nursing specialties (policy list) at 师/中级 need a nurse registration: `nurse_registration_missing` (block),
/// `nurse_registration_expired` (warning), `nurse_registration_verified` (hint). A nurse-exam candidate already
/// registered as a nurse gets `already_registered_nurse` (warning).
pub fn nurse_registration(s: &Subject, l: &Lookups, p: &Policy, out: &mut Vec<Finding>) {
    let latest = l.nurse_practice.iter().max_by_key(|r| r.data.registered_on);
    if s.kind == ExamKind::Nurse {
        if let Some(r) = latest {
            out.push(
                Finding::new(
                    "already_registered_nurse",
                    Severity::Warning,
                    format!("护士执业库已有注册 {}", r.data.registration_number),
                )
                .cite("nurse_practice", r),
            );
        }
        return;
    }
    let (_, specialty, _) = s.exam();
    let nursing = s.kind == ExamKind::HealthTech
        && specialty.is_some_and(|c| p.nursing_specialties.iter().any(|n| n == c));
    if !nursing {
        return;
    }
    match latest {
        None => out.push(
            Finding::new(
                "nurse_registration_missing",
                Severity::Block,
                "护理专业须具备护士执业注册，护士执业库中未查到",
            )
            .tell("报考护理专业须具备护士执业证书，请上传"),
        ),
        Some(r) if r.data.valid_until.is_some_and(|d| d < s.today) => out.push(
            Finding::new(
                "nurse_registration_expired",
                Severity::Warning,
                format!(
                    "护士执业注册 {} 已于 {} 过期",
                    r.data.registration_number,
                    r.data.valid_until.expect("checked")
                ),
            )
            .cite("nurse_practice", r),
        ),
        Some(r) => out.push(
            Finding::new(
                "nurse_registration_verified",
                Severity::Hint,
                format!(
                    "护士执业库：{}（{} 注册）",
                    r.data.registration_number, r.data.registered_on
                ),
            )
            .cite("nurse_practice", r),
        ),
    }
}
