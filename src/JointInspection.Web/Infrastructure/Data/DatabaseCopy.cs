using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>How many rows one table had in the SQLite database and has in PostgreSQL after the copy.</summary>
public sealed record CopiedTable(string Name, long SqliteRows, long PostgreSqlRows)
{
    public bool Matches => SqliteRows == PostgreSqlRows;
}

/// <summary>Why a copy was refused before anything was written: the message says what to do.</summary>
public sealed class DatabaseCopyRefusedException(string message) : Exception(message);

/// <summary>
/// Moves a portal's SQLite database into a new PostgreSQL one: every table's rows, ids kept, in one PostgreSQL
/// transaction that commits only if every table's row count then matches. The PostgreSQL database is the portal's own
/// (migrated at start-up, so its schema is current); the SQLite one is brought up to date first, as starting the portal
/// on it would. The PostgreSQL side must hold no submissions yet: its seed rows (the first round's programme) are
/// replaced by the SQLite database's.
/// </summary>
public sealed class DatabaseCopy(Database target)
{
    // The journal is each database's own; the search index is rebuilt by PostgreSQL's trigger as submissions arrive;
    // SQLite's FTS5 tables and its sequence table have no counterpart.
    private static readonly string[] NotCopied = [DatabaseStartup.JournalTable, "submission_search", "sqlite_sequence"];

    public async Task<IReadOnlyList<CopiedTable>> CopyAsync(string sqliteFile, CancellationToken cancellationToken)
    {
        if (!target.IsPostgreSql)
        {
            throw new DatabaseCopyRefusedException(
                "db copy copies into PostgreSQL: set Database:Provider to postgresql and ConnectionStrings:Portal to the new database.");
        }

        if (!File.Exists(sqliteFile))
        {
            throw new DatabaseCopyRefusedException($"There is no SQLite database at '{Path.GetFullPath(sqliteFile)}'. Give the portal.db file to copy with --from.");
        }

        using var source = new Database($"Data Source={sqliteFile};Mode=ReadWrite");
        new DatabaseStartup(source, NullLogger<DatabaseStartup>.Instance).Migrate();
        await using var from = (SqliteConnection)await source.OpenAsync(cancellationToken);
        await using var to = (NpgsqlConnection)await target.OpenAsync(cancellationToken);
        var tables = await TablesAsync(from, to, cancellationToken);

        await using var transaction = await to.BeginWriteAsync(cancellationToken);
        if (await to.ExecuteScalarAsync<long>("SELECT count(*) FROM submission", transaction: transaction) > 0)
        {
            throw new DatabaseCopyRefusedException(
                "The PostgreSQL database already holds submissions. db copy only fills a new database: create an empty one and point ConnectionStrings:Portal at it.");
        }

        // Foreign keys are dropped for the copy and added back at the end, which checks every copied row against them
        // at once: the tables refer to each other in a cycle (a workstream to the submission that proposed it), so no
        // order of tables would do.
        var foreignKeys = (await to.QueryAsync<(string Table, string Name, string Definition)>(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
              FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
             WHERE c.contype = 'f' AND n.nspname = 'public'
            """, transaction: transaction)).ToList();
        foreach (var (table, name, _) in foreignKeys)
        {
            await to.ExecuteAsync($"ALTER TABLE {table} DROP CONSTRAINT {name}", transaction: transaction);
        }

        await to.ExecuteAsync($"TRUNCATE {string.Join(", ", tables.Select(t => t.Name))}", transaction: transaction);
        foreach (var table in tables)
        {
            await CopyRowsAsync(from, to, table, cancellationToken);
        }

        foreach (var (table, name, definition) in foreignKeys)
        {
            await to.ExecuteAsync($"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}", transaction: transaction);
        }

        await RestartIdentitiesAsync(to, transaction);
        var counted = new List<CopiedTable>();
        foreach (var table in tables)
        {
            counted.Add(new CopiedTable(
                table.Name,
                await from.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table.Name}"),
                await to.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table.Name}", transaction: transaction)));
        }

        if (counted.All(t => t.Matches))
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return counted;
    }

    private sealed record Table(string Name, IReadOnlyList<(string Name, NpgsqlDbType Type)> Columns);

    /// <summary>The tables to copy, with PostgreSQL's columns; refused unless both databases have the same tables.</summary>
    private static async Task<IReadOnlyList<Table>> TablesAsync(SqliteConnection from, NpgsqlConnection to, CancellationToken cancellationToken)
    {
        var sqlite = (await from.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'submission_search%'"))
            .Except(NotCopied).Order(StringComparer.Ordinal).ToList();
        var columns = (await to.QueryAsync<(string Table, string Column, string Type)>(new CommandDefinition(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
             WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """, cancellationToken: cancellationToken)))
            .Where(c => !NotCopied.Contains(c.Table))
            .GroupBy(c => c.Table)
            .ToDictionary(g => g.Key, g => g.Select(c => (c.Column, TypeOf(c.Table, c.Column, c.Type))).ToList());
        var postgres = columns.Keys.Order(StringComparer.Ordinal).ToList();
        if (!sqlite.SequenceEqual(postgres))
        {
            throw new DatabaseCopyRefusedException(
                $"The two databases' tables differ (only in SQLite: {string.Join(", ", sqlite.Except(postgres).DefaultIfEmpty("none"))}; " +
                $"only in PostgreSQL: {string.Join(", ", postgres.Except(sqlite).DefaultIfEmpty("none"))}). Run the same version of the portal on both.");
        }

        return [.. postgres.Select(name => new Table(name, columns[name]))];
    }

    private static NpgsqlDbType TypeOf(string table, string column, string type) => type switch
    {
        "bigint" => NpgsqlDbType.Bigint,
        "text" => NpgsqlDbType.Text,
        "double precision" => NpgsqlDbType.Double,
        "bytea" => NpgsqlDbType.Bytea,
        _ => throw new DatabaseCopyRefusedException($"{table}.{column} is {type} in PostgreSQL, which db copy does not know how to fill."),
    };

    /// <summary>Streams one table through PostgreSQL's binary COPY, reading SQLite row by row.</summary>
    private static async Task CopyRowsAsync(SqliteConnection from, NpgsqlConnection to, Table table, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", table.Columns.Select(c => c.Name));
        await using var reader = await from.ExecuteReaderAsync($"SELECT {names} FROM {table.Name}");
        await using var importer = await to.BeginBinaryImportAsync($"COPY {table.Name} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (reader.IsDBNull(i))
                {
                    await importer.WriteNullAsync(cancellationToken);
                    continue;
                }

                var type = table.Columns[i].Type;
                object value = type switch
                {
                    NpgsqlDbType.Bigint => reader.GetInt64(i),
                    NpgsqlDbType.Double => reader.GetDouble(i),
                    NpgsqlDbType.Bytea => (byte[])reader.GetValue(i),
                    _ => reader.GetString(i),
                };
                await importer.WriteAsync(value, type, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Each identity column's next value follows the highest id copied, so new rows do not collide with old ones.</summary>
    private static async Task RestartIdentitiesAsync(NpgsqlConnection to, IDbTransaction transaction)
    {
        var identities = await to.QueryAsync<(string Table, string Column)>(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
            transaction: transaction);
        foreach (var (table, column) in identities)
        {
            await to.ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)",
                transaction: transaction);
        }
    }
}
