namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>What SendRequest answered: the reference code and where to fetch the statement (URL without the token).</summary>
/// <param name="ReferenceCode">The reference code to pass to GetStatement.</param>
/// <param name="StatementUrl">The GetStatement address that will be used.</param>
public sealed record FlexReference(string ReferenceCode, Uri StatementUrl);
