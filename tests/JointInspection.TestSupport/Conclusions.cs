using JointInspection.Web.Features.Manage.Conclusion;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.TestSupport;

/// <summary>Takes a round through its conclusion with the portal's own stores, as the staff pages do, for tests about what comes after.</summary>
public static class Conclusions
{
    /// <summary>Closes the round's consultation if it is still open, and has the chair finalise its programme.</summary>
    public static async Task FinaliseAsync(IServiceProvider services, string roundCode = "2021-23")
    {
        ArgumentNullException.ThrowIfNull(services);
        var round = await RoundAsync(services, roundCode);
        var clock = services.GetRequiredService<TimeProvider>();
        if (round.StateAt(clock.GetUtcNow()) == RoundState.Open)
        {
            var closed = await services.GetRequiredService<RoundStore>().CloseNowAsync(roundCode, Staff.Secretariat, CancellationToken.None);
            if (!closed.Saved)
            {
                throw new InvalidOperationException($"The {roundCode} consultation could not be closed: {string.Join("; ", closed.Errors.Values)}");
            }
        }

        if (await services.GetRequiredService<RoundConclusion>().FinaliseAsync(round.Id, Staff.ProbationChiefInspector, "hmi-probation") is { } refusal)
        {
            throw new InvalidOperationException($"The chair could not finalise {roundCode}: {refusal}");
        }
    }

    /// <summary>Publishes the round's outcome as the secretariat, which concludes it.</summary>
    public static async Task PublishOutcomeAsync(IServiceProvider services, string roundCode = "2021-23")
    {
        ArgumentNullException.ThrowIfNull(services);
        var round = await RoundAsync(services, roundCode);
        if (await services.GetRequiredService<RoundConclusion>().PublishOutcomeAsync(round.Id, Staff.Secretariat) is { } refusal)
        {
            throw new InvalidOperationException($"The secretariat could not publish the {roundCode} outcome: {refusal}");
        }
    }

    private static async Task<ProgrammeRound> RoundAsync(IServiceProvider services, string roundCode) =>
        (await services.GetRequiredService<ProgrammeReader>().ReadAsync(roundCode) ?? throw new InvalidOperationException($"There is no {roundCode} round")).Round;
}
