namespace Counseling.Domain.Cases;

/// <summary>
/// How an event reads in its case's history: sentences named by their resource keys ("Narrative.{...}" in the API's
/// Localization/Texts*.resx) with their arguments, told in the reader's language by the API (enum values as words,
/// days as yyyy-MM-dd, moments in WIB, a nested narration told the same way). The worker's identity and the notes stay
/// out: an event names none of them here.
/// </summary>
public sealed record Narration(IReadOnlyList<Narration.Part> Parts)
{
    /// <summary>One sentence or clause; a null <see cref="Key"/> is the full stop that ends a sentence left open.</summary>
    public sealed record Part(string? Key, IReadOnlyList<object?> Arguments);

    public static Narration Of(string key, params object?[] arguments) => new([new Part(key, arguments)]);

    /// <summary>This, then the clause <paramref name="key"/> when <paramref name="when"/> holds, else a full stop.</summary>
    public Narration ThenOrStop(bool when, string key, params object?[] arguments) =>
        new([.. Parts, when ? new Part(key, arguments) : new Part(null, [])]);

    /// <summary>This, then the clause <paramref name="key"/> when <paramref name="when"/> holds.</summary>
    public Narration Then(bool when, string key, params object?[] arguments) =>
        when ? new([.. Parts, new Part(key, arguments)]) : this;

    public Narration Stop() => new([.. Parts, new Part(null, [])]);
}

/// <summary>An event that says how it reads in the case's history (see <see cref="Narration"/>).</summary>
public interface INarrated
{
    Narration Narrate();
}
