using System.Globalization;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>IBKR's Flex error codes (list of the ibflex client), each with a message that says what to do.</summary>
public static class FlexErrorCodes
{
    private static readonly Dictionary<int, (FlexErrorKind Kind, string Message)> Codes = new()
    {
        [1003] = (FlexErrorKind.NotAvailable, "Statement is not available (1003): check the Flex query's period and that the account has data for it."),
        [1004] = (FlexErrorKind.NotReady, "Statement is incomplete at this time (1004); try again later."),
        [1005] = (FlexErrorKind.NotReady, "Settlement data is not ready at this time (1005); try again later."),
        [1006] = (FlexErrorKind.NotReady, "FIFO P/L data is not ready at this time (1006); try again later."),
        [1007] = (FlexErrorKind.NotReady, "MTM P/L data is not ready at this time (1007); try again later."),
        [1008] = (FlexErrorKind.NotReady, "MTM and FIFO P/L data is not ready at this time (1008); try again later."),
        [1009] = (FlexErrorKind.NotReady, "The Flex server is under heavy load (1009); try again later."),
        [1010] = (FlexErrorKind.Configuration, "Legacy Flex queries are no longer supported (1010): create an Activity Flex Query in XML format and set Plugins:ibkr:FlexQueryId."),
        [1011] = (FlexErrorKind.Configuration, "The Flex Web Service account is inactive (1011): enable the Flex Web Service in Client Portal."),
        [1012] = (FlexErrorKind.Credentials, "The Flex token has expired (1012): generate a new token in Client Portal and set Plugins:ibkr:FlexToken."),
        [1013] = (FlexErrorKind.Configuration, "IP restriction (1013): this server's IP address is not allowed for the Flex token; change the token's IP restriction in Client Portal."),
        [1014] = (FlexErrorKind.Configuration, "The Flex query is invalid (1014): check Plugins:ibkr:FlexQueryId."),
        [1015] = (FlexErrorKind.Credentials, "The Flex token is invalid (1015): check Plugins:ibkr:FlexToken."),
        [1016] = (FlexErrorKind.Configuration, "The account is invalid (1016): check the accounts of the Flex query."),
        [1017] = (FlexErrorKind.InvalidReference, "The reference code is invalid (1017): the statement has to be requested again."),
        [1018] = (FlexErrorKind.NotReady, "Too many requests for this Flex token (1018); waiting before trying again."),
        [1019] = (FlexErrorKind.NotReady, "Statement generation in progress (1019)."),
        [1020] = (FlexErrorKind.Configuration, "Invalid request or unable to validate the request (1020): check Plugins:ibkr:FlexToken and Plugins:ibkr:FlexQueryId."),
        [1021] = (FlexErrorKind.NotReady, "The statement could not be retrieved at this time (1021); try again later."),
    };

    /// <summary>The kind and message for a code; unknown codes are service errors quoting IBKR's own text.</summary>
    public static (FlexErrorKind Kind, string Message) Describe(int code, string? ibkrMessage) =>
        Codes.TryGetValue(code, out var known)
            ? known
            : (FlexErrorKind.Service, string.Create(CultureInfo.InvariantCulture, $"Flex Web Service error {code}: {ibkrMessage ?? "(no message)"}."));

    /// <summary>True for the codes that mean "poll again later".</summary>
    public static bool IsNotReady(int code) => Codes.TryGetValue(code, out var known) && known.Kind == FlexErrorKind.NotReady;
}
