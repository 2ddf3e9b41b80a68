using Counseling.Api.Infrastructure;
using JasperFx;

var app = CounselingService.Build(args);
return await app.RunJasperFxCommands(args);

public partial class Program;
