namespace Kairos.Plugins.Portfolio;

/// <summary>The side of a position. It is part of the position's key, so both sides of one instrument can coexist.</summary>
public enum PositionSide
{
    /// <summary>Owned (or long a derivative).</summary>
    Long,

    /// <summary>Sold short (or short a derivative).</summary>
    Short,
}
