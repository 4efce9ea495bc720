-- The words an officer uses for the codes of unit levels and staff types, so that no reason or label
-- shows a code.
select *
from (
    values
        ('level', 'province', 'tỉnh'),
        ('level', 'district', 'huyện'),
        ('level', 'commune', 'xã, phường, thị trấn'),
        ('level', 'village', 'thôn, tổ dân phố'),
        ('level', 'district_agency', 'cơ quan chuyên môn cấp huyện'),
        ('level', 'province_agency', 'cơ quan cấp tỉnh'),
        ('level', 'school', 'trường học'),
        ('staff_type', 'cbcc', 'cán bộ, công chức'),
        ('staff_type', 'vien_chuc', 'viên chức'),
        ('staff_type', 'ncs', 'người hoạt động không chuyên trách'),
        ('staff_type', 'khac', 'người tham gia công việc ngoài định mức'),
        ('qualification', 'unknown', 'không rõ'),
        -- reasons the pipeline tells by itself; leave_reasons.csv may label them otherwise
        ('leave_reason', 'unknown', 'chưa rõ lý do'),
        ('leave_reason', 'transferred_out', 'chuyển công tác ra ngoài địa bàn'),
        ('leave_reason', 'moved_by_reorganisation', 'điều động về cơ quan kế thừa ngoài địa bàn khi sắp xếp tổ chức bộ máy'),
        ('move', 'reorganisation', 'theo sắp xếp tổ chức bộ máy, đơn vị'),
        ('move', 'rotation', 'điều động, luân chuyển'),
        ('move', 'sector', 'chuyển sang khối khác')
) as labels (vocabulary, code, label_vi)
