using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace JointInspection.TestSupport;

/// <summary>
/// A real PostgreSQL server for tests, from Debian's postgresql package: a cluster made by initdb in a temporary folder,
/// started by pg_ctl on a free port of 127.0.0.1 with a random password, and stopped and removed when disposed.
/// PostgreSQL refuses to run as root, so when the tests run as root its programs run as the postgres user.
/// Tests run it with fsync off, since a test's data need not outlive a power cut; a benchmark sets
/// PORTAL_TEST_POSTGRES_DURABLE=1 to measure the durable database a deployment runs (fsync and synchronous_commit on),
/// as SQLite's figures are taken with synchronous=FULL.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Set to 1 for a server that flushes every commit to disk, as a deployment's does.</summary>
    public const string DurableVariable = "PORTAL_TEST_POSTGRES_DURABLE";

    private const string Superuser = "portal_tests";

    private readonly string folder;
    private readonly string bin;

    private readonly int preparedTransactions;

    private PostgresServer(string folder, string bin, int port, string password, int preparedTransactions)
    {
        this.folder = folder;
        this.bin = bin;
        this.preparedTransactions = preparedTransactions;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Superuser,
            Password = password,
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>The superuser's connection to the server's postgres database.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server's data and log are: removed on dispose.</summary>
    public string DataFolder => Path.Combine(folder, "data");

    /// <summary>Whether servers started by this process flush each commit to disk (<see cref="DurableVariable"/>).</summary>
    public static bool Durable => Environment.GetEnvironmentVariable(DurableVariable) == "1";

    /// <param name="preparedTransactions">
    /// max_prepared_transactions: 0, as a deployment has it, unless a test needs PREPARE TRANSACTION, whose prepared
    /// transactions keep their locks when the sessions that took them end, even across a stop and a start.
    /// </param>
    public static async Task<PostgresServer> StartAsync(int preparedTransactions = 0)
    {
        var bin = Binaries();
        RemoveLeftovers();
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var server = new PostgresServer(folder, bin, MailSupport.FreePort(), password, preparedTransactions);
        try
        {
            var passwordFile = Path.Combine(folder, "password");
            await File.WriteAllTextAsync(passwordFile, password);
            if (IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", folder]);
            }

            await server.RunAsPostgresAsync("initdb", "-D", server.DataFolder, "-U", Superuser, "--pwfile", passwordFile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
            File.Delete(passwordFile);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the server as an operator or a crash of its host would, fast: every session is ended and every open
    /// transaction rolled back. The cluster stays, for <see cref="StartAgainAsync"/>.
    /// </summary>
    public Task StopAsync() =>
        RunAsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "-t", TestPatience.SafetyNetSeconds, "stop");

    /// <summary>Starts the server (again) on its port, returning once it accepts connections.</summary>
    public Task StartAgainAsync() =>
        // -w waits until the server accepts connections; the safety net only stops a hang.
        RunAsPostgresAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-w",
            "-t", TestPatience.SafetyNetSeconds, "-o",
            $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{DataFolder}' {(Durable ? "-c fsync=on -c synchronous_commit=on" : "-c fsync=off")} -c max_connections=400 -c max_prepared_transactions={preparedTransactions}{OneCore}", "start");

    /// <summary>
    /// A server confined to one core (the benchmarks pin it, with the portal, to theirs) is configured as one: no
    /// parallel workers, which could only take turns on that core with the query they were meant to speed up.
    /// </summary>
    private static string OneCore => Environment.ProcessorCount == 1 ? " -c max_parallel_workers_per_gather=0" : "";

    /// <summary>
    /// A new database on the server, empty or a copy of <paramref name="template"/>, and the connection string to it,
    /// pooled as a deployment's is: without a pool every open is a new server process and a SCRAM exchange, which
    /// made the portal on PostgreSQL look many times slower than it is (DROP … WITH (FORCE) ends pooled sessions).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, string? template = null)
    {
        var copy = template is null ? "" : $" TEMPLATE {Quoted(template)}";
        await ExecuteAsync($"CREATE DATABASE {Quoted(name)}{copy}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops a database, disconnecting whoever is still on it.</summary>
    public Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS {Quoted(name)} WITH (FORCE)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Quoted(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await StopAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string FolderPrefix = "joint-inspection-pg-";

    /// <summary>
    /// A test process that is killed while it exits (the test host is stopped once its tests are done) may have stopped
    /// its server but not yet deleted its folder. Folders over an hour old with no server running in them are such
    /// leftovers; a younger one may be another run's, still starting.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var leftover in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(FolderPrefix + "*"))
        {
            if (leftover.CreationTimeUtc < DateTime.UtcNow.AddHours(-1) && !File.Exists(Path.Combine(leftover.FullName, "data", "postmaster.pid")))
            {
                try
                {
                    leftover.Delete(recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another run removing it at the same time, or not ours to remove: either way, not this test's concern.
                }
            }
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest PostgreSQL installed by Debian's packages.</summary>
    private static string Binaries() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(version => Path.Combine(version, "bin"))
            .Where(path => File.Exists(Path.Combine(path, "pg_ctl")))
            .OrderByDescending(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(path)), out var major) ? major : 0)
            .FirstOrDefault()
        ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (the tests start their own server).");

    private Task RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments])
            : RunAsync(Path.Combine(bin, program), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        await process.WaitForExitAsync(patience.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
