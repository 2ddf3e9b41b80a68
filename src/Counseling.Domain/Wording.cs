using System.Globalization;

namespace Counseling.Domain;

/// <summary>
/// Something the domain says to people (a refusal, a reason an access is missing), by a stable code and in English.
/// The domain stays free of resource files: the API renders <see cref="Code"/> in the reader's language from its own
/// (Texts.id.resx, key "Why.{Code}"), and falls back to <see cref="English"/>. <see cref="English"/> is a composite
/// format string whose arguments a <see cref="Sentence"/> supplies.
/// </summary>
public sealed record Wording(string Code, string English)
{
    public Sentence With(params object?[] arguments) => new(this, arguments);

    public override string ToString() => English;
}

/// <summary>A <see cref="Wording"/> with its arguments: ids, dates, numbers, enum values, or other wordings and sentences.</summary>
public sealed record Sentence(Wording Wording, IReadOnlyList<object?> Arguments)
{
    public string Code => Wording.Code;

    /// <summary>The sentence in English, as the domain says it (invariant formats: dates as yyyy-MM-dd, enum values as identifiers).</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture, Wording.English, [.. Arguments.Select(a => a is Sentence or Domain.Wording ? a.ToString() : a)]);
}
