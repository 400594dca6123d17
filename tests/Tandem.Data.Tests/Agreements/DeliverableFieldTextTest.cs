using Tandem.Data.Agreements;
using Tandem.Domain.Agreements;
using Tandem.Domain.Deliverables;
using Tandem.Domain.Numbers;

namespace Tandem.Data.Tests.Agreements;

/// <summary>The single-value readers of <c>deliverables</c> refuse as the file does: same field, same reason.</summary>
public class DeliverableFieldTextTest
{
    private const string Head = "schemaVersion: 1\nname: SLA\nperiod: 2026-11\nquota: 500000\ndealSize: 2000\ncloseRate: 20%\n";

    private static AgreementFileError FileError(string deliverables) =>
        Assert.Throws<AgreementFileException>(() => AgreementFile.Parse(Head + "deliverables:\n" + deliverables, "a.yaml")).Errors.Single();

    private static InvalidInputException FieldError(Action read) => Assert.Throws<InvalidInputException>(read);

    [Theory]
    [InlineData("  campaigns:\n    launches: { count: 3, per: fortnight }\n", "deliverables.campaigns.launches.per", "fortnight")]
    [InlineData("  campaigns:\n    followUp: { within: 48 hours, clock: sometimes }\n", "deliverables.campaigns.followUp.clock", "sometimes")]
    [InlineData("  reports:\n    feedback: { within: soon }\n", "deliverables.reports.feedback.within", "soon")]
    [InlineData("  training:\n    attendance: { required: 150% }\n", "deliverables.training.attendance.required", "150%")]
    [InlineData("  reports:\n    deliver: { count: many, per: week }\n", "deliverables.reports.deliver.count", "many")]
    public void AFieldReader_RefusesWithTheFilesFieldAndReason(string deliverables, string field, string value)
    {
        var file = FileError(deliverables);
        Action read = field.Split('.')[^1] switch
        {
            "per" => () => DeliverableFieldText.Per(value, field),
            "clock" => () => DeliverableFieldText.FollowUpClock(value, field),
            "within" => () => DeliverableFieldText.Days(value, field),
            "required" => () => DeliverableFieldText.Required(value, field),
            _ => () => DeliverableFieldText.Count(value, field),
        };
        var single = FieldError(read);
        Assert.Equal((file.Field, file.Reason), (single.Field, single.Reason));
    }

    [Fact]
    public void TheReaders_ReadWhatTheFileReads_AndFormatAsItWrites()
    {
        Assert.Equal(QuotaPeriod.Quarter, DeliverableFieldText.Per(" Quarter ", "per"));
        Assert.Equal(ClockKind.Working, DeliverableFieldText.FollowUpClock("working", "clock"));
        Assert.Equal(2880, DeliverableFieldText.Minutes("48 hours", "within"));
        Assert.Equal(28, DeliverableFieldText.Days("4 weeks", "within"));
        Assert.Equal("must be a whole number from 1 to 10,000 (got 0)", FieldError(() => DeliverableFieldText.Count("0", "count")).Reason);
        Assert.Equal("95%", DeliverableFieldText.Format(DeliverableFieldText.Required("19 in 20", "required")));
        Assert.Equal("1/3", DeliverableFieldText.Format(Share.Parse("1/3", "required")));
        Assert.Equal("week", DeliverableFieldText.Format(QuotaPeriod.Week));
    }
}
