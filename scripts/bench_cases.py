"""The front-door measures computed by DuckDB, polars and pandas from the same Annex A CSV files
Scrutiny reads (written by `scrutiny cases synth`), each by the definitions in
docs/measures/front-door.md, for `scripts/bench-cases`. Prints one JSON line per engine: its
answers, seconds and peak memory (MB, this process's maximum resident size after the run; each
engine runs in a fresh process)."""
import json
import resource
import sys
import time
from datetime import date, timedelta

folder, engine, year_start, holidays_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
start, end = date(year_start, 4, 1), date(year_start + 1, 3, 31)
holidays = {
    e["date"]
    for e in json.load(open(holidays_file))["england-and-wales"]["events"]
}


def calendar(first, last):
    """Every day from first to last with its count of working days so far: wd(s, e) is
    index(e) - index(s), the working days after s up to and including e."""
    days, index, n = [], [], 0
    d = first
    while d <= last:
        if d.weekday() < 5 and d.isoformat() not in holidays:
            n += 1
        days.append(d)
        index.append(n)
        d += timedelta(days=1)
    return days, index


t0 = time.perf_counter()
L1, L3, L4 = (f"{folder}/List {n}.csv" for n in (1, 3, 4))
if engine == "duckdb":
    import duckdb

    con = duckdb.connect()
    days, index = calendar(date(2000, 1, 1), date(2035, 12, 31))
    # Beside the return, not in it: Scrutiny refuses a folder holding a file that is no list.
    import os
    import tempfile

    cal_dir = tempfile.mkdtemp()
    cal_file = f"{cal_dir}/calendar.csv"
    with open(cal_file, "w") as f:
        f.write("day,idx\n")
        f.writelines(f"{d},{i}\n" for d, i in zip(days, index))
    con.execute(f"CREATE TABLE cal AS SELECT * FROM read_csv('{cal_file}', header=true)")
    os.remove(cal_file)
    os.rmdir(cal_dir)
    q = lambda sql: con.execute(sql, [start, end]).fetchone()
    contacts = q(f"""SELECT count(*) FROM read_csv('{L1}', header=true)
                     WHERE "Date of Contact"::DATE BETWEEN $1 AND $2""")[0]
    ref = f"""(SELECT "Child Unique ID" AS child, "Date of referral"::DATE AS day,
               bool_or("Referral NFA?" = 'a) Yes') AS nfa
               FROM read_csv('{L3}', header=true, all_varchar=true) GROUP BY 1, 2)"""
    referrals, rereferrals, nfa = q(f"""SELECT count(*),
        count(*) FILTER (WHERE prev >= day - INTERVAL 12 MONTH),
        count(*) FILTER (WHERE nfa)
        FROM (SELECT *, lag(day) OVER (PARTITION BY child ORDER BY day) AS prev FROM {ref})
        WHERE day BETWEEN $1 AND $2""")
    done, timely = q(f"""SELECT count(*), count(*) FILTER (WHERE e.idx - s.idx <= 45)
        FROM read_csv('{L4}', header=true, all_varchar=true) a
        JOIN cal s ON s.day = a."Continuous Assessment Start Date"::DATE
        JOIN cal e ON e.day = a."Continuous Assessment Date of Authorisation"::DATE
        WHERE e.day BETWEEN $1 AND $2""")
elif engine == "polars":
    import polars as pl

    days, index = calendar(date(2000, 1, 1), date(2035, 12, 31))
    cal = pl.DataFrame({"day": days, "idx": index})
    c = pl.scan_csv(L1, infer_schema=False).select(pl.col("Date of Contact").str.to_date())
    contacts = c.filter(pl.col("Date of Contact").is_between(start, end)).select(pl.len()).collect().item()
    r = (
        pl.scan_csv(L3, infer_schema=False)
        .select(
            pl.col("Child Unique ID").alias("child"),
            pl.col("Date of referral").str.to_date().alias("day"),
            (pl.col("Referral NFA?") == "a) Yes").alias("nfa"),
        )
        .group_by("child", "day")
        .agg(pl.col("nfa").any())
        .sort("child", "day")
        .with_columns(pl.col("day").shift(1).over("child").alias("prev"))
        .filter(pl.col("day").is_between(start, end))
        .collect()
    )
    referrals = r.height
    rereferrals = r.filter(pl.col("prev") >= pl.col("day").dt.offset_by("-12mo")).height
    nfa = r.filter(pl.col("nfa")).height
    a = (
        pl.scan_csv(L4, infer_schema=False)
        .select(
            pl.col("Continuous Assessment Start Date").str.to_date().alias("s"),
            pl.col("Continuous Assessment Date of Authorisation").str.to_date(strict=False).alias("e"),
        )
        .filter(pl.col("e").is_between(start, end))
        .join(cal.lazy().rename({"day": "s", "idx": "si"}), on="s")
        .join(cal.lazy().rename({"day": "e", "idx": "ei"}), on="e")
        .collect()
    )
    done = a.height
    timely = a.filter(pl.col("ei") - pl.col("si") <= 45).height
else:
    import pandas as pd

    days, index = calendar(date(2000, 1, 1), date(2035, 12, 31))
    cal = pd.Series(index, index=pd.to_datetime(days))
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    c = pd.to_datetime(pd.read_csv(L1, dtype=str)["Date of Contact"])
    contacts = int(c.between(s, e).sum())
    r = pd.read_csv(L3, dtype=str)
    r = pd.DataFrame(
        {
            "child": r["Child Unique ID"],
            "day": pd.to_datetime(r["Date of referral"]),
            "nfa": r["Referral NFA?"] == "a) Yes",
        }
    )
    r = r.groupby(["child", "day"], as_index=False)["nfa"].any().sort_values(["child", "day"])
    r["prev"] = r.groupby("child")["day"].shift(1)
    r = r[r["day"].between(s, e)]
    referrals = len(r)
    rereferrals = int((r["prev"] >= r["day"] - pd.DateOffset(months=12)).sum())
    nfa = int(r["nfa"].sum())
    a = pd.read_csv(L4, dtype=str)
    st = pd.to_datetime(a["Continuous Assessment Start Date"])
    en = pd.to_datetime(a["Continuous Assessment Date of Authorisation"], errors="coerce")
    keep = en.between(s, e)
    wd = cal.reindex(en[keep]).to_numpy() - cal.reindex(st[keep]).to_numpy()
    done, timely = int(keep.sum()), int((wd <= 45).sum())

seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "engine": engine, "seconds": round(seconds, 2), "peak_mb": round(peak),
    "answers": [int(contacts), int(referrals), int(rereferrals), int(nfa), int(done), int(timely)],
}))
