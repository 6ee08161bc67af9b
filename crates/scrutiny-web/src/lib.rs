//! Scrutiny's web application: the quarter run in the browser. Server-rendered pages in the
//! GOV.UK Design System (working without JavaScript), a JSON API beside them, sessions with
//! argon2-hashed passwords, and every request authorised by role and department ([`roles`]).
//!
//! Handlers are thin: they check who is asking, read or change through `scrutiny-store`, and
//! draw pages with `scrutiny-report`'s judgements, so a figure on screen is the figure in print.

pub mod api;
pub mod auth;
pub mod clock;
mod edge;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod pages;
mod periods;
mod refusals;
pub mod render;
pub mod roles;
pub mod scratch;
pub mod state;
pub mod throttle;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use clock::Clock;
pub use state::{AppState, Config};

/// Largest upload accepted (a council's whole framework workbook is a few megabytes).
const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// Largest case return accepted: a large council's year of Annex A lists as CSV is tens of
/// megabytes; the files go to disk as they arrive, never into memory.
const CASE_UPLOAD_LIMIT: usize = 512 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    let assets = ServeDir::new(state.config.assets.join("assets"))
        .fallback(ServeDir::new(&state.config.assets));
    let ours = ServeDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/static"));
    Router::new()
        .route("/", get(pages::performance::dashboard::show))
        .route("/login", get(pages::login::form).post(pages::login::submit))
        .route("/healthz", get(healthz))
        .route("/logout", post(pages::login::logout))
        .route(
            "/indicators/{code}",
            get(pages::performance::indicator::show),
        )
        .route(
            "/indicators/{code}/records/{year}/{quarter}",
            get(pages::cases::records::show),
        )
        .route("/framework", get(pages::performance::framework::index))
        .route(
            "/framework/{table}",
            get(pages::performance::framework::list).post(pages::performance::framework::save),
        )
        .route(
            "/framework/{table}/edit",
            get(pages::performance::framework::edit),
        )
        .route(
            "/framework/{table}/new",
            get(pages::performance::framework::add),
        )
        .route(
            "/framework/{table}/remove",
            post(pages::performance::framework::remove),
        )
        .route("/returns", get(pages::performance::returns::list))
        .route(
            "/returns/{department}/{year}/{quarter}",
            get(pages::performance::returns::show).post(pages::performance::returns::act),
        )
        .route(
            "/returns/{department}/{year}/{quarter}/preview",
            post(pages::performance::returns::preview),
        )
        .route(
            "/quarters",
            get(pages::performance::quarters::show).post(pages::performance::quarters::act),
        )
        .route("/reports", get(pages::reports::list))
        .route("/published", get(pages::reports::published))
        .route("/meetings", get(pages::meetings::list))
        .route("/meetings.ics", get(pages::meetings::ical))
        .route("/meetings/programme", get(pages::meetings::programme::show))
        .route(
            "/meetings/alerts",
            get(pages::meetings::alerts::form).post(pages::meetings::alerts::ask),
        )
        .route(
            "/meetings/alerts/confirm",
            get(pages::meetings::alerts::confirm_page).post(pages::meetings::alerts::confirm),
        )
        .route(
            "/meetings/alerts/stop",
            get(pages::meetings::alerts::stop_page).post(pages::meetings::alerts::stop),
        )
        .route("/meetings/{code}", get(pages::meetings::show))
        .route("/meetings/{code}/pack", get(pages::meetings::pack::public))
        .route("/meetings/{code}/publish", post(pages::meetings::publish))
        .route(
            "/meetings/{code}/items/{item}",
            get(pages::meetings::pack::item),
        )
        .route(
            "/meetings/{code}/items/{item}/word",
            get(pages::meetings::word::form)
                .post(pages::meetings::word::receive)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/meetings/{code}/members-pack",
            get(pages::meetings::pack::members),
        )
        .route(
            "/meetings/{code}/questions",
            get(pages::meetings::questions::form).post(pages::meetings::questions::submit),
        )
        .route(
            "/meetings/{code}/questions/{number}",
            post(pages::meetings::questions::decide),
        )
        .route("/oparl/v1/system", get(pages::meetings::oparl::system))
        .route("/oparl/v1/{what}", get(pages::meetings::oparl::list))
        .route(
            "/oparl/v1/body/{body}/{what}",
            get(pages::meetings::oparl::body_list),
        )
        .route("/oparl/v1/{what}/{id}", get(pages::meetings::oparl::object))
        .route(
            "/oparl/v1/{what}/{meeting}/{item}",
            get(pages::meetings::oparl::item_object),
        )
        .route(
            "/reports/{kind}/{key}/{year}/{quarter}/{format}",
            get(pages::reports::download),
        )
        .route(
            "/reports/action-plan/{plan}/{date}/{format}",
            get(pages::reports::action_plan),
        )
        .route(
            "/reports/business-plan/{board}/{year}/{format}",
            get(pages::reports::business_plan),
        )
        .route(
            "/upload",
            get(pages::upload::show)
                .post(pages::upload::receive)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/cases/upload",
            get(pages::cases::upload::show)
                .post(pages::cases::upload::receive)
                .layer(axum::extract::DefaultBodyLimit::max(CASE_UPLOAD_LIMIT)),
        )
        .route("/cases/upload/{id}", get(pages::cases::upload::job))
        .route("/audit", get(pages::audit::show))
        .route(
            "/account",
            get(pages::accounts::show).post(pages::accounts::act),
        )
        .route("/users", get(pages::accounts::list))
        .route("/users/{username}", post(pages::accounts::manage))
        .route("/finance", get(pages::performance::finance::show))
        .route("/complaints", get(pages::complaints::worklist))
        .route("/complaints/settings", get(pages::complaints::config::show))
        .route(
            "/complaints/upload",
            get(pages::upload::complaints_form)
                .post(pages::upload::receive_complaints)
                .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/complaints/compliments",
            get(pages::complaints::compliments).post(pages::complaints::record_compliment),
        )
        .route(
            "/complaints/new",
            get(pages::complaints::new_case).post(pages::complaints::record_case),
        )
        .route(
            "/complaints/cases/{reference}",
            get(pages::complaints::case).post(pages::complaints::act),
        )
        .route(
            "/complaints/cases/{reference}/export",
            get(pages::complaints::export),
        )
        .route(
            "/complaints/report/{year}/{format}",
            get(pages::complaints::annual_report),
        )
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/v1/indicators", get(api::indicators))
        .route("/api/v1/indicators/{code}", get(api::indicator))
        .route(
            "/api/v1/returns/{department}/{year}/{quarter}",
            get(api::get_return).put(api::change_return),
        )
        .route(
            "/api/v1/quarters",
            get(api::quarters).post(api::open_quarter),
        )
        .route(
            "/api/v1/framework/{table}",
            get(api::framework_record).put(api::change_framework_record),
        )
        .route(
            "/api/v1/indicators/{code}/records/{year}/{quarter}",
            get(pages::cases::records::api),
        )
        .route("/api/v1/audit", get(api::audit))
        .route("/api/v1/complaints/cases", get(api::complaint_worklist))
        .route(
            "/api/v1/complaints/cases/{reference}/steps",
            post(api::record_complaint_step),
        )
        .route(
            "/api/v1/complaints/report/{year}",
            get(api::complaints_report),
        )
        .nest_service("/assets", assets)
        .nest_service("/static", ours)
        .layer(axum::middleware::from_fn(refuse_overlong_file_names))
        .layer(axum::middleware::from_fn(edge::refuse_unholdable_text))
        .fallback(not_found)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // No inline script anywhere (GOV.UK Frontend's start-up is in /static); inline styles stay
        // allowed for the reports' own stylesheet and charts.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                 img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; \
                 form-action 'self'; frame-ancestors 'none'",
            ),
        ))
        .layer(axum::middleware::map_response(no_store_unless_static))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refusals::audit_refusals,
        ))
        .with_state(state)
}

/// Pages and API answers may carry personal data or a signed-in view: no browser or proxy keeps
/// them. Only the static files (stylesheets, scripts, images) may be cached.
async fn no_store_unless_static(
    mut response: axum::response::Response,
) -> axum::response::Response {
    let is_static = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            t.starts_with("text/css")
                || t.contains("javascript")
                || t.starts_with("image/")
                || t.starts_with("font/")
        });
    if !is_static && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match state.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok: the database answers\n").into_response(),
        Err(_) => (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "not ok: the database does not answer\n",
        )
            .into_response(),
    }
}

/// A static file's path longer than a file system's name (255 bytes) or any real asset's path is
/// not found: asked of the disk, its "file name too long" would be answered as a server error.
async fn refuse_overlong_file_names(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = req.uri().path();
    let is_file = path.starts_with("/assets/") || path.starts_with("/static/");
    if is_file && (path.len() > 1024 || path.split('/').any(|s| s.len() > 255)) {
        return not_found().await.into_response();
    }
    next.run(req).await
}

async fn not_found() -> error::AppError {
    error::AppError::NotFound("If you typed the web address, check it is correct.".into())
}

/// Serves until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    // Scratch folders a killed server left behind hold uploaded records: remove them.
    scratch::sweep(&std::env::temp_dir(), state.clock.now().into());
    // With each connection's address, for the sign-in throttle.
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await
}

/// Where GOV.UK Frontend's built files are, when installed with `npm ci --prefix web`.
pub fn default_assets() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/node_modules/govuk-frontend/dist/govuk"
    ))
}
