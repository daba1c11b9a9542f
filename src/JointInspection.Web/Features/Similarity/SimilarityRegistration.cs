using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Similarity;

/// <summary>
/// Finding copies and near-copies among submissions, and the staff pages that confirm, split or dissolve the groups
/// the portal proposes (/triage/groups, secretariat officers and chief inspectors).
/// </summary>
public static class SimilarityRegistration
{
    public static WebApplicationBuilder AddSimilarity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimilarityOptions>().BindConfiguration(SimilarityOptions.Section);
        builder.Services.AddSingleton<TextPrints>();
        builder.Services.AddSingleton<SimilarityGroups>();
        builder.Services.AddSingleton<SentenceEmbeddings>();
        builder.Services.AddSingleton<SubmissionVectors>();
        builder.Services.AddSingleton<SimilarWork>();
        builder.Services.AddSingleton<SimilaritySignal>();
        builder.Services.AddSingleton<SimilarityRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SimilarityRunner>());
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Similarity", PortalPolicies.Secretariat));
        return builder;
    }
}
