using Counseling.Api.Access;
using Counseling.Api.Audit;
using Counseling.Api.ReferenceData;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Intake;
using Marten;

namespace Counseling.Seeds;

/// <summary>
/// Records a demo plan the way the service records requests: each step in a transaction of its own, at its moment
/// on the host's clock; the counselor's certification checked as the API checks it; the stream loaded and the
/// domain deciding on its current state; personal data encrypted with the case's key as the session saves; every event stamped with who
/// recorded it. Ordinary Marten appends, so the inline projections (case snapshot, seals) run as they do for the API.
/// </summary>
public sealed class DemoRecorder(IDocumentStore store, SimulatedClock clock)
{
    public async Task<int> RecordAsync(DemoPlan plan, CancellationToken cancellation = default)
    {
        Dictionary<string, Counselor> counselors;
        await using (var query = store.QuerySession())
            counselors = (await query.Query<Counselor>().ToListAsync(cancellation)).ToDictionary(c => c.Id);

        var events = 0;
        foreach (var step in plan.StepsInTimeOrder)
        {
            clock.MoveTo(step.At);
            var now = clock.GetUtcNow();
            if (step.Role == Role.Counselor &&
                Certification.RefusalFor(counselors.GetValueOrDefault(step.RecordedBy), step.RecordedBy, step.OfficeId, Wib.DateOf(now)) is { } uncertified)
                throw new InvalidOperationException($"Demo step {step.CausationId}: {uncertified}");

            await using var session = store.LightweightSession();
            AuditTrail.Stamp(session, step.RecordedBy, Caller.RoleName(step.Role), step.CausationId);
            session.CorrelationId = step.CorrelationId;

            if (step.Command is OpenCase)
            {
                var decided = Decided(step, CounselingCase.Decide(null, step.Command, now));
                var opened = (CaseOpened)decided[0];
                session.Events.StartStream<CounselingCase>(opened.CaseId, [.. decided]);
                events += decided.Count;
            }
            else
            {
                var stream = await session.Events.FetchForWriting<CounselingCase>(step.CaseId, cancellation);
                var decided = Decided(step, CounselingCase.Decide(stream.Aggregate, step.Command, now));
                stream.AppendMany(decided);
                events += decided.Count;
            }
            await session.SaveChangesAsync(cancellation);
        }
        return events;
    }

    private static IReadOnlyList<object> Decided(DemoStep step, Decision decision) =>
        decision.Refusal is { } refusal
            ? throw new InvalidOperationException($"Demo step {step.CausationId} ({step.Command.GetType().Name}) was refused: {refusal.Reason}")
            : decision.Events;
}
