mod golden;
mod procedure;
pub(crate) mod second_council;
mod shapes;
