using Microsoft.AspNetCore.Html;

namespace JointInspection.Web.Features;

/// <summary>
/// What the GOV.UK form partials in Features/Shared (_Input, _Textarea, _Choices, _Select) need. The id is also the field's
/// name and its error key, so the error summary's links land on it.
/// </summary>
public abstract record FormField(string Id, string Label, string? Error)
{
    public string? Hint { get; init; }

    /// <summary>A GOV.UK label or legend size modifier such as "govuk-label--m"; none for body-sized.</summary>
    public string? LabelClass { get; init; }

    public string HintId => $"{Id}-hint";

    public string ErrorId => $"{Id}-error";

    /// <summary>The ids of the hint and error that describe the control, for aria-describedby.</summary>
    public string? DescribedBy(params string?[] more)
    {
        var ids = more.Append(Hint is null ? null : HintId).Append(Error is null ? null : ErrorId).OfType<string>().ToList();
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}

public sealed record InputField(string Id, string Label, string? Value, string? Error) : FormField(Id, Label, Error)
{
    public string Type { get; init; } = "text";

    public string? Autocomplete { get; init; }

    public bool Spellcheck { get; init; } = true;

    /// <summary>A GOV.UK width class, such as "govuk-!-width-two-thirds".</summary>
    public string? WidthClass { get; init; }

    /// <summary>"numeric" brings up a number keypad on phones, without the pitfalls of type="number".</summary>
    public string? InputMode { get; init; }
}

public sealed record TextareaField(string Id, string Label, string? Value, string? Error) : FormField(Id, Label, Error)
{
    public int Rows { get; init; } = 8;

    /// <summary>When set, a GOV.UK character count tells the person how much room is left.</summary>
    public int? MaxLength { get; init; }

    public bool Spellcheck { get; init; } = true;
}

/// <summary>One radio or checkbox. Conditional content sits under it and is revealed when it is chosen (always shown without JavaScript).</summary>
public sealed record ChoiceItem(string Value, string Label)
{
    public string? Hint { get; init; }

    /// <summary>Text for a GOV.UK divider ("or") shown before this item.</summary>
    public string? DividerBefore { get; init; }

    public IHtmlContent? Conditional { get; init; }

    /// <summary>A checkbox such as "I don’t know" that GOV.UK Frontend unticks the others for (and they it).</summary>
    public bool Exclusive { get; init; }
}

public sealed record ChoicesField(string Id, string Label, IReadOnlyList<ChoiceItem> Items, IReadOnlyCollection<string> Selected, string? Error)
    : FormField(Id, Label, Error)
{
    /// <summary>Checkboxes rather than radios.</summary>
    public bool Multiple { get; init; }

    public bool Small { get; init; }

    /// <summary>Side by side, for two or three short choices.</summary>
    public bool Inline { get; init; }

    /// <summary>The legend is the page's h1: for a page that asks one question.</summary>
    public bool LegendIsPageHeading { get; init; }

    public string Type => Multiple ? "checkboxes" : "radios";

    /// <summary>Ids after the first from the items' values ("-hmi-prisons") rather than their places ("-2").</summary>
    public bool ItemIdsFromValues { get; init; }

    /// <summary>GOV.UK's ids: the first item takes the field's id (so error links reach it), the rest "-2", "-3", …</summary>
    public string ItemId(int index) => index == 0 ? Id : ItemIdsFromValues ? $"{Id}-{Items[index].Value}" : $"{Id}-{index + 1}";
}

public sealed record SelectField(string Id, string Label, IReadOnlyList<ChoiceItem> Items, string? Selected, string? Error)
    : FormField(Id, Label, Error)
{
    /// <summary>The first, empty option, so that nothing is chosen until the person chooses.</summary>
    public string Placeholder { get; init; } = "Choose one";

    /// <summary>A GOV.UK width class, such as "govuk-!-width-full".</summary>
    public string? WidthClass { get; init; }
}
