using Kairos.Plugins.Manifests;
using NuGet.Versioning;

namespace Kairos.Plugins.Tests.Manifests;

public sealed class PluginManifestReaderTests
{
    [Fact]
    public void Parse_full_manifest_reads_every_field()
    {
        var manifest = PluginManifestReader.Parse("""
            {
              "id": "fund", "name": "Funds", "version": "1.2.0-beta.1", "description": "NAVs",
              "assembly": "Kairos.Plugins.Fund.dll", "sdk": "[1.0.0, 2.0.0)",
              "dependencies": { "portfolio": "[1.0.0, 2.0.0)" },
              "settings": [ { "key": "BaseUrl" }, { "key": "Token", "secret": true, "description": "API token" } ]
            }
            """);

        Assert.Equal("fund", manifest.Id);
        Assert.Equal(NuGetVersion.Parse("1.2.0-beta.1"), manifest.Version);
        Assert.Equal("Kairos.Plugins.Fund.dll", manifest.Assembly);
        Assert.True(manifest.Sdk.Satisfies(NuGetVersion.Parse("1.5.0")));
        Assert.False(manifest.Sdk.Satisfies(NuGetVersion.Parse("2.0.0")));
        Assert.True(manifest.Dependencies["portfolio"].Satisfies(NuGetVersion.Parse("1.9.9")));
        Assert.Equal([new PluginSettingDeclaration("BaseUrl", false, null), new PluginSettingDeclaration("Token", true, "API token")], manifest.Settings);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""{"name":"x","version":"1.0.0","assembly":"a.dll","sdk":"1.0.0"}""", "id is required")]
    [InlineData("""{"id":"Bad-Id","name":"x","version":"1.0.0","assembly":"a.dll","sdk":"1.0.0"}""", "id 'Bad-Id'")]
    [InlineData("""{"id":"kairos","name":"x","version":"1.0.0","assembly":"a.dll","sdk":"1.0.0"}""", "reserved")]
    [InlineData("""{"id":"x","name":"x","version":"one","assembly":"a.dll","sdk":"1.0.0"}""", "version 'one'")]
    [InlineData("""{"id":"x","name":"x","version":"1.0.0","assembly":"../a.dll","sdk":"1.0.0"}""", "assembly '../a.dll'")]
    [InlineData("""{"id":"x","name":"x","version":"1.0.0","assembly":"a.dll","sdk":"[oops"}""", "sdk '[oops'")]
    [InlineData("""{"id":"x","name":"x","version":"1.0.0","assembly":"a.dll","sdk":"1.0.0","dependencies":{"y":"[1.0"}}""", "dependencies.y")]
    [InlineData("""{"id":"x","name":"x","version":"1.0.0","assembly":"a.dll","sdk":"1.0.0","dependencies":{"x":"1.0.0"}}""", "cannot depend on itself")]
    [InlineData("""{"id":"x","name":"x","version":"1.0.0","assembly":"a.dll","sdk":"1.0.0","settings":[{"secret":true}]}""", "settings[0]")]
    [InlineData("""{"id":"x","name":"x","version":"1.0.0","assembly":"a.dll","sdk":"1.0.0","extra":1}""", "'extra' is not a manifest field")]
    public void Parse_bad_manifest_names_the_problem(string json, string expected)
    {
        var error = Assert.Throws<PluginManifestException>(() => PluginManifestReader.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
