"""The obvious pipeline a user would write instead: pandas read_excel (openpyxl), a Great Expectations
validation per file, pandas merges and group-bys for the marts. Single process, as written in a notebook.
"""

from pathlib import Path

import pandas as pd

HEADERS = {"họ và tên": "name", "họ tên": "name", "chức vụ": "title", "chức danh": "title"}


def naive_pipeline(files: list[Path], reference: Path) -> pd.DataFrame:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)  # as quiet as tinhgon's
    source = context.data_sources.add_pandas("naive")
    batch_definition = source.add_dataframe_asset("file").add_batch_definition_whole_dataframe("whole")
    suite = context.suites.add(gx.ExpectationSuite(name="file"))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="name"))
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="title"))
    frames = []
    for path in files:
        frame = read_list(path)
        if frame is None:
            continue
        batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(suite)
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True)
    units = pd.concat(
        [pd.read_csv(reference / "admin_units.csv"), pd.read_csv(reference / "org_units.csv")],
        ignore_index=True,
    )
    units["issuer"] = units["name"].str.upper()
    positions = pd.read_csv(reference / "positions.csv")
    matched = rows.merge(units, on="issuer", how="left").merge(positions, on="title", how="left")
    return matched.groupby(["level", "staff_type"], dropna=False).size().reset_index(name="count")


def read_list(path: Path) -> pd.DataFrame | None:
    """The list of the first sheet: the header is the row that says 'Họ và tên'."""
    if path.suffix != ".xlsx":
        return None
    grid = pd.read_excel(path, engine="openpyxl", header=None, dtype=str)
    header = next((i for i, row in grid.iterrows() if "họ và tên" in " ".join(map(str, row)).lower()), None)
    if header is None:
        return None
    names = [HEADERS.get(str(cell).strip().lower(), str(cell)) for cell in grid.iloc[header]]
    frame = grid.iloc[header + 1 :].set_axis(names, axis=1)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame = frame[frame["name"].notna() & frame.get("title", pd.Series(dtype=str)).notna()]
    issuer = next((str(v) for v in grid.iloc[:header, 0].dropna()), "")
    return frame.assign(issuer=issuer.removeprefix("UBND ").removeprefix("TRƯỜNG ").strip(), file=path.name)
