"""Invented people (names, birth dates, CCCD numbers) and the rows of the lists."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field


def words(text: str) -> list[str]:
    return text.split()


FAMILY = words(
    "Nguyễn " * 9 + "Trần " * 4 + "Lê " * 3 + "Phạm " * 3 + "Hoàng Vũ Đặng Bùi Đỗ Đỗ Ngô "
    "Dương Đào Đinh Lương Tạ Khổng Phan Hà Lưu Kim Trịnh Cao Văn Lý"
)
MIDDLE = {
    "M": words("Văn Văn Văn Đức Minh Quang Hữu Thanh Xuân Tiến Ngọc Mạnh Công Trọng Duy"),
    "F": words("Thị Thị Thị Thị Thu Thanh Ngọc Minh Hồng Thúy Phương Kim Diệu"),
}
GIVEN = {
    "M": words(
        "An Anh Bình Cường Dũng Hùng Hải Hòa Huy Khánh Long Minh Nam Phong Quân Sơn "
        "Thắng Thành Trung Tuấn Việt Vinh Hiếu Đạt Hưng Tùng Lâm Kiên Toàn Nghĩa Thái "
        "Quyết Chiến Hoàng Tú"
    ),
    "F": words(
        "Anh Hà Hạnh Hằng Hoa Hương Huyền Lan Liên Linh Loan Mai Nga Ngọc Nhung Oanh "
        "Phương Thảo Thủy Trang Vân Yến Hiền Dung Giang Nhàn Tâm Thơm Lý Quyên Hồng "
        "Chinh Duyên Lệ"
    ),
}
QUALS = {
    "agency": ["Đại học"] * 14 + ["Thạc sĩ"] * 4 + ["Cao đẳng", "Trung cấp"],
    "school": ["Đại học"] * 12 + ["Cao đẳng"] * 5 + ["Thạc sĩ", "Trung cấp", "Trung cấp"],
    "commune": ["Đại học"] * 14 + ["Trung cấp"] * 3 + ["Cao đẳng", "Cao đẳng", "Thạc sĩ"],
    "ncs": ["Trung cấp"] * 8 + ["Đại học"] * 6 + ["Cao đẳng"] * 3 + ["Sơ cấp"] * 3,
    "village": ["Sơ cấp"] * 6
    + ["Trung cấp"] * 6
    + ["Chưa qua đào tạo"] * 5
    + ["Cao đẳng", "Cao đẳng", "Đại học"],
}


@dataclass
class Person:
    family: str
    middle: str
    given: str
    sex: str
    dob: dt.date
    cccd: str
    qual: str

    @property
    def name(self) -> str:
        return f"{self.family} {self.middle} {self.given}"


@dataclass
class Entry:
    person: Person
    title: str
    unit: str  # unit_code (admin or org unit)
    note: str = ""
    bad: str = ""  # a deliberately wrong row: what is wrong
    over: dict = field(default_factory=dict)  # written cells that differ: name/dob/cccd/title/unit/qual/sex


class People:
    def __init__(self, rng: random.Random):
        self.rng, self.names, self.ids = rng, set(), set()

    def new(self, born=(1960, 1995), female=0.5, qual="commune", name=None) -> Person:
        rng = self.rng
        sex = "M" if name else ("F" if rng.random() < female else "M")
        while True:
            parts = (
                name.split()
                if name
                else [rng.choice(FAMILY), rng.choice(MIDDLE[sex]), rng.choice(GIVEN[sex])]
            )
            if " ".join(parts) not in self.names:
                break
        self.names.add(" ".join(parts))
        year = rng.randint(*born)
        dob = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        while True:
            code = "026" + str((0 if year < 2000 else 2) + (sex == "F")) + f"{year % 100:02d}"
            cccd = code + f"{rng.randrange(10**6):06d}"
            if cccd not in self.ids:
                break
        self.ids.add(cccd)
        return Person(parts[0], " ".join(parts[1:-1]), parts[-1], sex, dob, cccd, rng.choice(QUALS[qual]))

    def for_title(self, title: str, born, female: float, qual: str, name=None) -> Person:
        """A plausible holder of a post: veterans and militia men, youth union leaders young."""
        low = title.lower()
        if any(k in low for k in ("cựu chiến binh", "công an", "quân sự", "đội trưởng")):
            female = 0.0
        if "phụ nữ" in low:
            female = 1.0
        if "cựu chiến binh" in low or "người cao tuổi" in low:
            born = (1960, 1964)
        elif "đoàn" in low:
            born = (1985, 1996)
        elif qual != "village" and low.split()[0] in ("trưởng", "phó", "giám", "hiệu", "chủ", "bí"):
            born = (1962, 1980)
        return self.new(born, female, qual, name)


def adjust(rng, counts: list[int], target: int, lo: int, his: list[int]) -> list[int]:
    """Nudge counts one by one, inside [lo, hi], until they add up to target."""
    while (diff := target - sum(counts)) != 0:
        i = rng.randrange(len(counts))
        step = 1 if diff > 0 else -1
        if lo <= counts[i] + step <= his[i]:
            counts[i] += step
    return counts


def pick_leavers(rng, entries: list[Entry], k: int, must: list[Entry] = ()) -> set[int]:
    """k leavers (as id() of entries), the older more likely (retirement), `must` always."""
    chosen = {id(e) for e in must}
    weighted = sorted(
        (rng.random() ** (1 / (3 if e.person.dob.year < 1963 else 1)), i)
        for i, e in enumerate(entries)
        if id(e) not in chosen
    )
    for _, i in sorted(weighted, reverse=True)[: k - len(chosen)]:
        chosen.add(id(entries[i]))
    return chosen


# ----------------------------------------------------------------------------------------------
# Ages: who may still be in post on a day, and when a person retires at the statutory age.


def retirement_age_months(sex: str, year: int) -> int:
    """The statutory retirement age, in months, for a person reaching it in `year`: 60 / 55 under the
    Labour Code 2012; from 2021 (Labour Code 2019, Decree 135/2020) 3 months more a year for men up
    to 62, 4 months more a year for women up to 60."""
    if year <= 2020:
        return 720 if sex == "M" else 660
    if sex == "M":
        return min(744, 720 + 3 * (year - 2020))
    return min(720, 660 + 4 * (year - 2020))


def retires_on(dob: dt.date, sex: str) -> dt.date:
    """The first day of the month after the person reaches the retirement age."""
    born = dob.year * 12 + dob.month - 1
    for year in range(dob.year + 54, dob.year + 64):
        reached = born + retirement_age_months(sex, year)
        if reached // 12 == year:
            return dt.date((reached + 1) // 12, (reached + 1) % 12 + 1, 1)
    raise ValueError(dob)


def born_to_retire(rng, day: dt.date, sex: str) -> tuple[dt.date, dt.date]:
    """A date of birth that makes a person retire at the statutory age on `day` (a first of a month),
    or on the first month after it when nobody does (the age rises by a few months a year from 2021),
    and that day."""
    for _ in range(12):
        reached = day.year * 12 + day.month - 2  # the month before `day`, counted from year 0
        for year in (reached // 12, reached // 12 - 1):
            born = reached - retirement_age_months(sex, year)
            dob = dt.date(born // 12, born % 12 + 1, rng.randint(1, 28))
            if retires_on(dob, sex) == day:
                return dob, day
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    raise ValueError(day)


def age_on(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def redate(people: People, person: Person, dob: dt.date) -> None:
    """Give a person another date of birth, and a CCCD number that agrees with it."""
    people.ids.discard(person.cccd)
    person.dob = dob
    rng, year = people.rng, dob.year
    while True:
        code = person.cccd[:3] + str((0 if year < 2000 else 2) + (person.sex == "F")) + f"{year % 100:02d}"
        cccd = code + f"{rng.randrange(10**6):06d}"
        if cccd not in people.ids:
            break
    people.ids.add(cccd)
    person.cccd = cccd
