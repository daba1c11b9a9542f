using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace JointInspection.Web.Features.Programme;

[OutputCache(PolicyName = ProgrammeOutputCache.Programme)]
public sealed class IndexModel(ProgrammeReader programmes) : PageModel
{
    public Programme Programme { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Programme = await programmes.ReadAsync(cancellationToken);
}
