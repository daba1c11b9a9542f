using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Tests.Data;

/// <summary>
/// The portal's sessions on PostgreSQL prepare the statements they run again and again, unless the connection string
/// names its own Max Auto Prepare (0 for a pooler that cannot keep prepared statements).
/// </summary>
[Trait("Database", "postgresql-only")]
public sealed class PostgresPreparedStatementsTests
{
    [Theory]
    [InlineData("", 1)]
    [InlineData(";Max Auto Prepare=0", 0)]
    public async Task A_statement_run_often_is_prepared_unless_the_connection_string_says_not(string setting, long prepared)
    {
        var connectionString = await TestDatabase.CreatePostgreSqlAsync();
        try
        {
            using var database = new Database(connectionString + setting, dialect: SqlDialect.PostgreSql);
            await using var connection = await database.OpenAsync();
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(i + 1, await connection.ExecuteScalarAsync<long>("SELECT CAST(@i AS bigint) + 1", new { i }));
            }

            Assert.Equal(prepared, await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%CAST($1 AS bigint) + 1%'"));
        }
        finally
        {
            await TestDatabase.DropPostgreSqlAsync(connectionString);
        }
    }
}
