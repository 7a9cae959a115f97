# Phiếu đánh giá, xếp loại chất lượng đảng viên, theo Mẫu 2A của Hướng dẫn 43-HD/BTCTW (31/10/2025).
# Bố cục này dựng lại theo mô tả công khai, chưa đối chiếu với bản mẫu chính thức
# (xem docs/decisions/0011-document-templates.md). Cú pháp: src/print/doc_template.h.
@heading {{#org_parent}}{{org_parent}}{{/org_parent}} | {{branch}} | | {{place}} | {{date}}
@title PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN
@subtitle Kỳ đánh giá: {{period}}
@left Họ và tên: **{{full_name}}**
@left Ngày sinh: {{birth_date}}
@left Chức vụ đảng: {{role}}
@left Chi bộ: {{branch}}
@space
@left **I. TỰ CHẤM ĐIỂM THEO CÁC TIÊU CHÍ**
@table 8 | 60 | 16 | 16
@header TT | Tiêu chí | Điểm tối đa | Điểm tự chấm
{{#criteria}}
@row {{stt}} | {{label}} | {{max}} | {{score}}
{{/criteria}}
@row | **Tổng cộng** | **{{max_total}}** | **{{total}}**
@end
@left **II. TỰ NHẬN MỨC XẾP LOẠI:** {{self_level}}
{{#not_rated}}
@left Không xếp loại: {{not_rated}}
{{/not_rated}}
@signature | NGƯỜI TỰ ĐÁNH GIÁ | | {{full_name}}
@left **III. Ý KIẾN CỦA CHI BỘ**
@left Chi bộ đề xuất xếp loại: {{proposed_level}}
@left Nhận xét: {{proposal_note}}
@signature | T/M CHI BỘ | BÍ THƯ |
@left **IV. KẾT QUẢ XẾP LOẠI CỦA CẤP CÓ THẨM QUYỀN:** {{level}}
{{#override_reason}}
@left Lý do xếp loại khác mức theo điểm: {{override_reason}}
{{/override_reason}}
{{#downgraded_from}}
@left Cấp trên điều chỉnh từ mức “{{downgraded_from}}”. Lý do: {{downgrade_reason}}
{{/downgraded_from}}
