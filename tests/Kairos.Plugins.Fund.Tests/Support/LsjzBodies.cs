using System.Text.Json.Nodes;

namespace Kairos.Plugins.Fund.Tests.Support;

/// <summary>Builds <c>f10/lsjz</c> bodies in the recorded shape, for servers the fixtures do not cover.</summary>
internal static class LsjzBodies
{
    public static string Row(string date, string dwjz, string ljjz = "", string jzzzl = "", string sgzt = "开放申购", string shzt = "开放赎回", string fhsp = "") =>
        new JsonObject
        {
            ["FSRQ"] = date, ["DWJZ"] = dwjz, ["LJJZ"] = ljjz, ["SDATE"] = null, ["ACTUALSYI"] = "", ["NAVTYPE"] = "1",
            ["JZZZL"] = jzzzl, ["SGZT"] = sgzt, ["SHZT"] = shzt, ["FHFCZ"] = "", ["FHFCZ10"] = null, ["FHFCBZ"] = "",
            ["DTYPE"] = null, ["FHSP"] = fhsp,
        }.ToJsonString();

    public static string Page(IEnumerable<string> rows, int totalCount, int pageSize, int pageIndex) =>
        "{\"Data\":{\"LSJZList\":[" + string.Join(",", rows) + "],\"FundType\":\"002\",\"SYType\":null,\"isNewType\":false,\"Feature\":\"050\"},"
        + $"\"ErrCode\":0,\"ErrMsg\":null,\"TotalCount\":{totalCount},\"Expansion\":null,\"PageSize\":{pageSize},\"PageIndex\":{pageIndex}}}";
}
