mod golden;
mod procedure;
pub(crate) mod second_council;
