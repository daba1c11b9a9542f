using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Programme;

public sealed class WorkstreamModel(ProgrammeReader programmes) : PageModel
{
    public Workstream Workstream { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var programme = await programmes.ReadAsync(cancellationToken);
        var workstream = programme.Workstreams.FirstOrDefault(w => w.Slug == slug);
        if (workstream is null)
        {
            return NotFound();
        }

        Workstream = workstream;
        return Page();
    }
}
