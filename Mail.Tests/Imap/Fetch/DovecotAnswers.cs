namespace Mail.Tests.Imap.Fetch;

/// <summary>What Dovecot 2.3 answered for the <see cref="FetchSamples"/> messages: each was APPENDed to a private
/// Dovecot (/work/shared/tools/reference-servers.sh dovecot start) and FETCHed over a raw socket; the values are the
/// data items exactly as received. The tests compare ours with these, with the few deliberate differences applied
/// explicitly.</summary>
internal static class DovecotAnswers
{
    public const string VietnameseEnvelope = "(\"Sun, 29 Nov 2026 08:00:00 +0700\" {79}\r\n=?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?= =?UTF-8?Q?_tu=E1=BA=A7n_n=C3=A0y?= ((\"=?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?=\" NIL \"annv\" \"truong.edu.vn\")) ((\"=?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?=\" NIL \"annv\" \"truong.edu.vn\")) ((\"=?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?=\" NIL \"annv\" \"truong.edu.vn\")) (({18}\r\nTrần Thị Bình NIL \"binhtt\" \"truong.edu.vn\")(\"Doe, John\" NIL \"john\" \"example.com\")(NIL NIL \"plain\" \"example.com\")(\"=?utf-8?Q?L=C3=AA_V=C4=83n?= C\" NIL \"le\" \"example.com\")) (({18}\r\nPhòng Đào tạo NIL \"daotao\" \"truong.edu.vn\")) NIL \"<prev@truong.edu.vn>\" \"<abc@truong.edu.vn>\")";

    public const string VietnameseBodyStructure = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\" \"Format\" \"Flowed\") NIL NIL \"8BIT\" 57 2 NIL NIL (\"vi\") NIL)";

    public const string VietnameseBody = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\" \"Format\" \"Flowed\") NIL NIL \"8BIT\" 57 2)";

    public const string MixedEnvelope = "(\"Mon, 30 Nov 2026 09:15:00 +0700\" \"=?UTF-8?Q?L=E1=BB=8Bch_c=C3=B4ng_t=C3=A1c?=\" (({16}\r\nNguyễn Văn An NIL \"annv\" \"truong.edu.vn\")) (({16}\r\nNguyễn Văn An NIL \"annv\" \"truong.edu.vn\")) (({16}\r\nNguyễn Văn An NIL \"annv\" \"truong.edu.vn\")) ((\"=?UTF-8?B?VHLhuqduIFRo4buLIELDrG5o?=\" NIL \"binhtt\" \"truong.edu.vn\")(NIL NIL \"giaovien\" \"truong.edu.vn\")) (({18}\r\nPhòng Đào tạo NIL \"daotao\" \"truong.edu.vn\")) NIL NIL \"<mixed@truong.edu.vn>\")";

    public const string MixedBodyStructure = "(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 46 1 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 24 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"=_alt\") NIL NIL NIL)(\"application\" \"pdf\" (\"name\" \"lich.pdf\") \"<att1@truong.edu.vn>\" \"Lich tuan\" \"base64\" 352 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"attachment\" (\"filename\" \"lich.pdf\")) (\"vi\" \"en\") \"http://example.com/lich.pdf\") \"mixed\" (\"boundary\" \"=_outer\") NIL NIL NIL)";

    public const string MixedBody = "(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 46 1)(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 24 0) \"alternative\")(\"application\" \"pdf\" (\"name\" \"lich.pdf\") \"<att1@truong.edu.vn>\" \"Lich tuan\" \"base64\" 352) \"mixed\")";

    public const string ForwardedEnvelope = "(\"Tue, 1 Dec 2026 10:00:00 +0700\" \"Fwd: =?UTF-8?B?SOG7jXAgdOG7lQ==?=\" (({18}\r\nTrần Thị Bình NIL \"binhtt\" \"truong.edu.vn\")) (({18}\r\nTrần Thị Bình NIL \"binhtt\" \"truong.edu.vn\")) (({18}\r\nTrần Thị Bình NIL \"binhtt\" \"truong.edu.vn\")) ((NIL NIL \"annv\" \"truong.edu.vn\")) NIL NIL NIL \"<fwd@truong.edu.vn>\")";

    public const string ForwardedBodyStructure = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 36 1 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 461 (\"Sun, 29 Nov 2026 08:00:00 +0700\" \"=?UTF-8?B?SOG7jXAgdOG7lQ==?=\" (({16}\r\nNguyễn Văn An NIL \"annv\" \"truong.edu.vn\")) ((NIL NIL \"secretary\" \"truong.edu.vn\")) ((NIL NIL \"replies\" \"truong.edu.vn\")) ((\"Doe, John\" NIL \"john\" \"example.com\")(\"=?utf-8?Q?L=C3=AA_V=C4=83n?= C\" NIL \"le\" \"example.com\")) NIL NIL \"<prev@truong.edu.vn>\" \"<orig@truong.edu.vn>\") (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 40 2 NIL NIL NIL NIL) 13 NIL (\"inline\" NIL) NIL NIL) \"mixed\" (\"boundary\" \"fwd1\") NIL NIL NIL)";

    public const string ForwardedBody = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 36 1)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 461 (\"Sun, 29 Nov 2026 08:00:00 +0700\" \"=?UTF-8?B?SOG7jXAgdOG7lQ==?=\" (({16}\r\nNguyễn Văn An NIL \"annv\" \"truong.edu.vn\")) ((NIL NIL \"secretary\" \"truong.edu.vn\")) ((NIL NIL \"replies\" \"truong.edu.vn\")) ((\"Doe, John\" NIL \"john\" \"example.com\")(\"=?utf-8?Q?L=C3=AA_V=C4=83n?= C\" NIL \"le\" \"example.com\")) NIL NIL \"<prev@truong.edu.vn>\" \"<orig@truong.edu.vn>\") (\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 40 2) 13) \"mixed\")";

    public const string HeaderlessPartEnvelope = "(NIL \"no MIME headers\" ((NIL NIL \"a\" \"b.c\")) ((NIL NIL \"a\" \"b.c\")) ((NIL NIL \"a\" \"b.c\")) ((NIL NIL \"d\" \"e.f\")) NIL NIL NIL \"<nomime@b.c>\")";

    public const string HeaderlessPartBodyStructure = "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 22 0 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 0 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL)";

    public const string HeaderlessPartBody = "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 22 0)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 6 0) \"mixed\")";

    public const string NestedBodyStructure = "(((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 15 0 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 133 (NIL \"fwd\" ((NIL NIL \"x\" \"y.z\")) ((NIL NIL \"x\" \"y.z\")) ((NIL NIL \"x\" \"y.z\")) NIL NIL NIL NIL NIL) ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 0 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"emb\") NIL NIL NIL) 9 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"outer\") NIL NIL NIL)";
}
