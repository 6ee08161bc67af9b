//! Accounts in the browser and the API: changing one's own password ends the other sessions,
//! signing out elsewhere, API tokens that can be revoked, and the performance officer disabling
//! an account and ending its sessions. Each change is in the audit trail.

#![allow(clippy::unwrap_used)]

use axum::http::StatusCode;

use crate::web::{App, app};

/// A second session for `who`, as if signed in on another computer.
async fn second_session(app: &App, who: &str) {
    app.db
        .store
        .create_session(
            who,
            &scrutiny_web::auth::token_hash(&format!("elsewhere-{who}")),
            "csrf-elsewhere",
            "2026-12-02T00:00:00Z",
            "2099-01-01T00:00:00Z",
        )
        .await
        .unwrap();
}

async fn signed_in_elsewhere(app: &App, who: &str) -> bool {
    app.db
        .store
        .session(
            &scrutiny_web::auth::token_hash(&format!("elsewhere-{who}")),
            "2026-12-02T12:00:00Z",
        )
        .await
        .unwrap()
        .is_some()
}

#[tokio::test]
async fn a_password_is_changed_by_its_owner_and_ends_their_other_sessions() {
    let app = app().await;
    second_session(&app, "manager").await;
    let page = app.send(Some("manager"), "GET", "/account", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Change your password"));
    // Each mistake is named against its field.
    for (body, says) in [
        (
            "action=password&current=wrong&new=a-new-long-password&confirm=a-new-long-password",
            "Your current password is not right",
        ),
        (
            "action=password&current=correct+horse+battery&new=short&confirm=short",
            "at least 10 characters",
        ),
        (
            "action=password&current=correct+horse+battery&new=a-new-long-password&confirm=other-password",
            "Enter the same new password again",
        ),
    ] {
        let r = app
            .send(Some("manager"), "POST", "/account", Some(body))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(r.body.contains(says), "{says}: {}", r.body);
    }
    assert!(signed_in_elsewhere(&app, "manager").await);
    let r = app
        .send(
            Some("manager"),
            "POST",
            "/account",
            Some("action=password&current=correct+horse+battery&new=a-new-long-password&confirm=a-new-long-password"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("Your password has been changed. 1 other session(s) were signed out.")
    );
    assert!(!signed_in_elsewhere(&app, "manager").await);
    // This session stays, and the new password is the one that works.
    let still = app.send(Some("manager"), "GET", "/account", None).await;
    assert_eq!(still.status, StatusCode::OK);
    let user = app.db.store.user("manager").await.unwrap().unwrap();
    assert!(scrutiny_web::auth::verify_password(
        "a-new-long-password",
        &user.password_hash
    ));
    let audit = app.db.store.audit_log(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "change password" && e.actor == "manager")
    );
}

#[tokio::test]
async fn signing_out_elsewhere_keeps_this_session() {
    let app = app().await;
    second_session(&app, "councillor").await;
    let r = app
        .send(
            Some("councillor"),
            "POST",
            "/account",
            Some("action=sign_out_elsewhere"),
        )
        .await;
    assert!(
        r.body.contains("1 other session(s) were signed out."),
        "{}",
        r.body
    );
    assert!(!signed_in_elsewhere(&app, "councillor").await);
    let still = app.send(Some("councillor"), "GET", "/account", None).await;
    assert_eq!(still.status, StatusCode::OK);
}

/// The token shown once on the account page.
fn token_in(body: &str) -> String {
    let start =
        body.find("<code class=\"app-token\">").unwrap() + "<code class=\"app-token\">".len();
    body[start..start + 64].to_string()
}

async fn api_as(app: &App, token: &str) -> StatusCode {
    use tower::ServiceExt;
    let req = axum::http::Request::builder()
        .uri("/api/v1/indicators")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    app.router.clone().oneshot(req).await.unwrap().status()
}

#[tokio::test]
async fn an_api_token_works_without_the_password_until_it_is_revoked() {
    let app = app().await;
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/account",
            Some("action=create_token&label="),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/account",
            Some("action=create_token&label=Quarterly+figures+script"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let token = token_in(&r.body);
    assert_eq!(api_as(&app, &token).await, StatusCode::OK);
    assert_eq!(
        api_as(&app, "0123456789abcdef").await,
        StatusCode::UNAUTHORIZED
    );
    // Only its hash is kept: the page lists a reference, never the token again.
    let page = app.send(Some("officer"), "GET", "/account", None).await;
    assert!(!page.body.contains(&token));
    let reference = scrutiny_web::auth::token_hash(&token)[..12].to_string();
    assert!(page.body.contains(&reference));
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/account",
            Some(&format!("action=revoke_token&reference={reference}")),
        )
        .await;
    assert!(r.body.contains("no longer works"), "{}", r.body);
    assert_eq!(api_as(&app, &token).await, StatusCode::UNAUTHORIZED);
    // Another person cannot revoke (or see) it.
    let r = app
        .send(
            Some("manager"),
            "POST",
            "/account",
            Some(&format!("action=revoke_token&reference={reference}")),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_performance_officer_disables_an_account_and_ends_its_sessions() {
    let app = app().await;
    // Nobody else reaches the accounts page.
    for who in ["manager", "finance", "councillor"] {
        let r = app.send(Some(who), "GET", "/users", None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        let r = app
            .send(Some(who), "POST", "/users/officer", Some("action=disable"))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
    let list = app.send(Some("officer"), "GET", "/users", None).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Test manager"));
    // A token made before the account is disabled stops working with it.
    let made = app
        .send(
            Some("manager"),
            "POST",
            "/account",
            Some("action=create_token&label=script"),
        )
        .await;
    let token = token_in(&made.body);
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/users/manager",
            Some("action=disable"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("manager is disabled"));
    let r = app.send(Some("manager"), "GET", "/account", None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "signed out");
    assert_eq!(api_as(&app, &token).await, StatusCode::UNAUTHORIZED);
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/users/officer",
            Some("action=disable"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("cannot disable your own account"));
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/users/manager",
            Some("action=enable"),
        )
        .await;
    assert!(r.body.contains("manager can sign in again"));
    assert_eq!(api_as(&app, &token).await, StatusCode::OK);
    second_session(&app, "finance").await;
    let r = app
        .send(
            Some("officer"),
            "POST",
            "/users/finance",
            Some("action=end_sessions"),
        )
        .await;
    assert!(
        r.body.contains("2 session(s) of finance were ended"),
        "{}",
        r.body
    );
    let audit = app.db.store.audit_log(10).await.unwrap();
    for action in [
        "disable user",
        "enable user",
        "end sessions",
        "create API token",
    ] {
        assert!(audit.iter().any(|e| e.action == action), "{action}");
    }
}
