mod formula;
mod frame;
mod framework_edit;
mod golden_pbr;
mod golden_qmr;
mod groups;
mod labels;
mod one_history;
pub(crate) mod second_council;
