"""The DuckDB warehouse: built privately by each run, then published in one atomic step.

Readers keep the published file open for hours, and DuckDB lets no process open a file read-write
while another holds it. So a run never writes the published file: it copies it to a build file of its
own (`builds`), works there, and publishes by renaming the build file over the published one
(`publishing`), keeping the last few in history/. Readers keep the old file (the inode they opened)
until they reconnect; a failed run leaves the published file as it was. A run holds a lock on its build
for as long as its process lives (`locks`), so the next run can tell a killed run's leftovers from a
live run's build and remove them (`cleanup`). `resource.Warehouse` is what the Dagster assets use.
"""
