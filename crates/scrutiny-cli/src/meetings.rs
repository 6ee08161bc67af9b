//! `scrutiny meetings`: what a meeting keeps of the public beyond the framework's tables.

use anyhow::{Result, anyhow, bail};

use crate::clock;
use crate::commands::open;

/// Erases public questioners' names and e-mail addresses from questions received before
/// `before`; the questions and answers stay.
pub async fn anonymise(db: Option<String>, before: &str, yes: bool) -> Result<()> {
    let before = scrutiny_domain::period::parse_date(before).map_err(|e| anyhow!("{e}"))?;
    if !yes {
        bail!(
            "this erases who asked every public question received before {before} (the questions stay): run again with --yes"
        );
    }
    let store = open(db).await?;
    let n = store
        .anonymise_questions_before(before, &clock::actor(), &clock::now_stamp())
        .await?;
    println!("Erased who asked {n} public question(s) received before {before}.");
    Ok(())
}
