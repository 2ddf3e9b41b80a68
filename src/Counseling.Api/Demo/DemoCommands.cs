using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Assessments;
using Counseling.Domain.Cases.Closure;
using Counseling.Domain.Cases.Intake;
using Counseling.Domain.Cases.JobReferrals;
using Counseling.Domain.Cases.Placements;
using Counseling.Domain.Cases.Reassignment;
using Counseling.Domain.Cases.Sessions;
using Counseling.Domain.Cases.TrainingReferrals;

namespace Counseling.Api.Demo;

public static class DemoCommands
{
    /// <summary>The domain's decision on a command, as the endpoint that serves it asks for it.</summary>
    public static Decision Decide(CounselingCase? current, object command, DateTimeOffset now) => command switch
    {
        OpenCase c => CaseIntake.Open(c, now),
        _ when current is null => throw new InvalidOperationException($"{command.GetType().Name} needs an open case."),
        LogSession c => current.Log(c, now),
        RecordSelfAssessment c => current.Record(c, now),
        ReferToJob c => current.Refer(c, now),
        RecordJobReferralOutcome c => current.RecordOutcome(c, now),
        ReferToTraining c => current.Refer(c, now),
        RecordTrainingOutcome c => current.RecordOutcome(c, now),
        PlaceWorker c => current.Place(c, now),
        StartSelfEmployment c => current.StartSelfEmployment(c, now),
        FollowUpPlacement c => current.FollowUp(c, now),
        CloseCase c => current.Close(c, now),
        ReopenCase c => current.Reopen(c, now),
        ReassignCase c => current.Reassign(c, now),
        _ => throw new ArgumentException($"The demo does not issue {command.GetType().Name}.", nameof(command)),
    };
}
