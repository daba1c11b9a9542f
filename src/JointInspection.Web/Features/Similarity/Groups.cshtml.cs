using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Similarity;

/// <summary>The groups the portal has proposed and people have confirmed or dissolved, with how far the analysis has got.</summary>
public sealed class GroupsModel(
    SimilarityGroups groups, TextPrints prints, SubmissionVectors vectors, SentenceEmbeddings model, IOptions<SimilarityOptions> options) : PageModel
{
    public static readonly IReadOnlyList<(string State, string Label)> Views =
        [(GroupStates.Proposed, "To confirm"), (GroupStates.Confirmed, "Confirmed"), (GroupStates.Dissolved, "Dissolved")];

    public string State { get; private set; } = GroupStates.Proposed;

    public IReadOnlyList<SimilarityGroup> Groups { get; private set; } = [];

    public (long Analysed, long Total) Progress { get; private set; }

    /// <summary>How many have been read for meaning; null when that tier is switched off.</summary>
    public long? ReadForMeaning { get; private set; }

    /// <summary>Why the language model is off, when it failed to load.</summary>
    public string? ModelOff => model.Failure;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "state")] string? state, CancellationToken cancellationToken)
    {
        if (state is not null && Views.All(v => v.State != state))
        {
            return NotFound();
        }

        State = state ?? GroupStates.Proposed;
        Groups = await groups.ListAsync(State, cancellationToken);
        Progress = await prints.ProgressAsync(cancellationToken);
        ReadForMeaning = options.Value.Embeddings ? await vectors.ReadCountAsync(cancellationToken) : null;
        return Page();
    }
}
