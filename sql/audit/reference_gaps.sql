-- What the reference data lacks for the data received, for the officer to complete: what is missing, for
-- which unit or title, from which date, how many rows it affects and which reference file to complete.
-- None of these stops a run: the world changing is data, not an error. The rows are loaded, counted where
-- they can be (under a title's last rule, under what carries an ended unit on) and published.
with matched as (
    select m.*, level_label.label_vi as level_vi
    from staging.personnel_matched as m
    left join staging.labels as level_label on level_label.vocabulary = 'level' and level_label.code = m.unit_level
),

gaps as (
    select
        'unknown_unit' as gap,
        'đơn vị chưa có trong danh mục' as gap_vi,
        unit_text as subject,
        null as unit_code,
        min(snapshot_date) as from_date,
        count(*) as rows_affected,
        'admin_units.csv hoặc org_units.csv' as reference_file,
        'thêm đơn vị (hoặc tên gọi khác của đơn vị) nếu đơn vị có thật; nếu ghi sai, sửa danh sách' as what_to_do_vi
    from matched
    where reason is not null and unit_code is null and unit_text is not null
    group by unit_text
    union all
    select
        'unknown_title',
        'chức danh chưa có trong danh mục cho đơn vị cấp ' || coalesce(level_vi, ''),
        position_title,
        null,
        min(snapshot_date),
        count(*),
        'positions.csv',
        'thêm chức danh với loại cán bộ và thời hạn hiệu lực nếu chức danh có thật; nếu ghi sai, sửa danh sách'
    from matched
    where not counted and unit_code is not null and staff_type is null
    group by position_title, level_vi
    union all
    select
        'no_sector',
        'chưa xếp khối cho loại cán bộ này ở đơn vị cấp ' || coalesce(m.level_vi, ''),
        coalesce(staff.label_vi, m.staff_type),
        null,
        min(m.snapshot_date),
        count(*),
        'sectors.csv',
        'thêm khối cho cấp đơn vị và loại cán bộ này'
    from matched as m
    left join staging.labels as staff on staff.vocabulary = 'staff_type' and staff.code = m.staff_type
    where not m.counted and m.staff_type is not null and m.sector is null
    group by m.staff_type, staff.label_vi, m.level_vi
    union all
    select
        'title_ended',
        'chức danh đã thôi hiệu lực nhưng vẫn có trong danh sách; đang tính theo quy định cuối cùng',
        title,
        null,
        min(snapshot_date),
        count(*),
        'positions.csv',
        'thêm quy định mới của chức danh (hoặc chức danh thay thế) có hiệu lực từ ngày chốt'
    from matched
    where counted and title_ended
    group by title
    union all
    select
        'unit_ended',
        case
            when m.named_unit_code = m.unit_code then 'đơn vị đã thôi tồn tại, không có đơn vị kế thừa'
            when successors.n > 1
                then 'đơn vị đã thôi tồn tại, chia cho nhiều đơn vị kế thừa; đang tạm tính vào ' || label.label_vi
            else 'đơn vị đã thôi tồn tại; đang tính vào đơn vị kế thừa ' || label.label_vi
        end,
        named.label_vi,
        m.named_unit_code,
        min(m.snapshot_date),
        count(*),
        'admin_units.csv hoặc org_units.csv',
        'nếu danh sách ghi tên cũ, sửa thành tên đơn vị mới; nếu đơn vị vẫn hoạt động, sửa ngày thôi tồn tại'
    from matched as m
    left join staging.unit_labels as named on named.unit_code = m.named_unit_code
    left join staging.unit_labels as label on label.unit_code = m.unit_code
    left join (
        select day, unit_code, count(*) as n from staging.unit_successors group by day, unit_code
    ) as successors on successors.day = m.snapshot_date and successors.unit_code = m.named_unit_code
    where m.counted and m.unit_ended
    group by m.named_unit_code, named.label_vi, m.unit_code, label.label_vi, successors.n
    union all
    select
        'missing_quota',
        'không có định mức người hoạt động không chuyên trách (Nghị quyết 22 hoặc mức tối đa của nghị định) cho ' || l.label_vi,
        l.label_vi,
        q.unit_code,
        min(p.snapshot_date),
        count(*),
        'r22_quotas.csv hoặc ncs_norms.csv',
        'thêm định mức có hiệu lực từ ngày chốt; trong khi chưa có, đơn vị không có tỷ lệ đạt'
    from staging.personnel as p
    inner join staging.quotas as q
        on q.day = p.snapshot_date
        and q.unit_code = case when p.unit_level = 'village' then p.village_code else p.commune_code end
    left join staging.unit_labels as l on l.unit_code = q.unit_code
    -- the quota counts at the dates figures are measured on: an as-of date, or a snapshot still incomplete
    inner join (
        select as_of as day from marts.reporting_dates
        union
        select pending_date from marts.reporting_dates where pending_date is not null
    ) as measured on measured.day = p.snapshot_date
    where p.staff_type = 'ncs' and p.unit_level in ('commune', 'village') and q.quota is null
    group by q.unit_code, l.label_vi
    union all
    select
        'missing_assigned_posts',
        'chưa có biên chế được giao năm ' || year || ' của ' || unit,
        unit,
        unit_code,
        min(snapshot_date),
        max(staff),
        'assigned_posts.csv',
        'thêm biên chế được giao của đơn vị cho năm này, theo quyết định giao'
    from marts.unit_staffing
    -- only for a district that keeps its assigned posts in the reference data
    where assigned_posts is null and exists (select 1 from staging.assigned_posts)
    group by unit, unit_code, year
    having max(staff) > 0
    union all
    select
        'unknown_qualification',
        'cách ghi trình độ chuyên môn chưa có trong danh mục',
        qualification,
        null,
        min(snapshot_date),
        count(*),
        'qualification_levels.csv',
        'thêm cách ghi này với bậc trình độ tương ứng'
    from staging.personnel
    where qualification is not null and qualification_order = 99  -- not in the reference (staging.personnel)
    group by qualification
    union all
    select
        'unknown_leave_reason',
        'lý do nghỉ chưa có trong danh mục',
        coalesce(leave_reason_text, '(theo tiêu đề danh sách)'),
        null,
        min(leave_date),
        count(*),
        'leave_reasons.csv',
        'thêm lý do với cách ghi này, căn cứ và có tính là tinh giản theo chính sách không'
    from staging.leaver_records
    where reason_code is null and reason_written
    group by leave_reason_text
    union all
    select
        'unnamed_title_end',
        'lý do thôi chức danh chưa có trong danh mục lý do nghỉ',
        l.reason_code,
        null,
        min(l.baseline_date),
        count(*),
        'leave_reasons.csv',
        'thêm vào danh mục lý do nghỉ mã này (mã positions.csv ghi cho chức danh thôi hiệu lực), với tên gọi và căn cứ'
    from marts.leavers as l
    where l.reason_code not in (select code from staging.leave_reasons)
        and l.reason_code not in (select code from staging.labels where vocabulary = 'leave_reason')
    group by l.reason_code
    union all
    select
        'no_period',
        'danh sách ngày ' || strftime(d.day, '%d/%m/%Y') || ' sau ngày báo cáo của mọi kỳ',
        strftime(d.day, '%d/%m/%Y'),
        null,
        d.day,
        (select count(*) from staging.personnel as p where p.snapshot_date = d.day),
        'reporting_periods.csv',
        'thêm kỳ báo cáo có ngày báo cáo từ ngày này (hoặc để trống ngày báo cáo của kỳ đang theo dõi)'
    from staging.snapshot_days as d
    where not exists (
        select 1 from staging.periods as p where p.as_of_date is null or p.as_of_date >= d.day
    )
)

select * from gaps
order by reference_file, gap, from_date, subject
