"""Writes data/sample/cra-2011: a record-level sample (Annex A lists 1, 3, 4, 5, 6 and 7 as CSV)
built so that the contact, referral and assessment analysis of 2011/12 gives the figures the
seeds' board report printed (000_*, "Child in Need Contact, Referral and Assessment Analysis",
3 September 2012), with 2010/11 beside it. Each list is built from the figures down, so the
figures are known before any measure reads the files; crates/scrutiny-cli/tests/it/cases/
analysis.rs checks the report figure by figure. Deterministic: the same files every run.

Run from the repository root: python3 scripts/make-cra-sample.py
"""
import csv
import json
import os
import random
from datetime import date, timedelta

OUT = "data/sample/cra-2011"
rng = random.Random(2012)
holidays = {
    e["date"]
    for e in json.load(open("crates/scrutiny-domain/data/bank-holidays.json"))[
        "england-and-wales"
    ]["events"]
}


def working(d):
    return d.weekday() < 5 and d.isoformat() not in holidays


def add_working_days(start, n):
    d = start
    while n > 0:
        d += timedelta(days=1)
        if working(d):
            n -= 1
    return d


def day_between(first, last):
    return first + timedelta(days=rng.randint(0, (last - first).days))


YEARS = {
    # The year's figures: 2011/12 as the seed printed them, 2010/11 as the comparisons imply.
    2011: dict(
        referral_sources={"q) 6: Police": 401, "e) 2A: Schools": 210, "g) 3A: Health services": 180,
                          "a) 1A: Individual": 120, "n) 5A: LA services": 121,
                          "h) 3B: Health visitor": 60, "u) 10: Unknown": 40},
        reasons={"Family dysfunction": 544, "Domestic abuse": 182, "Neglect": 148,
                 "Sexual abuse": 88, "Child's disability": 60, "Parental illness or disability": 50,
                 "Socially unacceptable behaviour": 60},
        contact_sources={"q) 6: Police": 255, "e) 2A: Schools": 250, "g) 3A: Health services": 250,
                         "a) 1A: Individual": 250, "n) 5A: LA services": 200,
                         "h) 3B: Health visitor": 120, "u) 10: Unknown": 47},
        initial=(1012, 759, 587),  # authorised, within 10 working days, went on to a core
        core=(590, 502),  # authorised (587 from the year's initials, 3 from last year's), in 35
        enquiries=(260, 182),  # children, of whom with a conference
    ),
    2010: dict(
        referral_sources={"q) 6: Police": 450, "e) 2A: Schools": 260, "g) 3A: Health services": 230,
                          "a) 1A: Individual": 170, "n) 5A: LA services": 160,
                          "h) 3B: Health visitor": 80, "u) 10: Unknown": 45},
        reasons={"Family dysfunction": 650, "Domestic abuse": 230, "Neglect": 200,
                 "Sexual abuse": 17, "Child's disability": 100, "Parental illness or disability": 98,
                 "Socially unacceptable behaviour": 100},
        contact_sources={"q) 6: Police": 322, "e) 2A: Schools": 300, "g) 3A: Health services": 280,
                         "a) 1A: Individual": 250, "n) 5A: LA services": 150,
                         "h) 3B: Health visitor": 60, "u) 10: Unknown": 38},
        initial=(1200, 1056, 528),
        core=(528, 475),
        enquiries=(195, 117),
    ),
}

contacts, referrals, assessments, enquiries, episodes, plans = [], [], [], [], [], []
child_no = 0


def new_child():
    global child_no
    child_no += 1
    return f"HC{child_no:05d}"


def shuffled(counts):
    labels = [label for label, n in counts.items() for _ in range(n)]
    rng.shuffle(labels)
    return labels


for year, f in YEARS.items():
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    # Referrals: one child-day each, sources and reasons dealt out to the counts.
    sources, reasons = shuffled(f["referral_sources"]), shuffled(f["reasons"])
    assert len(sources) == len(reasons)
    for source, reason in zip(sources, reasons):
        row = [new_child(), day_between(start, end).isoformat(), source, "b) No", reason]
        referrals.append(row)
        # Now and then the same referral recorded twice: still one referral.
        if rng.random() < 0.004:
            referrals.append(list(row))
    for source in shuffled(f["contact_sources"]):
        contacts.append([new_child(), day_between(start, end).isoformat(), source])
    # Initial assessments: in time (0-10 working days) or late (11-25), the first `went_on` of
    # them followed by a core assessment of the same child.
    done, timely, went_on = f["initial"]
    cores = []
    for i in range(done):
        child = new_child()
        converting = i < went_on
        begun = day_between(start, date(year, 10, 31) if converting else date(year + 1, 2, 15))
        took = rng.randint(0, 10) if i % done < timely else rng.randint(11, 25)
        authorised = add_working_days(begun, took)
        assessments.append([child, begun.isoformat(), authorised.isoformat(), "Initial"])
        if converting:
            cores.append((child, authorised + timedelta(days=1)))
    core_done, core_timely = f["core"]
    # The rest of the year's cores follow initials authorised in the March before.
    while len(cores) < core_done:
        child = new_child()
        begun = date(year, 3, 14)
        authorised = add_working_days(begun, 5)
        assessments.append([child, begun.isoformat(), authorised.isoformat(), "Initial"])
        cores.append((child, date(year, 4, 4)))
    for i, (child, begun) in enumerate(cores):
        took = rng.randint(0, 35) if i < core_timely else rng.randint(36, 60)
        authorised = add_working_days(begun, took)
        assert authorised <= end, (child, begun, authorised)
        assessments.append([child, begun.isoformat(), authorised.isoformat(), "Core"])
    # Section 47 enquiries: one a child, the first `conferences` with a conference.
    children, conferences = f["enquiries"]
    for i in range(children):
        begun = day_between(start, date(year + 1, 2, 28))
        held = add_working_days(begun, rng.randint(5, 15)).isoformat() if i < conferences else ""
        enquiries.append([new_child(), begun.isoformat(), "b) No" if held else "a) Yes", held])

# The 2011/12 initials in time are the first `timely` of the loop above: shuffle the rows so the
# files are not in that order.
rng.shuffle(assessments)

# Children in need: 660 open at the end of 31 March 2011 and 706 at the end of 31 March 2012.
for _ in range(400):  # open throughout
    episodes.append([new_child(), day_between(date(2009, 4, 1), date(2011, 3, 31)).isoformat(), ""])
for _ in range(260):  # open at the first date, closed during 2011/12
    episodes.append([new_child(), day_between(date(2009, 4, 1), date(2011, 3, 31)).isoformat(),
                     day_between(date(2011, 4, 1), date(2012, 3, 30)).isoformat()])
for _ in range(306):  # opened during 2011/12, still open
    episodes.append([new_child(), day_between(date(2011, 4, 1), date(2012, 3, 31)).isoformat(), ""])
for _ in range(120):  # opened and closed within 2011/12
    opened = day_between(date(2011, 4, 1), date(2012, 2, 1))
    episodes.append([new_child(), opened.isoformat(), (opened + timedelta(days=40)).isoformat()])

# Each case allocated to a team and a social worker: Runcorn's twelve workers carry more than
# Widnes's fourteen ("some social workers have caseloads in excess of 30 children"), and a few
# cases wait for a worker.
for i, e in enumerate(episodes):
    if i % 100 == 7:
        e += ["Runcorn", ""]
    elif rng.random() < 0.53:
        e += ["Runcorn", f"Runcorn SW{rng.randint(1, 12):02d}"]
    else:
        e += ["Widnes", f"Widnes SW{rng.randint(1, 14):02d}"]

# Child protection plans: children on a plan at each month's end of 2011/12, rising to a high
# of 118 and ending the year at 83 (90 at the end of March 2011).
targets = [95, 102, 110, 118, 115, 109, 104, 99, 96, 90, 86, 83]
open_plans = []
for _ in range(90):
    child = new_child()
    open_plans.append([child, day_between(date(2010, 1, 1), date(2011, 3, 31)).isoformat(), "", "0"])
for month, target in enumerate(targets):
    first = date(2011 + (month + 3) // 12, (month + 3) % 12 + 1, 1)
    change, churn = target - len(open_plans), 3
    for _ in range(max(change, 0) + churn):
        open_plans.append([new_child(), (first + timedelta(days=9)).isoformat(), "", "0"])
    for _ in range(max(-change, 0) + churn):
        ended = open_plans.pop(0)
        ended[2] = (first + timedelta(days=11)).isoformat()
        plans.append(ended)
    assert len(open_plans) == target
plans.extend(open_plans)

NAMES = {
    "List 1": (["Child Unique ID", "Date of Contact", "Contact Source"], contacts),
    "List 3": (["Child Unique ID", "Date of referral", "Referral Source", "Referral NFA?",
                "Referral Reason"], referrals),
    "List 4": (["Child Unique ID", "Continuous Assessment Start Date",
                "Continuous Assessment Date of Authorisation", "Assessment Type"], assessments),
    "List 5": (["Child Unique ID", "Strategy discussion initiating Section 47 Enquiry Start Date",
                "Was an Initial Child Protection Conference deemed unnecessary?",
                "Date of Initial Child Protection Conference"], enquiries),
    "List 6": (["Child Unique ID", "CIN Start Date", "CIN Closure Date", "Allocated Team",
                "Allocated Worker"], episodes),
    "List 7": (["Child Unique ID", "Child Protection Plan Start Date",
                "Child Protection Plan End Date", "Number of Previous Child Protection Plans"], plans),
}
os.makedirs(OUT, exist_ok=True)
for name, (header, rows) in NAMES.items():
    rows.sort(key=lambda r: (r[1], r[0]))
    with open(f"{OUT}/{name}.csv", "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
print(f"wrote {OUT}: " + ", ".join(f"{n} {len(r)} rows" for n, (_, r) in NAMES.items()))
