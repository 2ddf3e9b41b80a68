using Counseling.Api.Localization;
using Counseling.Domain.Cases;

namespace Counseling.Api.Audit.History;

/// <summary>
/// Each event told as one sentence, in the reader's language (Localization/Texts*.resx), from the events as revealed to
/// the reader (reasons read "[erased]" after an erasure): what it says is the event's own <see cref="INarrated.Narrate"/>,
/// beside its declaration; an event without one reads "{type} recorded.". The worker's identity and the notes stay out:
/// no NIK, name, phone number or note text.
/// </summary>
public static class JourneyNarrative
{
    public static string Describe(object @event) => @event is INarrated narrated
        ? Tell(narrated.Narrate())
        : Texts.Format("Narrative.Other", @event.GetType().Name);

    private static string Tell(Narration narration) =>
        string.Concat(narration.Parts.Select(part => part.Key is null ? "." : Texts.Format(part.Key, [.. part.Arguments.Select(Said)])));

    /// <summary>An argument as the reader reads it: enum values as words, days as yyyy-MM-dd, moments in WIB.</summary>
    private static object? Said(object? argument) => argument switch
    {
        Narration nested => Tell(nested),
        Enum value => Texts.Word(value),
        System.Collections.IEnumerable values and not string when values.Cast<object>().All(v => v is Enum) =>
            string.Join(", ", values.Cast<Enum>().Select(Texts.Word)),
        DateOnly day => day.ToString("yyyy-MM-dd"),
        DateTimeOffset moment => moment.ToOffset(Wib.Offset).ToString("yyyy-MM-dd HH:mm"),
        _ => argument,
    };
}
