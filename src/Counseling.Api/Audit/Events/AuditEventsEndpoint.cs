using Counseling.Api.Localization;
using Counseling.Api.Access;
using Counseling.Api.Audit.PersonalDataReads;
using Counseling.Api.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using NpgsqlTypes;
using Wolverine.Http;

namespace Counseling.Api.Audit.Events;

/// <summary>One recorded event as an auditor lists it: where, what, when, by whom, in which role. No data.</summary>
public sealed record AuditedEvent(
    long Sequence, Guid StreamId, long Version, string Type, DateTimeOffset RecordedAt, string? UserId, string? Role,
    string? CorrelationId, string? CausationId);

/// <param name="NextAfter">Pass as <c>after</c> for the next page; null on the last page.</param>
public sealed record AuditedEventsPage(IReadOnlyList<AuditedEvent> Items, long? NextAfter);

public static class AuditEventsEndpoint
{
    public const int MaxPageSize = 1_000;
    private static readonly string PersonalDataViewedType = typeof(PersonalDataViewed).GetEventTypeName();

    [WolverineGet("/audit/events")]
    [Authorize(Policy = AccessPolicies.Auditors)]
    [Tags("Audit")]
    [EndpointSummary("Every event recorded, across cases, in sequence order: filtered by recorder, period, case and type; a page at a time")]
    public static async Task<IResult> Get(
        string? userId, DateTimeOffset? from, DateTimeOffset? to, Guid? caseId, string? type, long? after, int? limit,
        IDocumentStore store, CancellationToken cancellation)
    {
        if (limit is < 1 or > MaxPageSize) return Results.Problem(Problems.InvalidQuery("limit", Texts.Format("Query.Limit", MaxPageSize)));
        if (after is < 0) return Results.Problem(Problems.InvalidQuery("after", Texts.Get("Query.After")));
        if (from > to) return Results.Problem(Problems.InvalidQuery("from", Texts.Get("Query.FromNotAfterTo")));
        if (userId is { Length: > 200 }) return Results.Problem(Problems.InvalidQuery("userId", Texts.Get("Query.UserIdLength")));
        if (type is { Length: > 200 }) return Results.Problem(Problems.InvalidQuery("type", Texts.Get("Query.TypeLength")));
        var pageSize = limit ?? 100;

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        // A case's own events, and the reads of its personal data (each in a stream of its own).
        await using var command = new NpgsqlCommand($"""
            select seq_id, stream_id, version, type, timestamp, user_name, headers ->> '{AuditTrail.RoleHeader}', correlation_id, causation_id
            from {StoreConfiguration.Schema}.mt_events
            where seq_id > @after
              and (@user::text is null or user_name = @user)
              and (@from::timestamptz is null or timestamp >= @from)
              and (@to::timestamptz is null or timestamp <= @to)
              and (@case::uuid is null or stream_id = @case or (type = @viewed and data ->> 'caseId' = @case::text))
              and (@type::text is null or type = @type)
              and type <> '{Tombstone.Name}'
            order by seq_id
            limit @limit
            """, connection);
        command.Parameters.AddWithValue("after", after ?? 0);
        command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = (object?)userId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)from?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)to?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("case", NpgsqlDbType.Uuid) { Value = (object?)caseId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = (object?)type ?? DBNull.Value });
        command.Parameters.AddWithValue("viewed", PersonalDataViewedType);
        command.Parameters.AddWithValue("limit", pageSize + 1);

        var items = new List<AuditedEvent>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            while (await reader.ReadAsync(cancellation))
                items.Add(new AuditedEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4), Text(5), Text(6), Text(7), Text(8)));
        }
        var more = items.Count > pageSize;
        if (more) items.RemoveAt(items.Count - 1);
        return Results.Ok(new AuditedEventsPage(items, more ? items[^1].Sequence : null));
    }
}
