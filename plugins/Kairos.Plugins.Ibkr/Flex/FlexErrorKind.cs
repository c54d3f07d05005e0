namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>What a Flex failure means for the caller.</summary>
public enum FlexErrorKind
{
    /// <summary>The statement is still being generated or IBKR asks to come back later (1004–1009, 1018, 1019, 1021); polled within the deadline.</summary>
    NotReady,

    /// <summary>The statement was still not ready at the deadline.</summary>
    Timeout,

    /// <summary>The token expired or is invalid (1012, 1015): a new token is needed.</summary>
    Credentials,

    /// <summary>The query, account, IP restriction or service setup is wrong (1010, 1011, 1013, 1014, 1016, 1020).</summary>
    Configuration,

    /// <summary>No statement for the requested period (1003).</summary>
    NotAvailable,

    /// <summary>The reference code is invalid (1017): the request has to start again.</summary>
    InvalidReference,

    /// <summary>HTTP or network failure, or an unknown error code.</summary>
    Service,
}
