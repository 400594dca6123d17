using Tandem.Data.Import;

namespace Tandem.Data.Tests.Import;

public class XlsxCellTextTest
{
    [Theory]
    [InlineData("0.1", "0.1")]
    [InlineData("0.30000000000000004", "0.3")]          // 0.1 + 0.2 as a formula stores it
    [InlineData("2.0499999999999998", "2.05")]          // how Excel writes 2.05 in the XML
    [InlineData("1234.0999999999999", "1234.1")]
    [InlineData("37.5", "37.5")]
    [InlineData("1E-7", "0.0000001")]
    [InlineData("1.5E+20", "150000000000000000000")]
    [InlineData("12345678901234567", "12345678901234567")] // whole numbers (ids) digit for digit
    [InlineData("-5", "-5")]
    [InlineData("-0.0", "0")]
    [InlineData("007", "007")]
    public void Number_ShowsWhatTheSpreadsheetShows_WithoutFloatNoise(string raw, string text) =>
        Assert.Equal(text, XlsxCellText.Number(raw));

    [Fact]
    public void Number_NotANumber_IsNull() => Assert.Null(XlsxCellText.Number("abc"));

    [Theory]
    [InlineData("43132", XlsxNumberKind.Date, false, "2018-02-01")]
    [InlineData("43132.5", XlsxNumberKind.DateTime, false, "2018-02-01T12:00:00")]
    [InlineData("43132.5", XlsxNumberKind.Date, false, "2018-02-01T12:00:00")]     // a hidden time of day is kept
    [InlineData("43132", XlsxNumberKind.DateTime, false, "2018-02-01T00:00:00")]
    [InlineData("0.5416666666666666", XlsxNumberKind.Time, false, "13:00:00")]      // rounded to the millisecond
    [InlineData("43132.000011574", XlsxNumberKind.DateTime, false, "2018-02-01T00:00:01")]
    [InlineData("43132.0000000116", XlsxNumberKind.DateTime, false, "2018-02-01T00:00:00.001")]
    [InlineData("1", XlsxNumberKind.Date, false, "1900-01-01")]
    [InlineData("59", XlsxNumberKind.Date, false, "1900-02-28")]
    [InlineData("61", XlsxNumberKind.Date, false, "1900-03-01")]
    [InlineData("0", XlsxNumberKind.Date, true, "1904-01-01")]
    [InlineData("41670", XlsxNumberKind.Date, true, "2018-02-01")]                 // the 1904 system is 1,462 days behind
    [InlineData("2958465", XlsxNumberKind.Date, false, "9999-12-31")]
    public void Serial_BecomesIsoText(string raw, XlsxNumberKind kind, bool date1904, string text)
    {
        Assert.Null(XlsxCellText.Serial(raw, kind, date1904, out var result));
        Assert.Equal(text, result);
    }

    [Theory]
    [InlineData("60", "1900-02-29, a day that does not exist")]
    [InlineData("-1", "holds -1, which is no date")]
    [InlineData("2958466", "holds 2958466, which is no date")]
    [InlineData("x", "'x' is not a number")]
    public void Serial_ThatIsNoDate_SaysWhy(string raw, string reason)
    {
        var problem = XlsxCellText.Serial(raw, XlsxNumberKind.Date, false, out _);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yyyy-mm-dd", XlsxNumberKind.Date)]
    [InlineData("dd/mm/yyyy", XlsxNumberKind.Date)]
    [InlineData("[$-409]d-mmm-yy;@", XlsxNumberKind.Date)]
    [InlineData("mmm yyyy", XlsxNumberKind.Date)]
    [InlineData("h:mm AM/PM", XlsxNumberKind.Time)]
    [InlineData("mm:ss", XlsxNumberKind.Time)]
    [InlineData("m/d/yyyy h:mm", XlsxNumberKind.DateTime)]
    [InlineData("yyyy-mm-dd\\Thh:mm:ss", XlsxNumberKind.DateTime)]
    [InlineData("[h]:mm:ss", XlsxNumberKind.Number)]     // elapsed time: a duration, not a moment
    [InlineData("0.00", XlsxNumberKind.Number)]
    [InlineData("#,##0 \"days\"", XlsxNumberKind.Number)]
    [InlineData("[Red]0.00;[Blue]-0.00", XlsxNumberKind.Number)]
    [InlineData("General", XlsxNumberKind.Number)]
    [InlineData("0.00E+00", XlsxNumberKind.Number)]
    public void KindOf_FormatCode(string code, XlsxNumberKind kind) => Assert.Equal(kind, XlsxCellText.KindOf(code));

    [Theory]
    [InlineData(0u, XlsxNumberKind.Number)]
    [InlineData(2u, XlsxNumberKind.Number)]
    [InlineData(14u, XlsxNumberKind.Date)]
    [InlineData(20u, XlsxNumberKind.Time)]
    [InlineData(22u, XlsxNumberKind.DateTime)]
    [InlineData(46u, XlsxNumberKind.Number)]             // [h]:mm:ss
    public void KindOf_BuiltInFormat(uint id, XlsxNumberKind kind) => Assert.Equal(kind, XlsxCellText.KindOf(id));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Letters_AndColumnOf_AreInverse(int index, string letters)
    {
        Assert.Equal(letters, XlsxCellText.Letters(index));
        Assert.Equal(index, XlsxCellText.ColumnOf(letters + "12"));
    }
}
