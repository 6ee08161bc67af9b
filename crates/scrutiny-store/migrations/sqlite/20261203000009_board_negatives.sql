-- How a board's reports print negative figures: brackets or minus (blank: brackets).
ALTER TABLE boards ADD COLUMN negatives TEXT;
