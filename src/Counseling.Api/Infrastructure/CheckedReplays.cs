using System.Text.Json;
using Counseling.Api.Access;
using Marten;
using Marten.Linq.QueryHandlers;
using Microsoft.Net.Http.Headers;
using Wolverine.Marten;
using Wolverine.Persistence.Durability;

namespace Counseling.Api.Infrastructure;

/// <summary>
/// Wolverine looks up an Idempotency-Key's stored answer before the endpoint's own middleware runs. This wraps that
/// lookup (Wolverine's IMartenDeduplicatedResponses) so that a stored answer is replayed only to a caller who may
/// still write to its case (<see cref="ReplayAccess"/>; a refusal is answered instead, as a 403 problem), and so that
/// the replay carries the ETag of the version it reports, as the first answer did. Wolverine stores status, body and
/// Location only.
/// </summary>
public sealed class CheckedReplays(IMartenDeduplicatedResponses stored, IHttpContextAccessor http) : IMartenDeduplicatedResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DeduplicatedResponseClaim?> FindClaimAsync(
        IDocumentSession session, string? deduplicationId, Type? ancillaryStoreMarker, CancellationToken cancellation)
    {
        var claim = await stored.FindClaimAsync(session, deduplicationId, ancillaryStoreMarker, cancellation);
        if (claim?.Response is not { } response || http.HttpContext is not { } context) return claim;

        if (await ReplayAccess.RefusalAsync(context, session, response.Location, cancellation) is { } refusal)
            return claim with { Response = new DeduplicatedResponse(refusal.Status!.Value, JsonSerializer.Serialize(refusal, Json), null) };

        if (response.StatusCode is >= 200 and < 300 && VersionIn(response.Body) is { } version)
            context.Response.Headers[HeaderNames.ETag] = Preconditions.ETagFor(version);
        return claim;
    }

    public IQueryHandler<DeduplicatedResponseClaim?> ClaimQuery(IDocumentSession session, string? deduplicationId, Type? ancillaryStoreMarker) =>
        stored.ClaimQuery(session, deduplicationId, ancillaryStoreMarker);

    public void QueueClaim(IDocumentSession session, PendingDeduplicatedResponseClaim? claim, Type? ancillaryStoreMarker) =>
        stored.QueueClaim(session, claim, ancillaryStoreMarker);

    /// <summary>Every answer to a write on a case reports the case's new version (its ETag).</summary>
    private static long? VersionIn(string? body)
    {
        if (string.IsNullOrEmpty(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("version", out var version) && version.TryGetInt64(out var value)
                ? value
                : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>Wraps Wolverine's registration; fails at start-up if Wolverine no longer registers one.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IMartenDeduplicatedResponses))
            ?? throw new InvalidOperationException("Wolverine registered no IMartenDeduplicatedResponses to check replays with.");
        services.Remove(original);
        services.AddHttpContextAccessor();
        services.Add(new ServiceDescriptor(typeof(IMartenDeduplicatedResponses), provider => new CheckedReplays(
            original.ImplementationInstance as IMartenDeduplicatedResponses
            ?? (IMartenDeduplicatedResponses)(original.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!)),
            provider.GetRequiredService<IHttpContextAccessor>()), original.Lifetime));
    }
}
