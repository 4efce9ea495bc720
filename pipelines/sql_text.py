"""Names and values written into SQL text, where DuckDB takes no parameters: column names in
generated queries, the text of COMMENT ON, the values of an IN list."""


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    return "'" + value.replace("'", "''") + "'" if isinstance(value, str) else str(value)
