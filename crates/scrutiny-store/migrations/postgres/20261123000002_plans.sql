-- Strategies, target reviews and action plans (issue 4). Identical for both backends.
CREATE TABLE strategies (
    code TEXT PRIMARY KEY, title TEXT NOT NULL, board TEXT NOT NULL REFERENCES boards(code),
    from_year BIGINT NOT NULL, to_year BIGINT NOT NULL);
CREATE TABLE strategy_measures (
    strategy TEXT NOT NULL REFERENCES strategies(code), reference TEXT NOT NULL,
    indicator TEXT NOT NULL REFERENCES indicators(code), descriptor TEXT NOT NULL,
    position BIGINT NOT NULL, PRIMARY KEY (strategy, reference));
CREATE TABLE measure_commentary (
    strategy TEXT NOT NULL, reference TEXT NOT NULL, year BIGINT NOT NULL, quarter BIGINT NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (strategy, reference, year, quarter, kind),
    FOREIGN KEY (strategy, reference) REFERENCES strategy_measures(strategy, reference));
-- Revisions are history: never updated in place except to record a decision.
CREATE TABLE target_revisions (
    indicator TEXT NOT NULL REFERENCES indicators(code), year BIGINT NOT NULL, review TEXT NOT NULL,
    previous TEXT NOT NULL, proposed TEXT NOT NULL, rationale TEXT, proposed_by TEXT, proposed_on TEXT,
    decision TEXT NOT NULL, decided_by TEXT, decided_on TEXT,
    PRIMARY KEY (indicator, year, review));
CREATE TABLE action_plans (
    code TEXT PRIMARY KEY, title TEXT NOT NULL, board TEXT NOT NULL REFERENCES boards(code), source TEXT);
CREATE TABLE actions (
    plan TEXT NOT NULL REFERENCES action_plans(code), reference TEXT NOT NULL, requirement TEXT NOT NULL,
    action TEXT NOT NULL, by_whom TEXT, timescale TEXT, due TEXT, links TEXT NOT NULL,
    position BIGINT NOT NULL, PRIMARY KEY (plan, reference));
CREATE TABLE action_updates (
    plan TEXT NOT NULL, reference TEXT NOT NULL, as_at TEXT NOT NULL, status TEXT NOT NULL, progress TEXT,
    PRIMARY KEY (plan, reference, as_at),
    FOREIGN KEY (plan, reference) REFERENCES actions(plan, reference));
