using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Programme;

public sealed class IndexModel(ProgrammeReader programmes) : PageModel
{
    public Programme Programme { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Programme = await programmes.ReadAsync(cancellationToken);
}
