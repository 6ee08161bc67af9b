//! Renders a report document JSON file to PDF:
//! `cargo run -p scrutiny-pdf --example render -- in.json out.pdf`.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: render IN.json OUT.pdf");
        return ExitCode::from(2);
    };
    let json = match std::fs::read_to_string(input) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let pdf = match scrutiny_pdf::render_pdf(&json) {
        Ok(pdf) => pdf,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(output, &pdf) {
        eprintln!("cannot write {output}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {output} ({} bytes) in {:?}",
        pdf.len(),
        started.elapsed()
    );
    ExitCode::SUCCESS
}
