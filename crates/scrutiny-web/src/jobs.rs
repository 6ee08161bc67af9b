//! Long work started from a page and followed on another: a case return read, computed and
//! stored while its page shows how far it has got (a script keeps it up to date; without one, a
//! link does). No timed reload: WCAG 2.2.1 forbids it.
//! Followed in memory while it runs; its owner and title when it starts and its result when it
//! ends are kept in the database too (`Store::job_started`, `job_finished`), so its page still
//! answers after a restart or on another server (`kept`). What it stored is audited.

use std::sync::{Arc, Mutex};

/// How far one file has been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProgress {
    pub file: String,
    pub percent: u64,
    pub rows: u64,
}

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Stage {
    Reading,
    Computing,
    Storing,
    /// Finished: what was done, line by line, and the figures' outcomes.
    Done {
        said: String,
        outcomes: Vec<(String, String, String)>,
    },
    /// Nothing was stored: every problem.
    Failed(Vec<String>),
    /// Kept as started but not finished, and not running here: the server was restarted
    /// while it ran, or another server is running it.
    Interrupted,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub owner: String,
    pub title: String,
    pub stage: Stage,
    pub files: Vec<FileProgress>,
}

impl Job {
    pub fn finished(&self) -> bool {
        matches!(
            self.stage,
            Stage::Done { .. } | Stage::Failed(_) | Stage::Interrupted
        )
    }

    /// A job as the database keeps it, read back on a server that is not running it.
    pub fn kept(k: scrutiny_store::KeptJob) -> Job {
        let stage = k
            .result
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or(Stage::Interrupted);
        Job {
            owner: k.owner,
            title: k.title,
            stage,
            files: Vec::new(),
        }
    }
}

/// Jobs kept at most; the oldest finished go first.
const KEPT: usize = 50;

#[derive(Default)]
pub struct Jobs {
    jobs: Mutex<Vec<(String, Arc<Mutex<Job>>)>>,
}

impl Jobs {
    /// A new job for `owner`, under a random id (it is the page's address).
    pub fn start(&self, owner: &str, title: &str) -> (String, Arc<Mutex<Job>>) {
        let id = crate::auth::random_token();
        let job = Arc::new(Mutex::new(Job {
            owner: owner.into(),
            title: title.into(),
            stage: Stage::Reading,
            files: Vec::new(),
        }));
        if let Ok(mut jobs) = self.jobs.lock() {
            while jobs.len() >= KEPT {
                let finished = jobs
                    .iter()
                    .position(|(_, j)| j.lock().is_ok_and(|j| j.finished()));
                jobs.remove(finished.unwrap_or(0));
            }
            jobs.push((id.clone(), job.clone()));
        }
        (id, job)
    }

    /// A copy of the job as it stands, if `owner`'s.
    pub fn get(&self, id: &str, owner: &str) -> Option<Job> {
        let jobs = self.jobs.lock().ok()?;
        let (_, job) = jobs.iter().find(|(i, _)| i == id)?;
        let job = job.lock().ok()?.clone();
        (job.owner == owner).then_some(job)
    }
}

/// Changes a job, ignoring a poisoned lock (the job's page then stays where it was).
pub fn update(job: &Mutex<Job>, change: impl FnOnce(&mut Job)) {
    if let Ok(mut j) = job.lock() {
        change(&mut j);
    }
}

/// Records a file's progress.
pub fn progress(job: &Mutex<Job>, file: &str, percent: u64, rows: u64) {
    update(job, |j| {
        let p = FileProgress {
            file: file.into(),
            percent,
            rows,
        };
        match j.files.iter_mut().find(|f| f.file == file) {
            Some(f) => *f = p,
            None => j.files.push(p),
        }
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_its_owners_and_the_oldest_finished_go_first() {
        let jobs = Jobs::default();
        let (first, job) = jobs.start("officer", "first");
        update(&job, |j| j.stage = Stage::Failed(vec!["bad".into()]));
        let (running, _) = jobs.start("officer", "running");
        assert!(jobs.get(&first, "officer").is_some());
        assert!(jobs.get(&first, "manager").is_none());
        for n in 0..KEPT {
            let (_, j) = jobs.start("officer", &format!("{n}"));
            update(&j, |j| j.stage = Stage::Storing);
        }
        assert!(jobs.get(&first, "officer").is_none());
        // The running one went only when no finished job was left to drop.
        assert!(jobs.get(&running, "officer").is_none());
        progress(&job, "List 1.csv", 50, 10);
        progress(&job, "List 1.csv", 100, 20);
        assert_eq!(job.lock().unwrap().files.len(), 1);
        assert_eq!(job.lock().unwrap().files[0].rows, 20);
    }

    #[test]
    fn a_kept_job_reads_back_finished_or_interrupted() {
        let done = Stage::Done {
            said: "Stored 1 figure(s)".into(),
            outcomes: vec![("NI064".into(), "plans".into(), "0".into())],
        };
        let kept = |result: Option<String>| {
            Job::kept(scrutiny_store::KeptJob {
                owner: "officer".into(),
                title: "Case return".into(),
                result,
            })
        };
        let back = kept(Some(serde_json::to_string(&done).unwrap()));
        assert_eq!(back.stage, done);
        assert_eq!(kept(None).stage, Stage::Interrupted);
        assert!(kept(None).finished());
    }
}
