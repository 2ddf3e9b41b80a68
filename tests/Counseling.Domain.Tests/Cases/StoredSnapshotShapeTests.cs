using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.JobSearch;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>
/// A case snapshot (or a caseload entry's copy of a case) stored before the benefit had a history of its own kept the
/// claim, the commitment, the evidence, the first job's start and a death at its top level: it still reads, with the
/// same benefit, and is written in today's shape.
/// </summary>
public class StoredSnapshotShapeTests
{
    // As the store serializes documents: camelCase, enums as their names.
    private static readonly JsonSerializerOptions Store = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static CounselingCase ClaimWithEvidence() => OpenedCase().After(
        new JkpClaimRecorded(Today.AddDays(-20), new ContributionHistory(24, 24)),
        new JobSearchCommitmentMade(Today.AddDays(-19)),
        new JobSearchActivityRecorded(Guid.NewGuid(), JobSearchActivityKind.Application, Today.AddDays(-10), "PT Maju Jaya", null, null));

    /// <summary>Today's document with the benefit's members moved to the top level, as the old shape had them.</summary>
    private static string OldShapeOf(CounselingCase current)
    {
        var document = JsonNode.Parse(JsonSerializer.Serialize(current, Store))!.AsObject();
        var benefit = document["benefit"]!.AsObject();
        document.Remove("benefit");
        foreach (var (name, value) in benefit.ToList())
        {
            benefit.Remove(name);
            document[name] = value;
        }
        document["jobSearchActivities"]![0]!["employer"] = "PT Maju Jaya";
        return document.ToJsonString();
    }

    [Fact]
    public void An_old_snapshot_reads_with_the_same_benefit_and_is_written_in_todays_shape()
    {
        var current = ClaimWithEvidence();

        var stored = JsonSerializer.Deserialize<CounselingCase>(OldShapeOf(current), Store)!;

        stored.Benefit.Should().BeEquivalentTo(current.Benefit);
        JkpBenefit.For(stored, Today).Should().BeEquivalentTo(JkpBenefit.For(current, Today));
        JsonSerializer.Serialize(stored, Store).Should().Be(JsonSerializer.Serialize(current, Store));
    }

    [Fact]
    public void A_step_on_an_old_snapshot_decides_on_its_benefit_and_leaves_todays_shape()
    {
        var stored = JsonSerializer.Deserialize<CounselingCase>(OldShapeOf(ClaimWithEvidence()), Store)!;

        stored.Decide(new MakeJobSearchCommitment(Today), Now).ShouldRefuse(RefusalKind.Conflict);
        var next = stored.After(new JobSearchActivityRecorded(Guid.NewGuid(), JobSearchActivityKind.InterviewCall, Today.AddDays(-2), "PT B", null, null));

        next.Benefit!.JobSearchActivities.Should().HaveCount(2);
        var written = JsonNode.Parse(JsonSerializer.Serialize(next, Store))!.AsObject();
        written.Select(p => p.Key).Should().Contain("benefit").And.NotContain(["claim", "jobSearchCommittedOn", "jobSearchActivities"]);
    }
}
