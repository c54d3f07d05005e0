namespace Kairos.Sdk.Plugins;

/// <summary>
/// A default job a plugin declares. Its job id is <c>&lt;plugin_id&gt;_&lt;Name&gt;</c>. The JSON parts use the
/// shapes of the jobs API (<c>POST /api/v1/scheduler/jobs</c>).
/// </summary>
/// <param name="Name">The job's name within the plugin: letters, digits, '_', '.' or '-'.</param>
/// <param name="TaskId">The task it runs (normally one of this plugin's).</param>
/// <param name="ScheduleJson">The schedule object, e.g. <c>{"type":"cron","day_of_week":"mon-fri","hour":14,"minute":30}</c>.</param>
/// <param name="ConfigJson">The task config object, or null for <c>{}</c>.</param>
/// <param name="OptionsJson">Job options as in the jobs API (<c>max_instances</c>, <c>coalesce</c>, <c>misfire_grace_time</c>, <c>timeout</c>, <c>retry</c>, <c>condition</c>), or null.</param>
public sealed record PluginJob(string Name, string TaskId, string ScheduleJson, string? ConfigJson = null, string? OptionsJson = null);
