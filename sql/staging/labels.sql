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
        ('leave_reason', 'chuyen_cong_tac', 'Chuyển công tác ra ngoài địa bàn'),
        ('leave_reason', 'het_chuc_danh', 'Thôi đảm nhiệm do chức danh thôi hiệu lực'),
        ('move', 'reorganisation', 'theo sắp xếp tổ chức bộ máy, đơn vị'),
        ('move', 'rotation', 'điều động, luân chuyển'),
        ('move', 'sector', 'chuyển sang khối khác'),
        -- the scorecard's metrics, named as the district's scorecard_metrics.csv does not
        ('metric', 'staff_cut_total', 'Tổng số biên chế giảm (thực giảm)'),
        ('metric', 'units_cut_district_agencies', 'Số phòng, ban, cơ quan chuyên môn thuộc UBND huyện giảm'),
        ('metric', 'units_cut_schools', 'Số trường học giảm'),
        ('metric', 'villages_merged_from', 'Số thôn, tổ dân phố sáp nhập'),
        ('metric', 'villages_merged_into', 'Số thôn, tổ dân phố mới sau sáp nhập'),
        ('metric', 'villages_net_cut', 'Số thôn, tổ dân phố giảm'),
        ('metric', 'ncs_commune_cut', 'Số người hoạt động không chuyên trách cấp xã giảm'),
        ('metric', 'ncs_village_cut', 'Số người hoạt động không chuyên trách ở thôn, tổ dân phố giảm'),
        ('metric', 'r22_achieved_pct', 'Tỷ lệ đạt định mức theo Nghị quyết 22, tính gộp từng xã (%)'),
        ('metric', 'villages_over_limit', 'Số thôn, tổ dân phố vượt định mức người hoạt động không chuyên trách'),
        ('metric', 'villages_within_limit_pct', 'Tỷ lệ thôn, tổ dân phố không vượt định mức (%)'),
        ('metric', 'assigned_posts_cut', 'Số biên chế được giao giảm so với năm gốc'),
        ('metric', 'payroll_postgraduate_pct', 'Tỷ lệ cán bộ, công chức, viên chức có trình độ sau đại học (%)')
) as labels (vocabulary, code, label_vi)
