# Biên bản lễ kết nạp đảng viên. Trình tự buổi lễ theo hướng dẫn nghiệp vụ công tác đảng viên;
# bố cục chưa đối chiếu với bản mẫu chính thức (xem docs/decisions/0011-document-templates.md).
# Cú pháp: src/print/doc_template.h.
@heading {{#org_parent}}{{org_parent}}{{/org_parent}} | {{branch}} | | {{place}} | {{date}}
@title BIÊN BẢN
@subtitle Lễ kết nạp đảng viên
Hôm nay, ngày {{ceremony_date}}, {{branch}} tổ chức lễ kết nạp quần chúng **{{full_name}}**, sinh ngày {{birth_date}}, vào Đảng Cộng sản Việt Nam theo Quyết định số {{decision_number}} ngày {{decision_date}} của {{competent}}.
@left **Chương trình buổi lễ:**
@left 1. Chào cờ (hát Quốc ca, Quốc tế ca).
@left 2. Tuyên bố lý do, giới thiệu đại biểu.
@left 3. Đọc quyết định kết nạp đảng viên của cấp ủy có thẩm quyền.
@left 4. Đảng viên mới đọc lời tuyên thệ.
@left 5. Đại diện chi bộ nói rõ nhiệm vụ, quyền hạn của đảng viên và phân công đảng viên chính thức giúp đỡ đảng viên dự bị.
@left 6. Đại diện cấp ủy cấp trên phát biểu (nếu có).
@left 7. Bế mạc.
Đảng viên chính thức được phân công giúp đỡ đảng viên dự bị: {{#introducers}}{{name}}; {{/introducers}}
Buổi lễ kết thúc vào hồi … giờ … cùng ngày.
@signature THƯ KÝ | CHỦ TRÌ | |
