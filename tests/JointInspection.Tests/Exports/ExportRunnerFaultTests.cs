using System.Data.Common;
using System.Net;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Exports;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JointInspection.Tests.Exports;

/// <summary>The export runner, a background service, through a database that cannot take its writes.</summary>
public sealed class ExportRunnerFaultTests
{
    [Fact]
    public async Task A_database_too_busy_for_the_runner_as_the_portal_starts_is_tried_again_and_the_portal_keeps_serving()
    {
        var failedPasses = new RunnerFailures();
        var turn = new WriteTurnTakenFirst();
        using var portal = new PortalFactory();
        portal.Settings["Database:LockWaitSeconds"] = "1";
        // Another write holds this process's write turn from before the runner starts until the test lets it go, as a
        // long write on a busy node would: the runner's first pass waits for it longer than the lock wait, and fails.
        using var busy = portal.WithWebHostBuilder(builder => builder
            .ConfigureLogging(logging => logging.AddProvider(failedPasses))
            .ConfigureTestServices(services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(provider => turn.On(provider.GetRequiredService<Database>())))));
        var client = busy.CreateClient();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        busy.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());

        // A background service that throws stops the whole host, and with it the portal.
        var first = await Task.WhenAny(failedPasses.First.Task, stopping.Task).WaitAsync(TestPatience.SafetyNet);
        Assert.True(first == failedPasses.First.Task, "The portal stopped when its export runner could not write.");
        await turn.GiveBackAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var queued = await busy.Services.GetRequiredService<ExportJobStore>().RequestAsync("after-busy@example.org", "", ExportFormats.Csv, CancellationToken.None);
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        var finished = await busy.Services.GetRequiredService<ExportRunner>()
            .WhenFinishedAsync(((ExportRequestResult.Queued)queued).Job.Id, patience.Token);
        Assert.Equal(ExportStates.Done, finished.State);
    }

    /// <summary>Started before every other hosted service: takes the process's write turn and keeps it.</summary>
    private sealed class WriteTurnTakenFirst : IHostedService
    {
        private Database? database;
        private DbConnection? held;

        public WriteTurnTakenFirst On(Database portalDatabase)
        {
            database = portalDatabase;
            return this;
        }

        public async Task StartAsync(CancellationToken cancellationToken) => held = await database!.OpenForWriteAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => GiveBackAsync();

        public async Task GiveBackAsync()
        {
            if (Interlocked.Exchange(ref held, null) is { } connection)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Completes when the export runner logs its first failed pass.</summary>
    private sealed class RunnerFailures : ILoggerProvider, ILogger
    {
        public TaskCompletionSource First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ILogger CreateLogger(string categoryName) =>
            categoryName == typeof(ExportRunner).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error && exception is StorageUnavailableException)
            {
                First.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
