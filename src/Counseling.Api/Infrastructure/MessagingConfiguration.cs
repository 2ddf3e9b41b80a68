using JasperFx.CodeGeneration;
using Wolverine;

namespace Counseling.Api.Infrastructure;

public static class MessagingConfiguration
{
    public static void AddCounselingMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(options =>
        {
            // The service's handlers, endpoints and generated code are in this assembly, also when a tool's console app
            // (seeds/, ops/bench, ops/tools) composes the service and is itself the entry assembly.
            options.ApplicationAssembly = typeof(MessagingConfiguration).Assembly;
            // Every endpoint that touches Marten runs in one transaction that commits its events and snapshots.
            options.Policies.AutoApplyTransactions();
            // Balanced lets the nodes elect a leader that assigns projection shards (see DistributesProjections).
            options.Durability.Mode = builder.DistributesProjections() ? DurabilityMode.Balanced : DurabilityMode.Solo;
            // Between nodes, a dead node's shards are taken over within seconds rather than Wolverine's minute, and a
            // node that is only slow keeps them (see NodeFailover). One node alone has nobody to take over from.
            if (builder.DistributesProjections()) NodeFailover.From(builder.Configuration).ApplyTo(options.Durability);
            // Idempotency-Key: a retried write is answered with the response recorded for its first attempt.
            options.Durability.EnableDeduplicatedResponses = true;
            // HTTP handlers come from Internal/Generated (ops/codegen writes them; a test fails while they are stale),
            // compiled and optimised with the service, not compiled by Roslyn at start-up in debug form: a faster cold
            // start and less memory (docs/decisions/pregenerated-handlers.md).
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
        });
    }
}
