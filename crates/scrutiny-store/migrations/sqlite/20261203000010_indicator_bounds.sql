-- Bounds declared for an indicator whose figures may leave its unit's usual range (a percentage
-- change may be negative); the import checks figures against them.
CREATE TABLE indicator_bounds (
    indicator TEXT PRIMARY KEY REFERENCES indicators(code), minimum TEXT, maximum TEXT);
