//! What every handler shares: the store, settings, and the council's approved data, cached.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use scrutiny_domain::Dataset;
use scrutiny_store::Store;

use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Config {
    /// GOV.UK Frontend's built files (`node_modules/govuk-frontend/dist/govuk`).
    pub assets: PathBuf,
    /// Mark the session cookie `Secure` (serve over HTTPS, as in production).
    pub secure_cookies: bool,
    /// How long a session lasts without signing in again.
    pub session_hours: i64,
}

/// The data as of the audit trail's entry number.
type Cached = (i64, Arc<Dataset>);

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    /// A real hash to verify against when the username is unknown (equal timing).
    pub dummy_hash: Arc<String>,
    cache: Arc<RwLock<Option<Cached>>>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Result<Self, AppError> {
        Ok(AppState {
            store,
            config: Arc::new(config),
            dummy_hash: Arc::new(crate::auth::hash_password("not a real password")?),
            cache: Arc::new(RwLock::new(None)),
        })
    }

    /// The council's approved data. Every change writes the audit trail, so the trail's newest
    /// entry tells whether the cached copy is current, on this instance or any other sharing the
    /// database.
    pub async fn data(&self) -> Result<Arc<Dataset>, AppError> {
        let head = self.store.audit_head().await?;
        if let Ok(guard) = self.cache.read()
            && let Some((at, data)) = guard.as_ref()
            && *at == head
        {
            return Ok(data.clone());
        }
        let data = Arc::new(self.store.load().await?);
        if let Ok(mut guard) = self.cache.write() {
            *guard = Some((head, data.clone()));
        }
        Ok(data)
    }
}
