using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;
using Tandem.Data.Import;

namespace Tandem.Data.Tests.Import;

public static class SpreadsheetValues
{
    /// <summary>Moments from 1900-03-01 (after the phantom leap day) to 9999-12-31, to the millisecond.</summary>
    public static Arbitrary<LocalDateTime> Moments() =>
        (from day in Gen.Choose(0, 2_958_465 - 61)
         from ms in Gen.Choose(0, 86_399_999)
         select new LocalDate(1900, 3, 1).PlusDays(day).AtMidnight().PlusMilliseconds(ms)).ToArbitrary();

    /// <summary>Finite doubles of every magnitude, as a spreadsheet stores them.</summary>
    public static Arbitrary<double> Numbers() =>
        (from mantissa in Gen.Choose(-999_999_999, 999_999_999)
         from scale in Gen.Choose(-12, 12)
         select mantissa * Math.Pow(10, scale)).ToArbitrary();
}

public class XlsxCellTextPropertyTest
{
    private static readonly LocalDateTimePattern Iso = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFF");

    /// <summary>
    /// Any moment, stored as Excel stores it (a day count with the time as a fraction, written with
    /// the 17 digits a double round-trips with), reads back as that very moment in ISO text.
    /// </summary>
    [Property(MaxTest = 2000, Arbitrary = [typeof(SpreadsheetValues)])]
    public bool Serial_ReadsBackTheMomentItStores(LocalDateTime moment)
    {
        var days = Period.Between(new LocalDate(1899, 12, 30), moment.Date, PeriodUnits.Days).Days;
        var serial = days + (moment.TimeOfDay.TickOfDay / (double)NodaConstants.TicksPerDay);
        var problem = XlsxCellText.Serial(serial.ToString("R", CultureInfo.InvariantCulture), XlsxNumberKind.DateTime, false, out var text);
        return problem is null && Iso.Parse(text).Value == moment;
    }

    /// <summary>Any stored number reads as plain decimal text (no exponent) that is the number at the 15 digits a spreadsheet shows.</summary>
    [Property(MaxTest = 2000, Arbitrary = [typeof(SpreadsheetValues)])]
    public bool Number_IsPlainText_AtFifteenDigits(double number)
    {
        var text = XlsxCellText.Number(number.ToString("R", CultureInfo.InvariantCulture))!;
        var shown = double.Parse(number.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return !text.Contains('E', StringComparison.Ordinal) && double.Parse(text, CultureInfo.InvariantCulture) == shown;
    }
}
