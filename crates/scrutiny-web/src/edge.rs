//! A check every request meets before its handler: text no database or document can hold is
//! refused in words, wherever it comes (the address, its query, a form, a JSON body). A null
//! is refused by PostgreSQL (a server error, found on that backend only), and the other control
//! characters by the XML inside a Word report.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode;
use serde_json::Value;

use crate::error::{ApiError, AppError};

/// As axum's own limit for a form or JSON body (uploads are multipart, and not read here).
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// A character no stored text may hold: control characters but tab and line breaks, and the two
/// that XML forbids.
pub fn unholdable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

fn decoded_has_unholdable(bytes: &[u8]) -> bool {
    percent_decode(bytes)
        .decode_utf8_lossy()
        .chars()
        .any(unholdable)
}

/// A query string or form body (`a=b&c=d`, `+` for a space), each name and value decoded.
fn pairs_have_unholdable(text: &[u8]) -> bool {
    text.split(|b| *b == b'&').any(|pair| {
        decoded_has_unholdable(
            &pair
                .iter()
                .map(|b| if *b == b'+' { b' ' } else { *b })
                .collect::<Vec<_>>(),
        )
    })
}

fn json_has_unholdable(v: &Value) -> bool {
    match v {
        Value::String(s) => s.chars().any(unholdable),
        Value::Array(a) => a.iter().any(json_has_unholdable),
        Value::Object(o) => o
            .iter()
            .any(|(k, v)| k.chars().any(unholdable) || json_has_unholdable(v)),
        _ => false,
    }
}

pub async fn refuse_unholdable_text(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let refuse = |status: StatusCode, message: String| {
        let e = AppError::Invalid(message);
        let mut r = if api {
            ApiError(e).into_response()
        } else {
            e.into_response()
        };
        *r.status_mut() = status;
        r
    };
    let unholdable_in = |place: &str| {
        refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "The {place} has a control character (a null, say) that no text can hold: \
                 remove it and try again."
            ),
        )
    };
    if decoded_has_unholdable(req.uri().path().as_bytes()) {
        return unholdable_in("web address");
    }
    if req
        .uri()
        .query()
        .is_some_and(|q| pairs_have_unholdable(q.as_bytes()))
    {
        return unholdable_in("web address's query");
    }
    let kind = crate::error::media_type(req.headers());
    let form = kind == "application/x-www-form-urlencoded";
    let json = crate::error::is_json(&kind);
    if !form && !json {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The form is larger than the 2 MB a form may send: upload a file instead.".into(),
        );
    };
    let bad = if form {
        pairs_have_unholdable(&bytes)
    } else {
        // A body that is not JSON is left to the handler to refuse in its own words.
        serde_json::from_slice::<Value>(&bytes).is_ok_and(|v| json_has_unholdable(&v))
    };
    if bad {
        return unholdable_in(if form { "form" } else { "JSON body" });
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_and_escapes_are_found_however_they_are_written() {
        assert!(pairs_have_unholdable(b"a=b&c=%00"));
        assert!(pairs_have_unholdable(b"a%1B=b"));
        assert!(!pairs_have_unholdable(b"a=line%0Aline%09tab+space&b=%FF"));
        assert!(json_has_unholdable(
            &serde_json::json!({"a": [{"b": "x\u{0}"}]})
        ));
        assert!(!json_has_unholdable(
            &serde_json::json!({"a": "tab\there\n"})
        ));
    }
}
