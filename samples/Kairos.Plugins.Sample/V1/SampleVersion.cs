namespace Kairos.Plugins.Sample;

/// <summary>The version this build of the sample is (the only file that differs between V1 and V2).</summary>
internal static class SampleVersion
{
    /// <summary>The plugin version; equal to <c>version</c> in this build's plugin.json.</summary>
    public const string Value = "1.0.0";

    /// <summary>The major version, for behaviour that changed in 2.0.</summary>
    public static int Major => 1;
}
