using System.Data.Common;
using Npgsql;

namespace Tandem.Data.Clocks;

/// <summary>
/// The projector's row writes, sent many to a round trip on PostgreSQL. A projection writes about
/// ten rows a lead (clocks, facts, rollup deltas), each its own statement: in process on SQLite,
/// but a round trip each to a PostgreSQL server, which held a projection there to about 500 leads
/// a second. On PostgreSQL a write is queued with its parameters' values of the moment and sent in
/// an <see cref="NpgsqlBatch"/> of <see cref="Size"/> (still one statement each, in order, in the
/// same transaction); on SQLite it runs at once. Only writes whose results nobody reads go through
/// here, and <see cref="FlushAsync"/> runs before anything reads the tables they change.
/// </summary>
internal sealed class WritePipeline : IAsyncDisposable
{
    /// <summary>Statements a round trip.</summary>
    public const int Size = 500;

    private readonly NpgsqlBatch? _batch;

    public WritePipeline(DbConnection connection, DbTransaction tx)
    {
        if (connection is NpgsqlConnection postgres) _batch = new NpgsqlBatch(postgres, (NpgsqlTransaction)tx);
    }

    /// <summary>Runs <paramref name="command"/> (SQLite) or queues it as its parameters stand now (PostgreSQL).</summary>
    public async Task ExecuteAsync(DbCommand command, CancellationToken cancel)
    {
        if (_batch is null)
        {
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            return;
        }
        var queued = new NpgsqlBatchCommand(command.CommandText);
        foreach (DbParameter p in command.Parameters) queued.Parameters.Add(new NpgsqlParameter(p.ParameterName, p.Value ?? DBNull.Value));
        _batch.BatchCommands.Add(queued);
        if (_batch.BatchCommands.Count >= Size) await FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Sends what is queued.</summary>
    public async Task FlushAsync(CancellationToken cancel)
    {
        if (_batch is null || _batch.BatchCommands.Count == 0) return;
        await _batch.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        _batch.BatchCommands.Clear();
    }

    public ValueTask DisposeAsync() => _batch?.DisposeAsync() ?? ValueTask.CompletedTask;
}
