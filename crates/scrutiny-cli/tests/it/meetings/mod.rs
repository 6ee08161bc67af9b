//! Boards' meetings: the seeds' 12 November 2018 meeting as its agenda front sheet prints it, for
//! the public and for members; Part II kept from the public; the calendar feed; the OParl API.

mod agenda;
mod alerts;
mod oparl;
pub(crate) mod pack;
mod programme;
mod questions;
mod smtp;
