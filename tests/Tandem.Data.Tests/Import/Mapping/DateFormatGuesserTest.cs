using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Tandem.Data.Import.Mapping;

namespace Tandem.Data.Tests.Import.Mapping;

public static class DatedSamples
{
    /// <summary>A format Tandem guesses among, and 1 to 40 times written in it.</summary>
    public static Arbitrary<(string Format, string[] Values)> Samples() =>
        (from format in Gen.Elements(DateFormatGuesser.Candidates.ToArray())
         from count in Gen.Choose(1, 40)
         from times in Gen.ListOf(
             from year in Gen.Choose(1990, 2040)
             from month in Gen.Choose(1, 12)
             from day in Gen.Choose(1, 28)
             from minutes in Gen.Choose(0, (24 * 60) - 1)
             from seconds in Gen.Choose(0, 59)
             from ms in Gen.Choose(0, 999)
             select new DateTime(year, month, day, minutes / 60, minutes % 60, seconds, ms, DateTimeKind.Unspecified), count)
         select (format, times.Select(t => t.ToString(format, CultureInfo.InvariantCulture)).ToArray())).ToArbitrary();
}

public class DateFormatGuesserTest
{
    [Theory]
    [InlineData(new[] { "01-02-2018", "20-10-2017", "22-03-2018" }, "dd-MM-yyyy", "20-10-2017")]
    [InlineData(new[] { "26-02-2018 19:58", "08-05-2018 20:17" }, "dd-MM-yyyy HH:mm", "26-02-2018 19:58")]
    [InlineData(new[] { "3/6/2026 4:30 PM", "3/20/2026 9:05 AM" }, "M/d/yyyy h:mm tt", "3/20/2026 9:05 AM")]
    [InlineData(new[] { "12/31/2025", "01/02/2026" }, "MM/dd/yyyy", "12/31/2025")]
    [InlineData(new[] { "31.12.25 23:59:01" }, "dd.MM.yy HH:mm:ss", "31.12.25 23:59:01")]
    [InlineData(new[] { "2026-03-06T16:30:00-05:00", "2026-03-07" }, "iso", null)]
    public void Guess_ReadsEveryValue_AndSaysWhichValueSettlesTheOrder(string[] values, string format, string? decisive)
    {
        var guess = DateFormatGuesser.Guess(values)!;
        Assert.Equal(format, guess.Format);
        Assert.False(guess.Ambiguous);
        Assert.Equal(decisive, guess.Decisive);
        Assert.Equal(guess.Total, guess.Matched);
    }

    [Fact]
    public void Guess_NoValueAbove12_IsDayFirstAndSaysItIsAmbiguous()
    {
        var guess = DateFormatGuesser.Guess(["01-02-2018", "03-04-2018", ""])!;
        Assert.Equal("dd-MM-yyyy", guess.Format);
        Assert.True(guess.Ambiguous);
        Assert.Contains("MM-dd-yyyy", guess.Others);
    }

    [Theory]
    [InlineData("home_decor|pet")]
    [InlineData("01-May|May-20|5-20")]
    [InlineData("0|1500")]
    [InlineData("")]
    public void Guess_ValuesThatAreNotDates_AreNone(string values) => Assert.Null(DateFormatGuesser.Guess(values.Split('|')));

    [Fact]
    public void Guess_AFewValuesOff_StillGuesses_AndCountsThem()
    {
        string[] values = [.. Enumerable.Range(1, 9).Select(d => $"{d + 12:00}-01-2018"), "someday"];
        var guess = DateFormatGuesser.Guess(values)!;
        Assert.Equal(("dd-MM-yyyy", 9, 10), (guess.Format, guess.Matched, guess.Total));
    }

    /// <summary>A date written in format F is guessed as F or one that reads every value the same; otherwise the guess says it is ambiguous and names F's reading among the others.</summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(DatedSamples)])]
    public void Guess_OfValuesWrittenInAFormat_ReadsThemAsThatFormatDoes((string Format, string[] Values) sample)
    {
        var guess = DateFormatGuesser.Guess(sample.Values);
        Assert.NotNull(guess);
        Assert.Equal(guess.Total, guess.Matched);
        var written = Readings(sample.Format, sample.Values);
        if (Readings(guess.Format, sample.Values).SequenceEqual(written)) return;
        Assert.True(guess.Ambiguous, $"{sample.Format} guessed as {guess.Format}, which reads other dates, and not said to be ambiguous: {string.Join(", ", sample.Values)}");
        Assert.Contains(guess.Others, other => Readings(other, sample.Values).SequenceEqual(written));
    }

    private static Instant?[] Readings(string format, string[] values)
    {
        var times = new SourceTimes([format]);
        return [.. values.Select(v => times.Parse(v, DateTimeZone.Utc))];
    }
}
