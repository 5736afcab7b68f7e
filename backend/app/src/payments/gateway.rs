//! The payment-center adapter: the protocol of docs/payment-protocol.md over HTTP (JSON objects of string
//! parameters, HMAC-SHA256 signatures both ways). Another center is another implementation of
//! [`PaymentGateway`].

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use weikao_core::payments::reconcile::Paid;
use weikao_core::payments::{sign, verify, CenterStatus};

pub type Params = BTreeMap<String, String>;

/// What a payment center does for us.
#[allow(async_fn_in_trait)]
pub trait PaymentGateway {
    /// Creates the order at the center; returns the cashier URL.
    async fn create(&self, order: &NewCenterOrder<'_>) -> Result<String, GatewayError>;
    async fn query(&self, order_no: &str) -> Result<QueryAnswer, GatewayError>;
    /// Closes an unpaid order; `Ok(false)` when the center says it is already paid.
    async fn close(&self, order_no: &str) -> Result<bool, GatewayError>;
    async fn refund(
        &self,
        order_no: &str,
        refund_no: &str,
        amount_fen: i64,
    ) -> Result<(), GatewayError>;
    /// The payments the center received on a day (Asia/Shanghai).
    async fn statement(&self, day: chrono::NaiveDate) -> Result<Vec<Paid>, GatewayError>;
    /// Checks a notification's merchant and signature and reads it.
    fn read_notification(&self, params: &Params) -> Result<Notification, GatewayError>;
}

pub struct NewCenterOrder<'a> {
    pub order_no: &'a str,
    pub amount_fen: i64,
    pub subject: &'a str,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryAnswer {
    pub status: CenterStatus,
    /// the center does not know the order (never created there)
    pub unknown: bool,
    pub paid_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub order_no: String,
    pub status: CenterStatus,
    pub paid_at: Option<DateTime<Utc>>,
}

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error("payment center unreachable: {0}")]
    Transport(String),
    #[error("payment center answered with a bad signature")]
    BadSignature,
    #[error("wrong merchant")]
    WrongMerchant,
    #[error("payment center refused: {0}")]
    Refused(String),
    #[error("malformed message: {0}")]
    Malformed(String),
}

/// The HTTP adapter of our protocol.
pub struct PayCenter {
    base: String,
    merchant_id: String,
    secret: String,
    notify_url: String,
    http: reqwest::Client,
}

impl PayCenter {
    pub fn new(base: &str, merchant_id: &str, secret: &str, notify_url: &str) -> PayCenter {
        PayCenter {
            base: base.trim_end_matches('/').to_string(),
            merchant_id: merchant_id.to_string(),
            secret: secret.to_string(),
            notify_url: notify_url.to_string(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("http client"),
        }
    }

    pub fn from_config(cfg: &crate::config::Config) -> PayCenter {
        PayCenter::new(
            &cfg.paycenter_url,
            &cfg.paycenter_merchant_id,
            &cfg.paycenter_secret,
            &format!("{}/api/v1/payments/notify", cfg.public_url),
        )
    }

    fn signed(&self, mut p: Params) -> Params {
        p.insert("merchant_id".into(), self.merchant_id.clone());
        p.insert("nonce".into(), uuid::Uuid::new_v4().simple().to_string());
        let s = sign(&p, &self.secret);
        p.insert("sign".into(), s);
        p
    }

    async fn call(&self, path: &str, p: Params) -> Result<Params, GatewayError> {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&self.signed(p))
            .send()
            .await
            .map_err(|e| GatewayError::Transport(e.to_string()))?;
        if res.status().is_server_error() {
            return Err(GatewayError::Transport(format!("HTTP {}", res.status())));
        }
        let answer: Params = res
            .json()
            .await
            .map_err(|e| GatewayError::Malformed(e.to_string()))?;
        if !verify(&answer, &self.secret) {
            return Err(GatewayError::BadSignature);
        }
        Ok(answer)
    }
}

fn get<'a>(p: &'a Params, k: &str) -> Result<&'a str, GatewayError> {
    p.get(k)
        .map(String::as_str)
        .ok_or_else(|| GatewayError::Malformed(format!("missing {k}")))
}

fn status_of(p: &Params) -> Result<CenterStatus, GatewayError> {
    Ok(match get(p, "trade_status")? {
        "SUCCESS" => CenterStatus::Success {
            txn_id: get(p, "txn_id")?.to_string(),
            amount_fen: get(p, "amount_fen")?
                .parse()
                .map_err(|_| GatewayError::Malformed("amount_fen".into()))?,
        },
        "CLOSED" => CenterStatus::Closed,
        "REFUND" => CenterStatus::Refunded,
        _ => CenterStatus::NotPaid,
    })
}

fn time_of(p: &Params, k: &str) -> Option<DateTime<Utc>> {
    p.get(k)
        .and_then(|v| DateTime::parse_from_rfc3339(v).ok())
        .map(|d| d.with_timezone(&Utc))
}

impl PaymentGateway for PayCenter {
    async fn create(&self, o: &NewCenterOrder<'_>) -> Result<String, GatewayError> {
        let mut p = Params::new();
        p.insert("order_no".into(), o.order_no.into());
        p.insert("amount_fen".into(), o.amount_fen.to_string());
        p.insert("subject".into(), o.subject.into());
        p.insert("notify_url".into(), self.notify_url.clone());
        p.insert("expire_at".into(), o.expires_at.to_rfc3339());
        let a = self.call("/api/orders", p).await?;
        match get(&a, "code")? {
            "SUCCESS" => Ok(get(&a, "cashier_url")?.to_string()),
            other => Err(GatewayError::Refused(other.to_string())),
        }
    }

    async fn query(&self, order_no: &str) -> Result<QueryAnswer, GatewayError> {
        let mut p = Params::new();
        p.insert("order_no".into(), order_no.into());
        let a = self.call("/api/orders/query", p).await?;
        match get(&a, "code")? {
            "SUCCESS" => Ok(QueryAnswer {
                status: status_of(&a)?,
                unknown: false,
                paid_at: time_of(&a, "paid_at"),
            }),
            "ORDER_NOT_EXIST" => Ok(QueryAnswer {
                status: CenterStatus::NotPaid,
                unknown: true,
                paid_at: None,
            }),
            other => Err(GatewayError::Refused(other.to_string())),
        }
    }

    async fn close(&self, order_no: &str) -> Result<bool, GatewayError> {
        let mut p = Params::new();
        p.insert("order_no".into(), order_no.into());
        let a = self.call("/api/orders/close", p).await?;
        match get(&a, "code")? {
            "SUCCESS" | "ORDER_NOT_EXIST" => Ok(true),
            "ORDER_PAID" => Ok(false),
            other => Err(GatewayError::Refused(other.to_string())),
        }
    }

    async fn refund(
        &self,
        order_no: &str,
        refund_no: &str,
        amount_fen: i64,
    ) -> Result<(), GatewayError> {
        let mut p = Params::new();
        p.insert("order_no".into(), order_no.into());
        p.insert("refund_no".into(), refund_no.into());
        p.insert("amount_fen".into(), amount_fen.to_string());
        let a = self.call("/api/refunds", p).await?;
        match get(&a, "code")? {
            "SUCCESS" => Ok(()),
            other => Err(GatewayError::Refused(other.to_string())),
        }
    }

    async fn statement(&self, day: chrono::NaiveDate) -> Result<Vec<Paid>, GatewayError> {
        let mut p = Params::new();
        p.insert("date".into(), day.to_string());
        let a = self.call("/api/statements", p).await?;
        if get(&a, "code")? != "SUCCESS" {
            return Err(GatewayError::Refused(get(&a, "code")?.to_string()));
        }
        parse_statement(get(&a, "lines")?)
    }

    fn read_notification(&self, p: &Params) -> Result<Notification, GatewayError> {
        if !verify(p, &self.secret) {
            return Err(GatewayError::BadSignature);
        }
        if get(p, "merchant_id")? != self.merchant_id {
            return Err(GatewayError::WrongMerchant);
        }
        Ok(Notification {
            order_no: get(p, "order_no")?.to_string(),
            status: status_of(p)?,
            paid_at: time_of(p, "paid_at"),
        })
    }
}

/// Statement lines: `order_no,txn_id,amount_fen,paid_at`, one per line.
pub fn parse_statement(lines: &str) -> Result<Vec<Paid>, GatewayError> {
    lines
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').map(str::trim).collect();
            match f.as_slice() {
                [no, txn, amount, _paid_at] => Ok(Paid {
                    order_no: no.to_string(),
                    txn_id: txn.to_string(),
                    amount_fen: amount.parse().map_err(|_| {
                        GatewayError::Malformed(format!("statement amount {amount:?}"))
                    })?,
                }),
                _ => Err(GatewayError::Malformed(format!("statement line {l:?}"))),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_parse_and_bad_lines_are_refused() {
        let p = parse_statement("A,t1,100,2027-01-01T00:00:00Z\n\nB,t2,250,2027-01-01T01:00:00Z\n")
            .unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].amount_fen, 250);
        assert!(parse_statement("A,t1,x,2027").is_err());
        assert!(parse_statement("A,t1").is_err());
    }
}
