using System.Diagnostics;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Benchmarks;

/// <summary>
/// A round's held outcomes released together: 10,000 responses, each with a final "noted" decision held back because
/// the round releases its outcomes together, released by the real <see cref="DecisionStore.ReleaseRoundAsync"/> and
/// delivered by the portal's outbox sender to a local SMTP sink (<see cref="SmtpSink"/>). Two figures: the release's
/// transaction, beside raw Microsoft.Data.Sqlite writing the same rows (each decision marked released, each outcome
/// email's outbox row) in one transaction; and the release until the last email reaches the sink, beside raw MailKit
/// sending the same 10,000 emails. Everything is done once with a release of 200 first, to warm up.
/// </summary>
internal static class ReleaseBenchmark
{
    private const int Outcomes = 10_000;
    private const int WarmUp = 200;
    private const double TargetPerSecond = 100;
    private const string Rationale = "Thank you: the chief inspectors read every response, and yours was taken into account.";
    private const string CeilingBatch = "benchmark:ceiling";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync()
    {
        await using var sink = new SmtpSink();
        await using var portal = new BenchmarkPortal();
        portal.Settings["Email:Smtp:Host"] = "127.0.0.1";
        portal.Settings["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Only the release's own wake starts the sender, so the figure is the release and not the poll.
        portal.Settings["Email:Outbox:PollSeconds"] = "3600";
        var services = portal.Services;
        var publicBase = new Uri(portal.Settings["Portal:PublicBaseUrl"]!);

        var round = (await services.GetRequiredService<ProgrammeReader>().ReadAllAsync())[0].Round;
        var mode = await services.GetRequiredService<RoundStore>().SetReleaseModeAsync(round.Code, ReleaseModes.Together, Staff.Secretariat, CancellationToken.None);
        if (!mode.Saved)
        {
            throw new InvalidOperationException($"The {round.Code} round's outcomes could not be held: {string.Join("; ", mode.Errors.Values)}");
        }

        await ReleaseAsync(services, sink, round, publicBase, WarmUp);
        var run = await ReleaseAsync(services, sink, round, publicBase, Outcomes);

        var lockWait = services.GetRequiredService<Database>().LockWait.TotalSeconds;
        var rate = Outcomes / run.ToDelivered;
        var ceilingRate = Outcomes / (run.CeilingRelease + run.CeilingSend);
        var drainRate = Outcomes / (run.ToDelivered - run.Release);
        var sendRate = Outcomes / run.CeilingSend;
        Program.Print($"round {round.Code}, {Outcomes:N0} responses with held \"noted\" decisions: submissions by raw inserts in {run.SeedSeconds:F1} s, decisions through DecisionStore.DecideAsync in {run.DecideSeconds:F1} s ({Outcomes / run.DecideSeconds:F0}/s)");
        Program.Print($"release of {Outcomes:N0} held outcomes (ReleaseRoundAsync, one transaction) {run.Release,7:F2} s   ceiling (raw Microsoft.Data.Sqlite, the same decision marks and outbox rows, one transaction) {run.CeilingRelease,6:F2} s   ratio {run.Release / run.CeilingRelease,5:F1}   target < {lockWait:F0} s (Database:LockWaitSeconds: a write kept waiting longer is refused): {(run.Release < lockWait ? "met" : "NOT met")}");
        Program.Print($"release to the last of {Outcomes:N0} outcome emails in the sink, emails/s {rate,8:F0} ({run.ToDelivered:F1} s)   ceiling (raw release transaction + raw MailKit) {ceilingRate,8:F0}   ratio {rate / ceilingRate,5:F2}   target ≥ {TargetPerSecond} emails/s: {(rate >= TargetPerSecond ? "met" : "NOT met")}");
        Program.Print($"  of which the outbox drain, from the release's commit, emails/s {drainRate,8:F0}   ceiling (raw MailKit, the same messages, one connection) {sendRate,8:F0}   ratio {drainRate / sendRate,5:F2}");
        var progress = run.Progress;
        var agrees = progress.Outcomes == Outcomes && progress.Sent == run.Delivered && progress.Failed == 0 && progress.Waiting == 0 && run.Delivered == Outcomes;
        Program.Print($"  the outcomes page's progress for release {progress.Release}: {progress.Outcomes:N0} outcomes, {progress.Sent:N0} sent, {progress.Failed:N0} failed, {progress.Waiting:N0} waiting; the sink got {run.Delivered:N0}: {(agrees ? "they agree" : "MISMATCH")}; {run.HeldAfter:N0} still held");
        return 0;
    }

    private sealed record Run(
        double SeedSeconds, double DecideSeconds, double CeilingRelease, double CeilingSend, double Release, double ToDelivered,
        long Delivered, ReleaseProgress Progress, int HeldAfter);

    /// <summary>Seeds <paramref name="count"/> held outcomes, measures both ceilings on them, then releases them.</summary>
    private static async Task<Run> ReleaseAsync(IServiceProvider services, SmtpSink sink, ProgrammeRound round, Uri publicBase, int count)
    {
        var database = services.GetRequiredService<Database>();
        var store = services.GetRequiredService<DecisionStore>();

        var seeding = Stopwatch.StartNew();
        var ids = SeedResponses(database, services.GetRequiredService<StatusLinks>(), round, count);
        var seedSeconds = seeding.Elapsed.TotalSeconds;

        var deciding = Stopwatch.StartNew();
        await DecideAsync(services, store, ids, publicBase);
        var decideSeconds = deciding.Elapsed.TotalSeconds;

        var emails = await OutcomeEmailsAsync(database, store, services.GetRequiredService<StatusLinks>(), ids, publicBase);
        var ceilingRelease = WriteRaw(database, ids, emails);
        var sent = sink.Accepted;
        var sending = Stopwatch.StartNew();
        await OutboxBenchmark.SendRawAsync(sink, emails);
        var ceilingSend = sending.Elapsed.TotalSeconds;
        if (sink.Accepted - sent != count)
        {
            throw new InvalidOperationException($"The sink got {sink.Accepted - sent} of the {count} raw messages.");
        }

        var held = (await store.RoundOutcomesAsync(round.Id, CancellationToken.None)).Held;
        if (held != count)
        {
            throw new InvalidOperationException($"{held} outcomes are held, not the {count} just decided.");
        }

        var before = sink.Accepted;
        var clock = Stopwatch.StartNew();
        var result = await store.ReleaseRoundAsync(round, Staff.Secretariat, publicBase, CancellationToken.None);
        var release = clock.Elapsed.TotalSeconds;
        if (result is not ReleaseResult.Released released || released.Outcomes != count)
        {
            throw new InvalidOperationException($"The release did not release the {count} held outcomes: {result}");
        }

        using var deadline = new CancellationTokenSource(Patience);
        await using (var connection = await database.OpenAsync())
        {
            // A cheap read ten times a second (by the batch's index), against thousands of writes by the sender.
            var batch = DecisionStore.ReleaseBatch(released.Release);
            while (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_message WHERE batch = @batch AND sent_at IS NULL", new { batch }) > 0
                   || sink.Accepted - before < count)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }

        var toDelivered = clock.Elapsed.TotalSeconds;
        var outcomes = await store.RoundOutcomesAsync(round.Id, CancellationToken.None);
        return new Run(
            seedSeconds, decideSeconds, ceilingRelease, ceilingSend, release, toDelivered, sink.Accepted - before,
            outcomes.Releases.Single(r => r.Release == released.Release), outcomes.Held);
    }

    /// <summary>
    /// Responses to the whole programme, written as the portal writes them (with a status link's token kept protected, so
    /// each outcome email carries a working link), in one transaction with one prepared statement.
    /// </summary>
    private static long[] SeedResponses(Database database, StatusLinks statusLinks, ProgrammeRound round, int count)
    {
        using var connection = (SqliteConnection)database.Open();
        using var transaction = (SqliteTransaction)connection.BeginWrite();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO submission (round_id, kind, response_to, stance, body_text, body_html, respondent_name, respondent_email,
                respondent_type, publication_consent, status_token_hash, protected_status_token, received_at, email_confirmed_at)
            VALUES ($round, 'response', 'programme', 'support-with-changes', $text, $html, $name, $email,
                'individual', 'anonymous', $hash, $protected, $now, $now)
            RETURNING id
            """;
        foreach (var name in new[] { "$round", "$text", "$html", "$name", "$email", "$hash", "$protected", "$now" })
        {
            insert.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        insert.Prepare();
        var text = "The programme should look harder at remand, bail and the use of hostels on release.";
        var now = DateTimeHandlers.ToStoredText(DateTimeOffset.UtcNow);
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            var token = LinkToken.New();
            insert.Parameters["$round"].Value = round.Id;
            insert.Parameters["$text"].Value = text;
            insert.Parameters["$html"].Value = $"<p>{text}</p>";
            insert.Parameters["$name"].Value = $"Respondent {i}";
            insert.Parameters["$email"].Value = $"respondent{i}@example.org";
            insert.Parameters["$hash"].Value = LinkToken.Hash(token);
            insert.Parameters["$protected"].Value = statusLinks.Protect(token);
            insert.Parameters["$now"].Value = now;
            ids[i] = (long)insert.ExecuteScalar()!;
        }

        transaction.Commit();
        return ids;
    }

    /// <summary>
    /// Each decision as a chief inspector records it, one transaction each: the round holds its outcomes, so each is final
    /// and held, and none writes an email.
    /// </summary>
    private static async Task DecideAsync(IServiceProvider services, DecisionStore store, long[] ids, Uri publicBase)
    {
        var programme = await services.GetRequiredService<ProgrammeReader>().ReadAsync(CancellationToken.None);
        var (decision, errors) = DecisionRules.Check(
            new DecisionRequest(Version: 0, Outcome: DecisionOutcome.Noted, Rationale: Rationale), SubmissionKind.Response, DecisionChoices.From(programme));
        if (decision is null)
        {
            throw new InvalidOperationException($"The benchmark's decision is refused: {string.Join("; ", errors.Values)}");
        }

        foreach (var id in ids)
        {
            var result = await store.DecideAsync(id, decision, Staff.ProbationChiefInspector, "hmi-probation", publicBase, CancellationToken.None);
            if (result is not DecisionResult.Saved { Decision: { IsFinal: true, IsReleased: false } })
            {
                throw new InvalidOperationException($"The decision on {SubmissionReference.Format(id)} was not saved final and held: {result}");
            }
        }
    }

    /// <summary>The emails the release will write, made outside any timing, for the ceilings to write and send.</summary>
    private static async Task<OutgoingEmail[]> OutcomeEmailsAsync(Database database, DecisionStore store, StatusLinks statusLinks, long[] ids, Uri publicBase)
    {
        await using var connection = await database.OpenAsync();
        var respondents = (await connection.QueryAsync<(long Id, string Name, string Email, string Token)>(
            "SELECT id, respondent_name, respondent_email, protected_status_token FROM submission WHERE id BETWEEN @first AND @last",
            new { first = ids[0], last = ids[^1] })).ToDictionary(r => r.Id);
        var emails = new OutgoingEmail[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            var respondent = respondents[id];
            var decision = (await store.CurrentAsync(id, CancellationToken.None))!;
            emails[i] = DecisionEmails.Outcome(
                id, SubmissionReference.Format(id), SubmissionKind.Response, null, respondent.Email, respondent.Name, decision, null, null,
                PortalPaths.Absolute(publicBase, statusLinks.PathFor(respondent.Token)!));
        }

        return emails;
    }

    /// <summary>
    /// The ceiling for the release's transaction: what it must write and no more (each decision marked released, each
    /// email's outbox row), by raw Microsoft.Data.Sqlite with prepared statements on a connection with the portal's PRAGMAs.
    /// Then, untimed, it is undone, so the release finds the outcomes held as before. The rows are not due for a century,
    /// so the sender never sends them.
    /// </summary>
    /// <returns>Seconds from BEGIN IMMEDIATE to the commit.</returns>
    private static double WriteRaw(Database database, long[] ids, OutgoingEmail[] emails)
    {
        using var connection = (SqliteConnection)database.Open();
        var clock = Stopwatch.StartNew();
        using (var transaction = (SqliteTransaction)connection.BeginWrite())
        {
            using var mark = Command(connection, transaction,
                "UPDATE decision SET released_at = $now WHERE submission_id = $id AND version = 1", "$now", "$id");
            using var outbox = Command(connection, transaction, """
                INSERT INTO outbox_message (submission_id, purpose, to_address, subject, text_body, html_body, created_at, next_attempt_at, batch)
                VALUES ($id, $purpose, $to, $subject, $text, $html, $now, $later, $batch)
                """, "$id", "$purpose", "$to", "$subject", "$text", "$html", "$now", "$later", "$batch");
            var now = DateTimeHandlers.ToStoredText(DateTimeOffset.UtcNow);
            var later = DateTimeHandlers.ToStoredText(DateTimeOffset.UtcNow.AddYears(100));
            for (var i = 0; i < ids.Length; i++)
            {
                var email = emails[i];
                Set(mark, now, ids[i]);
                mark.ExecuteNonQuery();
                Set(outbox, ids[i], email.Purpose, email.To, email.Subject, email.TextBody, email.HtmlBody!, now, later, CeilingBatch);
                outbox.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        using (var transaction = (SqliteTransaction)connection.BeginWrite())
        {
            connection.Execute(
                "UPDATE decision SET released_at = NULL WHERE submission_id BETWEEN @first AND @last AND release_id IS NULL",
                new { first = ids[0], last = ids[^1] }, transaction);
            connection.Execute("DELETE FROM outbox_message WHERE batch = @CeilingBatch", new { CeilingBatch }, transaction);
            transaction.Commit();
        }

        return seconds;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
