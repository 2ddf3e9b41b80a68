using Counseling.Api.Infrastructure;
using JasperFx.CommandLine;
using Marten;

namespace Counseling.Api.PersonalData;

/// <summary>
/// Re-wraps every case's data key under a new master key, without touching an event or a ciphertext: the data keys
/// themselves stay the same. Steps, each safe to interrupt (running the command again finishes the rotation left
/// half done instead of starting another):
/// 1. the current master key is kept as <c>PersonalDataMasterKey-previous</c> and a new one becomes current (from
///    then on, new intakes are wrapped under it, also by a running service, which reads the key on each intake);
/// 2. every data key not yet wrapped under the current key is re-wrapped, a thousand per transaction, until none is
///    left (so an intake that raced step 1 is caught too); data keys written before wrapping existed are wrapped;
/// 3. the previous key file is deleted.
/// A data key is updated, never inserted, so a key an erasure deletes meanwhile stays deleted.
/// </summary>
public sealed class MasterKeyRotation(IDocumentStore store, ServiceKeys keys)
{
    private const int Batch = 1_000;

    public sealed record Outcome(string PreviousMasterKeyId, string MasterKeyId, int Rewrapped);

    public async Task<Outcome> RotateAsync(CancellationToken cancellation = default)
    {
        if (keys.IsSetInConfiguration(PersonalDataKeyRing.MasterKeyName) || keys.IsSetInConfiguration(PersonalDataKeyRing.PreviousMasterKeyName))
            throw new InvalidOperationException(
                $"The master key is set by the setting Keys:{PersonalDataKeyRing.MasterKeyName}: a rotation writes key files, so move the " +
                $"key into {keys.Directory}/{PersonalDataKeyRing.MasterKeyName}.key (and unset the setting) to rotate it here.");

        var previous = keys.Find(PersonalDataKeyRing.PreviousMasterKeyName);
        if (previous is null)
        {
            previous = keys.Find(PersonalDataKeyRing.MasterKeyName) ?? throw new InvalidOperationException(
                $"There is no master key to rotate in {keys.Directory}.");
            keys.Store(PersonalDataKeyRing.PreviousMasterKeyName, previous);
            keys.Store(PersonalDataKeyRing.MasterKeyName, PersonalDataKeyRing.NewMasterKey());
        }
        var current = keys.Find(PersonalDataKeyRing.MasterKeyName)!;
        var currentId = PersonalDataKeyRing.IdOf(current);
        var byId = new Dictionary<string, byte[]> { [PersonalDataKeyRing.IdOf(previous)] = previous, [currentId] = current };

        var table = store.Options.FindOrResolveDocumentType(typeof(PersonalDataKey)).TableName.QualifiedName;
        var serializer = store.Options.Serializer();
        var rewrapped = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var stale = await session.Query<PersonalDataKey>()
                .Where(k => k.MasterKeyId == null || k.MasterKeyId != currentId)
                .Take(Batch).ToListAsync(cancellation);
            if (stale.Count == 0) break;
            foreach (var stored in stale)
            {
                var key = stored.WrappedKey is null
                    ? new CaseKey(stored.Id, stored.Key!)
                    : PersonalDataKeyRing.UnwrapWith(stored, byId.GetValueOrDefault(stored.MasterKeyId!) ?? throw new InvalidOperationException(
                        $"The data key of case {stored.Id} is wrapped by master key {stored.MasterKeyId}, which is neither the current nor the previous one."));
                var json = serializer.ToJson(PersonalDataKeyRing.WrapWith(key, current, stored.CreatedAt));
                session.QueueSqlCommand($"update {table} set data = ?::jsonb where id = ?", json, stored.Id);
            }
            await session.SaveChangesAsync(cancellation);
            rewrapped += stale.Count;
        }

        keys.Delete(PersonalDataKeyRing.PreviousMasterKeyName);
        return new Outcome(PersonalDataKeyRing.IdOf(previous), currentId, rewrapped);
    }
}

public sealed class KeysInput : NetCoreInput
{
    [Description("rotate: wrap every case's data key under a new master key")]
    public string Action { get; set; } = "";
}

[Description("Personal-data keys: 'keys rotate' re-wraps every case's data key under a new master key (events untouched)", Name = "keys")]
public sealed class RotateKeysCommand : JasperFxAsyncCommand<KeysInput>
{
    public override async Task<bool> Execute(KeysInput input)
    {
        if (input.Action != "rotate")
        {
            Console.Error.WriteLine($"Unknown action '{input.Action}': the one action is 'keys rotate'.");
            return false;
        }
        using var host = input.BuildHost();
        var rotation = new MasterKeyRotation(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<ServiceKeys>());
        var outcome = await rotation.RotateAsync();
        Console.WriteLine($"Master key {outcome.PreviousMasterKeyId} replaced by {outcome.MasterKeyId}: " +
                          $"{outcome.Rewrapped} data keys re-wrapped, no event touched. Running services pick the new key up by themselves; " +
                          "copy the new key file wherever else the service's keys are kept.");
        return true;
    }
}
