using Counseling.Api.Audit;
using Counseling.Api.Audit.Checkpoints;

namespace Counseling.Tools.Audit;

/// <summary>A stream's seal chain checked in full, as the maintenance commands check it before rewriting it.</summary>
public static class SealChain
{
    /// <summary>
    /// Versions run 1..n, every seal links to the one before, each keyed seal verifies with the key, and each unkeyed
    /// one (written before seals were keyed) recomputes with the old formula and seals an event stored before the first
    /// keyed seal of the whole store (<paramref name="keyedSince"/>, the lowest sequence of an event with a keyed seal):
    /// since keyed sealing began every appended event is sealed with the key, so an unkeyed seal on a later event was
    /// put there by someone replacing seals, which anyone with the database can compute.
    /// </summary>
    public static bool Verifies(IReadOnlyList<StoredEvent> events, SealKey key, long keyedSince)
    {
        var previous = EventSeal.Genesis;
        var keyedSeen = false;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Version != i + 1 || e.Seal is not { } seal || seal.PreviousHash != previous) return false;
            var fields = e.SealedFields;
            bool valid;
            if (seal.KeyId is null)
                valid = !keyedSeen && e.Sequence < keyedSince && LegacySeals.HashAfter(fields, previous) == seal.Hash;
            else
            {
                keyedSeen = true;
                valid = seal.KeyId == key.Id && seal.DataMac == fields.DataMac(key) && fields.HashAfter(previous, seal.DataMac, key) == seal.Hash;
            }
            if (!valid) return false;
            previous = seal.Hash;
        }
        return true;
    }

    /// <summary>The lowest sequence of an event sealed with a key (long.MaxValue: none is), read from the events as they stream by.</summary>
    public sealed class KeyedSince
    {
        public long Sequence { get; private set; } = long.MaxValue;

        public void See(StoredEvent e)
        {
            if (e.Seal?.KeyId is not null && e.Sequence < Sequence) Sequence = e.Sequence;
        }
    }
}
