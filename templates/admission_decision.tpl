# Quyết định kết nạp đảng viên (Mẫu 9-KNĐ theo Hướng dẫn 12-HD/BTCTW 2022).
# Nội dung dựng lại theo các bản sao công khai, chưa đối chiếu với bản mẫu chính thức
# (xem docs/decisions/0011-document-templates.md). Cú pháp: src/print/doc_template.h.
@heading {{#org_parent}}{{org_parent}}{{/org_parent}} | {{competent}} | {{number}} | {{place}} | {{date}}
@title QUYẾT ĐỊNH
@subtitle Về việc kết nạp đảng viên
@left – Căn cứ Điều lệ Đảng Cộng sản Việt Nam;
@left – Căn cứ Quy định và Hướng dẫn thi hành Điều lệ Đảng hiện hành;
@left – Xét Nghị quyết số {{branch_vote_number}} ngày {{branch_vote_date}} của {{branch}}{{#committee_vote_number}} và Nghị quyết số {{committee_vote_number}} ngày {{committee_vote_date}} của {{grassroots}}{{/committee_vote_number}} đề nghị kết nạp đảng viên,
@center **QUYẾT ĐỊNH**
**Điều 1.** Kết nạp quần chúng **{{full_name}}**, sinh ngày {{birth_date}}, dân tộc: {{ethnicity}}, tôn giáo: {{religion}}, vào Đảng Cộng sản Việt Nam. Thời gian dự bị tính từ ngày ký quyết định này; nếu đủ tư cách, đồng chí trở thành đảng viên chính thức từ ngày {{official_date}}.
**Điều 2.** {{branch}} có trách nhiệm tổ chức lễ kết nạp trong thời hạn quy định và phân công đảng viên chính thức giúp đỡ đảng viên dự bị.
**Điều 3.** {{grassroots}}, {{branch}} và đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.
@signature Nơi nhận: như Điều 3; lưu. | T/M BAN THƯỜNG VỤ | |
