namespace Kairos.Plugins.Fund.Dca;

/// <summary>
/// The arithmetic of confirming a fund purchase (front-end fee, as Chinese fund platforms apply it):
/// net amount = amount ÷ (1 + fee rate) and fee = amount − net amount, both rounded half-up to 0.01 yuan;
/// shares = net amount ÷ NAV truncated (never rounded up) to 0.01 units.
/// </summary>
internal static class DcaMath
{
    /// <example>1000.00 at fee rate 0.0015 and NAV 1.1090: net 998.50 (998.5022…), fee 1.50, shares 900.36 (900.3607…).</example>
    public static (decimal NetAmount, decimal Fee, decimal Shares) Confirm(decimal amount, decimal feeRate, decimal nav)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nav);
        ArgumentOutOfRangeException.ThrowIfNegative(feeRate);
        var net = Math.Round(amount / (1m + feeRate), 2, MidpointRounding.AwayFromZero);
        var fee = Math.Round(amount - net, 2, MidpointRounding.AwayFromZero);
        var shares = Math.Round(net / nav, 2, MidpointRounding.ToZero);
        return (net, fee, shares);
    }
}
