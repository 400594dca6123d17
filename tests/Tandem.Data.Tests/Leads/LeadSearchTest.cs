using Tandem.Data.Leads;
using Tandem.Data.Store;

namespace Tandem.Data.Tests.Leads;

/// <summary>Lead search on both engines: a prefix of the id, name, e-mail or company, ignoring case; never a forgotten lead's erased fields; a sales rep finds only their own leads; hits paged both ways.</summary>
public class LeadSearchTest
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task FindsByPrefixIgnoringCase(DatabaseKind kind)
    {
        await using var db = await TestDatabases.OpenAsync(kind);
        await using var connection = await db.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            object?[][] rows =
            [
                ["default", "L-100", 1L, "Ann Smith", "ann.smith@acme.example", "Acme Corp", "ann"],
                ["default", "L-101", 1L, "anna Jones", "jones@annex.example", "ANNEX Ltd", "bob"],
                ["default", "X-7", 1L, "Bob Annan", "bob@zeta.example", "Zeta", "bob"],
                ["crm", "l-1000", 1L, "Forgettable Annette", "annette@acme.example", "Acme Corp", "ann"],
                ["default", "L-102", 1L, "Anchor%_Dot", "a_b@x.example", null, "cy"],
            ];
            await UpsertWriter.WriteAsync(tx, TableSpec.Leads, ["created_at", "name", "email", "company", "owner"], rows, 1);
            await tx.CommitAsync();
        }
        await LeadOperations.ForgetAsync(connection, "crm", "l-1000", 2);

        async Task<List<string>> Find(string q, string? viewer = null) =>
            [.. (await LeadSearch.FindAsync(connection, q, viewer)).Hits.Select(h => $"{h.Source}/{h.Id}").Order(StringComparer.Ordinal)];

        Assert.Equal(["default/L-100", "default/L-101"], await Find("ann"));
        Assert.Equal(["default/L-100", "default/L-101"], await Find("  ANN "));
        Assert.Equal(["default/L-100"], await Find("ann s"));
        Assert.Equal(["default/L-100"], await Find("acm"));                  // company (the forgotten lead's is erased)
        Assert.Equal(["default/L-101"], await Find("JONES@"));               // e-mail
        Assert.Equal(["crm/l-1000", "default/L-100", "default/L-101", "default/L-102"], await Find("l-1"));  // ids, the forgotten lead's too
        Assert.Empty(await Find("annette"));
        Assert.Empty(await Find("forget"));
        Assert.Empty(await Find("smith"));                                   // a prefix, not a substring
        Assert.Equal(["default/L-102"], await Find("anchor%_"));             // LIKE's wildcards are plain text here
        Assert.Empty(await Find("anchor%x"));
        Assert.Equal(["default/L-102"], await Find("a_b"));

        // A sales rep finds the leads they own or that carry a clock of theirs, no one else's.
        Assert.Equal(["default/L-101"], await Find("ann", "BOB"));
        Assert.Equal(["default/L-100"], await Find("ann", "ann"));
        Assert.Empty(await Find("bob", "ann"));

        var forgotten = (await LeadSearch.FindAsync(connection, "L-1000", null)).Hits.Single();
        Assert.Null(forgotten.Name);
        Assert.Null(forgotten.Email);

        // One hit a page: Next walks every hit once, Previous walks back.
        var first = await LeadSearch.FindAsync(connection, "l-1", null, null, 1);
        Assert.Equal(4, first.Count);
        Assert.Null(first.Previous);
        var pages = new List<LeadHitPage> { first };
        while (pages[^1].Next is { } next) pages.Add(await LeadSearch.FindAsync(connection, "l-1", null, next, 1));
        Assert.Equal(4, pages.Count);
        Assert.Equal(4, pages.SelectMany(p => p.Hits).Select(h => h.Source + h.Id).Distinct().Count());
        var back = await LeadSearch.FindAsync(connection, "l-1", null, pages[^1].Previous, 1);
        Assert.Equal(pages[^2].Hits, back.Hits);

        // Past 1,000 matches of a field the count says "at least", and the pages list those 1,000.
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await UpsertWriter.WriteAsync(tx, TableSpec.Leads, ["created_at", "name"],
                [.. Enumerable.Range(0, LeadSearch.Counted + 5).Select(i => new object?[] { "bulk", $"B{i:00000}", 1L, $"Zed {i}" })], 1);
            await tx.CommitAsync();
        }
        var many = await LeadSearch.FindAsync(connection, "zed", null);
        Assert.True(many.More);
        Assert.Equal(LeadSearch.Counted, many.Count);
        var walked = many.Hits.Count;
        for (var page = many; page.Next is { } next;)
        {
            page = await LeadSearch.FindAsync(connection, "zed", null, next);
            walked += page.Hits.Count;
        }
        Assert.Equal(LeadSearch.Counted, walked);
        Assert.False((await LeadSearch.FindAsync(connection, "zed 1000", null)).More);

        await Assert.ThrowsAsync<ArgumentException>(() => LeadSearch.FindAsync(connection, "   ", null));
        await Assert.ThrowsAsync<FormatException>(() => LeadSearch.FindAsync(connection, "ann", null, "garbage"));
    }
}
