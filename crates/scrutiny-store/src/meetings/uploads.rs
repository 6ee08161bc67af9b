//! Committee reports uploaded as Word documents, one per agenda item, kept as uploaded. An
//! upload makes the file the item's report (`report = uploaded`) and marks the report received,
//! in the same transaction, audited.

use sqlx::Row;

use crate::save::audit;
use crate::{Result, Store, StoreError};

/// One uploaded report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemUpload {
    pub item: String,
    pub file_name: String,
    pub content: Vec<u8>,
}

impl Store {
    /// Keeps `content` as item `item`'s report at meeting `meeting`, replacing any before, and
    /// makes it the item's report unless the item already names another. Refused when the
    /// meeting has no such item.
    pub async fn put_item_upload(
        &self,
        meeting: &str,
        item: &str,
        file_name: &str,
        content: &[u8],
        actor: &str,
        at: &str,
    ) -> Result<()> {
        let mut tx = self.writer.begin().await?;
        let today = at.get(..10).unwrap_or(at).to_string();
        let n = sqlx::query(
            "UPDATE agenda_items SET report = 'uploaded', report_received = COALESCE(report_received, $3)
             WHERE meeting = $1 AND item = $2 AND (report IS NULL OR report = 'uploaded')",
        )
        .bind(meeting.to_string())
        .bind(item.to_string())
        .bind(today)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Refused(format!(
                "meeting {meeting} has no item {item} that can take an uploaded report (an item whose report is already set keeps it: clear its report first)"
            )));
        }
        sqlx::query("DELETE FROM item_uploads WHERE meeting = $1 AND item = $2")
            .bind(meeting.to_string())
            .bind(item.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO item_uploads (meeting, item, file_name, content, uploaded_at, uploaded_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(meeting.to_string())
        .bind(item.to_string())
        .bind(file_name.to_string())
        .bind(content.to_vec())
        .bind(at.to_string())
        .bind(actor.to_string())
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            at,
            actor,
            "upload item report",
            &format!("{meeting} item {item}"),
            &format!("{file_name} ({} bytes)", content.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The reports uploaded for a meeting's items.
    pub async fn item_uploads(&self, meeting: &str) -> Result<Vec<ItemUpload>> {
        let rows = sqlx::query(
            "SELECT item, file_name, content FROM item_uploads WHERE meeting = $1 ORDER BY item",
        )
        .bind(meeting.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ItemUpload {
                    item: r.try_get(0)?,
                    file_name: r.try_get(1)?,
                    content: r.try_get(2)?,
                })
            })
            .collect()
    }
}
