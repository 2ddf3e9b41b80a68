using Counseling.Api.Localization;
using Counseling.Api.Infrastructure;
using FluentValidation;

namespace Counseling.Api.Cases.Intake;

public sealed class OpenCaseValidator : AbstractValidator<OpenCaseRequest>
{
    public static string NikMessage => Texts.Get("Validation.Nik");

    /// <summary>A NIK: 16 digits. The same rule checks intakes and searches, and the OpenAPI document shows it.</summary>
    public const string NikPattern = "^[0-9]{16}$";

    public static bool IsNik(string value) => value.Length == 16 && value.All(char.IsAsciiDigit);

    public OpenCaseValidator()
    {
        RuleFor(r => r.OfficeId).Identifier();
        RuleFor(r => r.CounselorId).Identifier();
        RuleFor(r => r.JkpClaimReference).RequiredText(64);
        RuleFor(r => r.ContributionMonths).NotNull().InclusiveBetween(0, 600);
        When(r => r.ContributionHistory is not null, () =>
        {
            RuleFor(r => r.ContributionHistory!.MonthsPaidInLast24Months).NotNull().InclusiveBetween(0, 24);
            RuleFor(r => r.ContributionHistory!.ConsecutiveMonthsBeforeTermination).NotNull().InclusiveBetween(0, 600);
        });

        RuleFor(r => r.Worker).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.Worker!.Nik).NotEmpty()
                .Matches(NikPattern).WithMessage(_ => NikMessage);
            RuleFor(r => r.Worker!.FullName).RequiredText(200);
            RuleFor(r => r.Worker!.BirthDate).NotNull();
            RuleFor(r => r.Worker!.Phone).NotEmpty()
                .Matches(@"^\+?[0-9]{8,15}$").WithMessage(_ => Texts.Get("Validation.Phone"));
            RuleFor(r => r.Worker!.BpjsMembershipNumber).NotEmpty()
                .Matches("^[0-9]{8,16}$").WithMessage(_ => Texts.Get("Validation.BpjsNumber"));
        });

        RuleFor(r => r.Employment).NotNull().DependentRules(() =>
        {
            RuleFor(r => r.Employment!.Employer).RequiredText(200);
            RuleFor(r => r.Employment!.LastPosition).RequiredText(200);
            RuleFor(r => r.Employment!.TerminationDate).NotNull();
            RuleFor(r => r.Employment!.TerminationReason).NotNull().IsInEnum();
            RuleFor(r => r.Employment!.LastMonthlyWage).NotNull()
                .GreaterThanOrEqualTo(0).WithMessage(_ => Texts.Get("Validation.WageNotNegative"));
        });
    }
}
