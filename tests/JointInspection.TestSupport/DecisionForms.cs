namespace JointInspection.TestSupport;

/// <summary>
/// The decision page as a chief inspector uses it: send the form, read the email it previews, then record the decision
/// from the preview. A page that comes back without a preview (an error, someone deciding first) is returned as it is.
/// </summary>
public static class DecisionForms
{
    public static async Task<WebPage> RecordAsync(this TestBrowser browser, WebPage page, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        var previewed = await browser.SubmitAsync(page, page.FindForm("data-decision-form")!, null, fields);
        return previewed.FindForm("data-decision-confirm") is { } confirm
            ? await browser.SubmitAsync(previewed, confirm, null, ("confirm", "yes"))
            : previewed;
    }
}
