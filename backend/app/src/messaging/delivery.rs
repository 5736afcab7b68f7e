//! Transports: SMTP via lettre, an HTTP SMS gateway via reqwest. The worker drains the outbox through them.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;

pub trait Mailer: Send + Sync {
    fn send<'a>(
        &'a self,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<(), String>>;
}

pub trait SmsSender: Send + Sync {
    fn send<'a>(
        &'a self,
        phone: &'a str,
        text: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<(), String>>;
}

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpMailer {
    /// `smtp://[user:pass@]host[:port][?tls=none|starttls]` (default STARTTLS) or `smtps://host[:port]`.
    pub fn from_url(url: &str, from: &str) -> Result<SmtpMailer, String> {
        let from = from.parse().map_err(|e| format!("WEIKAO_MAIL_FROM: {e}"))?;
        let (scheme, rest) = url
            .split_once("://")
            .ok_or("WEIKAO_SMTP_URL: missing scheme")?;
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (creds, hostport) = match rest.rsplit_once('@') {
            Some((c, h)) => (Some(c), h),
            None => (None, rest),
        };
        let hostport = hostport.trim_end_matches('/');
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (
                h.to_string(),
                Some(p.parse::<u16>().map_err(|_| "WEIKAO_SMTP_URL: bad port")?),
            ),
            None => (hostport.to_string(), None),
        };
        let tls_mode = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("tls="))
            .unwrap_or(if scheme == "smtps" {
                "wrapper"
            } else {
                "starttls"
            });
        let params = || TlsParameters::new(host.clone()).map_err(|e| e.to_string());
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone());
        b = match tls_mode {
            "none" => b.tls(Tls::None),
            "wrapper" => b.tls(Tls::Wrapper(params()?)),
            _ => b.tls(Tls::Required(params()?)),
        };
        let default_port = if scheme == "smtps" { 465 } else { 587 };
        b = b
            .port(port.unwrap_or(default_port))
            .timeout(Some(Duration::from_secs(15)));
        if let Some(c) = creds {
            let (u, p) = c.split_once(':').unwrap_or((c, ""));
            b = b.credentials(lettre::transport::smtp::authentication::Credentials::new(
                u.into(),
                p.into(),
            ));
        }
        Ok(SmtpMailer {
            transport: b.build(),
            from,
        })
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(
        &'a self,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let msg = Message::builder()
                .from(self.from.clone())
                .to(to.parse().map_err(|e| format!("recipient: {e}"))?)
                .subject(subject)
                .header(ContentType::TEXT_PLAIN)
                .body(body.to_string())
                .map_err(|e| e.to_string())?;
            self.transport
                .send(msg)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    }
}

pub struct HttpSmsSender {
    client: reqwest::Client,
    url: String,
    token: String,
}

impl HttpSmsSender {
    pub fn new(url: &str, token: &str) -> HttpSmsSender {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("http client");
        HttpSmsSender {
            client,
            url: url.to_string(),
            token: token.to_string(),
        }
    }
}

impl SmsSender for HttpSmsSender {
    fn send<'a>(
        &'a self,
        phone: &'a str,
        text: &'a str,
    ) -> futures_util::future::BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let mut req = self
                .client
                .post(&self.url)
                .json(&serde_json::json!({ "phone": phone, "text": text }));
            if !self.token.is_empty() {
                req = req.bearer_auth(&self.token);
            }
            let res = req.send().await.map_err(|e| e.to_string())?;
            if res.status().is_success() {
                Ok(())
            } else {
                Err(format!("gateway answered {}", res.status()))
            }
        })
    }
}

/// The transports configured for this process (None = keep in the outbox).
pub struct Transports {
    pub mailer: Option<Box<dyn Mailer>>,
    pub sms: Option<Box<dyn SmsSender>>,
}

impl Transports {
    pub fn from_config(cfg: &Config) -> Result<Transports, String> {
        let mailer: Option<Box<dyn Mailer>> = if cfg.smtp_url.is_empty() {
            None
        } else {
            Some(Box::new(SmtpMailer::from_url(
                &cfg.smtp_url,
                &cfg.mail_from,
            )?))
        };
        let sms: Option<Box<dyn SmsSender>> = if cfg.sms_gateway_url.is_empty() {
            None
        } else {
            Some(Box::new(HttpSmsSender::new(
                &cfg.sms_gateway_url,
                &cfg.sms_gateway_token,
            )))
        };
        Ok(Transports { mailer, sms })
    }
}
