using System.Globalization;
using System.Resources;
using Counseling.Domain;

namespace Counseling.Api.Localization;

/// <summary>
/// The sentences people read (problem titles, the case history's narrative, enum values as words) from Texts.resx
/// (English) and Texts.id.resx (Bahasa Indonesia), in the request's culture: request localization sets it from
/// Accept-Language. JSON field names and enum values never go through here.
/// </summary>
public static class Texts
{
    private static readonly ResourceManager Resources = new("Counseling.Api.Localization.Texts", typeof(Texts).Assembly);

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>A text in a language chosen by the caller rather than by the request (the monthly report's document).</summary>
    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    public static string Format(CultureInfo culture, string key, params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, Get(key, culture), arguments);

    public static string Word<TEnum>(TEnum value, CultureInfo culture) where TEnum : struct, Enum =>
        Resources.GetString($"{typeof(TEnum).Name}.{value}", culture) ?? value.ToString();

    public static string Format(string key, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), arguments);

    /// <summary>An enum value as a word of the reader's language: SessionMode.InPerson is "in person", "tatap muka".</summary>
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Resources.GetString($"{typeof(TEnum).Name}.{value}", CultureInfo.CurrentUICulture) ?? value.ToString();

    /// <summary>
    /// What the domain says (a refusal, why a counselor may not record) in the reader's language: the wording
    /// "Why.{Code}" of Texts.id.resx with enum values as words and nested wordings said the same way. The English is
    /// the domain's own (<see cref="Sentence.ToString"/>), so Texts.resx holds no "Why." keys and the English detail
    /// stays exactly what the domain wrote.
    /// </summary>
    public static string Say(Sentence sentence)
    {
        if (Resources.GetString($"Why.{sentence.Code}", CultureInfo.CurrentUICulture) is not { } wording) return sentence.ToString();
        return string.Format(CultureInfo.CurrentCulture, wording, [.. sentence.Arguments.Select(SaidArgument)]);
    }

    private static object? SaidArgument(object? argument) => argument switch
    {
        Sentence nested => Say(nested),
        Wording nested => Say(nested.With()),
        Enum value => Resources.GetString($"{value.GetType().Name}.{value}", CultureInfo.CurrentUICulture) ?? value.ToString(),
        _ => argument,
    };

    /// <summary>An enum value of any type as a word of the reader's language (see <see cref="Word{TEnum}(TEnum)"/>).</summary>
    public static string Word(Enum value) =>
        Resources.GetString($"{value.GetType().Name}.{value}", CultureInfo.CurrentUICulture) ?? value.ToString();

    public static string Words<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum =>
        string.Join(", ", values.Select(Word));
}
