using NodaTime;
using Tandem.Data.Store;

namespace Tandem.Web;

/// <summary>What the server runs on: the database, and the zone every time it prints is shown in.</summary>
/// <param name="Database">Where the data lives.</param>
/// <param name="Zone">The configured time zone (UTC unless configured).</param>
public sealed record TandemServerSettings(DatabaseTarget Database, DateTimeZone Zone);
