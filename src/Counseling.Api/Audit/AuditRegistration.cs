using Counseling.Api.Audit.Checkpoints;
using Counseling.Api.Audit.Verification;
using Counseling.Api.Infrastructure;

namespace Counseling.Api.Audit;

public static class AuditRegistration
{
    public static void AddCounselingAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => SealKey.From(services.GetRequiredService<ServiceKeys>()));
        builder.Services.AddSingleton<StoredHistory>();
        builder.Services.AddSingleton<StoreVerifier>();
        builder.Services.AddSingleton<IProjectionCheck, CaseSnapshotCheck>();
        builder.Services.AddSingleton<IProjectionCheck, AsyncProjectionCheck>();
        builder.Services.AddSingleton<IProjectionCheck, CaseloadCountsCheck>();

        builder.Services.AddSingleton(services => new CheckpointSigner(services.GetRequiredService<ServiceKeys>(),
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<ILoggerFactory>().CreateLogger<CheckpointSigner>()));
        builder.Services.AddSingleton(CheckpointArchive.From(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<StoreIdentities>();
        builder.Services.AddSingleton<CheckpointLedger>();
        builder.Services.AddSingleton<CheckpointVerifier>();
        // The checkpoint a monthly report is computed at (Reports/Monthly).
        builder.Services.AddSingleton<Counseling.Api.Reports.Monthly.MonthlyCheckpoint>();
        builder.Services.AddHostedService<CheckpointSchedule>();
    }
}
