namespace Tandem.Data.Import.Mapping;

/// <summary>
/// The column names CRM exports use for each Tandem field, compared without case, spaces or
/// punctuation (<c>Create Date</c>, <c>create_date</c> and <c>createdate</c> are one name).
/// </summary>
public static class FieldSynonyms
{
    private static readonly Dictionary<string, string[]> Common = new(StringComparer.Ordinal)
    {
        ["lead_id"] = ["leadid", "mqlid", "contactid", "recordid", "prospectid", "lead", "contact", "mql"],
        ["created_at"] = ["createdat", "createdate", "createddate", "created", "createdon", "firstcontactdate", "signupdate", "dateadded"],
        ["changed_at"] = ["changedat", "changedate", "stagedate", "enteredat", "date", "at"],
        ["touched_at"] = ["touchedat", "activitydate", "calldate", "date", "timestamp", "at"],
        ["closed_at"] = ["closedat", "closedate", "closeddate", "wondate", "closedwondate", "datewon"],
        ["lead_type"] = ["leadtype", "origin", "leadsource", "originalsource", "source", "originalsourcetype", "utmsource"],
        ["segment"] = ["segment", "customersegment", "tier"],
        ["owner"] = ["owner", "leadowner", "contactowner", "ownername", "ownerid", "hubspotowner", "assignedto"],
        ["rep"] = ["rep", "repid", "salesrep", "owner", "ownerid", "user", "assignedto", "srid", "sdrid"],
        ["name"] = ["name", "fullname", "contactname", "leadname"],
        ["email"] = ["email", "emailaddress", "mail"],
        ["company"] = ["company", "companyname", "account", "accountname", "organization", "companyaccount"],
        ["title"] = ["title", "jobtitle", "position"],
        ["stage"] = ["stage", "lifecyclestage", "leadstage", "funnelstage", "status", "leadstatus"],
        ["channel"] = ["channel", "activitytype", "type", "medium"],
        ["outcome"] = ["outcome", "result", "disposition", "callresult"],
        ["status"] = ["status", "dealstatus", "stage", "dealstage", "opportunitystage", "state"],
        ["amount"] = ["amount", "value", "dealvalue", "dealamount", "revenue", "price", "declaredmonthlyrevenue"],
        ["currency"] = ["currency", "currencycode", "currencyisocode"],
        ["team"] = ["team", "role", "department"],
        ["time_zone"] = ["timezone", "tz", "zone"],
        ["start_date"] = ["startdate", "hiredate", "started"],
        ["weekly_hours"] = ["weeklyhours", "hoursperweek", "hours"],
        ["marketing_share"] = ["marketingshare", "shareofmarketing"],
    };

    private static readonly Dictionary<ImportKind, string[]> Ids = new()
    {
        [ImportKind.Leads] = ["id", "leadid", "mqlid", "recordid", "contactid", "leadid18", "prospectid"],
        [ImportKind.Touches] = ["id", "touchid", "activityid", "taskid", "callid", "eventid"],
        [ImportKind.Deals] = ["id", "dealid", "opportunityid", "oppid", "recordid"],
        [ImportKind.Reps] = ["id", "repid", "userid", "ownerid", "employeeid"],
    };

    /// <summary>The names (compared as <see cref="Key"/>) that mean <paramref name="field"/> of <paramref name="kind"/>, best first.</summary>
    public static IReadOnlyList<string> For(ImportKind kind, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var own = Key(field);
        if (field == "id") return Ids.TryGetValue(kind, out var ids) ? ids : [own];
        return Common.TryGetValue(field, out var names) ? [own, .. names.Where(n => n != own)] : [own];
    }

    /// <summary>A column name without case, spaces or punctuation.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new string([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
    }
}
