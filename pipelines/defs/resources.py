import dagster as dg

from pipelines.settings import from_environment
from pipelines.warehouse import RawFolder, Warehouse


@dg.definitions
def resources() -> dg.Definitions:
    settings = from_environment()
    return dg.Definitions(
        resources={
            "warehouse": Warehouse(path=str(settings.warehouse)),
            "raw_folder": RawFolder(path=str(settings.raw_dir)),
        }
    )
