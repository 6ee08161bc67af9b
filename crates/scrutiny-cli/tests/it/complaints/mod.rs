mod golden;
mod procedure;
