using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Submissions;

/// <summary>Status tags are coloured by what the status means, the same wherever a status is shown.</summary>
public sealed class StatusTagTests
{
    [Theory]
    [InlineData("received", "govuk-tag")]
    [InlineData("assessed", "govuk-tag govuk-tag--yellow")]
    [InlineData("accepted", "govuk-tag govuk-tag--green")]
    [InlineData("programme-changed", "govuk-tag govuk-tag--green")]
    [InlineData("merged", "govuk-tag govuk-tag--purple")]
    [InlineData("deferred", "govuk-tag govuk-tag--orange")]
    [InlineData("declined", "govuk-tag govuk-tag--red")]
    [InlineData("noted", "govuk-tag govuk-tag--grey")]
    public void Each_status_has_the_colour_of_its_meaning(string status, string classes) =>
        Assert.Equal(classes, StatusTag.Classes(status));

    [Fact]
    public void Every_status_has_a_tag_with_its_label()
    {
        foreach (var status in SubmissionStatus.All)
        {
            using var writer = new StringWriter();
            StatusTag.For(status).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
            Assert.Equal($"<strong class=\"{StatusTag.Classes(status)}\" data-status=\"{status}\">{SubmissionStatus.Label(status)}</strong>", writer.ToString());
        }
    }

    [Fact]
    public void An_unknown_status_is_grey_and_encoded()
    {
        using var writer = new StringWriter();
        StatusTag.For("<script>").WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal("<strong class=\"govuk-tag govuk-tag--grey\" data-status=\"&lt;script&gt;\">&lt;script&gt;</strong>", writer.ToString());
    }
}
