using Counseling.Api.Audit;
using Counseling.Api.PersonalData;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Counseling.Api.Cases;

/// <summary>
/// What happens to a write's events, top to bottom. The endpoint's middleware (<see cref="CaseStepMiddleware"/>, or the
/// intake's own) has already (1) locked the case's stream and (2) decided: the events are the domain's decision. As the
/// session saves, in its transaction, this (the first inline projection, so that the snapshot and every view see what is
/// stored) (3) reads the case's data key and the stream's last seal, in one round trip; (4) protects personal data
/// (<see cref="PersonalDataEncryption"/>); (5) seals every event over the data as it will be stored
/// (<see cref="EventSealing"/>). Marten then (6) appends the events and projects the snapshot, and the endpoint (7) answers
/// with the new version. Any session goes through it: an endpoint's, the demo's, the volume seeder's.
/// </summary>
public sealed class CaseWritePipeline(PersonalDataEncryption personalData, EventSealing sealing) : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // (3) What protecting and sealing read: the keys of cases whose new events carry personal data, the seals they chain to.
        var toProtect = PersonalDataEncryption.ToProtect(operations, events);
        var keyIds = PersonalDataEncryption.KeysToRead(toProtect).ToArray();
        var sealIds = EventSealing.HeadsToRead(events).ToArray();
        IReadOnlyList<PersonalDataKey> keys = [];
        IReadOnlyList<EventSeal> heads = [];
        if (keyIds.Length > 0 && sealIds.Length > 0)
        {
            var batch = operations.CreateBatchQuery();
            var keysRead = batch.LoadMany<PersonalDataKey>().ById(keyIds);
            var sealsRead = batch.LoadMany<EventSeal>().ById(sealIds);
            await batch.Execute(cancellation);
            (keys, heads) = (await keysRead, await sealsRead);
        }
        else if (keyIds.Length > 0) keys = await operations.LoadManyAsync<PersonalDataKey>(cancellation, keyIds);
        else if (sealIds.Length > 0) heads = await operations.LoadManyAsync<EventSeal>(cancellation, sealIds);

        // (4) Personal data encrypted with the case's key (a new key for an intake; erased for a case without one).
        personalData.Protect(operations, toProtect, keys.ToDictionary(k => k.Id));
        // (5) Every event sealed, chained to its stream's previous one.
        sealing.Seal(operations, events, heads);
    }
}
