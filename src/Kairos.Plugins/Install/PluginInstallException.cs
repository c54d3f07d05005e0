namespace Kairos.Plugins.Install;

/// <summary>An uploaded plugin that was refused; nothing was installed. The message says why.</summary>
public sealed class PluginInstallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginInstallException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PluginInstallException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PluginInstallException()
    {
    }
}
