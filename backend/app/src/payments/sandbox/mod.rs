//! The built-in sandbox payment center (WEIKAO_PAYMENT_SANDBOX=true, the default of `make run`): the protocol of
//! docs/payment-protocol.md over real HTTP, an H5 cashier page where a candidate "pays", signed notifications
//! delivered with retries by the worker ([`notifier`]), its own ledger (`sandbox_pay_*` tables), and fault
//! switches for tests. It refuses bad signatures and merchants exactly as a real center would.
pub mod notifier;

use std::collections::BTreeMap;

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use weikao_core::payments::{sign, verify};
use weikao_store::schema::{sandbox_pay_faults, sandbox_pay_notifications, sandbox_pay_orders};

use super::SignedParams;
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::state::AppState;

/// Fault switches (all off by default).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// never deliver notifications (the poller must find payments by querying)
    pub drop_notifications: bool,
    /// deliver every notification twice
    pub duplicate_notifications: bool,
    /// hold notifications back this many seconds
    pub delay_notifications_secs: i64,
    /// answer status queries with HTTP 500
    pub query_errors: bool,
    /// let the cashier accept a payment for an order already closed
    pub pay_after_close: bool,
    /// chaos mode (0–1, default 0): each notification, status query and late payment is faulted at random with
    /// this probability — dropped, duplicated or delayed up to 20 s (so notifications arrive out of order),
    /// HTTP 500 or a timeout on query, a payment accepted after the order closed; every injected fault is
    /// counted in `sandbox_pay_fault_counts`
    pub chaos_rate: f64,
}

impl Faults {
    /// A fault of chaos mode happens this time (with the chaos probability scaled by `share`).
    fn roll(&self, share: f64) -> bool {
        self.chaos_rate > 0.0 && rand::random::<f64>() < self.chaos_rate * share
    }
}

/// Counts one injected fault of chaos mode.
fn count_fault(conn: &mut PgConnection, kind: &str) -> QueryResult<()> {
    use weikao_store::schema::sandbox_pay_fault_counts as k;
    diesel::insert_into(k::table)
        .values((k::kind.eq(kind), k::n.eq(1_i64)))
        .on_conflict(k::kind)
        .do_update()
        .set(k::n.eq(k::n + 1_i64))
        .execute(conn)
        .map(|_| ())
}

pub fn faults(conn: &mut PgConnection) -> QueryResult<Faults> {
    let v: Option<serde_json::Value> = sandbox_pay_faults::table
        .find(1)
        .select(sandbox_pay_faults::settings)
        .first(conn)
        .optional()?;
    Ok(v.and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

fn answer(secret: &str, pairs: &[(&str, String)]) -> HttpResponse {
    let mut p: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    p.insert("nonce".into(), uuid::Uuid::new_v4().simple().to_string());
    let s = sign(&p, secret);
    p.insert("sign".into(), s);
    HttpResponse::Ok().json(p)
}

/// Checks signature and merchant of a request; `Err` is the signed refusal to send back.
fn check(state: &AppState, p: &BTreeMap<String, String>) -> Result<(), HttpResponse> {
    let secret = &state.cfg.paycenter_secret;
    if !verify(p, secret) {
        return Err(answer(secret, &[("code", "SIGN_ERROR".into())]));
    }
    if p.get("merchant_id") != Some(&state.cfg.paycenter_merchant_id) {
        return Err(answer(secret, &[("code", "MERCHANT_UNKNOWN".into())]));
    }
    Ok(())
}

/// The sandbox answers only when WEIKAO_PAYMENT_SANDBOX is on (its routes are always documented).
fn enabled(state: &AppState) -> ApiResult<()> {
    if state.cfg.payment_sandbox {
        Ok(())
    } else {
        Err(ApiError::not_found())
    }
}

fn param<'a>(p: &'a BTreeMap<String, String>, k: &str) -> &'a str {
    p.get(k).map(String::as_str).unwrap_or("")
}

#[derive(Queryable)]
struct SbOrder {
    order_no: String,
    amount_fen: i64,
    subject: String,
    expire_at: DateTime<Utc>,
    status: String,
    txn_id: Option<String>,
    paid_at: Option<DateTime<Utc>>,
    cashier_token: String,
}

/// The columns of [`SbOrder`], in its field order (one list for every query that loads one).
const SB_ORDER: (
    sandbox_pay_orders::order_no,
    sandbox_pay_orders::amount_fen,
    sandbox_pay_orders::subject,
    sandbox_pay_orders::expire_at,
    sandbox_pay_orders::status,
    sandbox_pay_orders::txn_id,
    sandbox_pay_orders::paid_at,
    sandbox_pay_orders::cashier_token,
) = (
    sandbox_pay_orders::order_no,
    sandbox_pay_orders::amount_fen,
    sandbox_pay_orders::subject,
    sandbox_pay_orders::expire_at,
    sandbox_pay_orders::status,
    sandbox_pay_orders::txn_id,
    sandbox_pay_orders::paid_at,
    sandbox_pay_orders::cashier_token,
);

fn find(conn: &mut PgConnection, merchant: &str, order_no: &str) -> QueryResult<Option<SbOrder>> {
    sandbox_pay_orders::table
        .find((merchant, order_no))
        .select(SB_ORDER)
        .first(conn)
        .optional()
}

/// An order and the fault switches in one round trip (the status query is the hot path of the center).
fn find_with_faults(
    conn: &mut PgConnection,
    merchant: &str,
    order_no: &str,
) -> QueryResult<(Faults, Option<SbOrder>)> {
    let row: Option<(SbOrder, Option<serde_json::Value>)> = sandbox_pay_orders::table
        .find((merchant, order_no))
        .select((
            SB_ORDER,
            sandbox_pay_faults::table
                .find(1)
                .select(sandbox_pay_faults::settings)
                .single_value(),
        ))
        .first(conn)
        .optional()?;
    match row {
        Some((o, settings)) => Ok((
            settings
                .and_then(|v| serde_json::from_value(v).ok())
                .unwrap_or_default(),
            Some(o),
        )),
        None => Ok((faults(conn)?, None)),
    }
}

const SIGNED: &str = "a signed answer; `code` is `SUCCESS` or an error (`SIGN_ERROR`, `MERCHANT_UNKNOWN`, `PARAM_ERROR`, `ORDER_EXISTS`, `ORDER_NOT_EXIST`, `ORDER_PAID`, `ORDER_NOT_PAID`)";

/// Sandbox center: create an order and get its cashier URL.
#[utoipa::path(tag = "sandbox", operation_id = "sandboxCreateOrder", request_body = SignedParams, responses(
    (status = 200, body = SignedParams, description = SIGNED),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/sandbox/paycenter/api/orders")]
pub async fn create_order(
    state: web::Data<AppState>,
    body: web::Json<SignedParams>,
) -> ApiResult<HttpResponse> {
    enabled(&state)?;
    let p = body.into_inner().0;
    if let Err(r) = check(&state, &p) {
        return Ok(r);
    }
    let amount: i64 = param(&p, "amount_fen").parse().unwrap_or(0);
    let expire =
        DateTime::parse_from_rfc3339(param(&p, "expire_at")).map(|d| d.with_timezone(&Utc));
    let (order_no, notify_url) = (
        param(&p, "order_no").to_string(),
        param(&p, "notify_url").to_string(),
    );
    if amount <= 0 || order_no.is_empty() || notify_url.is_empty() || expire.is_err() {
        return Ok(answer(
            &state.cfg.paycenter_secret,
            &[("code", "PARAM_ERROR".into())],
        ));
    }
    let merchant = param(&p, "merchant_id").to_string();
    let subject = param(&p, "subject").to_string();
    let token = uuid::Uuid::new_v4().simple().to_string();
    let new_token = token.clone();
    let existing = state
        .db(move |c| {
            let inserted = diesel::insert_into(sandbox_pay_orders::table)
                .values((
                    sandbox_pay_orders::merchant_id.eq(&merchant),
                    sandbox_pay_orders::order_no.eq(&order_no),
                    sandbox_pay_orders::amount_fen.eq(amount),
                    sandbox_pay_orders::subject.eq(&subject),
                    sandbox_pay_orders::notify_url.eq(&notify_url),
                    sandbox_pay_orders::expire_at.eq(expire.expect("checked")),
                    sandbox_pay_orders::cashier_token.eq(&new_token),
                ))
                .on_conflict_do_nothing()
                .execute(c)?;
            Ok(if inserted == 1 {
                None
            } else {
                find(c, &merchant, &order_no)?
            })
        })
        .await?;
    let secret = &state.cfg.paycenter_secret;
    let cashier_url = |t: &str| format!("{}/sandbox/paycenter/cashier/{t}", state.cfg.public_url);
    Ok(match existing {
        None => answer(
            secret,
            &[
                ("code", "SUCCESS".into()),
                ("order_no", param(&p, "order_no").into()),
                ("cashier_url", cashier_url(&token)),
            ],
        ),
        // the same order again (a retried request) gets the same cashier; a different amount is refused
        Some(o) if o.amount_fen == amount => answer(
            secret,
            &[
                ("code", "SUCCESS".into()),
                ("order_no", o.order_no),
                ("cashier_url", cashier_url(&o.cashier_token)),
            ],
        ),
        Some(_) => answer(secret, &[("code", "ORDER_EXISTS".into())]),
    })
}

/// Sandbox center: order status.
#[utoipa::path(tag = "sandbox", operation_id = "sandboxQueryOrder", request_body = SignedParams, responses(
    (status = 200, body = SignedParams, description = SIGNED),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`"),
    (status = 500, body = Problem, description = "`internal_error` when the `query_errors` fault is on")
))]
#[post("/sandbox/paycenter/api/orders/query")]
pub async fn query_order(
    state: web::Data<AppState>,
    body: web::Json<SignedParams>,
) -> ApiResult<HttpResponse> {
    enabled(&state)?;
    let p = body.into_inner().0;
    if let Err(r) = check(&state, &p) {
        return Ok(r);
    }
    let (merchant, no) = (
        param(&p, "merchant_id").to_string(),
        param(&p, "order_no").to_string(),
    );
    let (f, o) = state
        .db(move |c| Ok(find_with_faults(c, &merchant, &no)?))
        .await?;
    if f.query_errors {
        return Err(ApiError::internal());
    }
    if f.roll(0.5) {
        state.db(|c| Ok(count_fault(c, "query_error")?)).await?;
        return Err(ApiError::internal());
    }
    if f.roll(0.25) {
        // longer than any sensible client timeout: the caller gives up and must try again later
        state.db(|c| Ok(count_fault(c, "query_timeout")?)).await?;
        tokio::time::sleep(std::time::Duration::from_secs(12)).await;
    }
    let secret = &state.cfg.paycenter_secret;
    Ok(match o {
        None => answer(secret, &[("code", "ORDER_NOT_EXIST".into())]),
        Some(o) => answer(
            secret,
            &[
                ("code", "SUCCESS".into()),
                ("order_no", o.order_no),
                ("trade_status", o.status),
                ("amount_fen", o.amount_fen.to_string()),
                ("txn_id", o.txn_id.unwrap_or_default()),
                (
                    "paid_at",
                    o.paid_at.map(|d| d.to_rfc3339()).unwrap_or_default(),
                ),
            ],
        ),
    })
}

/// Sandbox center: close an unpaid order.
#[utoipa::path(tag = "sandbox", operation_id = "sandboxCloseOrder", request_body = SignedParams, responses(
    (status = 200, body = SignedParams, description = SIGNED),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/sandbox/paycenter/api/orders/close")]
pub async fn close_order(
    state: web::Data<AppState>,
    body: web::Json<SignedParams>,
) -> ApiResult<HttpResponse> {
    enabled(&state)?;
    let p = body.into_inner().0;
    if let Err(r) = check(&state, &p) {
        return Ok(r);
    }
    let (merchant, no) = (
        param(&p, "merchant_id").to_string(),
        param(&p, "order_no").to_string(),
    );
    let now = state.clock.now();
    let code = state
        .db(move |c| {
            c.transaction(|c| {
                let o = find(c, &merchant, &no)?;
                Ok(match o {
                    None => "ORDER_NOT_EXIST",
                    Some(o) if o.status == "SUCCESS" || o.status == "REFUND" => "ORDER_PAID",
                    Some(_) => {
                        diesel::update(sandbox_pay_orders::table.find((&merchant, &no)))
                            .set((
                                sandbox_pay_orders::status.eq("CLOSED"),
                                sandbox_pay_orders::closed_at.eq(Some(now)),
                            ))
                            .execute(c)?;
                        "SUCCESS"
                    }
                })
            })
        })
        .await?;
    Ok(answer(
        &state.cfg.paycenter_secret,
        &[("code", code.into())],
    ))
}

/// Sandbox center: refund a paid order in full (idempotent by `refund_no`).
#[utoipa::path(tag = "sandbox", operation_id = "sandboxRefund", request_body = SignedParams, responses(
    (status = 200, body = SignedParams, description = SIGNED),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/sandbox/paycenter/api/refunds")]
pub async fn refund(
    state: web::Data<AppState>,
    body: web::Json<SignedParams>,
) -> ApiResult<HttpResponse> {
    enabled(&state)?;
    let p = body.into_inner().0;
    if let Err(r) = check(&state, &p) {
        return Ok(r);
    }
    let (merchant, no) = (
        param(&p, "merchant_id").to_string(),
        param(&p, "order_no").to_string(),
    );
    let refund_no = param(&p, "refund_no").to_string();
    let amount: i64 = param(&p, "amount_fen").parse().unwrap_or(0);
    let now = state.clock.now();
    let code = state
        .db(move |c| {
            c.transaction(|c| {
                let o = find(c, &merchant, &no)?;
                Ok(match o {
                    None => "ORDER_NOT_EXIST",
                    Some(o) if o.status == "REFUND" => "SUCCESS",
                    Some(o) if o.status != "SUCCESS" => "ORDER_NOT_PAID",
                    Some(o) if o.amount_fen != amount || refund_no.is_empty() => "PARAM_ERROR",
                    Some(_) => {
                        diesel::update(sandbox_pay_orders::table.find((&merchant, &no)))
                            .set((
                                sandbox_pay_orders::status.eq("REFUND"),
                                sandbox_pay_orders::refund_no.eq(Some(&refund_no)),
                                sandbox_pay_orders::refunded_at.eq(Some(now)),
                            ))
                            .execute(c)?;
                        "SUCCESS"
                    }
                })
            })
        })
        .await?;
    Ok(answer(
        &state.cfg.paycenter_secret,
        &[("code", code.into())],
    ))
}

/// Sandbox center: the payments received on a day (Asia/Shanghai), as `lines` of
/// `order_no,txn_id,amount_fen,paid_at`.
#[utoipa::path(tag = "sandbox", operation_id = "sandboxStatement", request_body = SignedParams, responses(
    (status = 200, body = SignedParams, description = SIGNED),
    (status = 400, body = Problem, description = "`malformed_json`, `invalid_body`"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/sandbox/paycenter/api/statements")]
pub async fn statement(
    state: web::Data<AppState>,
    body: web::Json<SignedParams>,
) -> ApiResult<HttpResponse> {
    enabled(&state)?;
    let p = body.into_inner().0;
    if let Err(r) = check(&state, &p) {
        return Ok(r);
    }
    let Ok(day) = chrono::NaiveDate::parse_from_str(param(&p, "date"), "%Y-%m-%d") else {
        return Ok(answer(
            &state.cfg.paycenter_secret,
            &[("code", "PARAM_ERROR".into())],
        ));
    };
    let (from, to) = crate::payments::reconcile::day_bounds(day);
    let merchant = param(&p, "merchant_id").to_string();
    let rows: Vec<(String, Option<String>, i64, Option<DateTime<Utc>>)> = state
        .db(move |c| {
            Ok(sandbox_pay_orders::table
                .filter(sandbox_pay_orders::merchant_id.eq(&merchant))
                .filter(sandbox_pay_orders::paid_at.ge(from))
                .filter(sandbox_pay_orders::paid_at.lt(to))
                .order(sandbox_pay_orders::paid_at.asc())
                .select((
                    sandbox_pay_orders::order_no,
                    sandbox_pay_orders::txn_id,
                    sandbox_pay_orders::amount_fen,
                    sandbox_pay_orders::paid_at,
                ))
                .load(c)?)
        })
        .await?;
    let lines: String = rows
        .into_iter()
        .map(|(no, txn, amount, at)| {
            format!(
                "{no},{},{amount},{}\n",
                txn.unwrap_or_default(),
                at.map(|d| d.to_rfc3339()).unwrap_or_default()
            )
        })
        .collect();
    Ok(answer(
        &state.cfg.paycenter_secret,
        &[
            ("code", "SUCCESS".into()),
            ("date", day.to_string()),
            ("lines", lines),
        ],
    ))
}

fn page(title: &str, body: &str) -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>body{{font-family:sans-serif;max-width:420px;margin:2rem auto;padding:0 1rem}}\
         .amount{{font-size:2rem;font-weight:bold}}button{{width:100%;padding:.9rem;font-size:1.1rem;background:#07c160;color:#fff;border:0;border-radius:6px}}</style>\
         </head><body><p>支付中心（沙箱）</p>{body}</body></html>"
    ))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Sandbox cashier page (H5).
#[utoipa::path(tag = "sandbox", operation_id = "sandboxCashier", params(("token" = String, Path)), responses(
    (status = 200, content_type = "text/html", body = String),
    (status = 404, body = Problem, description = "`not_found`")
))]
#[get("/sandbox/paycenter/cashier/{token}")]
pub async fn cashier(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> ApiResult<HttpResponse> {
    enabled(&state)?;
    let token = token.into_inner();
    let o = state
        .db(move |c| {
            let no: Option<(String, String)> = sandbox_pay_orders::table
                .filter(sandbox_pay_orders::cashier_token.eq(&token))
                .select((
                    sandbox_pay_orders::merchant_id,
                    sandbox_pay_orders::order_no,
                ))
                .first(c)
                .optional()?;
            let Some((m, n)) = no else {
                return Err(ApiError::not_found());
            };
            find(c, &m, &n)?.ok_or_else(ApiError::not_found)
        })
        .await?;
    let status = match o.status.as_str() {
        "SUCCESS" | "REFUND" => "<p>该订单已支付。</p>".to_string(),
        "CLOSED" => "<p>该订单已关闭。</p>".to_string(),
        _ => format!(
            "<form method=\"post\" action=\"{}/pay\"><button type=\"submit\">确认支付</button></form>",
            escape(&o.cashier_token)
        ),
    };
    Ok(page(
        "收银台",
        &format!(
            "<h1>{}</h1><p class=\"amount\">¥{}.{:02}</p><p>订单号 {}</p><p>请在 {} 前完成支付</p>{status}",
            escape(&o.subject),
            o.amount_fen / 100,
            o.amount_fen % 100,
            escape(&o.order_no),
            o.expire_at.with_timezone(&chrono_tz::Asia::Shanghai).format("%Y-%m-%d %H:%M"),
        ),
    ))
}

/// Sandbox cashier: the candidate confirms the payment; the center records it and notifies the merchant.
#[utoipa::path(tag = "sandbox", operation_id = "sandboxPay", params(("token" = String, Path)), responses(
    (status = 200, content_type = "text/html", body = String),
    (status = 404, body = Problem, description = "`not_found`"),
    (status = 409, body = Problem, description = "`order_closed`, `order_expired`")
))]
#[post("/sandbox/paycenter/cashier/{token}/pay")]
pub async fn pay(state: web::Data<AppState>, token: web::Path<String>) -> ApiResult<HttpResponse> {
    enabled(&state)?;
    let token = token.into_inner();
    let now = state.clock.now();
    let secret = state.cfg.paycenter_secret.clone();
    let return_url = format!("{}/", state.cfg.public_url);
    state
        .db(move |c| {
            c.transaction(|c| {
                let found: Option<(String, String, String)> = sandbox_pay_orders::table
                    .filter(sandbox_pay_orders::cashier_token.eq(&token))
                    .select((
                        sandbox_pay_orders::merchant_id,
                        sandbox_pay_orders::order_no,
                        sandbox_pay_orders::notify_url,
                    ))
                    .for_update()
                    .first(c)
                    .optional()?;
                let Some((merchant, no, notify_url)) = found else {
                    return Err(ApiError::not_found());
                };
                let o = find(c, &merchant, &no)?.ok_or_else(ApiError::not_found)?;
                let f = faults(c)?;
                let late = o.status == "CLOSED" || (o.status == "NOTPAY" && now >= o.expire_at);
                let late_ok = f.pay_after_close || (late && f.roll(1.0));
                match o.status.as_str() {
                    "SUCCESS" | "REFUND" => return Ok(()),
                    "CLOSED" if !late_ok => return Err(ApiError::conflict("order_closed")),
                    "NOTPAY" if late && !late_ok => {
                        return Err(ApiError::conflict("order_expired"))
                    }
                    _ => {}
                }
                if late && !f.pay_after_close {
                    count_fault(c, "pay_after_close")?;
                }
                let txn = format!("SB{}", uuid::Uuid::new_v4().simple());
                diesel::update(sandbox_pay_orders::table.find((&merchant, &no)))
                    .set((
                        sandbox_pay_orders::status.eq("SUCCESS"),
                        sandbox_pay_orders::txn_id.eq(Some(&txn)),
                        sandbox_pay_orders::paid_at.eq(Some(now)),
                    ))
                    .execute(c)?;
                let mut n: BTreeMap<String, String> = BTreeMap::new();
                n.insert("merchant_id".into(), merchant.clone());
                n.insert("order_no".into(), no.clone());
                n.insert("txn_id".into(), txn);
                n.insert("amount_fen".into(), o.amount_fen.to_string());
                n.insert("trade_status".into(), "SUCCESS".into());
                n.insert("paid_at".into(), now.to_rfc3339());
                n.insert("nonce".into(), uuid::Uuid::new_v4().simple().to_string());
                let s = sign(&n, &secret);
                n.insert("sign".into(), s);
                let drop = f.drop_notifications || f.roll(0.3);
                let duplicate = f.duplicate_notifications || (!drop && f.roll(0.3));
                let mut delay = f.delay_notifications_secs.max(0);
                if !drop && f.roll(0.5) {
                    delay += 1 + (rand::random::<u32>() % 20) as i64;
                    count_fault(c, "delay")?;
                }
                if drop && !f.drop_notifications {
                    count_fault(c, "drop")?;
                }
                if duplicate && !f.duplicate_notifications {
                    count_fault(c, "duplicate")?;
                }
                if !drop {
                    let copies = if duplicate { 2 } else { 1 };
                    for _ in 0..copies {
                        diesel::insert_into(sandbox_pay_notifications::table)
                            .values((
                                sandbox_pay_notifications::merchant_id.eq(&merchant),
                                sandbox_pay_notifications::order_no.eq(&no),
                                sandbox_pay_notifications::notify_url.eq(&notify_url),
                                sandbox_pay_notifications::payload
                                    .eq(serde_json::to_value(&n).unwrap_or_default()),
                                sandbox_pay_notifications::next_attempt_at
                                    .eq(now + chrono::Duration::seconds(delay)),
                            ))
                            .execute(c)?;
                    }
                }
                Ok(())
            })
        })
        .await?;
    Ok(page(
        "支付成功",
        &format!(
            "<h1>支付成功</h1><p><a href=\"{}\">返回报名系统</a></p>",
            escape(&return_url)
        ),
    ))
}

/// Sandbox: set the fault switches (tests and demos).
#[utoipa::path(tag = "sandbox", operation_id = "sandboxSetFaults", request_body = Faults, responses(
    (status = 200, body = Faults),
    (status = 400, body = Problem, description = "`malformed_json`, `unknown_field`, `invalid_body`"),
    (status = 422, body = Problem, description = "`validation_failed`: `chaos_rate` (`out_of_range`)"),
    (status = 415, body = Problem, description = "`unsupported_media_type`")
))]
#[post("/sandbox/paycenter/faults")]
pub async fn set_faults(
    state: web::Data<AppState>,
    body: web::Json<Faults>,
) -> ApiResult<web::Json<Faults>> {
    enabled(&state)?;
    let f = body.into_inner();
    if !(0.0..=1.0).contains(&f.chaos_rate) {
        return Err(ApiError::field("chaos_rate", "out_of_range"));
    }
    let v = serde_json::to_value(&f).map_err(|_| ApiError::internal())?;
    state
        .db(move |c| {
            diesel::insert_into(sandbox_pay_faults::table)
                .values((
                    sandbox_pay_faults::id.eq(1),
                    sandbox_pay_faults::settings.eq(&v),
                ))
                .on_conflict(sandbox_pay_faults::id)
                .do_update()
                .set(sandbox_pay_faults::settings.eq(&v))
                .execute(c)?;
            Ok(())
        })
        .await?;
    Ok(web::Json(f))
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_order)
        .service(query_order)
        .service(close_order)
        .service(refund)
        .service(statement)
        .service(cashier)
        .service(pay)
        .service(set_faults);
}
