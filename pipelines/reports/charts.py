"""The page's charts, drawn with matplotlib into SVG for inlining: text stays text (the browser draws
it, a reader can select and search it), and each bar, line and value label carries an id that says
what it shows ("actual_cut-village-BX-TK"), so the page can be checked against the warehouse. A chart
drawn for one period of several carries the period's code after its own id ("commune-cuts-de_an_01")
and before each part's ("de_an_01-actual_cut-..."): ids stay unique in the page.

Figures are made with matplotlib.figure.Figure, not pyplot: no global state, no GUI backend.
"""

import io
import textwrap
from collections.abc import Callable, Mapping
from functools import wraps
from typing import NamedTuple

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from pipelines.reports import labels

STYLE = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",  # shipped with matplotlib; has every Vietnamese letter
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
}
REQUIRED, ACTUAL, WITHIN, OVER = "#9ecae1", "#08519c", "#bdbdbd", "#cb181d"
TOTAL, LEFT, JOINED, MOVED_IN, MOVED_OUT = "#08519c", "#cb181d", "#31a354", "#a1d99b", "#fdae6b"
FLOW_COLUMNS = ("baseline_count", "joined", "moved_in", "moved_out", "left", "current_count")
CUTS = (("required_cut", REQUIRED, "Phải giảm để đạt định mức"), ("actual_cut", ACTUAL, "Đã giảm"))
# A province has thousands of communes and villages: the charts show those furthest from their quota.
COMMUNES_SHOWN = 40
VILLAGES_SHOWN = 40


class Ids:
    """The ids of a chart's parts: what each shows, after the period's code when there is one."""

    def __init__(self, period: str | None):
        self.prefix = f"{period}-" if period else ""

    def __call__(self, *parts: object) -> str:
        return self.prefix + "-".join(str(part) for part in parts)


def chart(name: str) -> Callable:
    """Draw in the house style; return the figure as an SVG element whose id is the chart's name (and
    the period's code, when given), ids salted with it so that charts inlined in one page share none."""

    def decorate(draw: Callable[..., Figure | None]) -> Callable[..., str | None]:
        @wraps(draw)
        def svg(*args, period: str | None = None) -> str | None:
            chart_id = f"{name}-{period}" if period else name
            with matplotlib.rc_context(STYLE | {"svg.hashsalt": chart_id, "svg.id": chart_id}):
                figure = draw(Ids(period), *args)
                if figure is None:
                    return None
                buffer = io.StringIO()
                figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
            text = buffer.getvalue()
            return text[text.index("<svg") :]

        return svg

    return decorate


@chart("commune-cuts")
def commune_cuts(ids: Ids, progress: pd.DataFrame, levels: Mapping[str, str]) -> Figure | None:
    """Each commune's required and actual cut of non-specialized workers, commune-level posts beside
    village-level posts (a panel per level, titled by its word in `levels`); beyond COMMUNES_SHOWN
    communes, those with the most still to cut."""
    communes = progress.drop_duplicates("commune_code")
    if communes.empty:
        return None
    all_communes = len(communes)
    if all_communes > COMMUNES_SHOWN:
        still_to_cut = (progress["required_cut"].fillna(0) - progress["actual_cut"].fillna(0)).clip(lower=0)
        behind = (
            still_to_cut.groupby(progress["commune_code"]).sum().sort_values(ascending=False, kind="stable")
        )
        communes = communes.set_index("commune_code").loc[behind.index[:COMMUNES_SHOWN]].reset_index()
    shown = (
        ""
        if all_communes == len(communes)
        else f" ({len(communes)} xã còn phải giảm nhiều nhất trong {all_communes})"
    )
    figure = Figure(figsize=(11, 0.42 * len(communes) + 1.6), layout="constrained")
    shown_levels = progress["level"].drop_duplicates().tolist()
    axes = figure.subplots(1, len(shown_levels), sharey=True, squeeze=False)[0]
    rows = np.arange(len(communes))
    for ax, level in zip(axes, shown_levels, strict=True):
        values = (
            progress[progress["level"] == level].set_index("commune_code").reindex(communes["commune_code"])
        )
        for offset, (column, colour, legend) in zip((-0.2, 0.2), CUTS, strict=True):
            bars = ax.barh(rows + offset, values[column].fillna(0), height=0.4, color=colour, label=legend)
            for bar, code in zip(bars, communes["commune_code"], strict=True):
                bar.set_gid(ids(column, level, code))
            _label(
                ax.bar_label(bars, [labels.number(v) for v in values[column]], padding=2, fontsize=8),
                [ids("label", column, level, code) for code in communes["commune_code"]],
            )
        title = levels.get(level, level)
        ax.set_title(title[:1].upper() + title[1:])
        ax.set_xlabel("Số người" + shown)
        _count_axis(ax)
    axes[0].set_yticks(rows, communes["commune"])
    axes[0].invert_yaxis()
    figure.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncols=2, fontsize=9)
    return figure


@chart("villages-over-quota")
def villages_over_quota(ids: Ids, villages: pd.DataFrame) -> Figure | None:
    """The villages with more non-specialized workers than their quota: the quota, then the excess."""
    over = villages[villages["excess"] > 0].sort_values(
        ["excess", "commune", "village"], ascending=[False, True, True]
    )
    if over.empty:
        return None
    all_over, over = len(over), over.head(VILLAGES_SHOWN)
    figure = Figure(figsize=(8, 0.45 * len(over) + 1.3), layout="constrained")
    ax = figure.subplots()
    rows = np.arange(len(over))
    codes = over["village_code"]
    within = ax.barh(rows, over["quota"], color=WITHIN, label="Định mức")
    excess = ax.barh(rows, over["excess"], left=over["quota"], color=OVER, label="Vượt định mức")
    for bars, kind in ((within, "quota"), (excess, "excess")):
        for bar, code in zip(bars, codes, strict=True):
            bar.set_gid(ids(kind, code))
    counts = [
        f"{labels.number(n)} người / định mức {labels.number(q)}"
        for n, q in zip(over["current_count"], over["quota"], strict=True)
    ]
    _label(ax.bar_label(excess, counts, padding=3, fontsize=8), [ids("label", code) for code in codes])
    ax.set_yticks(rows, [f"{v} ({c})" for v, c in zip(over["village"], over["commune"], strict=True)])
    ax.invert_yaxis()
    shown = "" if all_over == len(over) else f" ({len(over)} thôn vượt nhiều nhất trong {all_over})"
    ax.set_xlabel("Người hoạt động không chuyên trách ở ngày báo cáo" + shown)
    ax.set_xlim(0, (over["quota"] + over["excess"]).max() * 1.6)
    _count_axis(ax)
    figure.legend(loc="outside upper center", ncols=2, fontsize=9)
    return figure


@chart("sector-cuts")
def sector_cuts(ids: Ids, snapshots: pd.DataFrame) -> Figure | None:
    """Staff of each sector at each snapshot with its lists, and the cut since the sector's baseline."""
    if snapshots.empty:
        return None
    sectors = snapshots.drop_duplicates("sector")
    position = {sector: index for index, sector in enumerate(sectors["sector"])}
    days = sorted(snapshots["snapshot_date"].unique())
    figure = Figure(figsize=(10, 0.9 * len(sectors) + 1.4), layout="constrained")
    ax = figure.subplots()
    height = 0.8 / len(days)
    colours = matplotlib.colormaps["Blues"](np.linspace(0.35, 0.9, len(days)))
    for index, (day, colour) in enumerate(zip(days, colours, strict=True)):
        rows = snapshots[snapshots["snapshot_date"] == day]
        offset = (index - (len(days) - 1) / 2) * height
        bars = ax.barh(
            rows["sector"].map(position) + offset,
            rows["staff"],
            height=height,
            color=colour,
            label=labels.day(day),
        )
        gids = [f"{sector}-{day:%Y-%m-%d}" for sector in rows["sector"]]
        for bar, gid in zip(bars, gids, strict=True):
            bar.set_gid(ids("staff", gid))
        shown = [
            labels.number(staff) + _change_since_baseline(cut)
            for staff, cut in zip(rows["staff"], rows["cut_since_baseline"], strict=True)
        ]
        _label(ax.bar_label(bars, shown, padding=3, fontsize=8), [ids("label", gid) for gid in gids])
    ax.set_yticks(np.arange(len(sectors)), [textwrap.fill(label, 30) for label in sectors["label_vi"]])
    ax.invert_yaxis()
    ax.set_xlabel("Số người")
    ax.set_xlim(0, snapshots["staff"].max() * 1.3)
    _count_axis(ax)
    figure.legend(title="Ngày chốt", loc="outside upper center", ncols=len(days), fontsize=9)
    return figure


class Step(NamedTuple):
    """A bar of a waterfall: what it shows (the id's parts), its label, where it starts, how long it is."""

    parts: tuple[str, ...]
    label: str
    start: float
    width: float
    colour: str
    value: str  # the label at its end: the count, or the change ("-3", "+2")


@chart("flows")
def flows(ids: Ids, flows: pd.DataFrame, leavers: pd.DataFrame, sectors: Mapping[str, str]) -> Figure | None:
    """A waterfall per sector, from its baseline count to its as-of count: those who left, by reason,
    those who moved out to and in from other units or sectors of the area, and those who joined. Each
    sector on its own scale: a district's agencies count tens, its villages' workers hundreds."""
    if flows.empty:
        return None
    totals = flows.groupby("sector", sort=False).agg(
        baseline_date=("baseline_date", "min"),
        as_of=("as_of", "max"),
        **{column: (column, "sum") for column in FLOW_COLUMNS},
    )
    reasons = leavers.groupby(["sector", "reason_vi"], sort=False).agg(
        code=("reason_code", "min"), people=("reason_code", "size")
    )
    steps = {sector: _flow_steps(row, reasons, sector) for sector, row in totals.iterrows()}
    heights = [len(s) for s in steps.values()]
    figure = Figure(figsize=(10, 0.32 * sum(heights) + 0.9 * len(steps)), layout="constrained")
    axes = figure.subplots(len(steps), 1, height_ratios=heights, squeeze=False)[:, 0]
    for ax, (sector, sector_steps) in zip(axes, steps.items(), strict=True):
        for row, step in enumerate(sector_steps):
            bars = ax.barh([row], [step.width], left=[step.start], color=step.colour, height=0.7)
            bars[0].set_gid(ids("flow", sector, *step.parts))
            _label(
                ax.bar_label(bars, [step.value], padding=3, fontsize=8),
                [ids("label", "flow", sector, *step.parts)],
            )
        ax.set_yticks(range(len(sector_steps)), [textwrap.fill(step.label, 34) for step in sector_steps])
        ax.invert_yaxis()
        dates = f"{labels.day(totals.at[sector, 'baseline_date'])} - {labels.day(totals.at[sector, 'as_of'])}"
        ax.set_title(f"{sectors.get(sector, sector)}: {dates}", loc="left", fontsize=10)
        ax.set_xlim(0, max(max(step.start + step.width for step in sector_steps), 1) * 1.25)
        _count_axis(ax)
    axes[-1].set_xlabel("Số người")
    return figure


def _flow_steps(totals: pd.Series, reasons: pd.DataFrame, sector: str) -> list[Step]:
    """The bars of a sector's waterfall; flows of no one are left out."""
    changes = [
        (("left", row.code), f"Nghỉ: {reason}", -row.people, LEFT)
        for reason, row in (reasons.loc[sector].iterrows() if sector in reasons.index else [])
    ]
    changes += [
        (("moved_out",), "Chuyển sang đơn vị, khối khác", -totals["moved_out"], MOVED_OUT),
        (("moved_in",), "Chuyển đến từ đơn vị, khối khác", totals["moved_in"], MOVED_IN),
        (("joined",), "Mới đến", totals["joined"], JOINED),
    ]
    baseline, current = totals["baseline_count"], totals["current_count"]
    steps = [
        Step(
            ("baseline",),
            f"Ngày gốc {labels.day(totals['baseline_date'])}",
            0,
            baseline,
            TOTAL,
            labels.number(baseline),
        )
    ]
    level = baseline
    for parts, label, change, colour in changes:
        if change:
            sign = "+" if change > 0 else "-"
            steps.append(
                Step(
                    parts,
                    label,
                    level + min(change, 0),
                    abs(change),
                    colour,
                    sign + labels.number(abs(change)),
                )
            )
            level += change
    steps.append(
        Step(
            ("current",),
            f"Ngày báo cáo {labels.day(totals['as_of'])}",
            0,
            current,
            TOTAL,
            labels.number(current),
        )
    )
    return steps


@chart("qualifications")
def qualifications(ids: Ids, levels: pd.DataFrame) -> Figure | None:
    """Each sector's staff by professional qualification at the sector's latest snapshot, as shares of
    the sector, levels from the highest."""
    latest = levels[levels["snapshot_date"] == levels.groupby("sector")["snapshot_date"].transform("max")]
    if latest.empty:
        return None
    sectors = latest.drop_duplicates("sector")
    position = {sector: index for index, sector in enumerate(sectors["sector"])}
    ordered = latest.drop_duplicates("qualification_level").sort_values(
        ["level_order", "qualification_level"]
    )
    colours = matplotlib.colormaps["Blues_r"](np.linspace(0.05, 0.85, len(ordered)))
    figure = Figure(figsize=(10, 0.5 * len(sectors) + 1.6), layout="constrained")
    ax = figure.subplots()
    start = pd.Series(0.0, index=sectors["sector"])
    for (level, order), colour in zip(
        ordered[["qualification_level", "level_order"]].values, colours, strict=True
    ):
        rows = latest[latest["qualification_level"] == level]
        bars = ax.barh(
            rows["sector"].map(position),
            rows["share_pct"],
            left=start[rows["sector"]].to_numpy(),
            color=colour,
            label=level,
            height=0.6,
        )
        for bar, sector in zip(bars, rows["sector"], strict=True):
            bar.set_gid(ids("share", sector, order))
        shown = [f"{labels.number(p)} %" if p >= 5 else "" for p in rows["share_pct"]]
        _label(
            ax.bar_label(bars, shown, label_type="center", fontsize=8),
            [ids("label", "share", sector, order) for sector in rows["sector"]],
        )
        start[rows["sector"]] += rows["share_pct"].to_numpy()
    ax.set_yticks(
        np.arange(len(sectors)),
        [
            textwrap.fill(f"{label} ({labels.day(day)})", 34)
            for label, day in zip(sectors["sector_label"], sectors["snapshot_date"], strict=True)
        ],
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Tỷ lệ trong khối (%), ở ngày chốt gần nhất của khối")
    figure.legend(
        title="Trình độ chuyên môn", loc="outside upper center", ncols=min(len(ordered), 4), fontsize=9
    )
    return figure


def _change_since_baseline(cut: float) -> str:
    """The change a bar's label adds: (giảm 3), or (tăng 2) for a sector that grew; nothing for none."""
    if labels.missing(cut) or not cut:
        return ""
    return f" ({'giảm' if cut > 0 else 'tăng'} {labels.number(abs(cut))})"


def _count_axis(ax) -> None:
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: labels.number(value)))


def _label(texts: list, gids: list[str]) -> None:
    for text, gid in zip(texts, gids, strict=True):
        text.set_gid(gid)
