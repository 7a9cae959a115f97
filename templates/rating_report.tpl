# Báo cáo tổng hợp kết quả đánh giá, xếp loại chất lượng, theo kiểu Mẫu 01 của Hướng dẫn 43-HD/BTCTW.
# Chỉ gồm phần số liệu; phần đánh giá bằng lời do cấp ủy viết thêm. Bố cục chưa đối chiếu với bản
# mẫu chính thức (xem docs/decisions/0011-document-templates.md). Cú pháp: src/print/doc_template.h.
@heading {{#org_parent}}{{org_parent}}{{/org_parent}} | {{org}} | {{number}} | {{place}} | {{date}}
@title BÁO CÁO
@title KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN
@subtitle {{period}}
@left **I. ĐẢNG VIÊN**
1. Tổng số đảng viên tại thời điểm đánh giá: **{{on_rating_date}}** đồng chí. Số được đánh giá, xếp loại: **{{rated}}** đồng chí (bằng {{rated_percent}}% của {{on_rating_date}}). Số không xếp loại: **{{not_rated_count}}** đồng chí.
2. Kết quả xếp loại (tỷ lệ tính trên {{rated}} đảng viên được xếp loại):
@table 8 | 52 | 20 | 20
@header TT | Mức xếp loại | Số lượng | Tỷ lệ (%)
{{#levels}}
@row {{stt}} | {{label}} | {{count}} | {{percent}}
{{/levels}}
@row | **Cộng** | **{{rated}}** |
@end
3. Đảng viên không xếp loại (tỷ lệ tính trên {{not_rated_count}} đảng viên không xếp loại):
@table 8 | 52 | 20 | 20
@header TT | Lý do | Số lượng | Tỷ lệ (%)
{{#reasons}}
@row {{stt}} | {{label}} | {{count}} | {{percent}}
{{/reasons}}
@end
4. Kết quả theo tổ chức đảng trực thuộc:
@table 6 | 30 | 12 | 12 | 10 | 10 | 10 | 10
@header TT | Tổ chức đảng | Đảng viên | Được xếp loại | HTXSNV | HTTNV | HTNV | KHTNV
{{#units}}
@row {{stt}} | {{name}} | {{on_rating_date}} | {{rated}} | {{excellent}} | {{good}} | {{completed}} | {{not_completed}}
{{/units}}
@end
@left **II. TỔ CHỨC ĐẢNG**
Tổng số tổ chức đảng tại thời điểm đánh giá: **{{orgs_on_rating_date}}**; số được xếp loại: **{{orgs_rated}}** (tỷ lệ dưới đây tính trên số được xếp loại).
@table 8 | 52 | 20 | 20
@header TT | Mức xếp loại | Số lượng | Tỷ lệ (%)
{{#org_levels}}
@row {{stt}} | {{label}} | {{count}} | {{percent}}
{{/org_levels}}
@end
@signature Nơi nhận: cấp ủy cấp trên (để báo cáo); lưu văn phòng cấp ủy. | T/M ĐẢNG ỦY | |
