using System.Data.Common;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.Programme;

public sealed partial class ProgrammeEditor
{
    /// <summary>One change's connection, transaction and round; disposing it without committing rolls everything back.</summary>
    private sealed class Write(
        DbConnection connection, DbTransaction transaction, ProgrammeRound round, DateTimeOffset now, ProgrammeEdit? refusal, Programme names,
        ProgrammeReader programmes)
        : IAsyncDisposable
    {
        public DbConnection Connection => connection;

        public DbTransaction Transaction => transaction;

        public ProgrammeRound Round => round;

        public DateTimeOffset Now => now;

        public ProgrammeEdit? Refusal => refusal;

        /// <summary>Where the names of codes come from, for the words of a change.</summary>
        public Programme Names => names;

        /// <summary>Once its consultation has opened, the public reads the round: changes need a reason and are kept as versions.</summary>
        public bool IsPublic => round.IsPublicAt(now);

        /// <summary>The one set of workstream rules, against this round's years as read inside the transaction.</summary>
        public (CheckedWorkstream? Valid, Dictionary<string, string> Errors) Check(WorkstreamInput input, bool proposal) =>
            WorkstreamRules.Check(input, WorkstreamChoices.From(names, round), WorkstreamWording.Programme, proposal);

        /// <summary>The refusal of a change to a workstream that is not (or no longer) in the round's programme.</summary>
        public ProgrammeEdit Gone(string slug) =>
            ProgrammeEdit.Refused(Whole, $"There is no workstream “{slug}” in the {round.Label} programme any more: it may have been withdrawn");

        public async Task<WorkstreamCopy?> WorkstreamAsync(string slug) =>
            await WorkstreamStore.ReadCopyAsync(connection, transaction, round.Id, slug) is { WithdrawnAt: null } copy ? copy : null;

        /// <summary>A proposed workstream whose decision needed every inspectorate taking part to agree: that decision owns when and who.</summary>
        public async Task<bool> IsJointProposalAsync(WorkstreamCopy workstream) =>
            workstream.OriginSubmissionId is { } origin
            && await Triage.Decisions.ProposalAgreement.OfAsync(connection, transaction, origin) is not null;

        /// <summary>Keeps the version (a public round's only), writes the audit entry with before and after, and commits.</summary>
        public async Task CommitAsync(
            string actor, string action, string kind, WorkstreamCopy? before, WorkstreamCopy after, string what, string? reason, CancellationToken cancellationToken,
            string? overCapacityReason = null)
        {
            var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            if (IsPublic)
            {
                await WorkstreamStore.RecordChangeAsync(connection, transaction, round.Id, now, actor, kind, before, after, what, why!);
            }

            await Audit.WriteAsync(
                connection, transaction, now, actor, action, Subject(round, after.Slug),
                before is null ? null : new { workstream = before },
                overCapacityReason is null ? new { workstream = after, what, why } : new { workstream = after, what, why, overCapacityReason });
            await transaction.CommitAsync(cancellationToken);
            programmes.Invalidate();
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
