-- The council's self-assessment against the Ombudsman's Complaint Handling Code, and the board's response.
CREATE TABLE complaint_handling_code (
    year BIGINT NOT NULL, reference TEXT NOT NULL, requirement TEXT NOT NULL, answer TEXT NOT NULL,
    evidence TEXT, action TEXT,
    PRIMARY KEY (year, reference));
CREATE TABLE complaint_handling_code_responses (year BIGINT PRIMARY KEY, response TEXT NOT NULL);
