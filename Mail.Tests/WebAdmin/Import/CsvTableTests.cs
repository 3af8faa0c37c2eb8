using Mail.WebAdmin.Import;

namespace Mail.Tests.WebAdmin.Import;

internal sealed class CsvTableTests
{
    [Test]
    public void Parse_ReadsPlainRows_WithCrLfOrLf_AndSkipsBlankLines()
    {
        var records = CsvTable.Parse("Nguyễn Văn An,truong.edu.vn\r\n\r\nTrần Thị Bình,,binh@truong.edu.vn\n");
        Assert.That(records, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(records[0].Fields, Is.EqualTo(new[] { "Nguyễn Văn An", "truong.edu.vn" }));
            Assert.That(records[0].Line, Is.EqualTo(1));
            Assert.That(records[1].Fields, Is.EqualTo(new[] { "Trần Thị Bình", "", "binh@truong.edu.vn" }));
            Assert.That(records[1].Line, Is.EqualTo(3));
            Assert.That(records.All(r => r.Error is null), Is.True);
        });
    }

    [Test]
    public void Parse_UnquotesFields_WithSeparators_Quotes_AndLineBreaks()
    {
        var records = CsvTable.Parse("\"Nguyễn, Văn An\",\"Phòng \"\"A\"\"\"\n\"Lê\nHoa\",x\nlast,row");
        Assert.That(records, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(records[0].Fields, Is.EqualTo(new[] { "Nguyễn, Văn An", "Phòng \"A\"" }));
            Assert.That(records[1].Fields, Is.EqualTo(new[] { "Lê\nHoa", "x" }));
            Assert.That(records[2].Line, Is.EqualTo(4), "the record after a quoted line break starts on line 4");
        });
    }

    [Test]
    public void Parse_IgnoresTheUtf8ByteOrderMark()
    {
        var records = CsvTable.Parse("\uFEFFHọ tên,Đơn vị\r\nAn,x");
        Assert.That(records[0].Fields[0], Is.EqualTo("Họ tên"));
    }

    [Test]
    public void Parse_UsesSemicolons_WhenTheFirstLineHasNoComma()
    {
        var records = CsvTable.Parse("Nguyễn Văn An;truong.edu.vn\nLê Hoa;\"a;b\"");
        Assert.Multiple(() =>
        {
            Assert.That(records[0].Fields, Is.EqualTo(new[] { "Nguyễn Văn An", "truong.edu.vn" }));
            Assert.That(records[1].Fields, Is.EqualTo(new[] { "Lê Hoa", "a;b" }));
        });
    }

    [Test]
    public void Parse_MarksMalformedRecords_AndGoesOn()
    {
        var records = CsvTable.Parse("An\"x,y\n\"Bình\"z,w\nChi,ok\n\"Dũng,open");
        Assert.That(records.Select(r => (r.Line, r.Error)), Is.EqualTo(new (int, string?)[]
        {
            (1, "quote-in-field"),
            (2, "text-after-quote"),
            (3, null),
            (4, "unterminated-quote"),
        }));
        Assert.That(records[2].Fields, Is.EqualTo(new[] { "Chi", "ok" }));
    }
}
