using NodaTime;
using Tandem.Data.Import.Mapping;

namespace Tandem.Data.Tests.Import.Mapping;

public class SourceTimesTest
{
    private static readonly DateTimeZone SaoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [InlineData("dd-MM-yyyy")]
    [InlineData("dd-MM-yyyy HH:mm")]
    [InlineData("MM/dd/yyyy h:mm tt")]
    [InlineData("d.M.yy")]
    [InlineData("yyyy-MM-dd'T'HH:mm:sszzz")]
    [InlineData("dddd, dd MMMM yyyy")]
    [InlineData("iso")]
    public void Check_AcceptsCustomFormats(string format) => Assert.Null(SourceTimes.Check(format));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("d", "one-letter standard format")]
    [InlineData("dd-MM", "has no year")]
    [InlineData("dd-mm-yyyy", "mm is minutes")]
    [InlineData("MM-yyyy", "has no day of the month")]
    [InlineData("dddd MM yyyy", "has no day of the month")]
    [InlineData("dd-MM-yyyy mm", "has minutes (mm) but no hours")]
    [InlineData("dd-MM-yyyy hh:mm", "no AM/PM (tt)")]
    [InlineData("'dd'-MM-yyyy", "has no day of the month")]
    [InlineData("dd-MM-yyyy %", "is not a .NET date and time format")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ssK", "has K, whose offset may be missing, and then the host's zone would be assumed; write zzz")]
    public void Check_RefusesFormatsThatCannotReadDates(string format, string reason) =>
        Assert.Contains(reason, SourceTimes.Check(format), StringComparison.Ordinal);

    [Fact]
    public void Parse_ReadsLocalTimesInTheZone_AndOffsetsAsGiven()
    {
        var times = new SourceTimes(["dd-MM-yyyy HH:mm", "dd-MM-yyyy", "yyyy-MM-dd HH:mmzzz"]);
        Assert.Equal(Instant.FromUtc(2018, 2, 26, 22, 58), times.Parse("26-02-2018 19:58", SaoPaulo));
        Assert.Equal(Instant.FromUtc(2018, 2, 1, 2, 0), times.Parse(" 01-02-2018 ", SaoPaulo));
        Assert.Equal(Instant.FromUtc(2018, 2, 1, 12, 0), times.Parse("2018-02-01 09:00-03:00", NewYork));
        Assert.Null(times.Parse("2018/02/01", SaoPaulo));
        Assert.Null(times.Parse("2018-02-01 09:00", SaoPaulo));
        Assert.Null(times.Parse("31-02-2018", SaoPaulo));
    }

    [Fact]
    public void Parse_AlsoReadsTheIsoTextOfAWorkbooksDateCell_InTheZone()
    {
        // A workbook's date cell is a real date: XlsxCellText writes it as ISO local text, whatever the source's format.
        var times = new SourceTimes(["dd-MM-yyyy HH:mm"]);
        Assert.Equal(Instant.FromUtc(2018, 2, 26, 22, 58), times.Parse("2018-02-26T19:58:00", SaoPaulo));
        Assert.Equal(Instant.FromUtc(2018, 2, 26, 22, 58, 0).Plus(Duration.FromMilliseconds(250)), times.Parse("2018-02-26T19:58:00.250", SaoPaulo));
        Assert.Equal(Instant.FromUtc(2018, 2, 26, 3, 0), times.Parse("2018-02-26", SaoPaulo));
        Assert.Null(times.Parse("2018-02-26T19:58:00-03:00", SaoPaulo)); // a cell never carries an offset; this is text in no format the mapping names
        Assert.Equal(new LocalDate(2018, 2, 26), new SourceTimes(["dd/MM/yyyy"]).ParseDate("2018-02-26"));
        Assert.Equal(new LocalDate(2018, 2, 26), new SourceTimes(["dd/MM/yyyy"]).ParseDate("2018-02-26T00:00:00"));
        Assert.Null(new SourceTimes(["dd/MM/yyyy"]).ParseDate("26.02.2018"));
    }

    [Fact]
    public void Parse_InADaylightSavingGap_MovesForward()
    {
        var times = new SourceTimes(["MM/dd/yyyy h:mm tt"]);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 30), times.Parse("03/08/2026 2:30 AM", NewYork));
    }

    [Fact]
    public void Iso_IsTheDefault_AndAWordInTheList()
    {
        Assert.Equal(Instant.FromUtc(2026, 3, 6, 21, 30), new SourceTimes([]).Parse("2026-03-06T16:30:00-05:00", DateTimeZone.Utc));
        var both = new SourceTimes(["iso", "M/d/yyyy"]);
        Assert.Equal(Instant.FromUtc(2026, 3, 6, 0, 0), both.Parse("3/6/2026", DateTimeZone.Utc));
        Assert.Equal(Instant.FromUtc(2026, 3, 6, 0, 0), both.Parse("2026-03-06", DateTimeZone.Utc));
        Assert.Equal("expected ISO 8601 or M/d/yyyy", both.Expected);
        Assert.Equal(new LocalDate(2026, 3, 6), both.ParseDate("3/6/2026"));
    }
}
