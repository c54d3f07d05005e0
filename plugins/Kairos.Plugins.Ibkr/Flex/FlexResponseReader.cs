using System.Globalization;
using System.Xml;
using Kairos.Plugins.Ibkr.Flex.Statements;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>
/// Reads a Flex answer in one streaming pass: either a <c>FlexStatementResponse</c> (status, reference code, URL or
/// error) or a <c>FlexQueryResponse</c> (the statement). The statement is built completely before it is returned,
/// so a malformed one fails as a whole (all-or-nothing import).
/// </summary>
internal static class FlexResponseReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    public static async Task<FlexAnswer> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = XmlReader.Create(stream, Settings);
            await reader.MoveToContentAsync().ConfigureAwait(false);
            return reader.LocalName switch
            {
                "FlexStatementResponse" => await ReadStatusAsync(reader, cancellationToken).ConfigureAwait(false),
                "FlexQueryResponse" => new FlexAnswer { Statement = await ReadStatementAsync(reader, cancellationToken).ConfigureAwait(false) },
                _ => throw new IbkrParseException($"Flex answer: unexpected root element '{reader.LocalName}'."),
            };
        }
        catch (XmlException ex)
        {
            throw new IbkrParseException($"Flex answer is not well-formed XML (line {ex.LineNumber}): {ex.Message}", ex);
        }
    }

    private static async Task<FlexAnswer> ReadStatusAsync(XmlReader reader, CancellationToken cancellationToken)
    {
        string? status = null, code = null, message = null, reference = null, url = null;
        while (!reader.EOF)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                var name = reader.LocalName;
                var value = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                switch (name)
                {
                    case "Status": status = value; break;
                    case "ErrorCode": code = value; break;
                    case "ErrorMessage": message = value; break;
                    case "ReferenceCode": reference = value; break;
                    case "Url": url = value; break;
                }
                continue;
            }
            await reader.ReadAsync().ConfigureAwait(false);
        }
        int? errorCode = null;
        if (!string.IsNullOrEmpty(code))
        {
            errorCode = int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new IbkrParseException($"Flex answer: ErrorCode '{code}' is not a number.");
        }
        return new FlexAnswer { Status = status, ErrorCode = errorCode, ErrorMessage = message, ReferenceCode = reference, Url = url };
    }

    private static async Task<FlexQueryResult> ReadStatementAsync(XmlReader reader, CancellationToken cancellationToken)
    {
        var queryName = Empty(reader.GetAttribute("queryName"));
        var type = Empty(reader.GetAttribute("type"));
        var statements = new List<FlexAccountStatement>();
        FlexStatementBuilder? current = null;
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "FlexStatement" && current is not null)
            {
                statements.Add(current.Build());
                current = null;
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName == "FlexStatement")
            {
                current = new FlexStatementBuilder(new FlexAttributes(reader, "FlexStatement", null));
                if (reader.IsEmptyElement)
                {
                    statements.Add(current.Build());
                    current = null;
                }
                continue;
            }
            if (current is not null)
            {
                current.Add(reader);
            }
        }
        return new FlexQueryResult(queryName, type, statements);
    }

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>One Flex answer: a statement, or a status (with reference code and URL, or an error).</summary>
internal sealed record FlexAnswer
{
    public FlexQueryResult? Statement { get; init; }

    public string? Status { get; init; }

    public int? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public string? ReferenceCode { get; init; }

    public string? Url { get; init; }
}
