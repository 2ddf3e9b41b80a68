using Counseling.Api.Localization;
using Counseling.Api.Infrastructure;
using FluentValidation;

namespace Counseling.Api.Cases.Sessions;

public sealed class LogSessionValidator : AbstractValidator<LogSessionRequest>
{
    public LogSessionValidator()
    {
        RuleFor(r => r.HeldAt).NotNull();
        RuleFor(r => r.Mode).NotNull().IsInEnum();
        RuleFor(r => r.DurationMinutes).NotNull().InclusiveBetween(1, 480)
            .WithMessage(_ => Texts.Get("Validation.SessionDuration"));
        RuleFor(r => r.Topics).NotEmpty().WithMessage(_ => Texts.Get("Validation.TopicsRequired"));
        RuleForEach(r => r.Topics).IsInEnum();
        RuleFor(r => r.Notes).MaximumLength(4000);
    }
}
