using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten;

namespace Counseling.Api.Reports;

/// <summary>
/// The events of some cases exactly as the store held them at a past moment: cut on each event's recorded timestamp
/// (the moment it was appended), never on the date it is about. A placement recorded on 10 April that started on
/// 2 April is not part of the store as of 5 April, so it changes no answer as of 5 April.
/// </summary>
public sealed record StoreAsOf(DateTimeOffset AsOf, long EventSequence, IReadOnlyList<IReadOnlyList<IEvent>> Streams)
{
    /// <summary>
    /// Every event recorded up to <paramref name="asOf"/> of the cases opened by then at <paramref name="officeId"/> (null:
    /// every office) whose intake day lies in <paramref name="openedFrom"/>..<paramref name="openedTo"/> (null: any), one
    /// list per case in stream order. Two queries: the cases, from their CaseOpened events; then their events.
    /// </summary>
    public static async Task<StoreAsOf> LoadAsync(
        IQuerySession session, DateTimeOffset asOf, string? officeId, DateOnly? openedFrom, DateOnly? openedTo, CancellationToken cancellation)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var openedType = typeof(CaseOpened).GetEventTypeName();
        // Intake days are WIB days: the bounds as instants.
        var from = openedFrom is { } first ? StartOf(first) : DateTimeOffset.MinValue.ToUniversalTime();
        var until = openedTo is { } last ? StartOf(last.AddDays(1)) : DateTimeOffset.MaxValue.ToUniversalTime();

        var caseIds = (await session.QueryAsync<Guid>(
            $"""
             select stream_id from {schema}.mt_events
             where type = ? and timestamp <= ? and (? = '' or data ->> 'officeId' = ?)
               and (data ->> 'openedAt')::timestamptz >= ? and (data ->> 'openedAt')::timestamptz < ?
             """,
            cancellation, openedType, asOf, officeId ?? "", officeId ?? "", from, until)).ToArray();
        var sequence = (await session.QueryAsync<long>(
            $"select coalesce(max(seq_id), 0) from {schema}.mt_events where timestamp <= ?", cancellation, asOf)).Single();
        if (caseIds.Length == 0) return new StoreAsOf(asOf, sequence, []);

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(caseIds) && e.Timestamp <= asOf)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellation);
        return new StoreAsOf(asOf, sequence, [.. events.GroupBy(e => e.StreamId).Select(g => (IReadOnlyList<IEvent>)[.. g.OrderBy(e => e.Version)])]);
    }

    private static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Wib.Offset).ToUniversalTime();

    /// <summary>Folds each case's events with <paramref name="evolve"/>; cases that come to nothing are left out.</summary>
    public IEnumerable<T> Fold<T>(Func<T?, object, T?> evolve) where T : class =>
        Streams.Select(stream => stream.Aggregate((T?)null, (state, e) => evolve(state, e.Data))).OfType<T>();
}
