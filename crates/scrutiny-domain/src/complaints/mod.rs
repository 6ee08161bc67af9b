//! Complaints, comments and compliments under the Children Act 1989 representations procedure:
//! the procedure as a state machine with one door in [`procedure`] (`record`, `deadline`,
//! `Standing`), its records and the council's lists in [`records`], the council's settings in
//! [`settings`], the annual report's figures in [`figures`] (each stage counted when it started
//! and timed when it finished in [`stages`]), and its tables in [`tables`].

pub mod figures;
pub mod procedure;
pub mod records;
pub mod settings;
pub mod stages;
pub mod suppression;
pub mod tables;
