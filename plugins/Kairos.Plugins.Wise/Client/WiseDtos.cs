using System.Text.Json.Serialization;

namespace Kairos.Plugins.Wise.Client;

// Wire shapes of the Wise answers. Everything is nullable: presence is checked when mapping, so a missing field is a
// parse error naming the field, and unknown fields are ignored. Times stay strings (Wise's "+0000" offsets).
#pragma warning disable CA1812 // Instantiated by System.Text.Json.

internal sealed class ProfileDto
{
    public long? Id { get; set; }
    public string? Type { get; set; }
    public string? FullName { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? BusinessName { get; set; }
}

internal sealed class MoneyDto
{
    public decimal? Value { get; set; }
    public string? Currency { get; set; }
}

internal sealed class BalanceDto
{
    public long? Id { get; set; }
    public string? Currency { get; set; }
    public string? Type { get; set; }
    public string? Name { get; set; }
    public MoneyDto? Amount { get; set; }
    public MoneyDto? ReservedAmount { get; set; }
    public MoneyDto? CashAmount { get; set; }
    public MoneyDto? TotalWorth { get; set; }
    public string? ModificationTime { get; set; }
    public bool? Visible { get; set; }
}

internal sealed class ActivityPageDto
{
    public string? Cursor { get; set; }
    public List<ActivityDto>? Activities { get; set; }
}

internal sealed class ResourceDto
{
    public string? Type { get; set; }
    public string? Id { get; set; }
}

internal sealed class ActivityDto
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public ResourceDto? Resource { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? PrimaryAmount { get; set; }
    public string? SecondaryAmount { get; set; }
    public string? Status { get; set; }
    public string? CreatedOn { get; set; }
    public string? UpdatedOn { get; set; }
}

internal sealed class RateDto
{
    public decimal? Rate { get; set; }
    public string? Source { get; set; }
    public string? Target { get; set; }
    public string? Time { get; set; }
}

internal sealed class StatementDto
{
    public List<StatementTransactionDto>? Transactions { get; set; }
    public MoneyDto? EndOfStatementBalance { get; set; }
    public StatementQueryDto? Query { get; set; }
}

internal sealed class StatementQueryDto
{
    public string? IntervalStart { get; set; }
    public string? IntervalEnd { get; set; }
    public string? Currency { get; set; }
    public long? AccountId { get; set; }
}

internal sealed class StatementTransactionDto
{
    public string? Type { get; set; }
    public string? Date { get; set; }
    public MoneyDto? Amount { get; set; }
    public MoneyDto? TotalFees { get; set; }
    public StatementDetailsDto? Details { get; set; }
    public MoneyDto? RunningBalance { get; set; }
    public string? ReferenceNumber { get; set; }
}

internal sealed class StatementDetailsDto
{
    public string? Type { get; set; }
    public string? Description { get; set; }
}

/// <summary>Source-generated metadata: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<ProfileDto>))]
[JsonSerializable(typeof(List<BalanceDto>))]
[JsonSerializable(typeof(ActivityPageDto))]
[JsonSerializable(typeof(List<RateDto>))]
[JsonSerializable(typeof(StatementDto))]
internal sealed partial class WiseJsonContext : JsonSerializerContext;
#pragma warning restore CA1812
