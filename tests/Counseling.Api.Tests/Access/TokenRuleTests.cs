using System.Security.Claims;
using System.Text.Json;
using Alba;
using Counseling.Api.Access;
using Counseling.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Counseling.Api.Tests.Access;

/// <summary>Tokens a careless or hostile client may send: each is a 401 problem that says why, and writes nothing.</summary>
[Collection(ApiCollection.Name)]
public class TokenRuleTests(ApiFixture api)
{
    /// <summary>A token signed with the development key, with exactly the claims, audience and lifetime given.</summary>
    private string Token(IEnumerable<(string Type, string Value)> claims, string audience = DevelopmentTokens.Audience, DateTime? expires = null)
    {
        var key = DevelopmentTokens.KeyFrom(api.Host.Services.GetRequiredService<IConfiguration>())!;
        // The machine's clock on purpose: token lifetimes are checked against it, not the service's pinned clock.
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value))),
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static readonly (string, string)[] Office = [("office", "bekasi")];

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "several roles", "2 roles (supervisor, counselor)" },
        { "unknown role", "role 'kepala-dinas' is not one this service knows" },
        { "no role", "no 'role' claim" },
        { "no sub", "no 'sub' claim" },
        { "several offices", "The token names 2 offices (bekasi, kalteng)" },
        { "wrong audience", "The token's audience is not this service" },
        { "expired", "The token expired at" },
    };

    private string BadToken(string kind) => kind switch
    {
        "several roles" => Token([("sub", "c-001"), ("role", "supervisor"), ("role", "counselor"), .. Office]),
        "unknown role" => Token([("sub", "c-001"), ("role", "kepala-dinas"), .. Office]),
        "no role" => Token([("sub", "c-001"), .. Office]),
        "no sub" => Token([("role", "counselor"), .. Office]),
        "several offices" => Token([("sub", "c-001"), ("role", "counselor"), .. Office, ("office", "kalteng")]),
        "wrong audience" => Token([("sub", "c-001"), ("role", "counselor"), .. Office], audience: "another-api"),
        "expired" => Token([("sub", "c-001"), ("role", "counselor"), .. Office], expires: DateTime.UtcNow.AddHours(-1)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory, MemberData(nameof(BadTokens))]
    public async Task A_token_that_does_not_name_one_caller_in_one_known_role_is_401_on_a_write_and_appends_nothing(string kind, string reason)
    {
        var caseId = await api.Host.OpenCaseAsync();
        var before = await api.EventCountAsync();

        var result = await api.Host.Scenario(s =>
        {
            s.Post.Json(Requests.LogSession(api.Now)).ToUrl($"/cases/{caseId}/sessions");
            s.WithBearerToken(BadToken(kind));
            s.StatusCodeShouldBe(401);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be(401);
        problem.GetProperty("detail").GetString().Should().Contain(reason);
        result.Context.Response.Headers.WWWAuthenticate.ToString().Should().StartWith("Bearer error=\"invalid_token\"");
        (await api.EventCountAsync()).Should().Be(before);
    }

    [Theory, MemberData(nameof(BadTokens))]
    public async Task The_same_tokens_are_401_on_a_read(string kind, string reason)
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-001/caseload");
            s.WithBearerToken(BadToken(kind));
            s.StatusCodeShouldBe(401);
        });
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString().Should().Contain(reason);
    }

    [Fact]
    public async Task A_request_without_a_token_is_401_saying_to_send_one()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-001/caseload");
            s.RemoveRequestHeader("Authorization");
            s.StatusCodeShouldBe(401);
        });
        result.Context.Response.Headers.WWWAuthenticate.ToString().Should().Be("Bearer");
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Be("Send a bearer token: Authorization: Bearer <token>.");
    }

    [Fact]
    public async Task A_role_claim_spelled_in_another_case_is_not_the_role()
    {
        var result = await api.Host.Scenario(s =>
        {
            s.Get.Url("/counselors/c-001/caseload");
            s.WithBearerToken(Token([("sub", "c-001"), ("role", "Counselor"), .. Office]));
            s.StatusCodeShouldBe(401);
        });
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("detail").GetString()
            .Should().Contain("role 'Counselor' is not one this service knows");
    }
}
