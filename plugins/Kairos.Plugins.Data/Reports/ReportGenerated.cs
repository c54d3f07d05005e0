namespace Kairos.Plugins.Data.Reports;

/// <summary>What one <c>report_generation</c> run wrote: the run's result and the data of <c>data.report.generated</c>.</summary>
/// <param name="Id">The report id.</param>
/// <param name="Period">The month.</param>
/// <param name="Currency">The currency.</param>
/// <param name="Files">The files written, by format (html, csv, json → full path).</param>
/// <param name="NetWorthStart">Net worth at the start.</param>
/// <param name="NetWorthEnd">Net worth at the end.</param>
/// <param name="Change">End minus start.</param>
/// <param name="Contributions">Money put in during the period, in the currency.</param>
/// <param name="StaleSources">Sources whose data was stale.</param>
public sealed record ReportGenerated(
    string Id,
    string Period,
    string Currency,
    IReadOnlyDictionary<string, string> Files,
    decimal NetWorthStart,
    decimal NetWorthEnd,
    decimal Change,
    decimal Contributions,
    IReadOnlyList<string> StaleSources);
