using Counseling.Domain.Cases;
using Counseling.Domain.Cases.Benefit;
using Counseling.Domain.Cases.Sessions;
using static Counseling.Domain.Tests.Cases.CaseFixtures;

namespace Counseling.Domain.Tests.Cases;

/// <summary>
/// A refusal says why by a stable code and its arguments, which the API renders in the reader's language; its
/// English is the domain's own.
/// </summary>
public class RefusalReasonTests
{
    [Fact]
    public void A_refusal_carries_its_code_and_arguments_and_reads_in_English()
    {
        var closed = OpenedCase().After(Closed(ClosureReason.Unreachable));

        var refusal = closed.Decide(new LogSession(Guid.NewGuid(), Now.AddHours(-1), SessionMode.Phone, 15, [SessionTopic.Other], "", null), Now)
            .ShouldRefuse(RefusalKind.Conflict);

        refusal.Code.Should().Be(nameof(Why.CaseClosed));
        refusal.Sentence.Arguments.Should().Equal(ClosureReason.Unreachable, Why.ToLogSession);
        refusal.Reason.Should().Be("The case is closed (Unreachable): reopen it before logging a session.");
    }

    [Fact]
    public void Dates_in_a_refusal_read_as_yyyy_MM_dd_and_rule_set_sources_as_their_English()
    {
        Why.InTheFuture.With(new DateOnly(2026, 12, 1)).ToString().Should().Be("2026-12-01 is in the future.");

        var source = BenefitRuleSets.All[0].Quoted(nameof(BenefitRuleSet.ClaimWindowSource));
        source.Code.Should().Be("RuleSet.PP-37-2021.ClaimWindowSource");
        Why.ClaimTooLate.With(source, new DateOnly(2024, 1, 2), "PP-37-2021", new DateOnly(2024, 4, 2), new DateOnly(2024, 5, 1)).ToString()
            .Should().StartWith("PP 37/2021 Pasal 40: the right lapses when no claim is made within 3 months of the PHK. The PHK on 2024-01-02");
    }

    [Fact]
    public void Every_refusal_reason_has_its_own_code()
    {
        Why.All.Should().OnlyHaveUniqueItems(w => w.Code).And.HaveCountGreaterThan(90);
    }
}
