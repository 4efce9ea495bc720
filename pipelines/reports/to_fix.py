"""What the clerks must fix, in one list: files rejected whole, rows that do not count, rows that count
with a cell to fix, and people who left without a known reason. The workbook lists every item (names
included: it is the office's own file); the page shows only how many of each."""

import pandas as pd

from pipelines.reports import labels
from pipelines.reports.contents import ReportContents

REJECTED, NOT_COUNTED, CELL_TO_FIX, UNKNOWN_LEAVER = (
    "Tệp bị từ chối",
    "Dòng chưa được tính",
    "Dòng được tính, có ô cần sửa",
    "Người nghỉ chưa rõ lý do",
)
KINDS = (REJECTED, NOT_COUNTED, CELL_TO_FIX, UNKNOWN_LEAVER)
WHAT_TO_DO = {
    REJECTED: "Sửa tệp theo lý do rồi đặt lại vào thư mục; lần chạy sau sẽ đọc lại cả tệp",
    NOT_COUNTED: "Sửa dòng theo lý do; dòng chưa được tính cho đến khi sửa",
    CELL_TO_FIX: "Sửa ô theo lý do; dòng vẫn được tính, số liệu không đổi",
    UNKNOWN_LEAVER: (
        "Thêm người này vào một danh sách người nghỉ (thư mục leavers/) với lý do nghỉ, thời điểm nghỉ "
        "và số quyết định"
    ),
}
COLUMNS = ("kind", "file", "sheet", "row", "reason_vi", "what_to_do", "content")
HEADINGS = (
    "Loại",
    "Tệp nguồn",
    "Trang tính",
    "Dòng (như Excel hiển thị)",
    "Lý do",
    "Việc cần làm",
    "Nội dung dòng hoặc người cần bổ sung",
)
UNKNOWN_REASON = "unknown"  # marts.leavers.reason_code of a leaver no list explains


def items(contents: ReportContents) -> pd.DataFrame:
    """Every item, file by file (rejected files first, then their rows), then the people to add."""
    log = contents["audit.load_log"]
    rejected = log[log["status"] == "rejected"]
    files = pd.DataFrame({"kind": REJECTED, "file": rejected["file"], "reason_vi": rejected["reason_vi"]})
    quarantine = contents["audit.quarantine"]
    rows = pd.DataFrame(
        {
            "kind": quarantine["counted"].map({True: CELL_TO_FIX, False: NOT_COUNTED}),
            "file": quarantine["file"],
            "sheet": quarantine["sheet"],
            "row": quarantine["row"],
            "reason_vi": quarantine["reason_vi"],
            "content": quarantine["cells"].map(labels.cells),
        }
    )
    listed = pd.concat([files, rows], ignore_index=True).sort_values(
        ["file", "sheet", "row"], na_position="first", kind="stable", ignore_index=True
    )
    everything = pd.concat([listed, unknown_leavers(contents)], ignore_index=True)
    everything["what_to_do"] = everything["kind"].map(WHAT_TO_DO)
    return everything.reindex(columns=list(COLUMNS)).astype({"row": "Int64"})


def unknown_leavers(contents: ReportContents) -> pd.DataFrame:
    """Each person who left with no list naming the reason, once even when several periods see them go."""
    leavers = contents.worded(contents["marts.leavers"])
    unknown = leavers[leavers["reason_code"] == UNKNOWN_REASON].drop_duplicates(
        ["sector", "unit", "full_name", "position_title"]
    )
    content = (
        "Đơn vị: " + unknown["unit"].fillna("")
        + "; Họ và tên: " + unknown["full_name"].fillna("")
        + "; Chức danh: " + unknown["position_title"].fillna("")
        + "; Khối: " + unknown["sector"].fillna("")
    )  # fmt: skip
    return pd.DataFrame({"kind": UNKNOWN_LEAVER, "reason_vi": unknown["reason_vi"], "content": content})


def counts(listed: pd.DataFrame) -> dict[str, int]:
    """How many items of each kind, every kind named even at none."""
    return {kind: int((listed["kind"] == kind).sum()) for kind in KINDS}
