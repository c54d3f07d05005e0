// The SDK's ADO.NET helpers, under the short name this plugin's SQL uses.
global using Sql = Kairos.Sdk.Plugins.PluginSql;
