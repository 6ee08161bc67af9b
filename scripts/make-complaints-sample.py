#!/usr/bin/env python3
"""Writes the case-level sample data for the annual complaints, comments and compliments report
(Children Act 1989 Representations Procedure) into data/sample/complaints/.

The records are constructed so that counting them reproduces the tables printed in two real
annual reports held in the seeds (see data/golden/complaints/README.md):
  * 2017-18 report (seed 004, with its companion compliments report): years 2013-14 to 2017-18;
  * 2011-12 report (seed 000, with its companion compliments report): years 2009-10 to 2011-12.
Where a seed contradicts itself the records follow the underlying counts, and
data/sample/complaints/README.md says which figure was chosen.

Python 3.11, standard library only, deterministic (random.Random with fixed seeds).
Run from anywhere: python3 scripts/make-complaints-sample.py
Every personal name in the output is invented ("Test Parent 17", "Jane Smith").
"""
import csv
import datetime as dt
import json
import pathlib
import random
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "sample" / "complaints"
HOLIDAYS = ROOT / "crates" / "scrutiny-domain" / "data" / "bank-holidays.json"

with open(HOLIDAYS, encoding="utf-8") as f:
    BANK_HOLIDAYS = {
        dt.date.fromisoformat(e["date"]) for e in json.load(f)["england-and-wales"]["events"]
    }


def is_working_day(d):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def on_or_after(d):
    while not is_working_day(d):
        d += dt.timedelta(days=1)
    return d


def add_working_days(d, n):
    """The n-th working day after d (d itself is day 0)."""
    while n > 0:
        d += dt.timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def working_days_between(a, b):
    """Working days after a up to and including b (receipt day is day 0)."""
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if is_working_day(d):
            n += 1
    return n


def fy_label(fy):
    return f"{fy}-{(fy + 1) % 100:02d}"


def spread(fy, n, first=(4, 1), last=(3, 31)):
    """n working days spread evenly between two dates of financial year fy (April start)."""
    a = dt.date(fy, *first)
    b = dt.date(fy + 1 if last[0] < 4 else fy, *last)
    span = (b - a).days
    return [on_or_after(a + dt.timedelta(days=int(span * (i + 0.5) / n))) for i in range(n)]


def pct(k, n):
    return int((Decimal(k) * 100 / Decimal(n)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expand(counts):
    out = []
    for value, k in counts.items():
        out += [value] * k
    return out


def d(s):
    return dt.date.fromisoformat(s)


# ----------------------------------------------------------------------------------------------
# The council's configurable lists (labels as the seeds print them where they print one)
# ----------------------------------------------------------------------------------------------
LISTS = {
    "kind": [
        ("statutory", "Statutory complaint"),
        ("corporate", "Corporate complaint"),
        ("representation", "Representation"),
        ("customer_care", "Customer care contact"),
        ("mp_enquiry", "MP enquiry"),
        ("ombudsman_enquiry", "Local Government Ombudsman enquiry"),
    ],
    "channel": [
        ("complaint_form", "Complaint Form"),
        ("email", "E-mail"),
        ("letter", "Letter"),
        ("telephone", "Telephone"),
        ("meeting", "Meeting"),
        ("in_person", "In person"),
        ("online", "Online"),
    ],
    "profile": [
        ("parent_guardian", "Parent/guardian"),
        ("young_person", "Young person"),
        ("care_leaver", "Care leaver"),
        ("foster_carer", "Foster carer"),
        ("professional", "Professional"),
        ("other", "Other"),
    ],
    "category": [
        ("staff", "Staff"),
        ("service", "Service (i.e. quality, lack of, over provision and client expectations)"),
        ("assessment_review", "Assessment / Review Process (disputed or delay in decision)"),
        ("other", "Other"),
    ],
    "division": [
        ("CINCP", "Children in Need and Child Protection"),
        ("CIC", "Children in Care"),
        ("TAF", "Team around the Family"),
        ("EIP", "Education, Inclusion & Provision"),
        ("OP", "Organisation and Provision"),
        ("LA", "Learning and Achievement"),
    ],
    "outcome": [
        ("upheld", "Upheld"),
        ("partially_upheld", "Partially upheld"),
        ("not_upheld", "Not upheld"),
        ("no_finding", "No definitive finding"),
    ],
    "compliment_channel": [
        ("card", "Card"),
        ("email", "E-Mail"),
        ("letter", "Letter"),
        ("text", "Text"),
        ("in_person", "Verbal"),
        ("feedback_form", "Evaluation"),
        ("meeting", "Meeting"),
        ("telephone", "Telephone"),
        ("newspaper", "Newspaper"),
        ("embroidery", "Embroidery"),
        ("facebook", "Facebook"),
        ("various", "Various"),
    ],
    "compliment_source": [
        ("service_user", "Service user"),
        ("child_young_person", "Young person (under 18 years)"),
        ("professional", "Professional"),
    ],
}

CASE_COLUMNS = (
    "reference,kind,received,channel,profile,advocacy,advocate,division,team,category_receipt,"
    "category_closure,stage1_extended,stage1_responded,stage1_outcome,stage2_requested,"
    "stage2_declined_reason,stage2_started,stage2_adjudicated,stage3_requested,stage3_panel_held,"
    "ombudsman_referred,withdrawn,withdrawn_reason,closed,gender,ethnicity,disability,age_band,"
    "complainant_name,child_name"
).split(",")

TEAMS = {
    "CINCP": ["iCART", "Children in Need Team 1", "Children in Need Team 2", "Child Protection Team",
              "Children with Disabilities Team"],
    "CIC": ["Children in Care Team", "Leaving Care Team", "Fostering Team", "Adoption Team"],
    "TAF": ["Family Support Team", "Children's Centres"],
    "EIP": ["0-25 Inclusion", "Policy, Provision & Performance"],
    "OP": ["Early Years", "Transport"],
    "LA": ["Portage", "14-19"],
}

# ----------------------------------------------------------------------------------------------
# Statutory complaints, one spec per financial year (key = year the financial year starts).
#   seed = figures printed in a seed; inv = invented (the seeds print nothing for it).
#   timescale = (responses within 10 working days, within 20 (cumulative), responses in year)
# ----------------------------------------------------------------------------------------------
STATUTORY = {
    2009: dict(  # 2011-12 report: categories and outcomes (seed); the rest invented
        n=23,
        category={"staff": 14, "service": 5, "assessment_review": 1, "other": 3},
        outcome={"upheld": 1, "partially_upheld": 1, "not_upheld": 21},
        timescale=(16, 23, 23),
        channel={"complaint_form": 7, "email": 3, "letter": 6, "telephone": 6, "meeting": 1},
        profile={"parent_guardian": 23},
        division={"CINCP": 17, "CIC": 5, "TAF": 1},
    ),
    2010: dict(  # 2011-12 report: 40 complaints, categories, 35 closed outcomes, 5 young people
        n=40,
        category={"staff": 17, "service": 19, "assessment_review": 3, "other": 1},
        outcome={"upheld": 6, "partially_upheld": 4, "not_upheld": 25},
        timescale=(26, 40, 40),
        channel={"complaint_form": 11, "email": 7, "letter": 10, "telephone": 11, "meeting": 1},
        profile={"parent_guardian": 35, "young_person": 5},
        division={"CINCP": 29, "CIC": 9, "TAF": 2},
    ),
    2011: dict(  # 2011-12 report
        n=41,
        category={"staff": 3, "service": 25, "assessment_review": 13, "other": 0},
        outcome={"upheld": 8, "partially_upheld": 7, "not_upheld": 23},
        timescale=(27, 38, 38),
        channel={"complaint_form": 12, "email": 8, "letter": 9, "telephone": 11, "meeting": 1},
        profile={"parent_guardian": 34, "young_person": 6, "care_leaver": 1},
        division={"CINCP": 28, "CIC": 11, "TAF": 2},
    ),
    2013: dict(  # 2017-18 report prints only the timescale row for 2013-14 (count invented: 42)
        n=42,
        category={"staff": 6, "service": 20, "assessment_review": 16},
        outcome={"upheld": 7, "partially_upheld": 13, "not_upheld": 22},
        timescale=(18, 33, 42),
        channel={"complaint_form": 10, "email": 12, "letter": 7, "telephone": 12, "meeting": 1},
        profile={"parent_guardian": 42},
        division={"CINCP": 32, "CIC": 8, "TAF": 2},
    ),
    2014: dict(
        n=57,
        category={"staff": 7, "service": 27, "assessment_review": 23},
        outcome={"upheld": 9, "partially_upheld": 19, "not_upheld": 26},
        timescale=(20, 43, 57),
        channel={"complaint_form": 12, "email": 14, "letter": 10, "telephone": 21, "meeting": 0},
        profile={"parent_guardian": 57},
        division={"CINCP": 44, "CIC": 10, "TAF": 3},
    ),
    2015: dict(
        n=36,
        category={"staff": 5, "service": 18, "assessment_review": 13},
        outcome={"upheld": 4, "partially_upheld": 16, "not_upheld": 16},
        timescale=(12, 25, 36),  # printed 33% / 70% / 30%: 25 of 36 is 69.4%, see README
        channel={"complaint_form": 7, "email": 15, "letter": 2, "telephone": 11, "meeting": 1},
        profile={"parent_guardian": 33, "young_person": 3},
        division={"CINCP": 27, "CIC": 7, "TAF": 2},
    ),
    2016: dict(
        n=23,
        category={"staff": 0, "service": 12, "assessment_review": 11},
        outcome={"upheld": 6, "partially_upheld": 7, "not_upheld": 10},
        timescale=(8, 19, 23),  # printed 33%: no count of 23 gives 33%, see README
        channel={"complaint_form": 1, "email": 10, "letter": 9, "telephone": 2, "meeting": 1},
        profile={"parent_guardian": 21, "young_person": 1, "care_leaver": 1},
        division={"CINCP": 17, "CIC": 5, "TAF": 1},
        gender={"female": 13, "male": 10},
    ),
    2017: dict(
        n=30,
        category={"staff": 0, "service": 12, "assessment_review": 18},
        outcome={"upheld": 6, "partially_upheld": 12, "not_upheld": 12},
        timescale=(13, 27, 30),
        channel={"complaint_form": 0, "email": 19, "letter": 1, "telephone": 10, "meeting": 0},
        profile={"parent_guardian": 28, "foster_carer": 1, "care_leaver": 1},
        division={"CINCP": 23, "CIC": 6, "TAF": 1},
        gender={"female": 18, "male": 12},
    ),
}

# Other kinds of case, by financial year (all from the seeds)
OTHER_KINDS = {
    2010: {"representation": 3, "customer_care": 26},
    2011: {"representation": 9, "customer_care": 30, "ombudsman_enquiry": 2},
    2014: {"customer_care": 71},
    2015: {"customer_care": 92},
    2016: {"corporate": 10, "customer_care": 119, "mp_enquiry": 17},
    2017: {"corporate": 20, "representation": 10, "customer_care": 93, "mp_enquiry": 11},
}

# Response times in working days used to fill each timescale band (10, 11, 20 and 21 always
# appear first, so the band edges are exercised).
BAND_10 = [10, 4, 7, 9, 2, 6, 8, 5, 3, 10, 7, 1]
BAND_20 = [11, 20, 14, 17, 12, 19, 15, 16, 13, 18]
BAND_OVER = [21, 25, 29, 23, 33, 27, 22, 31]

STAGE2_DECLINED_2017 = (
    "It was the Councils view that it would/could not achieve a demonstratively different outcome, "
    "if the evidence does not exist and the statements differ there can only remain similar "
    "findings. No evidence was available that could break the impasse and so this would not be a "
    "good use of public funds. Complainant advised to contact the Local Government Ombudsman."
)
WITHDRAWN_2011 = (
    "Stage 2 withdrawn by the young person (supported by an advocate): due to decisions made by an "
    "external organisation the complaint outcome could not be met by the Local Authority."
)


# ----------------------------------------------------------------------------------------------
# Statutory and other cases
# ----------------------------------------------------------------------------------------------
NAME_COUNTERS = Counter()


def fictional(role):
    NAME_COUNTERS[role] += 1
    return f"Test {role} {NAME_COUNTERS[role]}"


def blank_case(kind, received):
    c = {k: "" for k in CASE_COLUMNS}
    c["kind"] = kind
    c["received"] = received
    return c


def pop(pool, value):
    pool.remove(value)
    return value


def fy_end(fy):
    return dt.date(fy + 1, 3, 31)


def statutory_cases(fy, spec):
    rng = random.Random(1000 + fy)
    n = spec["n"]
    ongoing = 3 if fy == 2011 else 0  # 2011-12: "(3 are on-going)" at 31 March 2012
    dates = spread(fy, n - ongoing, last=(3, 9))
    if ongoing:
        dates += [d("2012-03-26"), d("2012-03-28"), d("2012-03-30")]
    cases = [blank_case("statutory", x) for x in dates]
    for c in cases:
        c["_tags"] = set()

    # special cases first: the Stage 2 / declined / carried-over cases the reports describe
    specials = {
        2010: {18: "s2_i"},
        2011: {4: "s2_ii", 7: "s2_iii", 10: "s2_iv"},
        2017: {11: "s2_declined"},
    }.get(fy, {})
    for i, tag in specials.items():
        cases[i]["_tags"].add(tag)
    for c in cases[n - ongoing:]:
        c["_tags"].add("ongoing")

    # profile ----------------------------------------------------------------------------
    profiles = expand(spec["profile"])
    rng.shuffle(profiles)
    for i, tag in specials.items():
        want = "young_person" if tag == "s2_ii" else "parent_guardian"
        cases[i]["profile"] = pop(profiles, want)
    for c in cases:
        if not c["profile"]:
            c["profile"] = profiles.pop()
    # the 2017-18 care leaver and foster carer, and children, sit with Children in Care
    divisions = expand(spec["division"])
    rng.shuffle(divisions)
    for c in cases:
        if c["profile"] in ("young_person", "care_leaver", "foster_carer") and "CIC" in divisions:
            c["division"] = pop(divisions, "CIC")
    for c in cases:
        if "s2_i" in c["_tags"]:
            c["division"] = pop(divisions, "CINCP")
            c["team"] = "Children with Disabilities Team"
    for c in cases:
        if not c["division"]:
            c["division"] = divisions.pop()
        if not c["team"]:
            if c["profile"] == "care_leaver":
                c["team"] = "Leaving Care Team"
            elif c["profile"] == "foster_carer":
                c["team"] = "Fostering Team"
            elif c["profile"] == "young_person" and c["division"] == "CIC":
                c["team"] = "Children in Care Team"
            elif c["division"] == "CIC":
                c["team"] = rng.choice(["Children in Care Team", "Fostering Team", "Adoption Team"])
            else:
                c["team"] = rng.choice(TEAMS[c["division"]][:3] if c["division"] == "CINCP"
                                       else TEAMS[c["division"]])

    # channel --------------------------------------------------------------------------------
    channels = expand(spec["channel"])
    rng.shuffle(channels)
    for c in cases:
        c["channel"] = channels.pop()

    # category: the table counts the closure category, or the receipt category while open ----
    cats = expand(spec["category"])
    rng.shuffle(cats)
    if fy == 2011:
        for c, cat in zip(cases[n - ongoing:], ["service", "service", "assessment_review"]):
            c["category_receipt"] = pop(cats, cat)
        # recategorised at closure: 10 complaints received as "Staff" were closed under
        # Service (6) or Assessment / Review (4)  [invented split]
        moved = {"service": 6, "assessment_review": 4}
        for c in cases[: n - ongoing]:
            cat = cats.pop()
            c["category_closure"] = cat
            if moved.get(cat):
                moved[cat] -= 1
                c["category_receipt"] = "staff"
            else:
                c["category_receipt"] = cat
    else:
        for c in cases:
            c["category_receipt"] = c["category_closure"] = cats.pop()

    # stage 1 outcome ---------------------------------------------------------------------------
    outcomes = expand(spec["outcome"])
    outcomes += [""] * (n - ongoing - len(outcomes))  # 2010-11: 5, 2014-15: 3 not recorded
    rng.shuffle(outcomes)
    for i in specials:
        cases[i]["stage1_outcome"] = pop(outcomes, "not_upheld")
    for c in cases[: n - ongoing]:
        if not c["_tags"]:
            c["stage1_outcome"] = outcomes.pop()
    assert not outcomes

    # stage 1 response times -----------------------------------------------------------------
    within10, within20, responded = spec["timescale"]
    times = (BAND_10 * 9)[:within10] + (BAND_20 * 9)[: within20 - within10] \
        + (BAND_OVER * 9)[: responded - within20]
    order = list(range(n - ongoing))
    rng.shuffle(order)
    assign = dict(zip(order, times))
    # no response may fall after 31 March: swap long times onto earlier complaints
    changed = True
    while changed:
        changed = False
        for i in range(n - ongoing):
            if add_working_days(cases[i]["received"], assign[i]) > fy_end(fy):
                j = min((j for j in range(i) if assign[j] < assign[i]
                         and add_working_days(cases[j]["received"], assign[i]) <= fy_end(fy)),
                        key=lambda j: assign[j])
                assign[i], assign[j] = assign[j], assign[i]
                changed = True
    for i in range(n - ongoing):
        c = cases[i]
        c["stage1_responded"] = add_working_days(c["received"], assign[i])
        c["stage1_extended"] = "yes" if assign[i] > 10 else "no"
        c["closed"] = c["stage1_responded"]
    if ongoing:
        # Open at 31 March 2012 with no response yet. The seed says 2 of them were answered "within
        # these deadlines" by the time of writing (after the year end); those responses are left
        # out so that every counting rule gives the printed 38 responses.
        a, b, e = cases[n - 3:]
        a["stage1_extended"], b["stage1_extended"], e["stage1_extended"] = "no", "yes", "yes"

    # stage 2 and beyond -------------------------------------------------------------------------
    for c in cases:
        r = c["stage1_responded"]
        if "s2_i" in c["_tags"]:  # carried over into 2011-12; 23 elements, 38 recommendations
            c["stage2_requested"] = add_working_days(r, 12)
            c["stage2_started"] = add_working_days(c["stage2_requested"], 15)
            c["stage2_adjudicated"] = on_or_after(d("2011-07-14"))
            c["closed"] = c["stage2_adjudicated"]
        elif "s2_ii" in c["_tags"]:  # young person in care, withdrawn
            c["stage2_requested"] = add_working_days(r, 6)
            c["stage2_started"] = add_working_days(c["stage2_requested"], 14)
            c["withdrawn"] = add_working_days(c["stage2_started"], 30)  # the date withdrawn
            c["withdrawn_reason"] = WITHDRAWN_2011
            c["closed"] = c["withdrawn"]
        elif "s2_iii" in c["_tags"]:  # one element upheld, five recommendations
            c["stage2_requested"] = add_working_days(r, 9)
            c["stage2_started"] = add_working_days(c["stage2_requested"], 12)
            c["stage2_adjudicated"] = add_working_days(c["stage2_started"], 60)
            c["closed"] = c["stage2_adjudicated"]
        elif "s2_iv" in c["_tags"]:  # Stage 3 requested and declined, early referral to LGO
            c["stage2_requested"] = add_working_days(r, 7)
            c["stage2_started"] = add_working_days(c["stage2_requested"], 10)
            c["stage2_adjudicated"] = add_working_days(c["stage2_started"], 58)
            c["stage3_requested"] = add_working_days(c["stage2_adjudicated"], 9)
            c["ombudsman_referred"] = on_or_after(d("2012-07-16"))
            c["closed"] = ""
        elif "s2_declined" in c["_tags"]:
            c["stage2_requested"] = add_working_days(r, 8)
            c["stage2_declined_reason"] = STAGE2_DECLINED_2017
            c["closed"] = add_working_days(c["stage2_requested"], 10)
        elif "ongoing" in c["_tags"]:
            c["closed"] = ""

    # advocacy ---------------------------------------------------------------------------------
    if fy == 2011:
        adults = [c for c in cases if c["profile"] == "parent_guardian"]
        for c in cases:
            c["advocacy"] = "no"
            if c["profile"] in ("young_person", "care_leaver"):
                c["advocacy"], c["advocate"] = "yes", "Action for Children"
        for c in adults[1:7]:
            c["advocacy"], c["advocate"] = "yes", "Halton Autistic Family Support (HAFS)"
        for c in adults[8:10]:
            c["advocacy"], c["advocate"] = "yes", "Citizens Advice Bureau (CAB)"
    if fy == 2017:
        for c in cases:
            c["advocacy"] = "no"
            if c["profile"] == "care_leaver":
                c["advocacy"], c["advocate"] = "yes", "NYAS"

    # names (a young person complained twice in 2011-12) --------------------------------------
    role = {"parent_guardian": "Parent", "young_person": "Young Person", "care_leaver": "Care Leaver",
            "foster_carer": "Foster Carer"}
    for c in cases:
        c["complainant_name"] = fictional(role[c["profile"]])
        c["child_name"] = {
            "young_person": c["complainant_name"], "care_leaver": c["complainant_name"],
            "parent_guardian": c["complainant_name"].replace("Parent", "Child"),
        }.get(c["profile"]) or fictional("Foster Child")
    if fy == 2011:
        yp = [c for c in cases if c["profile"] == "young_person"]
        yp[-1]["complainant_name"] = yp[-1]["child_name"] = yp[0]["complainant_name"]

    # equality monitoring ----------------------------------------------------------------------
    if fy == 2011:
        yp = [c for c in cases if c["profile"] == "young_person"]
        genders = ["female", "female", "female", "male", "male", "female"]  # 4 F, 2 M
        for c, g in zip(yp, genders):
            c.update(gender=g, ethnicity="White British", age_band="0-17")
        adults = [c for c in cases if c["profile"] in ("parent_guardian", "care_leaver")]
        undeclared = [c for c in adults if c["profile"] == "parent_guardian"][-1]
        monitored = [c for c in adults if c is not undeclared]  # 41 complaints, 6 + 34 monitored
        genders = ["female"] * 25 + ["male"] * 9
        random.Random(42).shuffle(genders)
        for k, (c, g) in enumerate(zip(monitored, genders)):
            c.update(gender=g, age_band="18+", ethnicity="White British" if k != 5 else "")
        monitored[3]["disability"] = "yes"
        assert undeclared["gender"] == ""
    if fy in (2016, 2017):
        genders = expand(spec["gender"])
        if fy == 2017:
            for c in cases:
                if c["profile"] == "care_leaver":
                    c.update(gender=pop(genders, "male"), age_band="18+")
        rng.shuffle(genders)
        for c in cases:
            if not c["gender"]:
                c["gender"] = genders.pop()
            if fy == 2017:
                c["ethnicity"] = "White British"
    return cases


OTHER_CHANNELS = {
    "corporate": ["email", "telephone", "letter", "complaint_form", "online"],
    "representation": ["letter", "email", "telephone"],
    "customer_care": ["telephone", "telephone", "email", "in_person", "telephone", "email"],
    "mp_enquiry": ["letter", "email"],
    "ombudsman_enquiry": ["letter"],
}
OTHER_NAMES = {"corporate": "Complainant", "representation": "Representer",
               "customer_care": "Contact", "mp_enquiry": "Constituent",
               "ombudsman_enquiry": "LGO Complainant"}


def other_cases(fy, kind, n, earlier_names):
    rng = random.Random(f"{fy}-{kind}")
    out = []
    for k, x in enumerate(spread(fy, n, first=(4, 3), last=(3, 20))):
        c = blank_case(kind, x)
        c["_tags"] = set()
        c["channel"] = OTHER_CHANNELS[kind][k % len(OTHER_CHANNELS[kind])]
        c["division"] = "CINCP" if k % 4 or kind == "ombudsman_enquiry" \
            else rng.choice(["CIC", "TAF", "CINCP"])
        c["closed"] = add_working_days(x, 1 + (k * 7) % 15)
        c["complainant_name"] = fictional(OTHER_NAMES[kind])
        out.append(c)
    if fy == 2011 and kind == "representation":  # "1 was upheld"
        out[2]["stage1_responded"] = out[2]["closed"]
        out[2]["stage1_outcome"] = "upheld"
    if fy == 2011 and kind == "ombudsman_enquiry":  # "one complainant being a repeat enquirer"
        out[0]["complainant_name"] = earlier_names[0]
    return out


# ----------------------------------------------------------------------------------------------
# Stage 2 elements
# ----------------------------------------------------------------------------------------------
S2I_THEMES = [
    "Commissioning of domiciliary care for a disabled child",
    "Risk assessment of the care provider",
    "Monitoring of the commissioned provider",
    "Use of the Local Authority Designated Officer (LADO) procedure",
    "Timeliness of the core assessment",
    "Quality of the initial assessment",
    "Communication with the family about changes to the care package",
    "Recording of decisions on the case file",
]
S2I_RECS = [
    "Review the commissioning role, risk assessments and provider monitoring.",
    "Staff training on the LADO role and commissioning responsibilities.",
    "Complete quality checking/assurance of assessments and their timeliness.",
    "Ensure safeguarding understanding across the amalgamated Children in Need service.",
]


def elements(cases):
    rows = []
    by_tag = {t: c for c in cases for t in c["_tags"]}
    ref = by_tag["s2_i"]["reference"]
    findings = ["upheld"] * 15 + ["not_upheld"] * 6 + ["no_finding"] * 2
    random.Random(23).shuffle(findings)
    for k, f in enumerate(findings, 1):
        theme = S2I_THEMES[(k - 1) % len(S2I_THEMES)]
        rec = S2I_RECS[(k - 1) % len(S2I_RECS)] if f == "upheld" else ""
        rows.append([ref, k, f"{theme} (element {k})", f, rec,
                     by_tag["s2_i"]["category_closure"] or by_tag["s2_i"]["category_receipt"]])
    rows.append([by_tag["s2_iii"]["reference"], 1,
                 "Level of intervention required: a core assessment should have been carried out",
                 "upheld",
                 "Five recommendations, including reviewing documentation and staff training.",
                 "assessment_review"])
    # Each issue carries its own category.
    iv = [("Delay in responding to the family's request for support", "upheld",
           "Apologise and confirm timescales for responding to requests in writing.", "service"),
          ("Content of the assessment shared with the family", "partially_upheld", "",
           "assessment_review"),
          ("Decision not to provide the service requested", "not_upheld", "", "service"),
          ("Attitude of the social worker during a home visit", "not_upheld", "", "staff"),
          ("Information shared with another agency", "not_upheld", "", "other")]
    for k, (s, f, r, cat) in enumerate(iv, 1):
        rows.append([by_tag["s2_iv"]["reference"], k, s, f, r, cat])
    return rows


# ----------------------------------------------------------------------------------------------
# Compliments
# ----------------------------------------------------------------------------------------------
# 2011-12: division of each quoted compliment (a judgement from its wording; the seed does not say)
DIV_1112 = dict(x.split() for x in (
    "1 TAF;2 OP;3 TAF;4 OP;5 CINCP;6 CIC;7 CINCP;8 OP;9 TAF;10 CIC;11 TAF;12 TAF;13 CIC;14 TAF;"
    "15 TAF;16 CINCP;17 CINCP;18 CIC;19 TAF;20 TAF;21 TAF;22 TAF;23 TAF;24 TAF;25 TAF;26 OP;27 OP;"
    "28 OP;29 TAF;30 OP;31 CIC;32 CIC;33 CIC;34 CIC;35 CIC;36 CIC;37 TAF;38 CIC;39 CIC;40 LA;"
    "41 TAF;42 CIC;43 TAF;44 TAF;45 TAF;46 TAF;47 TAF;48 TAF;49 TAF;50 CINCP;51 TAF;52 LA;53 CIC;"
    "54 CINCP;55 CINCP;56 LA;57 TAF;58 CINCP;59 LA;60 TAF;61 TAF;62 CIC;63 CIC;64 LA;65 CIC;"
    "66 CIC;67 CIC;68 LA;69 OP;70 CIC;71 TAF;72 TAF;73 CIC;74 TAF;75 TAF;76 TAF;77 TAF;78 CINCP;"
    "79 OP;80 CIC;81 CINCP;82 CINCP;83 TAF;84 OP;85 CINCP;86 CIC;87 LA;88 CINCP;89 LA;90 CINCP;"
    "91 CINCP;92 CINCP;93 TAF;94 CINCP;95 TAF;96 CINCP;97 LA").split(";"))
# 2011-12: the 15 compliments "received from young people (less than 18 years)" (a judgement)
YP_1112 = {6, 10, 11, 12, 14, 35, 36, 37, 38, 42, 51, 53, 54, 60, 62}
QUARTERS_1112 = {"CF": [27, 25, 32, 9], "OP": [7, 9, 6, 3], "LA": [1, 2, 9, 1]}

# 2013-14 to 2016-17 and 2010-11: only totals are printed, so every compliment is invented
COMPLIMENT_YEARS = {
    2010: dict(division={"CINCP": 10, "CIC": 3, "TAF": 28, "OP": 12, "LA": 8},
               source={"service_user": 39, "professional": 22}, channel=None),
    2013: dict(division={"CINCP": 16, "CIC": 17, "TAF": 31, "EIP": 47},
               source={"service_user": 62, "child_young_person": 3, "professional": 46},
               channel={"card": 30, "email": 36, "feedback_form": 13, "letter": 3,
                        "telephone": 5, "in_person": 17, "text": 7}),
    2014: dict(division={"CINCP": 17, "CIC": 25, "TAF": 43, "EIP": 42},
               source={"service_user": 84, "child_young_person": 4, "professional": 39},
               channel={"card": 21, "email": 61, "feedback_form": 22, "letter": 5,
                        "telephone": 4, "in_person": 5, "text": 8, "newspaper": 1}),
    2015: dict(division={"CINCP": 17, "CIC": 15, "TAF": 45, "EIP": 35},
               source={"service_user": 63, "child_young_person": 2, "professional": 47},
               channel={"card": 17, "email": 54, "feedback_form": 12, "letter": 5,
                        "telephone": 7, "in_person": 10, "text": 7}),
    2016: dict(division={"CINCP": 14, "CIC": 18, "TAF": 38, "EIP": 14},
               source={"service_user": 55, "child_young_person": 2, "professional": 27},
               channel={"card": 18, "email": 21, "feedback_form": 9, "letter": 9, "telephone": 2,
                        "in_person": 10, "text": 7, "embroidery": 2, "facebook": 4,
                        "various": 2}),
}

WORKERS = ["Jane Smith", "Mark Example", "Priya Testwell", "Sam Placeholder", "Helen Sample",
           "David Fictional", "Aisha Madeup", "Chris Notreal"]
TEXTS = {
    "service_user": [
        "Thanks to {name} for all the support you have given our family over the last few months.",
        "{name} has been brilliant with my son, he really trusts them and so do I.",
        "I just wanted to say thank you to {first}, you listened when nobody else did.",
        "Thank you for all your help and support, we couldn't have done it without you.",
        "{initial} went above and beyond for us, thank you so much.",
        "Please pass on my thanks to {name} and the team, things are so much better at home now.",
    ],
    "child_young_person": [
        "Thank you {first} for helping me, I feel much happier now.",
        "Thanks for listening to me and taking me to the group, I have made new friends.",
    ],
    "professional": [
        "I would like to commend {name} for the quality of the assessment presented to court.",
        "Please pass on my thanks to {name} for the excellent multi-agency working on this case.",
        "Thank you for the prompt and detailed response, it made our planning much easier.",
        "{first} chaired the meeting really well and the family felt listened to.",
    ],
}


def invented_text(source, k):
    name = WORKERS[k % len(WORKERS)]
    first, last = name.split()
    options = TEXTS[source]
    return options[k % len(options)].format(name=name, first=first, initial=first[0])


def compliment(received, channel, source, division, team, text):
    return dict(reference="", received=received, channel=channel, source=source,
                division=division, team=team, text=text)


def compliments_invented(fy, spec):
    rng = random.Random(5000 + fy)
    divs = expand(spec["division"])
    n = len(divs)
    srcs = expand(spec["source"])
    chans = expand(spec["channel"]) if spec["channel"] else [""] * n
    assert len(srcs) == len(chans) == n
    for pool in (srcs, chans):
        rng.shuffle(pool)
    rng.shuffle(divs)
    out = []
    for k, x in enumerate(spread(fy, n, first=(4, 2), last=(3, 28))):
        div = divs[k]
        out.append(compliment(x, chans[k], srcs[k], div,
                              TEAMS[div][k % len(TEAMS[div])] if k % 3 == 0 else "",
                              invented_text(srcs[k], k + fy)))
    return out


CHANNEL_1718 = {"Email": "email", "CEOP Command": "email", "Card": "card", "Text": "text",
                "Letter": "letter", "In person": "in_person", "Feedback form": "feedback_form",
                "Report": "various", "Flowers": "various"}


def compliments_1718():
    out = []
    by_div = {}
    for q in Q1718:
        by_div.setdefault(q[2], []).append(q)
    for div, qs in by_div.items():
        for x, (num, _line, _d, team, chan, src, body) in zip(spread(2017, len(qs)), qs):
            source = {"Professional": "professional", "Service user": "service_user",
                      "": "service_user"}[src]
            if num in (42, 76, 79):  # "Feedback form Young person" / "Feedback form Child"
                source = "child_young_person"
            if num in (28, 30, 31, 34, 37):
                team = "Inglefield"
            out.append(compliment(x, CHANNEL_1718[chan], source, div, team, body))
    return out


def channel_1112(text):
    t = text.lstrip('" ')
    if t.startswith("Card -") or t.startswith("Social Worker given, flowers and card") \
            or t.startswith("After working with the young person"):
        return "card"
    if t.startswith("CIN meeting") or t.startswith("During a review"):
        return "meeting"
    if t.startswith("Comment made by a parent to the officer undertaking Regulation 33"):
        return "in_person"
    if t.startswith("CPN called"):
        return "telephone"
    if "writing this email" in t:
        return "email"
    return ""


def compliments_1112():
    items = []
    for num, _line, text in Q1112:
        source = "professional" if num > 76 else (
            "child_young_person" if num in YP_1112 else "service_user")
        t = text
        for prefix in ('" Card - ', "Card - "):
            if t.startswith(prefix):
                t = t[len(prefix):]
        items.append((num, DIV_1112[str(num)], source, channel_1112(text), t))
    # the other 34 of the 55 professional comments are not printed: invented
    extra = expand({"CINCP": 1, "TAF": 14, "OP": 15, "LA": 4})
    for k, div in enumerate(extra):
        items.append((100 + k, div, "professional", "email", invented_text("professional", k)))
    out = []
    for od, divs in (("CF", ("CINCP", "CIC", "TAF")), ("OP", ("OP",)), ("LA", ("LA",))):
        mine = [it for it in items if it[1] in divs]
        q_of = []
        for q, k in enumerate(QUARTERS_1112[od]):
            q_of += [q] * k
        assert len(q_of) == len(mine), (od, len(q_of), len(mine))
        for q in range(4):
            members = [it for it, qq in zip(mine, q_of) if qq == q]
            start = dt.date(2011, 4 + 3 * q, 1) if q < 3 else dt.date(2012, 1, 1)
            end = [dt.date(2011, 6, 30), dt.date(2011, 9, 30), dt.date(2011, 12, 31),
                   dt.date(2012, 3, 30)][q]
            for j, it in enumerate(members):
                x = start + dt.timedelta(days=int((end - start).days * (j + 0.5) / len(members)))
                x = on_or_after(x)
                assert x <= end
                out.append(compliment(x, it[3], it[2], it[1], "", it[4]))
    return out


# ----------------------------------------------------------------------------------------------
# Learning actions (from the reports' learning sections; owners are job titles)
# ----------------------------------------------------------------------------------------------
def learning_actions(cases):
    used = set()

    def first(fy, **want):
        """First unused statutory complaint of year fy matching want (relaxed from the end)."""
        keys = list(want)
        while keys:
            for c in cases:
                if c["kind"] == "statutory" and fy_of(c["received"]) == fy \
                        and c["reference"] not in used and all(c[k] == want[k] for k in keys):
                    used.add(c["reference"])
                    return c["reference"]
            keys.pop()
        raise LookupError((fy, want))

    tag = {t: c["reference"] for c in cases for t in c["_tags"]}
    return [
        [first(2017, division="CINCP", team="iCART", stage1_outcome="upheld"),
         "Audit a sample of 'referrals abandoned' and carry out the 6 resulting practice actions, "
         "including analysis of previous contacts on the contact record and a two-step process "
         "for management oversight", "Divisional Manager, Children in Need and Child Protection",
         "2018-03-30", "in_progress"],
        [first(2017, division="CIC", stage1_outcome="partially_upheld"),
         "Develop a process and consultation form for seeking the views of previously looked "
         "after children who are now adopted", "Divisional Manager, Children in Care",
         "2018-01-31", "completed"],
        [first(2017, division="CIC", stage1_outcome="upheld"),
         "Review the system for processing DBS applications for adopters so that applications "
         "are not misplaced", "Adoption Team Manager", "2017-12-15", "completed"],
        [first(2017, division="CINCP", stage1_outcome="partially_upheld"),
         "Remind staff in briefings and supervision of timeliness, case recording and how their "
         "interaction can be perceived", "Practice Manager", "2018-03-30", "completed"],
        [first(2011, division="CIC", stage1_outcome="upheld"),
         "Revise the system of delegated authority for foster carers", "Fostering Team Manager",
         "2012-01-31", "completed"],
        [first(2011, division="CIC", stage1_outcome="partially_upheld"),
         "Pass a printout of immunisations to foster carers", "Fostering Team Manager",
         "2011-12-16", "completed"],
        [first(2011, division="CINCP", stage1_outcome="upheld"),
         "Revise the message taking procedure to show the message taken and whether/what action "
         "followed", "Customer Care Manager", "2012-02-29", "completed"],
        [first(2011, division="CINCP", stage1_outcome="partially_upheld"),
         "Customer Care Team to monitor that actions promised as an outcome of a complaint are "
         "completed", "Customer Care Manager", "2012-03-30", "in_progress"],
        [first(2011, division="CIC", stage1_outcome="not_upheld"),
         "Add photographs, where appropriate, to occupancy agreements", "Children in Care Manager",
         "2012-03-30", "completed"],
        [first(2011, stage1_outcome="not_upheld", category_receipt="staff"),
         "Assess the value of Customer Care Team home visits and include it in a future report",
         "Customer Care Manager", "2013-03-28", "not_started"],
        [tag["s2_i"], "Review the commissioning role, risk assessments and provider monitoring "
         "(fed into the domiciliary care tender with Liverpool, Sefton, Knowsley and the Wirral)",
         "Operational Director, Children and Families", "2012-09-28", "in_progress"],
        [tag["s2_i"], "Staff training on the LADO role and commissioning responsibilities",
         "Principal Manager, Children in Need", "2012-03-30", "completed"],
        [tag["s2_i"], "Complete quality checking/assurance of assessments and their timeliness",
         "Principal Manager, Children in Need", "2012-03-30", "completed"],
        [tag["s2_iii"], "Review documentation and provide staff training (Stage 2 recommendations)",
         "Principal Manager, Children in Need", "2012-04-30", "completed"],
    ]


def fy_of(day):
    return day.year if day.month >= 4 else day.year - 1

Q1718 = [
    (1, 983, 'CINCP', '', 'Email', 'Professional', "You're a star, thanks. I believe (due to your support) that we have a good information sharing process between ICART and the community safety team."),
    (2, 984, 'CINCP', '', 'Email', 'Professional', "Barrister Just wanted you to know that J gave excellent evidence yesterday and I've been very impressed (as have others) with her knowledge and work in this case."),
    (3, 985, 'CINCP', '', 'Text', 'Service user', 'Thank you for the update and thank you for the sessions. I learnt some good tips so thank you.'),
    (4, 986, 'CINCP', '', 'Report', 'Professional', 'Guardian I have maintained a close working relationship with the social worker who has kept me fully informed and sought my views throughout the course of these proceedings. This has been extremely helpful as it would have enabled me to flag up any concerns at any point.'),
    (5, 987, 'CINCP', '', 'In person', 'Professional', 'She wanted me to pass on her sincere thanks to everyone in the team who she has worked with over the years. She has really valued the support and input from iCART.'),
    (6, 988, 'CINCP', '', 'Email', 'Professional', 'I just wanted to take this opportunity to thank you both for your excellent work as part of the recent joint investigation. All of the officers have noted the significant contribution you both made to the investigative and safeguarding objectives of this investigation. I have previous experience of similar joint working and recognise that the criminal justice outcome achieved could not have been secured by the police alone. Many thanks.'),
    (7, 989, 'CINCP', '', 'In person', 'Service user', "I am extremely grateful for children's social care involvement and without the support and hard work I received I would not be here today."),
    (8, 990, 'CINCP', '', 'Text', 'Service user', "He's had is presentation today for the princes trust. My son has been to support him and taken a video of his speech. To say I'm proud of him is an understatement, he's come such a long way in the 12 weeks he's been on the program. Thank you so much for helping them all."),
    (9, 994, 'CINCP', '', 'Text', 'Service user', "I just wanted to say thank you for everything you have done for mum, dad and the children. I'm so glad this has been turned around, and I give you my word it will continue in the right direction. Many thanks."),
    (10, 995, 'CINCP', '', 'Flowers', 'Service user', 'Thank you for all your help.'),
    (11, 996, 'CINCP', '', 'In person', 'Service user', "CSW was complimented on 3 separate occasions at Court. The Children's Guardian described her as an excellent worker. Dad's Barrister in addressing Court described her as the lynchpin to the support afforded family and her work has been fundamental to what has been achieved with the family. Dad is challenging and aggressive in his approach but again Barrister said that key in his position changing was the role and work of the CSW. Our own Barrister shared his praise of her work but most significantly Her Honour the Judge also praised her in making her judgement and Care Orders and that her work was pivotal in moving the case forward and in supporting family that in turn allowed for 2 of the children to remain at home. I have never had parents legal representative praise a member of staff for the worker's input radically changing their view on outcome of proceedings. This was fulsome praise."),
    (12, 1000, 'CINCP', '', 'Email', 'Service user', "I'm sorry for any past offhand, arrogant, rude behaviour towards you. Today has put me at ease and made me realise that you're just doing your job and that my child's welfare is in your best interest. I hope we can work together to help me and my family. I would like to take this opportunity to thank you for your time and efforts. I know it's long road ahead but I will do everything I can to make amends and put our issues behind us."),
    (13, 1001, 'CINCP', '', 'Email', 'Service user', "The last SAP that is an absolute masterpiece and I couldn't be happier! You have covered absolutely everything, and I agree with all your conclusions! I feel like crying because it finally feels like we as a family are being listened to, and I can't thank you enough!"),
    (14, 1002, 'CINCP', '', 'Email', 'Service user', 'Thanks so much for all the help and support you have been giving my family.'),
    (15, 1003, 'CINCP', '', 'Email', 'Professional', "Thank you so much for today, she found it tough going but I really feel it will benefit her in the long run. We all spent some time together this afternoon talking about how we can support each other. I know it's your job, but I really appreciate all of your support."),
    (16, 1004, 'CINCP', '', 'Email', 'Professional', 'I just wanted to drop you a quick email following the CIN meeting this afternoon to compliment the hard work and efforts made by the Social worker. Her becoming involved has made such as difference .There has been excellent co-ordination of services and multi-agency working / planning and in the short time of her being involved she has worked tirelessly to gain better outcomes for the boys. There has been such progress made since she has been allocated as their social worker and it was lovely to hear all the positive feedback today. The boys Dad has not only been empowered but has begun to trust workers again as at the point of allocation he was beginning to think that nothing would change and he was not in a good place. The boys appear happier now and are more settled at home and school and Dad has been able to return to work.'),
    (17, 1005, 'CINCP', '', 'Email', 'Service user', "They said how supportive and great you have been with them. I think it's nice to pass on positive feedback and praise too!"),
    (18, 1006, 'CINCP', '', 'In person', 'Service user', "in respect of his daughter. He spoke of having felt frustrated over the years in his contact with agencies but based on his current contact with M and A he has felt listened to, supported, and that we have put his daughter's interest first. He was very happy with our professional response."),
    (19, 1007, 'CINCP', '', 'Card', 'Service user', 'Thank you for all the kindness you have shown to all the family. You have changed his life for the better, it was nice to have met you.'),
    (20, 1009, 'CINCP', '', 'Email', 'Professional', 'Barrister I know the Social worker is anxious to get this one absolutely right. I have to say that the approach that she has deployed in this case has just from reading the papers and meeting her today been first rate. Making judgment calls on a potential Non accidental injury and all that goes with that, yet balancing the impact upon the family is an art not a science and I think she deserves immense credit in what she has done to date.'),
    (21, 1010, 'CINCP', '', 'CEOP Command', 'Professional', 'I found the form for this child very helpful as it outlines planned tasks, tasks undertaken and clearly shows decisions. Thank you and good luck with the work with the child.'),
    (22, 1011, 'CINCP', '', 'Text', 'Service user', 'Thanks for all your help the past few months and thank you for giving me and S the chance to prove ourselves. It was nice knowing you, thank you again.'),
    (23, 1012, 'CINCP', '', 'In person', 'Service user', 'I\'ve just spoken to a mum her children are open on CIN plans and who has experienced CSC involvement in her children lives previously. She wanted to ring to compliment the approach of \'A\' who is a Student Social Worker in our team and she agreed that I can pass on her comments to be recorded. Mum said "she has been made to feel valued and that she\'s done nothing wrong" that "A has built up a good rapport with her and her children and that this has allowed her to feel able to be open and honest when speaking with her". I thanked her for taking the time to ring, these are lovely comments to hear and really well done A.'),
    (24, 1013, 'CINCP', '', 'Email', 'Professional', 'I just wanted to let you know, that I was very impressed with the support he is giving to our student. She has clearly grown in confidence during the placement and it seems that he has been instrumental by providing balanced support in a safe environment. It was a pleasure to attend this meeting and to see how a student with limited experience can develop the skills to become a competent and capable social worker in a short space of time. Obviously this also down to her approach and willingness to listen and to develop her skills.'),
    (25, 1014, 'CINCP', '', 'Text', 'Service user', "I know that we aren't having any contact anymore but I just wanted to say a massive thank you for all your help and support while the case was open. It was nice to know someone was listening and helping. Hope you have every success in your career etc. Take care."),
    (26, 1015, 'CINCP', '', 'Email', 'Professional', 'I just wanted to take the time to thank you for the feedback you send through to us. The feedback from Halton is perhaps the most detailed and comprehensive that we receive, and having our reference number always included and visible makes things much quicker on our end. Your feedback really is much appreciated and will greatly help us manage any future referrals we might receive.'),
    (27, 1019, 'CIC', '', 'Email', 'Professional', "Just to let you know, I've had an email from one of our applicants who has attended your Skills to Foster course today. They wanted to compliment them on their delivery of the course, stating that it was very informative and that they helped to answer all of their questions. I have also found everyone your end to be very helpful. Please can you pass this on to them."),
    (28, 1021, 'CIC', '', 'Email', 'Service user', 'Thank you so much for all your help, such a wonderful place she loves it at Inglefield xxx'),
    (29, 1022, 'CIC', '', 'Feedback form', 'Service user', 'She gave me her full attention, I was kept informed, never once did I have to contact her, everything progressed like clockwork. She arranged meetings at convenient times and locations. I have immense gratitude for the help given to me and the professional and sensitive way in which my request was dealt with, many, many thanks.'),
    (30, 1023, 'CIC', '', 'In person', 'Service user', 'I attended a C.I.N. meeting for a young person who attends Inglefield. At the meeting Mum stated that she would like to compliment Inglefield on the success the staff have had getting him to meet his target. Mum stated both Parents were really pleased with the outcome.'),
    (31, 1024, 'CIC', '', 'In person', 'Service user', 'I would like to compliment Inglefield on the success the staff have had getting my son to meet his target, we are really pleased with the outcome.'),
    (32, 1025, 'CIC', '', 'Email', 'Service user', "We are all wonderful here, life is brilliant and we couldn't be happier. We felt that we must contact you to provide some very positive feedback about our experiences of the Adoption process and the workers involved. We can only apologise that it has taken us so long to submit this, but our lives have changed beyond belief in the most amazing way. We can honestly say that they have been outstanding throughout our journey, dedicated professionals, who work extremely hard, are conscientious, caring and wholeheartedly committed to their role I cannot praise them enough, they are an asset to your department and their commitment, work ethic, compassion, capability and professionalism should not be overlooked. If Halton Borough Council award or commend members of staff for going above and beyond their expected duties, then we would not hesitate to endorse such. Thank you to you all once again, with much warmth, from a very happy family."),
    (33, 1026, 'CIC', '', 'In person', 'Service user', 'She was very complimentary in the way you manage contact with birth mum you manage and challenge her emotions and needs in a manner that clearly focuses on making the session meaningful for M, she feels this makes the sessions positive and reassuring in what is clearly a very emotive situation.'),
    (34, 1027, 'CIC', '', 'In person', 'Service user', 'Thanks for being so kind hearted to my son, she would like to say a special thank you to the lady who works in the top kitchen, when he ran into the top kitchen "she didn\'t flinch and showed a great kindness and patience".'),
    (35, 1028, 'CIC', '', 'Card', 'Service user', "Thank you so much for all your help and support, you're such a fantastic lady."),
    (36, 1029, 'CIC', '', 'Card', 'Service user', 'I just wanted to say a big thank you for all the support you have given me and D over the time we have known you. For me you have been a breath of fresh air. You have been empathetic and understanding and a great sounding board for me. You have also been creative and flexible in your approach and able to offer practical solutions to issues we have faced. I have to thank you for taking the time to listen to D and try to understand him and also to engage him in a way that works for him and that he was found fun but also made him think. I believe you have had a long a lasting and positive influence on D and you will be sadly missed by both of us. I hope that whatever you do brings you success and happiness.'),
    (37, 1032, 'CIC', '', 'Email', 'Service user', "We know it is difficult to dovetail our requests alongside other family's needs and it is appreciated. A few weeks ago I arranged a meeting with our local MP to discuss school placements and I did stress how important Inglefield was to us and many other families in Halton. Without this service we would have reached breaking point a number of years ago and it is so important that this service is provided. Thanks again."),
    (38, 1036, 'TAF', '', 'Email', 'Service user', "Just wanted to say thank you to you for involving me. I've really enjoyed seeing this family grow and how she has come from being rock bottom and always tearful to now be confident and smiling and have selfworth due to the support you have given her. After the CAF when you were doing direct work mum stayed chatting to me and fed back how much she is going to miss you and that she would never of got to where she is without you. She said throughout it all she always knew she could call you and you'd support her."),
    (39, 1037, 'TAF', '', 'Letter', 'Service user', "I started to work with my Family Worker in November 2016. At this time I was struggling with my son's behaviour, living in a house which was full of damp, I didn't have many friends and I was caring for my Mum who has a disability. I just felt really down and was living day by day. I had no hope for my future and I was very negative in my way of thinking. I hated her being involved at first I felt like she was there to judge me and she kept going on about me attending appointments and courses and was always talking about how great the Nurture programme was, how it would help me with not only my parenting but also with my confidence and self-esteem. I never listened and just kept asking when she would hurry up and close her involvement. Then there were the dreaded CAF meetings. I hated these meetings at first and had to force myself to attend. I was often abrupt with professionals but I now recognise that it was my low mood which was impacting on my motivation at this time. There were times when I would cry within the meetings, I just wanted to be left alone! She could have easily closed her involvement and closed the CAF but she was persistent and I am so glad she was. Because of the CAF I now live in a flat with my son which we both love, I have accessed Nurture group and attended the full 10 week programme- I met new friends within the group and we now meet up and have days out with the children. I have completed an Adult Learning IT and Keep Safe course and am due to start a Maths course soon. More importantly I now understand how to better parent my son and my mental health has significantly improved, I actually feel happy. I just wanted to come here today and talk to you about how beneficial the CAF has been for me and my family and if you have any families in mind who you think would benefit from having a CAF please speak to them. I know that having a CAF has changed my life."),
    (40, 1038, 'TAF', '', 'Email', '', "Just thought you might like to have a look at his graduation from the last Halton Team of the Princes Trust Programme. I've attached some photos and a copy of his speech which he gave you a mention in; (Exerts from the speech with her support and the support from my Family Worker I have tried to deal with the problems I face on a daily basis. I joined this course to change the way I feel and behave at home.......Me and my mum have had many arguments about the way I am at home. I don't do as much as I should do but I'm now trying harder and listening more to what my mum says. Meeting all my Team mates in week one was really nervous for me......I'm one of the youngest in the Team and struggled talking for the first few days. However the teambuilding games we took part in helped me overcome this.......As the days went by I seemed to grow in self-confidence and can say I've had one of the best times I've had in a while. I've gained many qualifications such as food hygiene and first aid and I've took part in projects that have made me look at life differently and I'm now more thankful for what I have at home......This should hopefully help me develop my relationship with my mum and help stop all the arguing. I would like to thank everyone who has helped me get to where I am today."),
    (41, 1042, 'TAF', '', 'Card', 'Service user', 'Thank you for everything you have done for us all. You have been very supportive t all of us through everything and we all appreciate it very much.'),
    (42, 1043, 'TAF', '', 'Feedback form', 'Service user', 'Young person She has been fantastic working with me on healthy relationships and giving advice and working with us as a family, she has given me a better social life, helped bring my self-esteem and confidence on more, I will certainly recommend this service to anybody.'),
    (43, 1044, 'TAF', '', 'Email', 'Service user', "I wanted to take the time to personally thank you and the staff. Back in January I started coming to first time families, where I was greeted with a very warm welcome. I was feeling low, had no confidence and my self-esteem had hit rock bottom as I was so socially isolated, I'd hardly left the house. My health visitor told me that I had PND and that I should see my GP for medication, but I didn't want that. Coming to FTF, you all offered me so much support in sessions, gave me a chance to talk in a none judgemental environment, offload how I was feeling, get advice, and helped me to understand that I wasn't the only one struggling, and being a mum isn't easy! Looking back at before Christmas, I hardly ever left the house, the past few months, my son and I have been out every day! I can't thank you enough for all the support. You all saved my sanity, and helped me to feel much better about myself and I'm now in a much better place which is much better for my son. Happy mum happy baby!"),
    (44, 1045, 'TAF', '', 'Text', 'Service user', "I'm really going to miss you, I really wish I could put into words how grateful I am for your support, encouragement and patience."),
    (45, 1046, 'TAF', '', 'Card', 'Service user', 'Just wanted to say a very big thank you for all your help and input, it has been invaluable. Many thanks.'),
    (46, 1047, 'TAF', '', 'In person', 'Service user', "I was visiting G and her Mum this morning, they both spoke very highly of you and the support they've had. G told me that you are one of her favourite people she doesn't take to people easily so this is a very high accolade. Mum told me that she had found you very approachable and supportive and she always felt listened to."),
    (47, 1048, 'TAF', '', 'In person', 'Service user', 'A big thank you to everyone around this table, I cannot thank everyone enough for all the support and help I have received for me and the children.'),
    (48, 1049, 'TAF', '', 'Email', 'Professional', 'Thank you for all your support with his assessment. His mum is so pleased to be getting DP support especially for over the summer holidays. This will be a life changer for them both.'),
    (49, 1050, 'TAF', '', 'Email', 'Service user', 'If it wasn\'t for the budget he would not have been given the opportunity to join the "Liverpool Trampoline Academy "who train young people up to Olympic standard this is his ultimate goal.'),
    (50, 1052, 'TAF', '', 'Email', 'Service user', 'I have loved working with you I think you are amazing! you have such a natural way with very difficult parents, you get your point cross without getting them in the defensive and aggressive, it is a true talent. It is lovely to see the parents blossom, as you recognise the challenges they face and their journey but then you offer support and encouragement for them to make the changes they need to move forward... again a talent you have.'),
    (51, 1053, 'TAF', '', 'Card', 'Service user', "He attended five after school clubs up to when they finished for the summer which he is thoroughly enjoying. Thank you so much for allowing this to happen it's amazing what that few hours break can do for both of us, thank you."),
    (52, 1054, 'TAF', '', 'Email', 'Professional', 'The CAF training offered at the stadium provided a very useful overview and powerfully highlighted the use and benefits of the CAF. I have just completed some additional one to one CAF training and wanted to pass on to you how beneficial it was as it allowed me to ask specific questions.'),
    (53, 1055, 'TAF', '', 'Letter', 'Service user', "Just a note to say thank you, we have really enjoyed taking part and meeting all the other mums. The Children Centres have been a life line when I've had tough days. Thank you again."),
    (54, 1056, 'TAF', '', 'Letter', 'Service user', 'We wanted to thank you for all your time, efforts and affection that you have given son during his time with you, you are all superstars.'),
    (55, 1057, 'TAF', '', 'Email', 'Professional', 'I am writing to give you a personal thank you for your valued support and assistance yesterday. Staff have fed back to me how they really appreciated your help yesterday during very difficult circumstances not only for the children to manage, but for all concerned. Thank you so much for the sensitivity and support you showed the family.'),
    (56, 1058, 'TAF', '', 'Email', 'Professional', 'Just wanted to say well done for the way you pulled all the information together in the CAF review, I was really impressed with the way in which you have focused on how her autism affects her and facilitated all other services present to adopt the same good practice. I felt this resulted in individually targeted strategies.'),
    (57, 1059, 'TAF', '', 'Feedback form', 'Service user', 'She has been a lovely lady and has helped us as a family with many different things so I would like to say thanks.'),
    (58, 1060, 'TAF', '', 'Letter', 'Service user', 'We found the support given was extremely well received, the professionalism, empathy and approach is a credit to you. Thank you very much.'),
    (59, 1061, 'TAF', '', 'Card', 'Service user', "Thank you for helping us create so many happy memories while we've been off with our babies. You've made us feel so welcome."),
    (60, 1062, 'TAF', '', 'Feedback form', 'Service user', 'I was having a difficult time with my daughter, she was drinking, smoking and taking unknown substances. I have had 1 to 1 support and completed the Nurture Programme. This has been a brilliant support in a time of need. I am now able to understand my daughter and be a positive role model, I can emphasize with her and learnt to put in positive ground rules and boundaries, she has made brilliant progress.'),
    (61, 1063, 'TAF', '', 'Email', 'Professional', 'I know the young people really enjoyed being part of the process. I want to thank you personally for all your hard work in ensuring that young people here in Halton are involved in the commissioning of new services.'),
    (62, 1066, 'TAF', '', 'Letter', 'Service user', 'We were offered activity payments and the difference has been phenomenal, it has opened up a whole new world. He has always loved going on the trampoline, he became known to the staff his confidence grew. I had always followed him around but I was actually sitting in the café talking to other parents. He has attended various parks and got better and better, other children would watch in awe, this would strike up conversations, lead to friendships and exchange phone numbers. At an Autistic bounce session at Liverpool Trampoline Academy the owner said he had never seen anyone self-taught, so good and asked him to join the Academy. He had lots of anxieties, locked himself in the toilets on numerous occasions but 4 months on I pop to the shops or walk the dog. We went to the Trampoline Championships so he could see what it is like to compete and now he is entering his first competition against all the North West Clubs. I think we have made an amazing journey. I am so proud.'),
    (63, 1067, 'TAF', '', 'Feedback form', 'Service user', "Each week she visits she gives us support, she's helped a lot with housing, benefits and appointments referring us to everyone we needed to be in touch with. My son has been in the school band and it was the referral from her that gave him the confidence to do this. She took stress off me and helped so much."),
    (64, 1068, 'TAF', '', 'Text', 'Service user', 'I want to thank you for everything you did. You went above and beyond. She missed having you we appreciate everything you did for her. Thank you again.'),
    (65, 1069, 'TAF', '', 'Email', 'Professional', 'Just thought it would be nice to share this with you as its nice when parents speak positively of work we complete.'),
    (66, 1070, 'TAF', '', 'Email', 'Service user', "I completed home visit to this family yesterday and as you know they haven't been responsive to professional's entering the house, both parents fearful due to past experience. Yesterday mum was extremely positive, interactions where really good with both children and I observed them playing well together. Mum spoke very highly of yourself and the advice and guidance you give her on your visits, she is extremely comfortable with you and this is clear to see. Dad also contributed to the visit he was very relaxed engaging and both parents have said that through the CAF process one of best things they have done is your play partners. Dad reports that mum looks forward to the sessions and the children have absolutely loved it."),
    (67, 1071, 'TAF', '', 'Email', 'Service user', "I met with a wonderful P.A on Monday. OMG she's like a fairy god mother I love her!!! She's meeting today at our house. My daughter will love her she's got soooo much experience with additional needs children. I'm made up yay!!"),
    (68, 1072, 'TAF', '', 'Text', 'Service user', 'We all had a great time tonight. Lovely to do stuff as a family .Thanks for getting us involved.'),
    (69, 1073, 'TAF', '', 'Letter', 'Service user', "end of 2 page letter ......the good news is I have four happy, healthy, content little children who despite everything are doing very well in school and have settled nicely into their new home. I do believe the help and support I have received mainly from B has certainly got me through this every difficult time, going from being very anxious and upset to being able to talk about this openly and it no longer hurt me, knowing I most certainly did the right thing when I left and this has shown through my children and how they are a lot more settled and no longer showing any signs of concern. If it wasn't for people like B who could I have spoken to? Who would drop me an email or text checking I was ok? Who would check in on my children and tell me about any courses that may help me? Who would trust and believe me no matter what other people said or malicious complaints had been made, B always stood by me, assured me that I shouldn't worry and always made me feel at ease. Changing lives have helped immensely but the regular contact has always been with B who in turn liaised with Changing Lives when needed, I do not think when B (or your other members of staff) go to work each day they have any idea the impact there kindness has, how they can completely change your mood and help you turn your life around. Myself and my children owe you all a huge thank you, we really appreciate everything you have done for us and because of you we are now out of a situation I honestly thought I could never escape from."),
    (70, 1078, 'TAF', '', 'Email', 'Professional', "Thanks for the invitation to your open day. It was a pleasure to meet your staff and to see the commitment to the children's centre. You all worked hard to make it a special day for the children and parents/ guardians. Thank you for all you do, keep up the tremendous work, you make a huge difference to the lives of the people in the community and in these tough times I am sure that it is much appreciated."),
    (71, 1079, 'TAF', '', 'Card', 'Service user', 'Thank you very much for teaching us baby massage, he loved it, you are a good teacher.'),
    (72, 1080, 'TAF', '', 'Card', 'Service user', "Thank you so much for giving me the opportunity to take some 'time for me' and taking such great care of my baby."),
    (73, 1081, 'TAF', '', 'Email', 'Professional', 'I was keen to point out the difference in the groups held in Halton in comparison to many of the others across the country. What I believe made you stand out is that you gave the course much more purpose to their role and the wider service in early intervention and social care. This is not being done in other areas so they are not getting the same level of investment. N was fantastic throughout and certainly drove this message from the onset and continued throughout again, this is rare. For me she was an integral part of the process in agreeing its content and focus but, for the wider impact and investment in the training for Halton the work she did was brilliant. This made me think much wider in what the course can provide to the workforce. I can assure I will be referencing you tomorrow and at further level 4 conversations as an area of forward thinking and excellent practice.'),
    (74, 1082, 'TAF', '', 'Email', 'Service user', 'Just had a really good joint home visit with E to introduce Systemic Practice to the B family. Parent was really positive about the intervention provided by E and stated that it has a significant impact in quite a short space of time. Parent is already noticing changes in the way that her child is managing her behaviour at home. Parent added that she felt "very lucky" to be receiving an intervention from E and the wider team, well done E.'),
    (75, 1083, 'TAF', '', 'Email', 'Professional', 'It has been a pleasure working with you and I agree we have demonstrated brilliant multi-agency working. May I take this opportunity to thank you for all your hard work on this case. I hope our paths meet again so we can continue working together as I have valued and respected your input and lead on the CAF.'),
    (76, 1084, 'TAF', '', 'Feedback form', 'Service user', "Child the difference it has made to me is that I am barely having any outbursts with mum and it helps me not to get angry with other people. It helps me emotionally, I don't get as upset as I used to and it has helped me stop self-harming."),
    (77, 1088, 'TAF', '', 'Feedback form', 'Service user', "It has made a tremendous difference, I can't even remember how we coped with how bad it was, she hid in her bedroom, we didn't talk, it wasn't like we were mother and daughter, very hard to live with, tense, but now it's a family again we are unbelievably close she is open again, she chooses to talk to me, spend time with me, we barely argue and if we do we overcome it together, you have boosted her self-esteem. We had a lot of issues and it's opened up every single door for us to work together."),
    (78, 1089, 'TAF', '', 'Email', 'Service user', 'He is so much more content and is even exceeding some of his academic targets at school. I am very grateful for the input and support you provided through a very tough few months.'),
    (79, 1090, 'TAF', '', 'Feedback form', 'Service user', 'Child I found I really fun working with her, I have calmed down and my behaviour has changed. It felt really good to talk about everything that is happening at home and at school. Thing have changed at home less arguing and more room.'),
    (80, 1091, 'TAF', '', 'Feedback form', 'Service user', "Nurture programme The atmosphere was brilliant, I don't usually like group things but I felt so relaxed and at ease through the whole course and really enjoyed coming each week. I would definitely recommend it to other people, I've learnt so much and I'm taking so much away with me."),
    (81, 1101, 'EIP', '0-25 Inclusion', 'Email', 'Professional', 'I know that you are no longer involved with D but I just wanted to thank you for your help and support around the CAF. Your input and guidance throughout the process was a great help and I know from speaking to Mum that D really valued your input. Mum commented that you had been one of the only people that D has successfully worked with.'),
    (82, 1102, 'EIP', '0-25 Inclusion', 'In person', 'Service user', 'I wish there was a thousand of her she has been marvellous with my son he really liked her and thank you so much for your support.'),
    (83, 1104, 'EIP', '0-25 Inclusion', 'Email', 'Professional', 'The work P does at our school is fab and we definitely would like to continue with that support.'),
    (84, 1105, 'EIP', '0-25 Inclusion', 'Email', 'Professional', 'Thank you very much for this, in conclusion I think this has been a very positive piece of work for D, together with the CAF process I feel the outcome for D is very positive and there have been massive improvements. D actually attended part of the last CAF meeting to enable professionals to congratulate him on his progress, his behaviour in school has massively improved and there is a noted improvement in his emotional health. Personally I know D loved working with you and was very, very proud to show me his stadium when you had finished it.'),
    (85, 1106, 'EIP', '0-25 Inclusion', 'Email', 'Service user', 'Firstly, I would like to give you some feedback. H has been so helpful and informative. She has been very supportive and advised us step by step of the EHPC process, she has been great.'),
    (86, 1107, 'EIP', '0-25 Inclusion', 'Letter', 'Service user', 'I feel this support has been a major benefit to the school and all of our staff value the input that gives to us. We look forward to continuing our relationship with CSW Support and would highly recommend it to all primary schools.'),
    (87, 1108, 'EIP', '0-25 Inclusion', 'Email', 'Service user', 'Thank you for your email and listening today.'),
    (88, 1109, 'EIP', '0-25 Inclusion', 'Email', 'Professional', 'Myself and school reflected that the meeting was handled very well and recognised the level of work that he has put in. This has been an extremely difficult case for all professionals to manage and he has done amazing.'),
    (89, 1113, 'EIP', 'Policy, Provision & Performance', 'Email', 'Professional', 'Ofsted Dear D, thank you very much for your full and helpful response recently in relation to the matter raised with us about a pupil at the school. This helps to clarify the matter.'),
    (90, 1114, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', "I just wanted to thank you for your generous support and advice. It's very much appreciated."),
    (91, 1115, 'EIP', 'Policy, Provision & Performance', 'Card', 'Service user', "Thank you for all your support and guidance, I seriously can't thank you enough for your help finding him the course of his dreams! No joke! After your first session he was absolutely buzzing, it was so lovely to see. Thank you from the bottom of my heart, you don't know what it means."),
    (92, 1116, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', 'I would like to pass on my thanks and appreciation of the services provided for my son. He has a number of confidence issues and is undecided about what he wants to do with his future. I have been really concerned for him and was recently put in touch with M for some careers advice and help. M has been a total godsend and is helping him a lot. He has now enrolled on a PIP course which I believe will help him a lot and is a big step for him. From the first moment that I spoke to M I got the feeling that he was really interested in him as an individual and not just as another "client". As the weeks have passed I am even more convinced of this. He has only known him for a short space of time but seems more aware of his personality and vulnerabilities than many teachers who had known him for 5 years or more. I am really impressed with the service that he is being given and very grateful. I would also like to pass my thanks to M for his help and his compassionate and professional approach.'),
    (93, 1119, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', 'Would just like to thank you for all your help, advice and support you have given me over the past 5 years.'),
    (94, 1120, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', 'It was a great feeling... Again thank you for your help. X....now to keep it up x.'),
    (95, 1121, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', "Thank you so much for your help with what has been an anxious time for us. We are delighted with the outcome! The communication we received from you was really reassuring, we're very grateful and cannot thank you enough."),
    (96, 1122, 'EIP', 'Policy, Provision & Performance', 'Email', 'Professional', "Please can I take the opportunity to say it has been a pleasure working with everyone and it has been wonderful participating in all the great work that is being done by the Children's Trust Board in Halton."),
    (97, 1123, 'EIP', 'Policy, Provision & Performance', 'Card', 'Service user', 'Thank you so much for everything you have done for him, he had a great time. We will always be grateful so thank you.'),
    (98, 1124, 'EIP', 'Policy, Provision & Performance', 'Email', 'Professional', "Thank you both for this information so promptly. I know colleagues in neighbouring LA's do not benefit from this early indicative notification to help support planning for the next academic year. A considerable amount unseen time and effort goes into this complex process for both the secondary transfer and primary admissions that will continue well into 2018, I know all schools appreciate this work."),
    (99, 1125, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', "I can't tell you how grateful I am for your help. I have been beside myself since my mum's death and the thought of moving because of having no childcare was adding to the stress. I have arranged to go and see her about helping me out Wednesday. I feel relieved and I really hope you go home and feel like you have done something good today as me and my son are really grateful. Thank you."),
    (100, 1126, 'EIP', 'Policy, Provision & Performance', 'Email', 'Professional', "Thanks once again for all you did to enable the classroom to go ahead. It is a fabulous room and I couldn't have had better support from you. You are very much appreciated."),
    (101, 1127, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', 'Thanks to you and your team for all your help and D you have always come across as a very patient person even though your job might not be a sunny day all the time but regardless you are appreciated either way.'),
    (102, 1128, 'EIP', 'Policy, Provision & Performance', 'Email', 'Service user', "Thank you for sending the report, you've clearly spent a lot of time looking into it and I'm grateful you have done such a thorough job."),
]

Q1112 = [
    (1, 1917, 'Card - "Just to say thank you for all your support"'),
    (2, 1918, '"May I take this opportunity to thank you again for your excellent continued support, your staff are always helpful, friendly and polite".'),
    (3, 1919, '"CPN called to say mother is being discharged, she wanted to pass on her thanks to us (Social Worker) for the referral to CAF as she has found the support very helpful and this has impacted positively on her mental health"'),
    (4, 1920, '"I would like to take this opportunity to recognise the hard work and support our club has received from Jane Smith and Joan Brown in the Early Years Team. If it wasn\'t for the support of these two people the doors would have been closed. They are a credit to their profession and provide an invaluable role in supporting small settings".'),
    (5, 1921, '"In a nutshell I don\'t know how myself and family would have got through the last few months without A, she has shown constant support and professionalism. I always felt she was at the end of the phone when I needed her"'),
    (6, 1922, 'Card - "To all the staff thanks for the help and support you gave me, thank you so very much, hope you can manage without me".'),
    (7, 1923, 'Card - with contributions from mum, dad and children, the children had previously been accommodated subject to a child protection plan. "I can\'t help but wonder if it was somebody else that day at the police station 2 years ago, I might not have a family now, thank you for all your support and guidance, will be eternally grateful". "Thank you for helping us to be good and learn". "Thank you for the nice stuff".'),
    (8, 1924, '"I am writing to thank you for sorting out the issue of our son\'s school transport, I would also like to mention J his contribution was a big help".'),
    (9, 1925, 'Card - "Thank you so much for being there when needed".'),
    (10, 1926, 'Card - "Thank you to everyone who looked after me and took me to see the lovely places, going to miss going out with you all".'),
    (11, 1927, 'Card - "Thank you very much for everything, everyone needs someone like you in their life".'),
    (12, 1928, '"I am made up that I got K as my Support Worker, I don\'t know what I\'d have done without her, she makes me understand things and points me in the right direction".'),
    (13, 1929, 'Childs behaviour is unpredictable, can be aggressive endangering other young vulnerable people."Inglefields support has been invaluable in attending hospital appointments, thanked staff as she is no longer stressed by the event and can actually spend time talking to the consultant about her child".'),
    (14, 1930, '"I have had 1 to 1 sessions with J. This has helped me to understand why it\'s important to share things that are worrying me and that there is always somebody to help me make choices. With support from mum and j I have attended 2 CAF meetings this has given me the chance to say how i am feeling and what school can try and do to make things better".'),
    (15, 1934, '"It has changed my life, and eased my mind about being a parent, I am more aware of how children develop and \'normal\' age appropriate behaviours. I enjoy the groups and the children love the crech".'),
    (16, 1936, '"Would like to thank you for all the help and support you have given to us as a family but also for being a great social worker".'),
    (17, 1938, 'Social Worker given, flowers and card, "you have helped to reassure me over the last 12 months and you always returned my calls, thank you".'),
    (18, 1940, 'Comment made by a parent to the officer undertaking Regulation 33 visit. "parent was very complimentary about the service and said it was \'like a home from home\' he trusted the staff team to look after his son and keep him safe".'),
    (19, 1942, '"The children have grown in confidence, they love the session, the staff are always happy and enthusiastic"'),
    (20, 1944, 'Card - "Just to say thanks for all your help, I appreciate your sensitivity. I know its not easy, it feels like were fighting a losing battle sometimes but you always manage to be positive and come up with new ideas, thanks again".'),
    (21, 1946, '"Fantastic group, got me out of the house and enabled me to make good friends".'),
    (22, 1948, '"Great group, staff very friendly and helpful".'),
    (23, 1950, '"I love the group, I have made friends, you do a great job".'),
    (24, 1952, '"D got some lovely feedback from the family, how helpful she had been. Mum said she is new to Halton and was feeling very isolated and she has been given more support than ever before. I would like to thank D for her support with this family".'),
    (25, 1954, '"Mum and Grandmother ask I pass on their thanks to you, they have been experiencing difficulties with 3 year olds behaviour. You stayed with them whilst the child had a tantrum, you advised them to continue the strategy pointing out they had to be consistent. They wanted to stop as he was shouting and crying so much but you encouraged them to persevere telling them what to say and how to do it. They want you to know he has not had a tantrum like that one since and feel confident that if he should they will know how to respond, they learnt more in that half hour than from anywhere else. Thank you too, you do make my job easier".'),
    (26, 1956, '"Service is excellent, second time I have used it, would recommend it to others".'),
    (27, 1958, '"A good service, all information in one place".'),
    (28, 1960, '"Thank you for all your help, especially thank you for posting the documents through the door".'),
    (29, 1962, 'Card - Child had violent outbursts, got good attendance at school and now a prefect, family communication and mums confidence improved "Thank you very much for all the help, support and kindness, you\'re a star".'),
    (30, 1965, '"Very polite, efficient and helpful, the information helped a lot. Thanks".'),
    (31, 1967, 'Card - Thank you for all of your help and kindness during fun activities at the Centre. J has enjoyed his time here very much, thanks again".'),
    (32, 1968, 'Card - "Thank you for all your help and kindness, he has enjoyed his time here very much".'),
    (33, 1969, 'During a review "she spoke very positively about the support she had received from the team and J in particular".'),
    (34, 1970, '"Both were very complimentary about how they had been treated, listened to and given information, they felt they were most professional and if they had a choice they would wish to be assessed by them".'),
    (35, 1971, 'After working with the young person for 3 years and closing the case, she gave her some smiley cakes and a card reading "thank you so much for everything you have done for me, I\'m glad I had someone like you".'),
    (36, 1972, '"I have been in care since I was 13, I wanted a home for myself and baby, I told my social worker what I wanted and a few weeks later I viewed a property. I met D who helped me a lot to get the house ready, if I didn\'t have someone like D and the help that I received from her and the Young People Team I don\'t know what I would have done".'),
    (37, 1973, 'Card - "Just a little note to say a great big thank you for everything you have done".'),
    (38, 1974, 'Card - "Thank you so much for my TV and laptop they are amazing and great help".'),
    (39, 1975, 'Card - "Thank you so much for working so hard to get us to panel and for getting the result we had hoped for".'),
    (40, 1976, '"Thank you for all your support and advice".'),
    (41, 1977, '"I am writing this email to say many thanks for all the support, guidance and assistance you have given me and my children. The children have been through so much upset and trauma, the children were emotionally traumatised and deeply affected and without the valued assistance of the Kingscross Project their problems would not have been addressed in the caring, professional manner which was offered and given during this sad period. I will be forever indebted to you for putting the smile on their faces and the hope for a better future".'),
    (42, 1978, 'Card - "Thank you love from T"'),
    (43, 1979, '"I love coming to these classes as I feel so much better in myself, I have felt so much more relaxed and de-stressed when I go home, I try lots of activities with my daughter so she also can feel the benefit"'),
    (44, 1980, '"It has made a massive difference to my life, my support worker has helped me to gain a stronger bond with my son".'),
    (45, 1981, '"It has helped me bond with my son and helped him sleep".'),
    (46, 1982, '"Great, glad I\'ve been given the opportunity to effectively communicate with my child".'),
    (47, 1984, '"It has taught me how to bond more with my daughter, this has been priceless".'),
    (48, 1985, '"It has given me valuable time with my baby, it has had a great impact, it has helped my confidence and I always feel very positive when I have left".'),
    (49, 1986, '"Huge impact to exercise and activity, more energy, feel fitter, able to do more with the children".'),
    (50, 1987, 'CIN meeting - "there was very positive feedback from professionals and parents about the positive change in behaviour of C and that this can largely be attributed to the work that L and A have done with the family. Very grateful for the hard work and the successful outcome achieved for C and his family".'),
    (51, 1988, 'Card - "Thank you for everything, you are great".'),
    (52, 1989, '"A was a fantastic Portage worker. She was very helpful & professional and provided much needed support to our family at a very vulnerable time".'),
    (53, 1990, 'Card - "Your help has been appreciated so much, you will be missed tremendously, even though I have known you for 10 years, still not sick of you, thank you for everything".'),
    (54, 1991, 'Card - "Thank you for helping us to be good and learn, I will miss you forever and ever".'),
    (55, 1992, 'Card - "I can\'t help but wonder, if it was somebody else that day at the police station 2 years ago, I might not have a family now. Thank you for all your support and guidance, we will be eternally grateful".'),
    (56, 1993, '"One from the parents of a young man, now at the Bankfield thanked me for the work done around Transition, in conjunction with both the SENCO at the primary school and Bankfield - really good multi-agency working".'),
    (57, 1994, 'Card - "Thank you for all the work and advice you\'ve provided for us over the past 12 months, "Friday mornings will never be the same".'),
    (58, 1995, '"Can I just say that P and C completed a very good piece of work with a family. The work they completed was very structured and clear and appropriate to the family. The family has also praised them both with positive outcome for the children".'),
    (59, 1996, '"A went that extra mile for us time and time again. Her knowledge gave me more confidence and my child loved her coming."'),
    (60, 1997, 'Card - "Thank you for your help"'),
    (61, 1998, 'Card - "Just to say thank you for all your help and support you have given me and my kids. When you first got involved I wasn\'t happy about it, but I\'m so glad that you did because now me and my girls are a lot happier now. Without your help we wouldn\'t be where we are now. Thank you so much".'),
    (62, 1999, 'Card - "Thank you love from K"'),
    (63, 2000, '"Thank you for the short break at the weekend. I had time to have my hair done and have some time to myself".'),
    (64, 2002, '"J was extremely good at her job, always prepared and very confident in approaching any situations"'),
    (65, 2003, '"Mr & Mrs were very keen to inform us how much they were impressed with R visit to them a couple of weeks ago. R spent time with them explaining the process for post 18 support and were very clear and supportive to them. They felt that R approach to the foster child was excellent and they were very impressed with the way in which R engaged her and made her feel at ease".'),
    (66, 2004, '"Thank you so much for everything you\'ve done for us throughout our adoption process. Your support, guidance and friendship has been invaluable throughout the whole process. We can\'t wait for our first Christmas as a family and it\'s all thanks to you and the fantastic adoption team at Halton. We look forward to contacting you again soon to start the process again".'),
    (67, 2005, '" Card - A big thank you for your help and support so far, you have made a very difficult process feel very comfortable and painless. We are so grateful".'),
    (68, 2006, '"Thank you for all your support regarding A\'s Transition"'),
    (69, 2007, '"Thank you for everything and the super quick way you sorted everything out for us. We really appreciate everything. Please pass our thanks for your professionalism onto your line manager as I would like he/she to know how polite you were on the phone and subsequently afterwards through email contact".'),
    (70, 2008, '"We would like to take this opportunity to thank you for giving us this opportunity, I would also like to say thank you to S, she has been brilliant throughout our time as foster carers".'),
    (71, 2009, '"A and the children\'s centre provide my family with amazing support, we have never had so much family support since our son became ill. Prior to A being allocated to us we felt very isolated. thanks to her I no longer feel helpless and alone. This service has given our family hope and makes is feel more secure in our ability to cope with and manage the constant stress".'),
    (72, 2010, '"Thanks for all your help and support given to our family".'),
    (73, 2011, '"We would like to thank S for her excellent support as well as the social workers involved, fostering continues to be a way of life for us and knowing she is at the end a phone makes life easier".'),
    (74, 2012, '"The family are so pleased with the CAF Process, they have benefited so much from all the agencies working together to support them. They are extremely grateful for the weekly visits and the strategies in place for them in supporting and managing their children\'s behaviour and routines. I didn\'t want it to go unnoticed how much your involvement means to the family, feel very much supported and speak very highly of you".'),
    (75, 2013, '"She was very happy with the support that S had given to them as a family, she didn\'t know what would have happened to them without this support".'),
    (76, 2014, '"All the groups I have attended have been organised extremely well. The staff are warm and welcoming. They have supported myself and daughter through always being there".'),
    (77, 2024, '"Thank you for your letter which I found really helpful and I really like what I read. I do know that we are all living in systems that are hopelessly overstretched at times and struggling to cope with the demand especially when resources are reducing. I am really grateful you took the trouble to write to me, this is very much appreciated. I particularly liked the fact that you were involved in this as the Think Family"'),
    (78, 2025, '"Just wanted to let you know how helpful S has been in letting us know she has been allocated a case and when she is intending to visit. This communication might seem small but is really important for us as we can share this information with the referrer or any other agency who may call. It also gives us the opportunity to share any updated information, Thanks again"'),
    (79, 2026, '"I would like to formally thank you, as ever your exemplary approach to the planning and execution of commissioning work has made a real impact on outcomes for young people in Halton"'),
    (80, 2027, '"I would like to take this opportunity to acknowledge and thank J for all the hard work and commitment. Mum has needed lots of emotional support, and has been able to meet the potential adopters. I am sure in years to come this will benefit all".'),
    (81, 2028, '"Its good to hear from a proactive and caring social worker"'),
    (82, 2029, '"I consider this an opportune time to commend S on her detailed knowledge of issues in relation to what was definitely not a straight forward case. S remained focused on the child\'s needs as being paramount and ensured they were attended to".'),
    (83, 2030, '"In summary, your submission is again the exemplar standards we have come to expect from Preventative Services in Halton. Thank you once again for your excellent work"'),
    (84, 2031, '"I have never really thanked you before for your help, I am thanking you now. . . You are always so reliable and friendly. Thank you"'),
    (85, 2032, '"I just wanted to say thanks and well done - I understand the magistrates were very impressed with you, you clearly make the right impression in court and represent the authority well".'),
    (86, 2033, '"The workers at the meeting had his life work and commented it was excellent, in fact one of the best examples they have ever seen, excellent feedback"'),
    (87, 2037, '"The meeting went well and actions are in place to support mum and child, thanks again for organising the training, it was excellent we both felt the he was \'spot on\'.'),
    (88, 2039, '"Thanks C, that\'s good progress and I\'m sure that your professionalism and hard work has got the family where they are now".'),
    (89, 2041, '"A big thank for the lovely warm welcome at training you gave me. The day started badly, I heard my name, looked up and there was a big smile from you. That had a really positive impact on the rest of my day".'),
    (90, 2043, '"I want to pass on my sincere compliments regarding L practice, she has been highly motivated and committed to supporting the child and family. In my opinion L has given 100% and put in a lot of effort in keeping the family stable and has been positive with patiently re-visiting work in order to assist a family in distress to have strategies in place to manage".'),
    (91, 2045, '"A case of yours was selected for the multi-agency audit. Without exception partners commented on the effective and good communication with a proactive SW and family support worker i.e. you! and this contributed to the fact there were clear CIN plans. You had clearly evidenced skills in securing good multi agency engagement, well done to you both, and thank you, it was a pleasure to hear".'),
    (92, 2047, '"Police Sgt requested the assistance of CSC and wants to acknowledge the support and quick response of the staff from the duty desk. Sgt described the actions, as quick and professional, and a great example of working together".'),
    (93, 2049, '"Thank you for your help and assistance with the family, I feel that they have achieved a lot in the direct and group work which you have played a key role with them in. I would also like to thank you for being so hospitable around allowing resources to be used by Lancashire, you made the whole process of my involvement and limited knowledge of the area so much easier".'),
    (94, 2051, 'CIN meeting-"It was noted that there has been significant improvements for both children and their family as a direct result of the perseverance and support L and A have provided. The family have been particularly difficult to engage but they have built trust, this cannot be under estimated. L and A have gone the extra mile, due to them we have avoided the need to convene a child protection plan".'),
    (95, 2053, '"I just wanted to pass on what a fantastic job A has done. She has enabled possibly a life transformation not only for T but also for his parents who were very concerned about him prior to the CAF".'),
    (96, 2055, '"I wanted to say how well P and B presented for the LA. They were very encouraging to the family and to myself, making the proceeding a less intimidating experience for all concerned. I would also say that I have worked with your department in the past and found all personnel to be supportive and helpful".'),
    (97, 2057, '"J has been incredibly supportive and has really worked very hard to get the programme up and running. Without his help and support we would never have got the programme off the ground. He has a real insight into how best to support young people".'),
]


# ----------------------------------------------------------------------------------------------
# Build, write, verify
# ----------------------------------------------------------------------------------------------
def build():
    cases = []
    for fy in sorted(set(STATUTORY) | set(OTHER_KINDS)):
        year_cases = statutory_cases(fy, STATUTORY[fy]) if fy in STATUTORY else []
        earlier = [c["complainant_name"] for c in cases
                   if c["kind"] == "statutory" and c["profile"] == "parent_guardian"
                   and fy_of(c["received"]) == fy - 1]
        for kind, n in OTHER_KINDS.get(fy, {}).items():
            year_cases += other_cases(fy, kind, n, earlier[5:])
        kind_order = [k for k, _ in LISTS["kind"]]
        year_cases.sort(key=lambda c: (c["received"], kind_order.index(c["kind"])))
        for k, c in enumerate(year_cases, 1):
            c["reference"] = f"CSC-{fy}-{k:03d}"
        cases += year_cases

    compliments = compliments_invented(2010, COMPLIMENT_YEARS[2010]) + compliments_1112()
    for fy in (2013, 2014, 2015, 2016):
        compliments += compliments_invented(fy, COMPLIMENT_YEARS[fy])
    compliments += compliments_1718()
    compliments.sort(key=lambda m: m["received"])
    per_year = Counter()
    for m in compliments:
        fy = fy_of(m["received"])
        per_year[fy] += 1
        m["reference"] = f"CMP-{fy}-{per_year[fy]:03d}"
    return cases, elements(cases), compliments, learning_actions(cases)


def cell(v):
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def write(name, header, rows):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([cell(v) for v in r])


def read(name):
    with open(OUT / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    cases, elems, compliments, actions = build()
    write("lists.csv", ["list", "code", "label", "position"],
          [[lst, code, label, k] for lst, items in LISTS.items()
           for k, (code, label) in enumerate(items, 1)])
    write("cases.csv", CASE_COLUMNS, [[c[k] for k in CASE_COLUMNS] for c in cases])
    write("elements.csv", ["reference", "element", "summary", "finding", "recommendation",
                           "category"], elems)
    write("compliments.csv", ["reference", "received", "channel", "source", "division", "team",
                              "text"],
          [[m[k] for k in ("reference", "received", "channel", "source", "division", "team",
                           "text")] for m in compliments])
    write("learning_actions.csv", ["reference", "action", "owner", "due", "status"], actions)
    # Open cases at 31 March, as the 2011-12 (4.3) and 2017-18 (3.2b) reports give them.
    write("caseloads.csv", ["year", "open_cases"],
          [["2011/12", 929], ["2016/17", 1093], ["2017/18", 1284]])
    # The 2017-18 report's action plan for 2018-19 (section 3.20), in its own words.
    write("action_plan.csv", ["year", "action", "owner", "due"], [
        ["2018/19", "Review processes to ensure we are compliant with the General Data Protection "
         "Regulation", "Complaints manager", "2018-09-30"],
        ["2018/19", "Review recruitment processes for external independent officers to ensure "
         "compliance with data protection and employment tax regulations", "Complaints manager",
         "2018-12-31"],
        ["2018/19", "Staff training", "Complaints manager", "2019-03-31"],
        ["2018/19", "Redistribute the complaints leaflet to children and young people in care",
         "Complaints manager", "2018-10-31"],
    ])
    verify()


def verify():
    """Count the written CSVs and check them against the figures in the seeds."""
    lists = {(r["list"], r["code"]) for r in read("lists.csv")}
    cases = read("cases.csv")
    comps = read("compliments.csv")
    elems = read("elements.csv")
    fy = lambda s: fy_of(d(s))  # noqa: E731
    for c in cases:
        for col in ("received", "stage1_responded", "stage2_requested", "stage2_started",
                    "stage2_adjudicated", "stage3_requested", "ombudsman_referred", "withdrawn",
                    "closed"):
            if c[col]:
                assert is_working_day(d(c[col])), (c["reference"], col, c[col])
        for lst, col in (("kind", "kind"), ("channel", "channel"), ("profile", "profile"),
                         ("division", "division"), ("category", "category_receipt"),
                         ("category", "category_closure"), ("outcome", "stage1_outcome")):
            assert not c[col] or (lst, c[col]) in lists, (c["reference"], col)
    for m in comps:
        assert is_working_day(d(m["received"]))
        assert not m["channel"] or ("compliment_channel", m["channel"]) in lists
        assert ("compliment_source", m["source"]) in lists and ("division", m["division"]) in lists
    assert len({c["reference"] for c in cases}) == len(cases)

    stat = [c for c in cases if c["kind"] == "statutory"]

    def of(year, rows=None):
        return [c for c in (stat if rows is None else rows) if fy(c["received"]) == year]

    def count(rows, col):
        return Counter(c[col] for c in rows)

    report = []
    # statutory counts, channels, categories, outcomes, timescales --------------------------
    for year, spec in STATUTORY.items():
        rows = of(year)
        assert len(rows) == spec["n"], year
        assert +count(rows, "channel") == +Counter(spec["channel"]), year
        cat = Counter(c["category_closure"] or c["category_receipt"] for c in rows)
        assert +cat == +Counter(spec["category"]), year
        assert +count([c for c in rows if c["stage1_outcome"]], "stage1_outcome") \
            == +Counter(spec["outcome"]), year
        assert +count(rows, "profile") == +Counter(spec["profile"]), year
        assert +count(rows, "division") == +Counter(spec["division"]), year
        resp = [c for c in rows if c["stage1_responded"] and d(c["stage1_responded"]) <= fy_end(year)]
        wd = [working_days_between(d(c["received"]), d(c["stage1_responded"])) for c in resp]
        w10, w20 = sum(x <= 10 for x in wd), sum(x <= 20 for x in wd)
        assert (w10, w20, len(wd)) == spec["timescale"], (year, w10, w20, len(wd))
        for c, x in zip(resp, wd):
            assert (c["stage1_extended"] == "yes") == (x > 10), c["reference"]
        report.append(f"{fy_label(year)}: {len(rows)} statutory; within 10 {w10} ({pct(w10, len(wd))}%),"
                      f" within 20 {w20} ({pct(w20, len(wd))}%), over 20 {len(wd) - w20}"
                      f" ({pct(len(wd) - w20, len(wd))}%) of {len(wd)}")
    # other kinds -----------------------------------------------------------------------------
    for year, kinds in OTHER_KINDS.items():
        got = count(of(year, cases), "kind")
        for kind, n in kinds.items():
            assert got[kind] == n, (year, kind)
    # profile, advocacy, equality -------------------------------------------------------------
    y11, y17, y16 = of(2011), of(2017), of(2016)
    adv = count([c for c in y11 if c["advocacy"] == "yes"], "advocate")
    assert adv == Counter({"Action for Children": 7, "Halton Autistic Family Support (HAFS)": 6,
                           "Citizens Advice Bureau (CAB)": 2})
    yp = [c for c in y11 if c["age_band"] == "0-17"]
    ad = [c for c in y11 if c["age_band"] == "18+"]
    assert len(yp) == 6 and count(yp, "gender") == Counter(female=4, male=2)
    assert len(ad) == 34 and count(ad, "gender") == Counter(female=25, male=9)
    assert count(ad, "ethnicity") == Counter({"White British": 33, "": 1})
    assert count(ad, "disability")["yes"] == 1 and count(yp, "ethnicity")["White British"] == 6
    assert len({c["complainant_name"] for c in y11 if c["profile"] == "young_person"}) == 5
    assert count(y17, "gender") == Counter(female=18, male=12)
    assert count(y16, "gender") == Counter(female=13, male=10)
    assert [c["advocate"] for c in y17 if c["advocacy"] == "yes"] == ["NYAS"]
    cl = [c for c in y17 if c["profile"] == "care_leaver"][0]
    assert (cl["gender"], cl["age_band"], cl["ethnicity"]) == ("male", "18+", "White British")
    assert all(c["ethnicity"] == "White British" and not c["disability"] for c in y17)
    # 2011-12: 38 closed at Stage 1 and 3 on-going without a response
    assert sum(1 for c in y11 if c["stage1_outcome"]) == 38
    assert sum(1 for c in y11 if c["stage1_responded"]) == 38
    # stage 2, stage 3, ombudsman ---------------------------------------------------------------
    def s2_in(year):
        return [c for c in stat if (c["stage2_started"] and fy(c["stage2_started"]) == year)
                or (c["stage2_adjudicated"] and fy(c["stage2_adjudicated"]) == year)]
    assert len(s2_in(2010)) == 1 and len(s2_in(2011)) == 4 and not s2_in(2017)
    assert [c["stage2_declined_reason"] != "" for c in y17 if c["stage2_requested"]] == [True]
    assert not any(c["stage3_panel_held"] for c in stat)
    assert not any(c["ombudsman_referred"] for c in y17)
    assert count(of(2011, cases), "kind")["ombudsman_enquiry"] == 2
    per_ref = Counter(e["reference"] for e in elems)
    assert sorted(per_ref.values()) == [1, 5, 23]
    find = Counter((e["reference"], e["finding"]) for e in elems)
    s2i = [r for r, k in per_ref.items() if k == 23][0]
    assert (find[(s2i, "upheld")], find[(s2i, "not_upheld")], find[(s2i, "no_finding")]) == (15, 6, 2)
    # compliments -------------------------------------------------------------------------------
    cf = ("CINCP", "CIC", "TAF")
    by_year = {y: [m for m in comps if fy(m["received"]) == y] for y in range(2010, 2018)}
    expected_cf = {2013: 64, 2014: 85, 2015: 77, 2016: 70, 2017: 80, 2011: 93, 2010: 41}
    expected_all = {2013: 111, 2014: 127, 2015: 112, 2016: 84, 2017: 102, 2011: 131, 2010: 61}
    for y, n in expected_all.items():
        rows = by_year[y]
        assert len(rows) == n, y
        c_f = [m for m in rows if m["division"] in cf]
        assert len(c_f) == expected_cf[y], y
        div = count(c_f, "division")
        src = count(rows, "source")
        su = src["service_user"] + src["child_young_person"]
        line = (f"{fy_label(y)} compliments: {n} (C&F {len(c_f)}: CIN {div['CINCP']}"
                f" {pct(div['CINCP'], len(c_f))}%, CIC {div['CIC']} {pct(div['CIC'], len(c_f))}%,"
                f" TAF {div['TAF']} {pct(div['TAF'], len(c_f))}%; other {n - len(c_f)});"
                f" service users {su}, professionals {src['professional']}")
        report.append(line)
    for y, spec in COMPLIMENT_YEARS.items():
        rows = by_year[y]
        assert +count(rows, "division") == +Counter(spec["division"])
        assert +count(rows, "source") == +Counter(spec["source"])
        if spec["channel"]:
            assert +count(rows, "channel") == +Counter(spec["channel"])
    r17 = by_year[2017]
    assert +count(r17, "channel") == +Counter(card=11, email=53, feedback_form=9, letter=7,
                                              in_person=12, text=8, various=2)
    assert count(r17, "division") == Counter(CINCP=26, CIC=11, TAF=43, EIP=22)
    assert count(r17, "source")["professional"] == 29
    r11 = by_year[2011]
    assert count(r11, "division") == Counter(CINCP=19, CIC=23, TAF=51, OP=25, LA=13)
    assert count(r11, "source") == Counter(service_user=61, child_young_person=15, professional=55)
    for od, divs in (("CF", cf), ("OP", ("OP",)), ("LA", ("LA",))):
        q = Counter((d(m["received"]).month - 4) % 12 // 3 for m in r11 if m["division"] in divs)
        assert [q[i] for i in range(4)] == QUARTERS_1112[od], od
    print("\n".join(report))
    print(f"wrote {len(cases)} cases, {len(elems)} elements, {len(comps)} compliments to {OUT}")


if __name__ == "__main__":
    main()
