namespace Kairos.Bench.Harness;

/// <summary>The configurations compared, in table order, with their display names.</summary>
public static class Configs
{
    public const string QuartzDefault = "quartz-default";
    public const string QuartzTuned = "quartz-tuned";
    public const string Coravel = "coravel";
    public const string Floor = "floor";
    public const string Kairos = "kairos";
    public const string KairosHistoryOff = "kairos-history-off";

    public static readonly string[] Peers = [QuartzDefault, QuartzTuned, Coravel, Floor];

    public static string Display(string config) => config switch
    {
        QuartzDefault => "Quartz.NET 4.7 (default pool)",
        QuartzTuned => "Quartz.NET 4.7 (tuned pool)",
        Coravel => "Coravel 6",
        Floor => "floor",
        Kairos => "Kairos",
        KairosHistoryOff => "Kairos, history OFF",
        _ => config,
    };
}
