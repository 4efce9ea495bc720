"""The posts the province assigned each year (biên chế được giao): invented, above the people in post.

2015 is the Đề án's base year: each unit's posts are its people of 2016 plus a few vacancies. By 2021
most units hold at most 90 % of the posts of 2015 of the units they carry on (a merged unit: the sum of
its predecessors'), a few do not, and the district as a whole does. The years between move evenly from
one to the other; 2025 assigns the units that exist after the reform.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from .district import CIVIL_KINDS, S16, S21, S25, District
from .story import Story

MISSING_THE_TARGET = 3  # units whose 2021 posts stay above 90 % of their base


def decision(rng: random.Random, year: int, staff_type: str, province: str) -> str:
    day = dt.date(year - 1, 12, rng.randint(10, 28)) if year < 2025 else dt.date(2025, 8, rng.randint(5, 25))
    kind = {"cbcc": "công chức", "vien_chuc": "viên chức"}[staff_type]
    number = rng.randint(2100, 3900) if year < 2025 else rng.randint(100, 900)
    return (
        f"Quyết định số {number}/QĐ-UBND ngày {day:%d/%m/%Y} của UBND tỉnh {province} (giao biên chế {kind})"
    )


def assigned_posts(d: District, story: Story, rng: random.Random) -> list[tuple]:
    def people(snap, sector):
        return {u: len({id(e.person) for e in es}) for u, es in story.units(snap, sector).items()}

    def staff_type(code):
        row = next(r for r in d.orgs + d.admin if r["unit_code"] == code)
        if row["level"] == "commune":
            return "cbcc"
        return "cbcc" if row["kind"] in CIVIL_KINDS else "vien_chuc"

    p16 = people(S16, "district_agencies") | people(S16, "education") | people(S16, "commune_officials")
    p21 = people(S21, "district_agencies") | people(S21, "education") | people(S21, "commune_officials")
    p25 = people(S25, "education") | people(S25, "commune_officials")
    base = {u: n + max(1, round(n * rng.uniform(0.08, 0.16))) for u, n in p16.items()}

    def carried(code: str) -> list[str]:
        """The units of 2016 a unit of 2021 carries on (itself, what merged into it, and so on)."""
        found, todo = [], [code]
        while todo:
            u = todo.pop()
            found.append(u)
            todo += [
                r["unit_code"] for r in d.orgs + d.admin if r["merged_into"] == u and r["level"] != "village"
            ]
        return [u for u in found if u in base]

    base21 = {u: sum(base[x] for x in carried(u)) for u in p21}
    misses = set(rng.sample(sorted(p21), MISSING_THE_TARGET))
    posts21 = {}
    for u, n in p21.items():
        cap = math.floor(0.9 * base21[u])
        if u in misses or n > cap:
            posts21[u] = max(n, cap + 1) + rng.randint(0, 1)
        else:
            posts21[u] = max(n, cap - rng.randint(0, 2))
    assert sum(posts21.values()) <= 0.9 * sum(base.values()), "the district misses the Đề án target"

    successor = {}
    for u in base:
        for s in p21:
            if u in carried(s):
                successor[u] = s

    def share(u: str, year: int) -> int:
        """A unit's posts in a year between 2015 and 2021: its base moving evenly to its 2021 share."""
        if u not in base:  # a unit formed by a merger: its predecessors' posts, moving to its own
            start, end = base21[u], posts21[u]
        else:
            s = successor[u]
            start, end = base[u], posts21[u] if u == s else base[u] * posts21[s] / base21[s]
        return round(start + (end - start) * (year - 2015) / 6)

    rows = []
    units = [r for r in d.orgs + d.admin if r["level"] in ("district_agency", "school", "commune")]
    decisions = {}
    for year in range(2015, 2022):
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        for r in units:
            u = r["unit_code"]
            if u not in base and u not in p21:
                continue
            if not (
                r["valid_from"] <= last.isoformat()
                and (not r["valid_to"] or r["valid_to"] > first.isoformat())
            ):
                continue
            if any(x[0] == u and x[1] == year for x in rows):
                continue
            st = staff_type(u)
            n = posts21[u] if year == 2021 else base[u] if year == 2015 and u in base else share(u, year)
            if year == 2016:
                n = max(n, p16.get(u, 0))
            key = (year, st)
            decisions.setdefault(key, decision(rng, year, st, "Vĩnh Phúc"))
            rows.append((u, year, st, n, decisions[key]))
    for u, n in p25.items():
        st = staff_type(u)
        extra = rng.randint(3, 8) if st == "cbcc" else rng.randint(0, 3)
        decisions.setdefault((2025, st), decision(rng, 2025, st, "Phú Thọ"))
        rows.append((u, 2025, st, n + extra, decisions[2025, st]))
    return rows
