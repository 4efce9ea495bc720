-- The snapshot dates of the personnel lists: the days on which units, areas and successors are read.
select distinct snapshot_date as day
from raw.lists
where kind = 'personnel' and snapshot_date is not null
