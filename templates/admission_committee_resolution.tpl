# Nghị quyết của đảng ủy cơ sở đề nghị kết nạp đảng viên (Mẫu 8-KNĐ theo Hướng dẫn 12-HD/BTCTW 2022).
# Nội dung dựng lại theo các bản sao công khai, chưa đối chiếu với bản mẫu chính thức
# (xem docs/decisions/0011-document-templates.md). Cú pháp: src/print/doc_template.h.
@heading {{#org_parent}}{{org_parent}}{{/org_parent}} | {{grassroots}} | {{number}} | {{place}} | {{date}}
@title NGHỊ QUYẾT
@subtitle Đề nghị kết nạp đảng viên
Căn cứ Điều lệ Đảng Cộng sản Việt Nam và các quy định, hướng dẫn thi hành Điều lệ Đảng hiện hành;
Xét Nghị quyết số {{branch_vote_number}} ngày {{branch_vote_date}} của {{branch}} đề nghị kết nạp quần chúng **{{full_name}}** vào Đảng;
Ngày {{committee_vote_date}}, {{grassroots}} đã họp xét. Tổng số cấp ủy viên: {{entitled}} đồng chí; số tán thành: **{{votes_for}}** đồng chí (đạt {{votes_percent}}%); số không tán thành: {{votes_against}} đồng chí.
@center **QUYẾT NGHỊ**
Đề nghị {{competent}} xem xét, quyết định kết nạp quần chúng **{{full_name}}**, sinh ngày {{birth_date}}, sinh hoạt tại {{branch}}, vào Đảng Cộng sản Việt Nam.
@signature Nơi nhận: {{competent}}; {{branch}}; lưu. | T/M ĐẢNG ỦY | BÍ THƯ |
