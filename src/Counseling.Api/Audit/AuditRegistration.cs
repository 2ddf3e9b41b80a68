using Counseling.Api.Audit.Verification;

namespace Counseling.Api.Audit;

public static class AuditRegistration
{
    public static void AddCounselingAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StoreVerifier>();
        builder.Services.AddSingleton<IProjectionCheck, CaseSnapshotCheck>();
        builder.Services.AddSingleton<IProjectionCheck, AsyncProjectionReplayCheck>();
    }
}
