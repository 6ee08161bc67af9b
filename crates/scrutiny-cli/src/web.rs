//! The web application's commands: serve, people's accounts, backup and restore, and the demo's
//! sign-ins.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use scrutiny_domain::performance::returns::QuarterState;
use scrutiny_domain::period::Period;
use scrutiny_store::{Store, User};
use scrutiny_web::roles::Role;
use scrutiny_web::{AppState, Clock, Config};

use crate::Web;
use crate::clock;
use crate::commands::{DEFAULT_DB, open};

pub async fn serve(db: Option<String>, web: Web) -> Result<()> {
    // Held while serving, so `restore` refuses to replace the database under this server.
    let url = db.clone().unwrap_or_else(|| DEFAULT_DB.to_string());
    let _serving = scrutiny_store::files::sqlite_file(&url)
        .map(|path| scrutiny_store::files::hold(&path))
        .transpose()?;
    let store = open(db).await?;
    run(store, web, None).await
}

/// Serves until stopped (Ctrl+C). `welcome` is printed once the address is bound.
async fn run(store: Store, web: Web, welcome: Option<String>) -> Result<()> {
    let assets = web.assets.unwrap_or_else(scrutiny_web::default_assets);
    if !assets.join("govuk-frontend.min.css").exists() {
        eprintln!(
            "warning: GOV.UK Frontend is not at {}; pages will be unstyled. Run: npm ci --prefix web",
            assets.display()
        );
    }
    let mail = match (web.smtp_url, web.mail_from) {
        (Some(smtp_url), Some(from)) => Some(scrutiny_web::mail::MailConfig {
            smtp_url,
            from,
            public_url: web
                .public_url
                .unwrap_or_else(|| format!("http://{}", web.addr)),
        }),
        (Some(_), None) => bail!(
            "e-mail alerts need a sender as well as the SMTP relay: set --mail-from (SCRUTINY_MAIL_FROM)"
        ),
        (None, _) => None,
    };
    let config = Config {
        assets,
        secure_cookies: web.secure_cookies,
        session_hours: 8,
        mail,
    };
    // The clock and the bank holidays are handed to the application once, here at the edge.
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let state = AppState::new(store, config, Clock::new(clock::now), calendar)
        .map_err(|e| anyhow!("{e}"))?;
    let listener = tokio::net::TcpListener::bind(&web.addr)
        .await
        .with_context(|| format!("cannot listen on {}", web.addr))?;
    let addr = listener.local_addr()?;
    if let Some(w) = welcome {
        println!("{w}");
    }
    println!("Scrutiny is running at http://{addr}/ (press Ctrl+C to stop)");
    scrutiny_web::pages::meetings::alerts::sweep_every_minute(state.clone());
    scrutiny_web::serve(listener, state).await?;
    Ok(())
}

fn password() -> Result<String> {
    if let Ok(p) = std::env::var("SCRUTINY_PASSWORD") {
        return Ok(p);
    }
    let p = rpassword::prompt_password("Password (at least 10 characters): ")?;
    let again = rpassword::prompt_password("Same password again: ")?;
    if p != again {
        bail!("the two passwords differ; nothing was changed");
    }
    Ok(p)
}

pub async fn user_add(
    db: Option<String>,
    username: &str,
    name: &str,
    role: &str,
    department: Option<String>,
) -> Result<()> {
    let Some(role) = Role::parse(role) else {
        bail!(
            "'{role}' is not a role: use admin, manager, finance, board, complaints or democratic"
        );
    };
    if role.needs_department() && department.is_none() {
        bail!(
            "a manager works on one department's return: add --department, e.g. --department CFS"
        );
    }
    if username.trim().is_empty() || username.contains(char::is_whitespace) {
        bail!("a username is one word with no spaces, e.g. jsmith");
    }
    let password = password()?;
    if password.chars().count() < 10 {
        bail!("the password is too short: use at least 10 characters");
    }
    let store = open(db).await?;
    let user = User {
        username: username.to_string(),
        name: name.to_string(),
        role: role.code().to_string(),
        department,
        password_hash: scrutiny_web::auth::hash_password(&password).map_err(|e| anyhow!("{e}"))?,
        disabled_at: None,
    };
    store
        .put_user(&user, &clock::actor(), &clock::now_stamp())
        .await?;
    println!("{username} can now sign in as {}.", role.title());
    Ok(())
}

pub async fn user_list(db: Option<String>) -> Result<()> {
    let store = open(db).await?;
    for u in store.users().await? {
        println!(
            "{:<16} {:<24} {:<8} {}",
            u.username,
            u.name,
            u.role,
            u.department.as_deref().unwrap_or("all departments")
        );
    }
    Ok(())
}

fn sqlite_path(db: Option<String>) -> Result<std::path::PathBuf> {
    let url = db.unwrap_or_else(|| DEFAULT_DB.to_string());
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        bail!("restore replaces the embedded SQLite database; for PostgreSQL use pg_restore");
    };
    Ok(rest.split('?').next().unwrap_or(rest).into())
}

pub async fn backup(db: Option<String>, to: &Path) -> Result<()> {
    let store = open(db).await?;
    store.backup_to(to).await?;
    println!("Backed up to {}", to.display());
    Ok(())
}

pub async fn restore(db: Option<String>, from: &Path, yes: bool) -> Result<()> {
    let target = sqlite_path(db)?;
    if !yes {
        bail!(
            "this replaces {} with {} and signs everyone out: stop the web application, then run again with --yes",
            target.display(),
            from.display()
        );
    }
    scrutiny_store::restore_sqlite(from, &target).await?;
    println!("Restored {} from {}", target.display(), from.display());
    Ok(())
}

/// The demo's people: one per role. The password is the demo's own, printed for the reader.
pub const DEMO_PASSWORD: &str = "demo-password";
const DEMO_USERS: [(&str, &str, Role, Option<&str>); 6] = [
    ("officer", "Pat Performance", Role::Admin, None),
    ("manager", "Sam Manager", Role::Manager, Some("CFS")),
    ("finance", "Frances Finance", Role::Finance, None),
    ("councillor", "Cllr Chris Member", Role::Board, None),
    ("complaints", "Casey Complaints", Role::Complaints, None),
    ("democratic", "Dana Democratic", Role::Democratic, None),
];

/// Opens 2012/13 Q2 for returns and publishes Q1, adds the demo's people, then serves.
pub async fn demo_serve(store: Store, web: Web) -> Result<()> {
    let now = clock::now_stamp();
    let actor = clock::actor();
    let hash = scrutiny_web::auth::hash_password(DEMO_PASSWORD).map_err(|e| anyhow!("{e}"))?;
    for (username, name, role, dept) in DEMO_USERS {
        if store.user(username).await?.is_none() {
            let u = User {
                username: username.into(),
                name: name.into(),
                role: role.code().into(),
                department: dept.map(str::to_string),
                password_hash: hash.clone(),
                disabled_at: None,
            };
            store.put_user(&u, &actor, &now).await?;
        }
    }
    let q1 = Period::parse("2012/13 Q1").map_err(|e| anyhow!("{e}"))?;
    let q2 = Period::parse("2012/13 Q2").map_err(|e| anyhow!("{e}"))?;
    if store.quarter("CYPF", q1).await?.is_none() {
        store.open_quarter("CYPF", q1, None, &actor, &now).await?;
        store
            .set_quarter_state("CYPF", q1, QuarterState::Locked, &actor, &now)
            .await?;
        store
            .set_quarter_state("CYPF", q1, QuarterState::Published, &actor, &now)
            .await?;
    }
    if store.quarter("CYPF", q2).await?.is_none() {
        store
            .open_quarter("CYPF", q2, Some("2012-10-19"), &actor, &now)
            .await?;
    }
    let mut welcome = String::from("\nSign in with any of these (password: ");
    welcome.push_str(DEMO_PASSWORD);
    welcome.push_str(")\n");
    for (username, _, role, dept) in DEMO_USERS {
        welcome.push_str(&format!(
            "  {username:<11} {}{}\n",
            role.title(),
            dept.map(|d| format!(", department {d}"))
                .unwrap_or_default()
        ));
    }
    welcome.push_str(
        "Try: sign in as manager, complete the 2012/13 Q2 return and submit it; then sign in as\nofficer, approve it on the Returns page, and see the dashboard and reports change.",
    );
    run(store, web, Some(welcome)).await
}
