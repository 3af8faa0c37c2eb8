namespace ImapBench;

/// <summary>Names, subjects and sentences of the kind a school's mailbox holds (Vietnamese in NFC, some English).</summary>
internal static class VietnameseText
{
    /// <summary>Senders; every "Nguyễn" has "nguyen" in the address, so FROM nguyen finds the same messages
    /// whether a server searches the decoded display name, the address, or both.</summary>
    public static readonly (string Name, string Address)[] Senders =
    [
        ("Nguyễn Văn An", "an.nguyen@thpt-chuvanan.edu.vn"),
        ("Nguyễn Thị Bích Ngọc", "ngoc.nguyen@sgddt.hanoi.gov.vn"),
        ("Trần Thị Bình", "binh.tran@thpt-chuvanan.edu.vn"),
        ("Lê Hoàng Cường", "cuong.le@thcs-lequydon.edu.vn"),
        ("Phạm Minh Đức", "duc.pham@sgddt.hanoi.gov.vn"),
        ("Hoàng Thị Em", "em.hoang@thpt-chuvanan.edu.vn"),
        ("Vũ Quốc Giang", "giang.vu@moet.gov.vn"),
        ("Đặng Thu Hà", "ha.dang@thcs-lequydon.edu.vn"),
        ("Bùi Anh Khoa", "khoa.bui@thpt-chuvanan.edu.vn"),
        ("Đỗ Thị Lan", "lan.do@sgddt.hanoi.gov.vn"),
        ("Ngô Văn Minh", "minh.ngo@thpt-chuvanan.edu.vn"),
        ("Phòng Giáo dục quận Ba Đình", "pgd.badinh@hanoi.edu.vn"),
        ("Nguyễn Hữu Phúc", "phuc.nguyen@moet.gov.vn"),
        ("Dương Thị Quỳnh", "quynh.duong@thcs-lequydon.edu.vn"),
        ("School IT helpdesk", "helpdesk@thpt-chuvanan.edu.vn"),
    ];

    /// <summary>Subject templates ({0} a number). Only the "họp" ones contain that word, and no subject holds a word
    /// that differs from it only in diacritics ("hợp", "hộp"), so SUBJECT họp gives the same answer on a server
    /// that folds diacritics (ours) and on one that does not (Dovecot without FTS). Only the English ones say "report".</summary>
    public static readonly string[] Subjects =
    [
        "Họp giao ban tuần {0}",
        "Mời họp hội đồng sư phạm tháng {0}",
        "Báo cáo kết quả học kỳ {0}",
        "Kế hoạch thi tốt nghiệp năm 2026, đợt {0}",
        "Thông báo lịch nghỉ lễ 30/4 và 1/5",
        "Đề xuất mua sắm thiết bị phòng thí nghiệm số {0}",
        "Tài liệu tập huấn giáo viên môn Ngữ văn, buổi {0}",
        "Danh sách học sinh đạt giải kỳ thi cấp thành phố",
        "Lịch công tác tháng {0} của Ban giám hiệu",
        "Góp ý dự thảo quy chế chuyên môn lần {0}",
        "Weekly report #{0}",
        "Monthly attendance report {0}/2026",
        "Meeting notes, grade {0}",
        "Invoice INV-2026-{0}",
    ];

    public static readonly string[] Sentences =
    [
        "Kính gửi quý thầy cô trong tổ chuyên môn.",
        "Theo kế hoạch năm học 2025–2026, nhà trường tổ chức kiểm tra giữa kỳ từ ngày 10 đến ngày 15 tháng 3.",
        "Đề nghị các đồng chí giáo viên chủ nhiệm hoàn thành sổ điểm điện tử trước thứ Sáu.",
        "Phòng Giáo dục yêu cầu báo cáo số liệu học sinh theo mẫu đính kèm.",
        "Buổi sinh hoạt chuyên đề sẽ diễn ra tại phòng hội đồng, tầng 2, nhà A.",
        "Xin cảm ơn sự phối hợp của quý thầy cô.",
        "Học sinh lớp 12A3 đạt giải Nhất môn Vật lý cấp thành phố.",
        "Lịch trực Tết Nguyên đán được cập nhật trên cổng thông tin của trường.",
        "Thầy Minh sẽ phụ trách đội tuyển học sinh giỏi môn Toán trong học kỳ này.",
        "Vui lòng phản hồi trước 17 giờ ngày mai để tổng hợp danh sách.",
        "Mọi thắc mắc xin liên hệ văn phòng nhà trường qua số điện thoại 024 3825 xxxx.",
        "Please find the attached attendance sheet for this week.",
        "The projector in room B204 has been repaired.",
        "Trân trọng,",
    ];

    public static readonly string[] AttachmentNames =
    [
        "Báo cáo tháng.pdf",
        "Danh sách học sinh.xlsx",
        "Kế hoạch năm học 2025-2026.docx",
        "Ảnh hoạt động ngoại khoá.jpg",
        "scan-0001.pdf",
    ];
}
