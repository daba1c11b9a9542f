using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.Admin;
using JointInspection.Web.Features.AuditTrail;
using JointInspection.Web.Features.DataRights;
using JointInspection.Web.Features.Exports;
using JointInspection.Web.Features.Feedback;
using JointInspection.Web.Features.FinalProgramme;
using JointInspection.Web.Features.Manage;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Outcome;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Similarity;
using JointInspection.Web.Features.Staff;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Submissions.Journeys;
using JointInspection.Web.Features.Themes;
using JointInspection.Web.Features.Triage;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalWeb();
builder.AddPortalData();
builder.AddDevIdentity();
builder.AddPortalAuthentication();
builder.AddConsultationDates();
builder.AddProgramme();
builder.AddFinalProgramme();
builder.AddEmail();
builder.AddSubmissions();
builder.AddJourneyLimits();
builder.AddAccount();
builder.AddStaffArea();
builder.AddAdmin();
builder.AddTriage();
builder.AddAudit();
builder.AddManage();
builder.AddFeedback();
builder.AddModeration();
builder.AddExports();
builder.AddSimilarity();
builder.AddThemes();
builder.AddDataRights();
builder.AddOutcome();

var app = builder.Build();
try
{
    await app.RunStartupTasksAsync();
}
catch (StartupException ex)
{
    // One clear line for the operator; a stack trace adds nothing to a configuration mistake.
    await Console.Error.WriteLineAsync($"Start-up stopped: {ex.Message}");
    return 1;
}

if (StaffCommand.IsStaffCommand(args))
{
    return await StaffCommand.RunAsync(app.Services, args);
}

if (DatabaseCommand.IsDatabaseCommand(args))
{
    return await DatabaseCommand.RunAsync(app.Services, args);
}

app.UsePortalWeb();
app.MapGroup("/api/v1").MapProgrammeApi().MapSubmissionsApi().MapStaffApi().MapAdminApi().MapTriageApi().MapExportsApi().MapOutcomeApi();
app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapRazorPages();
app.MapProgrammeRedirects();
app.MapFinalProgramme();
app.MapDevIdentity();

await app.RunAsync();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
