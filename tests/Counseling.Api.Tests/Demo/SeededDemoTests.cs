using Counseling.Domain.Counselors;
using Counseling.Api.ReferenceData;
using System.Text.Json;
using Counseling.Api.Audit;
using Counseling.Api.Audit.Verification;
using Counseling.Seeds;
using Counseling.Api.PersonalData;
using Counseling.Domain.Cases;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Counseling.Api.Tests.Demo;

[Collection(DemoCollection.Name)]
public sealed class SeededDemoTests(DemoFixture demo)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_store_holds_the_planned_events_recorded_by_the_planned_users_at_the_planned_moments()
    {
        await using var session = demo.Store.QuerySession();
        var keyRing = demo.Host.Services.GetRequiredService<PersonalDataKeyRing>();
        var all = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
        // Besides the journeys, the store holds one registration per seeded counselor, supervisor, administrator and
        // auditor (their own streams).
        var registrations = all.Where(e => e.Data is CounselorRegistered or OfficialRegistered).ToList();
        registrations.Should().HaveCount(DemoFixture.SeededCounselors + DemoFixture.SeededOfficials).And
            .OnlyContain(e => e.UserName == CounselorStreams.SeedActor && e.Version == 1);
        var stored = all.Except(registrations).ToList();
        demo.EventsRecorded.Should().Be(demo.Plan.Journeys.Sum(j => j.Events.Count));
        stored.Should().HaveCount(demo.EventsRecorded);

        foreach (var journey in demo.Plan.Journeys)
        {
            var events = stored.Where(e => e.StreamId == journey.CaseId).ToList();
            var opened = (CaseOpened)events[0].Data;
            new[] { opened.Worker.Nik, opened.Worker.FullName, opened.Worker.BirthDate, opened.Worker.Phone, opened.Worker.BpjsMembershipNumber }
                .Should().OnlyContain(value => PersonalDataProtection.IsProtected(value));
            var key = await PersonalDataKeys.ForCaseAsync(session, keyRing, journey.CaseId, CancellationToken.None);
            var revealed = events.Select(e => SensitiveFields.Reveal(e.Data, key));

            revealed.Select(Serialized).Should().Equal(journey.Events.Select(Serialized), $"journey {journey.Number} is stored as planned");
            // Each step's events carry its moment and the user who gave the command, as the API stamps them.
            events.Select(e => e.UserName).Distinct().Should().BeSubsetOf(journey.Steps.Select(s => s.RecordedBy));
            events.First().UserName.Should().Be(journey.Steps[0].RecordedBy);
            events.First().Timestamp.Should().Be(journey.Steps[0].At);
            events.First().Headers![AuditTrail.RoleHeader].ToString().Should().Be("counselor");
            events.Should().OnlyContain(e => e.Timestamp < DemoFixture.Anchor);
        }
    }

    [Fact]
    public async Task Every_seeded_event_is_sealed_and_verify_finds_history_and_projections_consistent()
    {
        var report = await demo.Host.Services.GetRequiredService<StoreVerifier>().VerifyAsync();

        report.Mismatches.Should().BeEmpty();
        report.Consistent.Should().BeTrue();
        report.EventsChecked.Should().Be(demo.EventsRecorded + DemoFixture.SeededCounselors + DemoFixture.SeededOfficials);
        report.StreamsChecked.Should().Be(DemoFixture.Workers + DemoFixture.SeededCounselors + DemoFixture.SeededOfficials);
    }

    [Fact]
    public async Task Caseloads_and_dashboards_show_a_living_office()
    {
        var from = demo.Today.AddDays(-183).ToString("yyyy-MM-dd");
        var to = demo.Today.ToString("yyyy-MM-dd");
        var dashboard = await demo.GetAsync($"/offices/bekasi/dashboard?from={from}&to={to}");

        var bekasi = demo.Plan.Journeys.Select(j => j.Final).Where(c => c.OfficeId == "bekasi").ToList();
        dashboard.GetProperty("openCases").GetInt32().Should().Be(bekasi.Count(c => !c.IsClosed));
        var period = dashboard.GetProperty("period");
        period.GetProperty("newCases").GetInt32().Should().Be(bekasi.Count(c => c.OpenedOn >= demo.Today.AddDays(-183)));
        period.GetProperty("placements").GetInt32().Should().BeGreaterThan(0);
        period.GetProperty("casesClosed").GetInt32().Should().BeGreaterThan(0);
        period.GetProperty("trainingReferrals").GetInt32().Should().BeGreaterThan(0);
        dashboard.GetProperty("freshness").GetProperty("lag").GetInt64().Should().Be(0);

        var caseload = await demo.GetAsync("/counselors/c-001/caseload");
        caseload.GetProperty("totalItems").GetInt64().Should().Be(demo.Plan.Journeys.Count(j => !j.Final.IsClosed && j.Final.CounselorId == "c-001"));
        caseload.GetProperty("items")[0].GetProperty("workerName").GetString().Should().NotBeNullOrEmpty();

        var overdue = 0;
        var open = 0;
        foreach (var office in DemoFixture.Reference.Offices)
        {
            var counselors = (await demo.GetAsync($"/offices/{office.Id}/dashboard")).GetProperty("counselors").EnumerateArray().ToList();
            overdue += counselors.Sum(c => c.GetProperty("overdueFollowUps").GetInt32());
            open += counselors.Sum(c => c.GetProperty("openCases").GetInt32());
        }
        open.Should().Be(demo.Plan.Journeys.Count(j => !j.Final.IsClosed));
        overdue.Should().BeInRange(1, open / 3, "a few follow-ups slipped, most did not");
    }

    private static string Serialized(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json);
}
