using Kairos.Plugins.Ibkr.Flex.Statements;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>Parses an Activity Flex statement in XML (e.g. a saved file), the same way the Flex client does.</summary>
public static class FlexStatementParser
{
    /// <summary>Parses the statement; a Flex error answer is thrown as <see cref="IbkrFlexException"/>.</summary>
    /// <exception cref="IbkrParseException">Not a Flex statement, malformed XML, or a value in an unknown form.</exception>
    /// <exception cref="IbkrFlexException">The document is a Flex error answer.</exception>
    public static async Task<FlexQueryResult> ParseAsync(Stream xml, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var answer = await FlexResponseReader.ReadAsync(xml, cancellationToken).ConfigureAwait(false);
        if (answer.Statement is not null)
        {
            return answer.Statement;
        }
        if (answer.ErrorCode is { } code)
        {
            var (kind, message) = FlexErrorCodes.Describe(code, answer.ErrorMessage);
            throw new IbkrFlexException(message, kind, code);
        }
        throw new IbkrParseException("Flex document is a status answer, not a statement.");
    }
}
