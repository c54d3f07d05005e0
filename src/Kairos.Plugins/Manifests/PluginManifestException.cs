namespace Kairos.Plugins.Manifests;

/// <summary>A <c>plugin.json</c> that cannot be used; the message names the field and what is wrong.</summary>
public sealed class PluginManifestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginManifestException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PluginManifestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PluginManifestException()
    {
    }
}
