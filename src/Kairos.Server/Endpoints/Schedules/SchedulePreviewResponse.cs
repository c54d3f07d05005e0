namespace Kairos.Server.Endpoints.Schedules;

/// <summary>The answer of the preview: fire times as ISO 8601 with the offset in force in the schedule's zone.</summary>
public sealed record SchedulePreviewResponse(IReadOnlyList<string> FireTimes);
