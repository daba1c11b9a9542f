using System.Data;
using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// Reads every round's programme in one round trip (it is small and every page shows part of it) and keeps the
/// last one in memory. Triggers bump programme_revision on every change to the tables it comes from, whoever makes
/// it; the reader looks at that number at most once every Programme:CacheCheckMilliseconds (0: on every read) and
/// reads the programme again only when it has moved. Writers in this process call <see cref="Invalidate"/> after
/// committing, so their own change shows at the next read.
/// </summary>
public sealed class ProgrammeReader : IDisposable
{
    public const string CheckSetting = "Programme:CacheCheckMilliseconds";

    private const string RevisionSql = "SELECT revision FROM programme_revision WHERE id = 1";

    private const string Sql = """
        SELECT revision FROM programme_revision WHERE id = 1;
        SELECT id AS Id, first_year AS FirstYear, title AS Title, opens_at AS OpensAt, closes_at AS ClosesAt, concluded_at AS ConcludedAt,
               release_mode AS ReleaseMode, finalised_at AS FinalisedAt
          FROM programme_round ORDER BY first_year;
        SELECT code, name, short_name AS ShortName, kind FROM inspectorate ORDER BY sort_order;
        SELECT name, title, is_chair AS IsChair, inspectorate_code AS InspectorateCode FROM chief_inspector ORDER BY is_chair DESC, name;
        SELECT code, name, agencies FROM area_of_focus ORDER BY sort_order;
        SELECT code, name FROM cross_cutting_issue ORDER BY sort_order;
        SELECT number, title, text FROM principle ORDER BY number;
        SELECT w.id, w.round_id AS RoundId, w.carried_from_id AS CarriedFromId, w.slug, w.title, w.summary, w.section, w.kind, w.status, w.programme_year AS ProgrammeYear,
               w.expected_publication AS ExpectedPublication, w.origin_submission_id AS OriginSubmissionId,
               CASE WHEN s.publication_consent = @named AND s.personal_data_removed_at IS NULL THEN coalesce(s.organisation_name, s.respondent_name) END AS OriginName,
               w.origin_submission_id IS NULL OR d.released_at IS NOT NULL AS IsPublic
          FROM workstream w
          LEFT JOIN submission s ON s.id = w.origin_submission_id
          LEFT JOIN decision d ON d.submission_id = w.origin_submission_id
                              AND d.version = (SELECT max(x.version) FROM decision x WHERE x.submission_id = w.origin_submission_id)
         WHERE w.withdrawn_at IS NULL
         ORDER BY w.sort_order, w.id;
        SELECT p.workstream_id AS WorkstreamId, p.inspectorate_code AS InspectorateCode, p.role, p.nation
          FROM workstream_participant p JOIN inspectorate i ON i.code = p.inspectorate_code
         ORDER BY p.workstream_id, p.role = @lead DESC, i.sort_order;
        SELECT workstream_id AS WorkstreamId, area_of_focus_code AS Code FROM workstream_area_of_focus;
        SELECT workstream_id AS WorkstreamId, cross_cutting_issue_code AS Code FROM workstream_cross_cutting_issue;
        SELECT id, round_id AS RoundId, workstream_id AS WorkstreamId, changed_at AS ChangedAt, kind, title, what, why
          FROM workstream_change ORDER BY changed_at DESC, id DESC;
        SELECT w.id AS WorkstreamId, a.inspectorate_code AS Code
          FROM workstream w
          JOIN decision d ON d.submission_id = w.origin_submission_id
                         AND d.version = (SELECT max(x.version) FROM decision x WHERE x.submission_id = w.origin_submission_id)
          JOIN decision_agreement a ON a.decision_id = d.id
          JOIN inspectorate i ON i.code = a.inspectorate_code
         WHERE d.agreement = @agreed
         ORDER BY w.id, a.is_lead DESC, i.sort_order;
        """;

    private readonly Database database;
    private readonly TimeProvider clock;
    private readonly long checkMilliseconds;

    // Only one request at a time goes to the database for the programme; the rest wait for what it finds.
    private readonly SemaphoreSlim refreshing = new(1, 1);

    // Replaced whole, never changed, so readers need no lock.
    private Cached? cached;

    // Bumped by Invalidate; a snapshot taken before the latest bump is not trusted.
    private long invalidations;

    public ProgrammeReader(Database database, IConfiguration configuration, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        this.database = database;
        this.clock = clock;
        checkMilliseconds = configuration.GetValue(CheckSetting, 1000L);
        if (checkMilliseconds < 0)
        {
            throw new InvalidOperationException(
                $"{CheckSetting} is {checkMilliseconds}: set it to 0 (look for changes on every read) or a positive number of milliseconds.");
        }
    }

    /// <summary>The programme of the round the public site shows now.</summary>
    public Task<Programme> ReadAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref cached);
        return current is not null && IsFresh(current) ? current.Snapshot.CompletedCurrent(clock.GetUtcNow()) : ReadFreshAsync(cancellationToken);
    }

    /// <summary>One round's programme by its code, or null when there is no such round.</summary>
    public async Task<Programme?> ReadAsync(string roundCode, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken)).ForRound(roundCode);

    /// <summary>One round's programme by its id; every submission and workstream names one that exists.</summary>
    public async Task<Programme> ReadAsync(long roundId, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken)).ForRound(roundId)
        ?? throw new InvalidOperationException($"There is no programme round {roundId}.");

    /// <summary>Every round's programme, oldest first.</summary>
    public async Task<IReadOnlyList<Programme>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken)).Programmes;

    /// <summary>The programme with the revision it was read at: the output cache keys pages on that revision.</summary>
    public ValueTask<ProgrammeSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref cached);
        return current is not null && IsFresh(current) ? ValueTask.FromResult(current.Snapshot) : new(RefreshAsync(cancellationToken));
    }

    /// <summary>The snapshot in memory when it needs no look at the database; never starts one.</summary>
    public bool TryGetFresh([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProgrammeSnapshot? snapshot)
    {
        var current = Volatile.Read(ref cached);
        snapshot = current is not null && IsFresh(current) ? current.Snapshot : null;
        return snapshot is not null;
    }

    /// <summary>This process has committed a change to the programme: the next read looks at the database.</summary>
    public void Invalidate() => Interlocked.Increment(ref invalidations);

    public void Dispose() => refreshing.Dispose();

    private bool IsFresh(Cached current) =>
        current.Invalidations == Volatile.Read(ref invalidations) && Environment.TickCount64 < current.CheckDueAt;

    private async Task<Programme> ReadFreshAsync(CancellationToken cancellationToken) =>
        (await RefreshAsync(cancellationToken)).Current(clock.GetUtcNow());

    private async Task<ProgrammeSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            var current = Volatile.Read(ref cached);
            if (current is not null && IsFresh(current))
            {
                return current.Snapshot;
            }

            // Read before the database: an Invalidate that lands while it is being read leaves this snapshot untrusted.
            var invalidationsSeen = Volatile.Read(ref invalidations);
            await using var connection = await database.OpenAsync(cancellationToken);
            var snapshot = current is not null
                && await connection.ExecuteScalarAsync<long>(new CommandDefinition(RevisionSql, cancellationToken: cancellationToken)) == current.Snapshot.Revision
                    ? current.Snapshot
                    : await LoadAsync(connection, cancellationToken);
            Volatile.Write(ref cached, new Cached(snapshot, Environment.TickCount64 + checkMilliseconds, invalidationsSeen));
            return snapshot;
        }
        finally
        {
            refreshing.Release();
        }
    }

    private static async Task<ProgrammeSnapshot> LoadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // One read transaction, so the revision is the one the rows were read at, even with a writer in between.
        await using var transaction = connection.BeginRead();
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            Sql, new { named = "named", lead = "lead", agreed = Triage.Decisions.Agreement.Agreed }, transaction, cancellationToken: cancellationToken));

        var revision = await grid.ReadSingleAsync<long>();
        var rounds = (await grid.ReadAsync<RoundRow>()).Select(r => r.ToRound()).ToList();
        var inspectorates = (await grid.ReadAsync<Inspectorate>()).ToList();
        var chiefInspectors = (await grid.ReadAsync<ChiefInspectorRow>())
            .Select(c => new ChiefInspector(c.Name, c.Title, c.IsChair == 1, c.InspectorateCode)).ToList();
        var areas = (await grid.ReadAsync<AreaOfFocus>()).ToList();
        var issues = (await grid.ReadAsync<CrossCuttingIssue>()).ToList();
        var principles = (await grid.ReadAsync<PrincipleRow>()).Select(p => new Principle((int)p.Number, p.Title, p.Text)).ToList();
        var rows = (await grid.ReadAsync<WorkstreamRow>()).ToList();
        var participants = (await grid.ReadAsync<ParticipantRow>()).ToLookup(p => p.WorkstreamId);
        var areaLinks = (await grid.ReadAsync<CodeLink>()).ToLookup(l => l.WorkstreamId, l => l.Code);
        var issueLinks = (await grid.ReadAsync<CodeLink>()).ToLookup(l => l.WorkstreamId, l => l.Code);
        var changes = (await grid.ReadAsync<ChangeRow>()).ToLookup(
            c => c.RoundId, c => new ProgrammeChange(c.Id, c.ChangedAt, c.Kind, (int)c.WorkstreamId, c.Title, c.What, c.Why));
        var agreedBy = (await grid.ReadAsync<CodeLink>()).ToLookup(l => l.WorkstreamId, l => l.Code);

        var inspectorateByCode = inspectorates.ToDictionary(i => i.Code);
        var roundById = rounds.ToDictionary(r => r.Id);
        var workstreams = rows.Select(w => new Workstream(
            (int)w.Id, roundById[w.RoundId], w.Slug, w.Title, w.Summary, w.Section, w.Kind, w.Status, w.ProgrammeYear, w.ExpectedPublication,
            participants[w.Id].Select(p => new Participant(inspectorateByCode[p.InspectorateCode], p.Role == "lead", p.Nation)).ToList(),
            areas.Where(a => areaLinks[w.Id].Contains(a.Code)).ToList(),
            issues.Where(i => issueLinks[w.Id].Contains(i.Code)).ToList(),
            w.OriginSubmissionId is { } origin ? new WorkstreamOrigin(SubmissionReference.Format(origin), w.OriginName) : null,
            (int?)w.CarriedFromId,
            w.IsPublic == 1,
            [.. agreedBy[w.Id].Select((code, i) => i == 0 ? $"{inspectorateByCode[code].ShortName} (lead)" : inspectorateByCode[code].ShortName)]))
            .ToLookup(w => w.Round.Id);

        return new ProgrammeSnapshot(revision, rounds
            .Select(round => new Programme(round, inspectorates, chiefInspectors, areas, issues, principles, workstreams[round.Id].ToList(), changes[round.Id].ToList()))
            .ToList());
    }

    /// <summary>What the reader holds: a snapshot, when to look at the revision again, and the invalidations it has seen.</summary>
    private sealed record Cached(ProgrammeSnapshot Snapshot, long CheckDueAt, long Invalidations);

    // SQLite hands back every INTEGER as Int64, and Dapper's constructor mapping wants exact types. The workstream
    // row has settable properties instead: a computed column has no declared type, so no constructor would match it.
    private sealed class WorkstreamRow
    {
        public long Id { get; init; }

        public long RoundId { get; init; }

        public long? CarriedFromId { get; init; }

        public string Slug { get; init; } = "";

        public string Title { get; init; } = "";

        public string Summary { get; init; } = "";

        public string Section { get; init; } = "";

        public string Kind { get; init; } = "";

        public string Status { get; init; } = "";

        public string? ProgrammeYear { get; init; }

        public string? ExpectedPublication { get; init; }

        public long? OriginSubmissionId { get; init; }

        public string? OriginName { get; init; }

        public long IsPublic { get; init; }
    }

    private sealed class RoundRow
    {
        public long Id { get; init; }

        public long FirstYear { get; init; }

        public string Title { get; init; } = "";

        public DateTimeOffset? OpensAt { get; init; }

        public DateTimeOffset? ClosesAt { get; init; }

        public DateTimeOffset? ConcludedAt { get; init; }

        public string ReleaseMode { get; init; } = ReleaseModes.Immediate;

        public DateTimeOffset? FinalisedAt { get; init; }

        public ProgrammeRound ToRound() => new(Id, (int)FirstYear, Title, OpensAt, ClosesAt, ConcludedAt, ReleaseMode, FinalisedAt);
    }

    private sealed record ChiefInspectorRow(string Name, string Title, long IsChair, string InspectorateCode);

    private sealed record PrincipleRow(long Number, string Title, string Text);

    private sealed record ParticipantRow(long WorkstreamId, string InspectorateCode, string Role, string? Nation);

    private sealed record CodeLink(long WorkstreamId, string Code);

    private sealed class ChangeRow
    {
        public long Id { get; init; }

        public long RoundId { get; init; }

        public long WorkstreamId { get; init; }

        public DateTimeOffset ChangedAt { get; init; }

        public string Kind { get; init; } = "";

        public string Title { get; init; } = "";

        public string What { get; init; } = "";

        public string Why { get; init; } = "";
    }
}
