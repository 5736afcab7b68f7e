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
