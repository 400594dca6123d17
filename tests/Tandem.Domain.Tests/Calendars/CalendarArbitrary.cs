using FsCheck;
using FsCheck.Fluent;

namespace Tandem.Domain.Tests.Calendars;

/// <summary>Calendar cases from seeds spread over the whole int range (FsCheck's own ints stay small and repeat).</summary>
public static class CalendarArbitrary
{
    public static Arbitrary<CalendarCase> Cases() => Gen.Choose(0, int.MaxValue - 1).Select(CalendarCase.From).ToArbitrary();
}
