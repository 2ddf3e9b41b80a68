using Wolverine;

namespace Counseling.Api.Infrastructure;

public static class MessagingConfiguration
{
    public static void AddCounselingMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(options =>
        {
            // Every endpoint that touches Marten runs in one transaction that commits its events and snapshots.
            options.Policies.AutoApplyTransactions();
            // Balanced lets the nodes elect a leader that assigns projection shards (see DistributesProjections).
            options.Durability.Mode = builder.DistributesProjections() ? DurabilityMode.Balanced : DurabilityMode.Solo;
            // Idempotency-Key: a retried write is answered with the response recorded for its first attempt.
            options.Durability.EnableDeduplicatedResponses = true;
        });
    }
}
