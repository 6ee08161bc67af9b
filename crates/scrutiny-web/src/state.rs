//! What every handler shares: the store, settings, the clock and the bank holidays (both handed
//! in at start-up), and the council's approved data, cached.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use scrutiny_domain::Dataset;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::period::Period;
use scrutiny_report::performance::view::{IndicatorView, assess_indicators};
use scrutiny_store::Store;

use crate::clock::Clock;
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Config {
    /// GOV.UK Frontend's built files (`node_modules/govuk-frontend/dist/govuk`).
    pub assets: PathBuf,
    /// Mark the session cookie `Secure` (serve over HTTPS, as in production).
    pub secure_cookies: bool,
    /// How long a session lasts without signing in again.
    pub session_hours: i64,
    /// The SMTP relay for meeting alerts; none switches them off.
    pub mail: Option<crate::mail::MailConfig>,
}

/// The data as of the audit trail's entry number.
type Cached = (i64, Arc<Dataset>);
/// Every indicator judged for a period, as of the audit trail's entry number.
type Judged = HashMap<Period, (i64, Arc<Vec<IndicatorView>>)>;

/// One password hash at a time per core, less one core kept for the pages.
fn hashing_slots() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get().saturating_sub(1))
        .max(1)
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    /// A real hash to verify against when the username is unknown (equal timing).
    pub dummy_hash: Arc<String>,
    /// What time it is: the real clock in service, a fixed one in tests.
    pub clock: Clock,
    /// The bank holidays working days are counted over, read once at start-up.
    pub calendar: Arc<BankHolidays>,
    /// Failed sign-ins, for the waits that slow guessing.
    pub throttle: Arc<crate::throttle::Throttle>,
    /// Password hashing is slow by design and runs off the request threads; this bounds how
    /// many run at once, so a flood of sign-ins cannot take every core from the pages.
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// Long work followed on its own page (a case return being read and computed).
    pub jobs: Arc<crate::jobs::Jobs>,
    /// Meeting alerts' e-mail, when an SMTP relay is configured.
    pub mailer: Option<Arc<crate::mail::Mailer>>,
    cache: Arc<RwLock<Option<Cached>>>,
    judged: Arc<RwLock<Judged>>,
    /// One rebuild of the cache at a time: requests arriving while it is rebuilt wait for that
    /// copy instead of each loading the whole dataset again.
    rebuilding: Arc<tokio::sync::Mutex<()>>,
}

impl AppState {
    pub fn new(
        store: Store,
        config: Config,
        clock: Clock,
        calendar: BankHolidays,
    ) -> Result<Self, AppError> {
        let mailer = match &config.mail {
            Some(c) => Some(Arc::new(
                crate::mail::Mailer::new(c).map_err(AppError::Internal)?,
            )),
            None => None,
        };
        Ok(AppState {
            mailer,
            store,
            config: Arc::new(config),
            dummy_hash: Arc::new(crate::auth::hash_password("not a real password")?),
            clock,
            calendar: Arc::new(calendar),
            throttle: Arc::default(),
            hashing: Arc::new(tokio::sync::Semaphore::new(hashing_slots())),
            jobs: Arc::default(),
            cache: Arc::new(RwLock::new(None)),
            judged: Arc::new(RwLock::new(HashMap::new())),
            rebuilding: Arc::default(),
        })
    }

    /// The council's approved data. Every change writes the audit trail, so the trail's newest
    /// entry tells whether the cached copy is current, on this instance or any other sharing the
    /// database.
    pub async fn data(&self) -> Result<Arc<Dataset>, AppError> {
        let head = self.store.audit_head().await?;
        if let Some(data) = self.cached(head) {
            return Ok(data);
        }
        let _one = self.rebuilding.lock().await;
        // Someone else may have rebuilt it while this request waited.
        if let Some(data) = self.cached(head) {
            return Ok(data);
        }
        let data = Arc::new(self.store.load().await?);
        if let Ok(mut guard) = self.cache.write() {
            *guard = Some((head, data.clone()));
        }
        Ok(data)
    }

    /// The cached data, if it is as of `head` (or later).
    fn cached(&self, head: i64) -> Option<Arc<Dataset>> {
        let guard = self.cache.read().ok()?;
        let (at, data) = guard.as_ref()?;
        (*at >= head).then(|| data.clone())
    }

    /// Every indicator of the period's plan judged as the reports judge them, in plan order.
    /// Judging builds lookup tables over every value and target, the main cost of a dashboard
    /// or indicator page, so it is done once per period for each state of the data.
    pub async fn judged(&self, period: Period) -> Result<Arc<Vec<IndicatorView>>, AppError> {
        let head = self.store.audit_head().await?;
        if let Ok(guard) = self.judged.read()
            && let Some((at, views)) = guard.get(&period)
            && *at == head
        {
            return Ok(views.clone());
        }
        let data = self.data().await?;
        let views = Arc::new(assess_indicators(&data, period, |_| true));
        if let Ok(mut guard) = self.judged.write() {
            guard.retain(|_, (at, _)| *at == head);
            guard.insert(period, (head, views.clone()));
        }
        Ok(views)
    }
}
