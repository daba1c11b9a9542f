namespace JointInspection.Web.Features;

/// <summary>One line of an error summary: the message, and the field (on this page or another) it links to.</summary>
public sealed record ErrorLink(string Field, string Message, string Href)
{
    /// <summary>One line for each error on this page, keyed by the id of the field it is about.</summary>
    public static IReadOnlyList<ErrorLink> OnThisPage(IEnumerable<KeyValuePair<string, string>> errors) =>
        errors.Select(e => new ErrorLink(e.Key, e.Value, $"#{e.Key}")).ToList();
}
