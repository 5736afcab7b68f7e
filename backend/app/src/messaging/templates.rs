//! Message texts (zh-CN). Never include ID numbers or passwords.

pub fn verification_code(purpose: &str, code: &str, minutes: i64) -> (String, String) {
    let what = match purpose {
        "signup" => "注册账号",
        "password_reset" => "重置密码",
        "unlock" => "解除登录限制",
        _ => "身份验证",
    };
    (
        format!("【卫考】{what}验证码"),
        format!("【卫考】您正在{what}，验证码 {code}，{minutes} 分钟内有效。如非本人操作，请忽略本消息。"),
    )
}

/// E-mail about a nurse fresh graduate's supplementary materials (材料补充填报).
pub fn supplement_notice(
    candidate_name: &str,
    session_name: &str,
    event: &str,
    deadline: Option<chrono::DateTime<chrono::Utc>>,
) -> (String, String) {
    let by = deadline
        .map(|d| {
            let local = d.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"));
            format!("{} 前", local.format("%Y年%m月%d日 %H:%M"))
        })
        .unwrap_or_else(|| "截止前".to_string());
    let what = match event {
        "opened" => format!("需补充上传毕业证书，请于{by}登录报名系统上传并提交"),
        "reminder" => format!("的补充材料（毕业证书）尚未提交，请于{by}完成，逾期将无法提交"),
        "verified" => "的补充材料已审核通过".to_string(),
        "returned" => format!("的补充材料被退回，请登录查看原因并于{by}重新上传提交"),
        "rejected" => "的补充材料审核未通过，请登录查看原因".to_string(),
        "expired" => "的补充材料未在截止前提交，已逾期".to_string(),
        other => other.to_string(),
    };
    (
        "【卫考】补充材料提醒".to_string(),
        format!("{candidate_name}，您好：\n\n您报名的「{session_name}」{what}。\n\n本邮件由系统自动发送，请勿回复。"),
    )
}

/// E-mail sent to a candidate when their registration changes status.
pub fn status_changed(candidate_name: &str, session_name: &str, status: &str) -> (String, String) {
    let what = match status {
        "submitted" => "已提交，等待审核",
        "resubmitted" => "已重新提交，等待审核",
        "returned" => "被退回修改，请登录查看退回原因并在截止前重新提交",
        "rejected" => "审核未通过",
        "approved" => "审核通过，请在缴费期内完成缴费",
        "level_approved" => "已通过本级审核，进入下一级审核",
        "paid" => "缴费成功",
        "reopened" => "已由考区重新开启审核，审核完成前暂不能缴费",
        "corrected" => "报名信息已由审核人员更正，请登录查看更正的内容与原因",
        "withdrawn" => "已撤销。报名期内可重新报名",
        other => other,
    };
    (
        format!("【卫考】报名状态变更：{what}"),
        format!("{candidate_name}，您好：\n\n您报名的「{session_name}」{what}。\n\n请登录报名系统查看详情。本邮件由系统自动发送，请勿回复。"),
    )
}
