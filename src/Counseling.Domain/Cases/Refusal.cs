namespace Counseling.Domain.Cases;

/// <summary>Why a command cannot be carried out. The API turns each kind into its HTTP status.</summary>
public enum RefusalKind
{
    /// <summary>The input itself is wrong (400).</summary>
    InvalidInput,
    /// <summary>The input is well formed but the rules of JKP do not allow it (422).</summary>
    NotAllowed,
    /// <summary>The case is not in a state that allows it (409).</summary>
    Conflict,
    /// <summary>The command names something the case does not have, such as a referral (404).</summary>
    NotFound,
}

/// <summary>
/// A refusal says why by a <see cref="Domain.Sentence"/>: a stable code (<see cref="Why"/>) and its arguments, which the API
/// renders in the reader's language; <see cref="Reason"/> is the English.
/// </summary>
public sealed record Refusal(RefusalKind Kind, Sentence Sentence, string? Field = null)
{
    public string Code => Sentence.Code;
    public string Reason => Sentence.ToString();

    public static Refusal Invalid(string field, Wording why, params object?[] arguments) => new(RefusalKind.InvalidInput, why.With(arguments), field);
    public static Refusal NotAllowed(string? field, Wording why, params object?[] arguments) => new(RefusalKind.NotAllowed, why.With(arguments), field);
    public static Refusal Conflict(Wording why, params object?[] arguments) => new(RefusalKind.Conflict, why.With(arguments));
    public static Refusal NotFound(string field, Wording why, params object?[] arguments) => new(RefusalKind.NotFound, why.With(arguments), field);
}

/// <summary>The outcome of deciding a command: the events to append, or the reason nothing is appended.</summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Refusal? refusal) => (Events, Refusal) = (events, refusal);

    public IReadOnlyList<object> Events { get; }
    public Refusal? Refusal { get; }
    public bool IsRefused => Refusal is not null;

    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Refuse(Refusal refusal) => new([], refusal);

    public static implicit operator Decision(Refusal refusal) => Refuse(refusal);
}
