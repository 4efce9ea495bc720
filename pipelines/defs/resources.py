import dagster as dg

from pipelines.raw_folder import RawFolder
from pipelines.settings import from_environment
from pipelines.warehouse.resource import Warehouse


@dg.definitions
def resources() -> dg.Definitions:
    settings = from_environment()
    return dg.Definitions(
        resources={
            "warehouse": Warehouse(path=str(settings.warehouse)),
            "raw_folder": RawFolder(path=str(settings.raw_dir)),
        }
    )
