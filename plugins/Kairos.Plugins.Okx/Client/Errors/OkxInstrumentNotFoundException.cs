namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>The instrument id does not exist on OKX (<c>51001</c>).</summary>
public sealed class OkxInstrumentNotFoundException : OkxException
{
    /// <summary>Creates the exception.</summary>
    public OkxInstrumentNotFoundException(string instrumentId, string? code = "51001", int? httpStatus = null)
        : base($"OKX does not know the instrument '{instrumentId}' (51001): check the instrument id (e.g. BTC-USDT, BTC-USDT-SWAP) in Plugins:okx:Instruments.", code, httpStatus)
    {
        InstrumentId = instrumentId;
    }

    /// <summary>The instrument id that was asked for.</summary>
    public string InstrumentId { get; }

    /// <inheritdoc />
    public override string ErrorType => "NotFound";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
