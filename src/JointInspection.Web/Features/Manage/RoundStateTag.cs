using JointInspection.Web.Features.Rounds;

namespace JointInspection.Web.Features.Manage;

/// <summary>A round's state in words and as a GOV.UK tag coloured by meaning, as the staff pages show it.</summary>
public static class RoundStateTag
{
    public static string Label(ProgrammeRound round, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.StateAt(now) switch
        {
            RoundState.Draft when round.OpensAt is not null => "Scheduled",
            RoundState.Draft => "Draft",
            RoundState.Open => "Open",
            RoundState.Closed => "Closed",
            _ => "Concluded",
        };
    }

    public static string Classes(ProgrammeRound round, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.StateAt(now) switch
        {
            RoundState.Draft => "govuk-tag govuk-tag--grey",
            RoundState.Open => "govuk-tag govuk-tag--green",
            RoundState.Closed => "govuk-tag govuk-tag--yellow",
            _ => "govuk-tag govuk-tag--blue",
        };
    }

    /// <summary>
    /// GOV.UK's consultation principles give 12 weeks after closing to publish the response: how long is left, or how
    /// far past it the round is, while the outcome is still to be published.
    /// </summary>
    public static string? ResponseClock(ProgrammeRound round, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.StateAt(now) != RoundState.Closed || round.ResponseDueAt is not { } due)
        {
            return null;
        }

        var days = (int)Math.Ceiling((due - now).TotalDays);
        var when = Infrastructure.UkTime.Date(due);
        return days >= 0
            ? $"Response due by {when}: {days} {(days == 1 ? "day" : "days")} left"
            : $"Response was due by {when}: {-days} {(days == -1 ? "day" : "days")} late";
    }
}
