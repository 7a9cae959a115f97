# Nghị quyết của chi bộ đề nghị kết nạp đảng viên (Mẫu 6-KNĐ theo Hướng dẫn 12-HD/BTCTW 2022).
# Nội dung dựng lại theo các bản sao công khai, chưa đối chiếu với bản mẫu chính thức
# (xem docs/decisions/0011-document-templates.md). Cú pháp: src/print/doc_template.h.
@heading {{#org_parent}}{{org_parent}}{{/org_parent}} | {{branch}} | {{number}} | {{place}} | {{date}}
@title NGHỊ QUYẾT
@subtitle Đề nghị kết nạp đảng viên
Ngày {{branch_vote_date}}, {{branch}} đã họp xét đề nghị kết nạp quần chúng **{{full_name}}** vào Đảng Cộng sản Việt Nam.
Sau khi xem xét đơn xin vào Đảng, lý lịch của người xin vào Đảng và kết quả thẩm tra lý lịch, ý kiến nhận xét của các đoàn thể chính trị - xã hội nơi công tác và chi ủy nơi cư trú, giấy giới thiệu của đảng viên chính thức, chi bộ nhận thấy:
Quần chúng **{{full_name}}**, giới tính: {{gender}}, sinh ngày {{birth_date}}, dân tộc: {{ethnicity}}, tôn giáo: {{religion}}, làm đơn xin vào Đảng ngày {{application_date}}, có đủ điều kiện và tiêu chuẩn để được xem xét kết nạp vào Đảng.
Người giới thiệu:
{{#introducers}}
@left – Đồng chí {{name}}
{{/introducers}}
Tổng số đảng viên chính thức của chi bộ: {{entitled}} đồng chí; số tán thành: **{{votes_for}}** đồng chí (đạt {{votes_percent}}%); số không tán thành: {{votes_against}} đồng chí.
Chi bộ đề nghị {{grassroots}} xem xét, đề nghị cấp có thẩm quyền quyết định kết nạp quần chúng **{{full_name}}** vào Đảng Cộng sản Việt Nam.
@signature Nơi nhận: {{grassroots}}; lưu chi bộ. | T/M CHI BỘ | BÍ THƯ |
