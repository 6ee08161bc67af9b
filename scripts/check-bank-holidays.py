"""Checks Scrutiny's shipped bank-holiday table (England and Wales) against two independent
sources: GOV.UK's own published bank-holidays.json (the copy bundled in the
`govuk-bank-holidays` package) for the years it covers, and the `holidays` package's rules for
every year the table covers. Weekend dates are left out, as GOV.UK lists the day off (a
substitute day) rather than a Saturday or Sunday."""
import json
import os
import sys

import govuk_bank_holidays
import holidays

with open("crates/scrutiny-domain/data/bank-holidays.json", encoding="utf-8") as f:
    shipped = {e["date"] for e in json.load(f)["england-and-wales"]["events"]}
years = sorted({int(d[:4]) for d in shipped})

govuk_file = os.path.join(os.path.dirname(govuk_bank_holidays.__file__), "bank-holidays.json")
with open(govuk_file, encoding="utf-8") as f:
    govuk = {e["date"] for e in json.load(f)["england-and-wales"]["events"]}
rules = {
    d.isoformat()
    for d in holidays.UK(subdiv="ENG", years=range(years[0], years[-1] + 1))
    if d.weekday() < 5
}

problems = 0
for name, reference, lo, hi in [
    ("GOV.UK", govuk, min(govuk), max(govuk)),
    ("the holidays package", rules, f"{years[0]}-01-01", f"{years[-1]}-12-31"),
]:
    ours = {d for d in shipped if lo <= d <= hi}
    theirs = {d for d in reference if lo <= d <= hi}
    for d in sorted(theirs - ours):
        print(f"{name} lists {d}, the shipped table does not")
    for d in sorted(ours - theirs):
        print(f"the shipped table lists {d}, {name} does not")
    diff = len(theirs ^ ours)
    problems += diff
    print(f"against {name} ({lo[:4]}-{hi[:4]}): {len(ours)} bank holidays checked, {diff} differ")
sys.exit(1 if problems else 0)
