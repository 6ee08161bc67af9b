//! `scrutiny meetings`: a meeting's agenda pack, and what a meeting keeps of the public beyond
//! the framework's tables.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use scrutiny_report::meetings::pack::Audience;

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

/// Writes meeting `code`'s agenda pack as a PDF into `out`.
pub async fn pack(db: Option<String>, code: &str, members: bool, out: &Path) -> Result<()> {
    let store = open(db).await?;
    let audience = if members {
        Audience::Members
    } else {
        Audience::Public
    };
    write_pack(&store, code, audience, out).await?;
    Ok(())
}

/// Writes one pack and says where; notes on reports that could not be made go to stderr.
pub async fn write_pack(
    store: &scrutiny_store::Store,
    code: &str,
    audience: Audience,
    out: &Path,
) -> Result<PathBuf> {
    let data = store.load().await?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let produced = crate::commands::produced_on();
    // The command line is the performance officer's: every report is printed.
    let pack = scrutiny_web::pages::meetings::pack::build(
        store,
        &data,
        &calendar,
        code,
        audience,
        &produced,
        &|_| false,
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    for note in &pack.diagnostics {
        eprintln!("  note: {note}");
    }
    let bytes = scrutiny_web::render::render_pack(&pack).map_err(|e| anyhow!(e))?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let path = out.join(format!("{}.pdf", pack.slug));
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    println!("{}\n  wrote {}", pack.title, path.display());
    Ok(path)
}
