namespace Kairos.Plugins.Loading;

/// <summary>Why a plugin could not be loaded; the message is what the API shows as the plugin's reason.</summary>
internal sealed class PluginLoadException : Exception
{
    public PluginLoadException(string message) : base(message)
    {
    }

    public PluginLoadException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PluginLoadException()
    {
    }
}
