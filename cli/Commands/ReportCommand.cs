using System.CommandLine;
using VaeSweep.Core.Reports;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep report`: tables, tidy exports and an offline HTML page from one or more stores.</summary>
public static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stores = new Argument<string[]>("stores") { Description = "store files (.db); rows of several are listed together", Arity = ArgumentArity.OneOrMore };
        var compare = new Option<bool>("--compare") { Description = "add IWAE minus VAE at matched settings (paired across seeds)" };
        var by = new Option<string?>("--by") { Description = "group by AXIS[,AXIS]: leading axes down, the last across; seeds pooled with 95% t-intervals; each level paired against the first" };
        var sort = new Option<string>("--sort") { Description = $"metric to sort, group and compare by: {string.Join(", ", ReportMetric.All.Select(m => m.Name))}", DefaultValueFactory = _ => "log-likelihood" };
        var format = new Option<string>("--format") { Description = "table, md, csv, json or html", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong([.. ReportRenderers.Formats]);
        var outPath = new Option<string?>("--out") { Description = "write the report to this file instead of the terminal" };
        var perEpoch = new Option<bool>("--per-epoch") { Description = "csv/json: one row per epoch instead of one per run" };
        var command = new Command("report", "Compare the runs recorded in one or more stores.")
        {
            stores, compare, by, sort, format, outPath, perEpoch,
        };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var chosen = parse.GetValue(format)!;
            var options = new ReportOptions(
                parse.GetValue(stores)!,
                (parse.GetValue(by) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                parse.GetValue(sort)!,
                parse.GetValue(compare),
                Pictures: chosen == "html");
            var model = ReportBuilder.Build(options, StoreReader.Read);
            var renderer = ReportRenderers.For(chosen, parse.GetValue(perEpoch), options.By);
            if (parse.GetValue(outPath) is not { } path)
            {
                renderer.Render(model, output);
                return ExitCodes.Ok;
            }
            ReportFile.Write(path, writer => renderer.Render(model, writer));
            output.WriteLine($"report written to {path}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
