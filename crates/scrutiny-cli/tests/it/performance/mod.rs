mod formula;
mod frame;
mod golden_pbr;
mod golden_qmr;
mod one_history;
