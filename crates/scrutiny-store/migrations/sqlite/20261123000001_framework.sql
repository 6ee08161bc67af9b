-- The performance framework and quarterly returns. Kept in step with ../postgres/ (only the
-- audit id column differs). Years are the financial year's starting calendar year (2012 = 2012/13);
-- quarter 0 means "annual" (annual target, annual outturn). Figures and money are exact text.
CREATE TABLE boards (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE departments (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, board TEXT NOT NULL REFERENCES boards(code),
    directorate TEXT, director_initials TEXT, director_name TEXT, director_title TEXT);
CREATE TABLE priorities (
    code TEXT PRIMARY KEY, board TEXT NOT NULL REFERENCES boards(code), title TEXT NOT NULL,
    position BIGINT NOT NULL, note TEXT);
CREATE TABLE rag_rules (
    code TEXT PRIMARY KEY, method TEXT NOT NULL, amber_band TEXT NOT NULL, band_unit TEXT NOT NULL,
    description TEXT NOT NULL);
CREATE TABLE symbol_labels (
    applies_to TEXT NOT NULL, state TEXT NOT NULL, label TEXT NOT NULL, description TEXT NOT NULL,
    PRIMARY KEY (applies_to, state));
CREATE TABLE objectives (
    reference TEXT PRIMARY KEY, department TEXT NOT NULL REFERENCES departments(code), title TEXT);
CREATE TABLE milestones (
    code TEXT PRIMARY KEY, objective TEXT NOT NULL REFERENCES objectives(reference),
    year BIGINT NOT NULL, priority TEXT REFERENCES priorities(code), is_key BIGINT NOT NULL,
    text TEXT NOT NULL, position BIGINT NOT NULL);
CREATE TABLE indicators (
    code TEXT PRIMARY KEY, refs TEXT NOT NULL, description TEXT NOT NULL,
    department TEXT NOT NULL REFERENCES departments(code), priority TEXT REFERENCES priorities(code),
    is_key BIGINT NOT NULL, polarity TEXT NOT NULL, unit TEXT NOT NULL, decimals BIGINT,
    rag_rule TEXT NOT NULL REFERENCES rag_rules(code), same_band TEXT NOT NULL, position BIGINT NOT NULL);
CREATE TABLE indicator_years (
    indicator TEXT NOT NULL REFERENCES indicators(code), year BIGINT NOT NULL,
    department TEXT NOT NULL REFERENCES departments(code), priority TEXT REFERENCES priorities(code),
    is_key BIGINT NOT NULL, description TEXT, position BIGINT NOT NULL, PRIMARY KEY (indicator, year));
CREATE TABLE targets (
    indicator TEXT NOT NULL REFERENCES indicators(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    target TEXT NOT NULL, original_target TEXT, PRIMARY KEY (indicator, year, quarter));
CREATE TABLE indicator_values (
    indicator TEXT NOT NULL REFERENCES indicators(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    value TEXT NOT NULL, status TEXT, rag_override TEXT, override_reason TEXT, commentary TEXT,
    initials TEXT, PRIMARY KEY (indicator, year, quarter));
CREATE TABLE milestone_progress (
    milestone TEXT NOT NULL REFERENCES milestones(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    progress TEXT NOT NULL, commentary TEXT, initials TEXT, basis TEXT,
    PRIMARY KEY (milestone, year, quarter));
CREATE TABLE commentary (
    year BIGINT NOT NULL, quarter BIGINT NOT NULL, board TEXT NOT NULL, department TEXT NOT NULL,
    section TEXT NOT NULL, position BIGINT NOT NULL, priority TEXT, theme TEXT, title TEXT,
    text TEXT NOT NULL, initials TEXT,
    PRIMARY KEY (year, quarter, board, department, section, position));
CREATE TABLE budget_lines (
    department TEXT NOT NULL REFERENCES departments(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    grp TEXT NOT NULL, line TEXT NOT NULL, as_at TEXT NOT NULL, position BIGINT NOT NULL,
    annual_budget TEXT, budget_to_date TEXT, expenditure_to_date TEXT,
    PRIMARY KEY (department, year, quarter, grp, line));
CREATE TABLE benchmarks (
    indicator TEXT NOT NULL REFERENCES indicators(code), year BIGINT NOT NULL, top_quartile TEXT,
    bottom_quartile TEXT, national TEXT, statistical_neighbours TEXT, note TEXT,
    PRIMARY KEY (indicator, year));
CREATE TABLE risks (
    department TEXT NOT NULL REFERENCES departments(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    reference TEXT NOT NULL, control_measure TEXT NOT NULL, risk TEXT NOT NULL, target TEXT,
    progress TEXT NOT NULL, commentary TEXT, position BIGINT NOT NULL,
    PRIMARY KEY (department, year, quarter, reference, control_measure));
CREATE TABLE equality_actions (
    department TEXT NOT NULL REFERENCES departments(code), year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    action TEXT NOT NULL, target TEXT, progress TEXT NOT NULL, commentary TEXT, position BIGINT NOT NULL,
    PRIMARY KEY (department, year, quarter, action));
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    entity TEXT NOT NULL, detail TEXT NOT NULL);
