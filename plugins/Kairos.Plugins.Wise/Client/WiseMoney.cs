namespace Kairos.Plugins.Wise.Client;

/// <summary>An amount and its ISO 4217 currency, exactly as Wise sent the number.</summary>
/// <param name="Value">Amount (negative for debits where Wise signs them).</param>
/// <param name="Currency">Currency code.</param>
public sealed record WiseMoney(decimal Value, string Currency);
