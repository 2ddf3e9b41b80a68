using JasperFx.CommandLine;

namespace Counseling.Api.Access;

public sealed class TokenInput : NetCoreInput
{
    [Description("The user id the token speaks for, e.g. c-001")]
    public string UserFlag { get; set; } = "c-001";

    [Description("counselor, supervisor, auditor or admin")]
    public string RoleFlag { get; set; } = "counselor";

    [Description("The office the user works at, e.g. bekasi")]
    public string? OfficeFlag { get; set; }

    [Description("Hours until the token expires")]
    public int HoursFlag { get; set; } = 12;
}

[Description("Print a development bearer token for a user, role and office (Development environment only)", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        if (!Enum.TryParse<Role>(input.RoleFlag, ignoreCase: true, out var role))
        {
            Console.Error.WriteLine($"Unknown role '{input.RoleFlag}': use counselor, supervisor, auditor or admin.");
            return false;
        }

        using var host = input.BuildHost();
        var tokens = host.Services.GetRequiredService<DevelopmentTokens>();
        Console.WriteLine(tokens.Issue(input.UserFlag, role, input.OfficeFlag, TimeSpan.FromHours(input.HoursFlag)));
        return true;
    }
}
