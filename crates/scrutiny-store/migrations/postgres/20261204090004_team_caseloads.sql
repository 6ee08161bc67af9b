-- Each team's open cases and referrals, for complaints per 100 open cases by team.
CREATE TABLE complaint_team_caseloads (
    year BIGINT NOT NULL, team TEXT NOT NULL, open_cases BIGINT NOT NULL, referrals BIGINT,
    PRIMARY KEY (year, team));
