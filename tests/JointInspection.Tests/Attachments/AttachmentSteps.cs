using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Attachments;

/// <summary>The portal for the attachment tests: sign-in on, and room for every upload and send they make.</summary>
public sealed class AttachmentPortal() : PortalWithDevIdentity(portal =>
{
    portal.Settings["Submissions:RateLimit:PermitLimit"] = "1000";
    portal.Settings["Submissions:Drafts:RateLimit:PermitLimit"] = "1000";
});

/// <summary>A respondent's steps through the forms in a cookie-keeping browser, uploading files as a browser does.</summary>
public static partial class AttachmentSteps
{
    /// <summary>Answers the respond journey's questions and lands on its "Supporting documents" page.</summary>
    public static async Task<WebPage> ToDocumentsAsync(TestBrowser browser, string words = "Please look at custody suites.")
    {
        var first = await browser.GetAsync("/respond");
        var response = await browser.SubmitAsync(first, first.FindForm("method=\"post\"")!, null, ("responseTo", "programme"));
        var documents = await browser.SubmitAsync(response, response.FindForm("method=\"post\"")!, null, ("stance", "support"), ("text", words));
        Assert.Equal("/respond/documents", documents.Address.AbsolutePath);
        return documents;
    }

    /// <summary>Chooses <paramref name="name"/> in the file input and presses "Upload file".</summary>
    public static async Task<WebPage> UploadAsync(TestBrowser browser, WebPage page, string name, byte[] content)
    {
        var form = page.FindForm("multipart/form-data") ?? throw new InvalidOperationException($"{page.Address} has no upload form.");
        using var body = new MultipartFormDataContent();
        foreach (var field in form.HiddenFields)
        {
            body.Add(new StringContent(field.Value), field.Key);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "file", name);
        return await browser.NavigateAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(page.Address, form.Action)) { Content = body });
    }

    /// <summary>From the documents page: Continue, fill in "About you", and send from the check page; returns the reference.</summary>
    public static async Task<(string Reference, WebPage Check)> SendAsync(TestBrowser browser, WebPage documents)
    {
        var aboutYou = await browser.SubmitAsync(documents, documents.FindForm("novalidate")!);
        var check = await browser.SubmitAsync(aboutYou, aboutYou.FindForm("method=\"post\"")!, null,
            ("name", "Sam Patel"), ("email", "sam@example.org"), ("respondentType", "individual"), ("publicationConsent", "named"));
        Assert.Equal("/respond/check", check.Address.AbsolutePath);
        var sent = await browser.SubmitAsync(check, check.FindForm("method=\"post\"")!);
        return (Reference().Match(sent.Html).Value, check);
    }

    /// <summary>The messages of the page's error summary, in order.</summary>
    public static IReadOnlyList<string> Errors(WebPage page) =>
        ErrorLink().Matches(page.Html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value.Trim())).ToList();

    /// <summary>The file names the documents page lists.</summary>
    public static IReadOnlyList<string> Listed(WebPage page) =>
        ListedName().Matches(page.Html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["name"].Value.Trim())).ToList();

    [GeneratedRegex(@"JI-\d{6}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"<a href=""#file"">(?<text>[^<]*)</a>")]
    private static partial Regex ErrorLink();

    [GeneratedRegex(@"data-field=""document"">\s*<dt class=""govuk-summary-list__key"">(?<name>[^<]*)</dt>")]
    private static partial Regex ListedName();
}
