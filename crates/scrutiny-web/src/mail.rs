//! E-mail through the council's SMTP relay (lettre): meeting alerts and the confirmations that
//! start them. Off unless the relay is configured; the pages say so.

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where mail goes and what links in it point at.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://relay.council.gov.uk:587?tls=required` (STARTTLS), `smtps://user:password@host`
    /// (TLS), or `smtp://127.0.0.1:2525` (no TLS: a relay on the same machine only).
    pub smtp_url: String,
    /// The sender: `Democratic Services <democratic.services@council.gov.uk>`.
    pub from: String,
    /// The address the public reaches this site at, for the links in each e-mail.
    pub public_url: String,
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Without a trailing slash.
    pub public_url: String,
}

impl Mailer {
    /// The mailer, or what is wrong with the settings, in words for whoever starts the server.
    /// The SMTP address is never repeated: it may hold a password.
    pub fn new(c: &MailConfig) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&c.smtp_url)
            .map_err(|e| format!("the SMTP relay's address cannot be read: {e}"))?
            .build();
        let from = c
            .from
            .parse()
            .map_err(|e| format!("the sender '{}' is not an e-mail address: {e}", c.from))?;
        Ok(Mailer {
            transport,
            from,
            public_url: c.public_url.trim_end_matches('/').to_string(),
        })
    }

    /// Sends one plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| format!("'{to}' is not an e-mail address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("the SMTP relay refused the message: {e}"))
    }
}
