namespace Kairos.Plugins.Wise.Client;

/// <summary>One balance of a profile (<c>GET /v4/profiles/{id}/balances?types=STANDARD</c>).</summary>
/// <param name="Id">Balance id (needed for statements).</param>
/// <param name="Currency">ISO 4217 currency.</param>
/// <param name="Type"><c>STANDARD</c> or <c>SAVINGS</c>.</param>
/// <param name="Name">Jar name, <c>null</c> for standard balances.</param>
/// <param name="Amount">Available to spend or transfer.</param>
/// <param name="ReservedAmount">Held for pending transactions.</param>
/// <param name="CashAmount">Cash ledger balance (amount + reserved): the "balance per currency".</param>
/// <param name="TotalWorth">Cash plus invested assets.</param>
/// <param name="ModificationTime">Last change of the balance, UTC.</param>
/// <param name="Visible">Hidden balances are returned too.</param>
public sealed record WiseBalance(
    long Id,
    string Currency,
    string Type,
    string? Name,
    WiseMoney Amount,
    WiseMoney? ReservedAmount,
    WiseMoney? CashAmount,
    WiseMoney? TotalWorth,
    DateTimeOffset? ModificationTime,
    bool Visible);
