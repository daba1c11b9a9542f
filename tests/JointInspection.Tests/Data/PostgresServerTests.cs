using System.Net.Sockets;
using JointInspection.TestSupport;
using Npgsql;

namespace JointInspection.Tests.Data;

/// <summary>
/// The tests' own PostgreSQL: started from Debian's package on loopback with a password, a database made and used on
/// it, and nothing left behind (no server on the port, no folder) once it is disposed.
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_server_starts_on_loopback_takes_writes_and_is_gone_once_disposed()
    {
        var server = await PostgresServer.StartAsync();
        var folder = server.DataFolder;
        await using (server)
        {
            var connectionString = await server.CreateDatabaseAsync("portal_test");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var write = new NpgsqlCommand("CREATE TABLE note (text text NOT NULL); INSERT INTO note VALUES ('written')", connection))
            {
                await write.ExecuteNonQueryAsync();
            }

            await using var read = new NpgsqlCommand("SELECT text, current_setting('listen_addresses'), current_database() FROM note", connection);
            await using var reader = await read.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(("written", "127.0.0.1", "portal_test"), (reader.GetString(0), reader.GetString(1), reader.GetString(2)));

            // Without the password the server refuses: it does not trust whoever reaches the port.
            var withoutPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = "wrong" }.ConnectionString;
            await using var refused = new NpgsqlConnection(withoutPassword);
            await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync());
        }

        Assert.False(Directory.Exists(folder));
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", server.Port));
    }
}
