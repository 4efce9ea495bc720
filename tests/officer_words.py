"""What an officer reads must be in their words: a scan of the Vietnamese labels, reasons and notes of a
warehouse for the codes the pipeline and its reference files use (unit levels, staff types, sectors,
reasons, metrics), which must never show through."""

import re

CODE = re.compile(
    r"\b(commune|village|district_agency|province_agency|school|district|province|cbcc|vien_chuc|ncs\w*"
    r"|khac|unknown|staff_cut\w*|sector|level|[a-z]+_[a-z0-9_]+)\b"
)
# File names are the officer's own and may hold anything ("DS_thoi_viec_2021.xlsx", "leave_reasons.csv").
FILE_NAME = re.compile(r"[^\s,;()]+\.(?:xlsx|xlsm|xlsb|xls|ods|csv)\b|\b(?:personnel|leavers)/")

# Written by the pipeline in Vietnamese, beside the *_vi columns.
OTHER_COLUMNS = {("marts", "leavers", "reason_source")}


def codes_shown(workspace) -> list[tuple[str, str, str]]:
    """(table.column, the code, the text) for each Vietnamese text of the warehouse that shows a code."""
    columns = [
        *workspace.query(
            "SELECT schema_name, table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' "
            "AND column_name LIKE '%\\_vi' ESCAPE '\\'"
        ),
        *OTHER_COLUMNS,
    ]
    assert len(columns) > 10
    found = []
    for schema, table, column in columns:
        for (text,) in workspace.query(
            f'SELECT DISTINCT "{column}" FROM {schema}.{table} WHERE "{column}" IS NOT NULL'
        ):
            if match := CODE.search(FILE_NAME.sub("", text)):
                found.append((f"{schema}.{table}.{column}", match[0], text))
    return found
