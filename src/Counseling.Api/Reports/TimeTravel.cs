using Counseling.Domain.Cases;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Counseling.Api.Reports;

/// <summary>
/// Folds the events of some cases exactly as the store held them at a past moment: cut on each event's recorded
/// timestamp (the moment it was appended), never on the date it is about. A placement recorded on 5 April that started
/// on 25 March is not part of the store as of 31 March, so it changes no answer as of 31 March.
/// </summary>
public static class StoreAsOf
{
    /// <summary>
    /// Folds, per case, every event recorded up to <paramref name="asOf"/> (of <paramref name="eventTypes"/> only, when
    /// given) with <paramref name="evolve"/>, for the cases opened by then at <paramref name="officeId"/> (null: every
    /// office) whose intake day lies in <paramref name="openedFrom"/>..<paramref name="openedTo"/> (null: any). The events
    /// stream through in sequence order, so only one state per case is held. Also answers the newest event sequence
    /// recorded by then. Queries: the cases, from their CaseOpened events; the sequence; then their events.
    /// <paramref name="throughSequence"/> (null: no bound) also cuts on the event sequence, so a report computed at an
    /// audit checkpoint reads only the events that checkpoint commits to, even one appended later with an older timestamp.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<Guid, T> Cases, long EventSequence)> FoldAsync<T>(
        IQuerySession session, DateTimeOffset asOf, string? officeId, DateOnly? openedFrom, DateOnly? openedTo,
        IReadOnlyCollection<Type>? eventTypes, Func<T?, IEvent, T?> evolve, CancellationToken cancellation,
        long? throughSequence = null) where T : class
    {
        var through = throughSequence ?? long.MaxValue;
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        // Intake days are WIB days: the bounds as instants.
        var from = openedFrom is { } first ? StartOf(first) : DateTimeOffset.UnixEpoch;
        var until = openedTo is { } last ? StartOf(last.AddDays(1)) : DateTimeOffset.MaxValue.ToUniversalTime();

        var caseIds = (await session.QueryAsync<Guid>(
            $"""
             select stream_id from {schema}.mt_events
             where type = ? and timestamp <= ? and seq_id <= ? and (? = '' or data ->> 'officeId' = ?)
               and (data ->> 'openedAt')::timestamptz >= ? and (data ->> 'openedAt')::timestamptz < ?
             """,
            cancellation, typeof(CaseOpened).GetEventTypeName(), asOf, through, officeId ?? "", officeId ?? "", from, until)).ToArray();
        var sequence = (await session.QueryAsync<long>(
            $"select coalesce(max(seq_id), 0) from {schema}.mt_events where timestamp <= ? and seq_id <= ?", cancellation, asOf, through)).Single();

        var cases = new Dictionary<Guid, T>();
        if (caseIds.Length == 0) return (cases, sequence);

        var events = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(caseIds) && e.Timestamp <= asOf && e.Sequence <= through);
        if (eventTypes is not null) events = events.Where(e => e.EventTypesAre(eventTypes.ToArray()));
        await foreach (var e in events.OrderBy(e => e.Sequence).ToAsyncEnumerable(cancellation))
        {
            if (evolve(cases.GetValueOrDefault(e.StreamId), e) is { } next) cases[e.StreamId] = next;
            else cases.Remove(e.StreamId);
        }
        return (cases, sequence);
    }

    private static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Wib.Offset).ToUniversalTime();
}
