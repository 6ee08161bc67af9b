-- An objective's place and risk assessment in a business plan. Identical for both backends.
CREATE TABLE objective_plans (
    objective TEXT NOT NULL REFERENCES objectives(reference), year BIGINT NOT NULL,
    corporate_priority TEXT, area_of_focus TEXT, risk_initial TEXT, risk_residual TEXT,
    responsible_officer TEXT, linked_indicators TEXT, PRIMARY KEY (objective, year));
