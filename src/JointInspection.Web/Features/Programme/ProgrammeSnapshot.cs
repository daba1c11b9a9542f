using JointInspection.Web.Features.Rounds;

namespace JointInspection.Web.Features.Programme;

/// <summary>Every round's programme as read at one revision of the programme_revision counter.</summary>
public sealed class ProgrammeSnapshot
{
    private readonly Task<Programme>[] completed;

    public ProgrammeSnapshot(long revision, IReadOnlyList<Programme> programmes)
    {
        Revision = revision;
        Programmes = programmes;
        completed = [.. programmes.Select(Task.FromResult)];
    }

    public long Revision { get; }

    /// <summary>One for each round, oldest first.</summary>
    public IReadOnlyList<Programme> Programmes { get; }

    /// <summary>The programme of the round the public site shows now (<see cref="ProgrammeRound.Current"/>).</summary>
    public Programme Current(DateTimeOffset now) => Programmes[CurrentIndex(now)];

    /// <summary>
    /// Every round's state at <paramref name="now"/>, oldest first: with <see cref="Revision"/>, all a cached public
    /// page depends on, since a round opens and closes by the clock alone.
    /// </summary>
    public RoundState[] RoundStatesAt(DateTimeOffset now) => [.. Programmes.Select(p => p.Round.StateAt(now))];

    /// <summary>Whether every round is still in <paramref name="states"/> at <paramref name="now"/>, without a new array.</summary>
    public bool HasRoundStates(RoundState[] states, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Length != Programmes.Count)
        {
            return false;
        }

        for (var i = 0; i < states.Length; i++)
        {
            if (Programmes[i].Round.StateAt(now) != states[i])
            {
                return false;
            }
        }

        return true;
    }

    public Programme? ForRound(string code) => Programmes.FirstOrDefault(p => p.Round.Code == code);

    public Programme? ForRound(long roundId) => Programmes.FirstOrDefault(p => p.Round.Id == roundId);

    /// <summary>Handed to every reader of the current programme, so that a read from memory allocates nothing.</summary>
    internal Task<Programme> CompletedCurrent(DateTimeOffset now) => completed[CurrentIndex(now)];

    private int CurrentIndex(DateTimeOffset now)
    {
        var current = ProgrammeRound.Current(Programmes.Select(p => p.Round), now)
            ?? throw new InvalidOperationException("The database has no programme round: migration 0018 makes the first from the seed.");
        for (var i = 0; i < Programmes.Count; i++)
        {
            if (Programmes[i].Round.Id == current.Id)
            {
                return i;
            }
        }

        throw new InvalidOperationException("The current round is not among the programmes read.");
    }
}
