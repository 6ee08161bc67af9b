mod golden;
pub(crate) mod procedure;
pub(crate) mod second_council;
mod shapes;
