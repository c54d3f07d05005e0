using System.Text.Json;
using Kairos.Plugins.Fund.Http;
using Kairos.Plugins.Fund.Tiantian;

namespace Kairos.Plugins.Fund.Dca;

/// <summary>
/// Reads a DCA plan from a request body: a whole plan (POST) or changes to one (PATCH, where <c>null</c> clears
/// <c>end_date</c>, <c>weekday</c> and <c>day_of_month</c>), then checks the resulting plan as a whole. Every problem
/// is reported under its field name.
/// </summary>
internal static class DcaPlanRequest
{
    /// <summary>Most yuan one purchase may be (a typo guard, not a platform limit).</summary>
    public const decimal MaxAmount = 10_000_000m;

    public static DcaPlan? Read(JsonBody body, DcaPlan? existing, string planId, DateTimeOffset now)
    {
        _ = body.Has("end_date"); // null clears it: the reader below is skipped then, so register the field here
        var code = body.String("fund_code") ?? existing?.FundCode;
        var amount = body.Decimal("amount") ?? existing?.Amount;
        var frequencyText = body.String("frequency");
        var frequency = frequencyText is null ? existing?.Frequency : DcaPlan.TryParseFrequency(frequencyText);
        if (frequencyText is not null && frequency is null)
        {
            body.Fail("frequency", $"'{frequencyText}' is not a frequency: daily, weekly, biweekly or monthly");
        }
        var weekdayGiven = body.Has("weekday") && !body.IsNull("weekday");
        var weekday = body.IsNull("weekday") ? null : body.Integer("weekday") ?? existing?.Weekday;
        var dayGiven = body.Has("day_of_month") && !body.IsNull("day_of_month");
        var day = body.IsNull("day_of_month") ? null : ReadMonthDay(body) ?? existing?.DayOfMonth;
        var feeRate = body.Decimal("fee_rate") ?? existing?.FeeRate ?? 0m;
        var start = body.Date("start_date") ?? existing?.StartDate ?? ChinaMarket.Today(now);
        var end = body.IsNull("end_date") ? null : body.Date("end_date") ?? existing?.EndDate;
        var active = body.Boolean("active") ?? existing?.Active ?? true;
        body.RejectUnknown("a DCA plan");

        if (code is null)
        {
            Require(body, "fund_code", "a 6-digit fund code such as 000001");
        }
        else if (!FundCode.IsValid(code))
        {
            body.Fail("fund_code", $"'{code}' is not a fund code: exactly 6 digits, such as 000001");
        }
        if (amount is null)
        {
            Require(body, "amount", "the yuan to invest per purchase, such as \"1000.00\"");
        }
        else if (amount <= 0m || amount > MaxAmount)
        {
            body.Fail("amount", $"{amount} must be more than 0 and at most {MaxAmount}");
        }
        else if (amount.Value.Scale > 2 && amount.Value != Math.Round(amount.Value, 2))
        {
            body.Fail("amount", $"{amount} has more than 2 decimals: amounts are in yuan and fen");
        }
        if (frequency is null)
        {
            Require(body, "frequency", "daily, weekly, biweekly or monthly");
        }
        var weekly = frequency is DcaFrequency.Weekly or DcaFrequency.Biweekly;
        if (weekly && weekday is null)
        {
            Require(body, "weekday", "0 (Monday) to 6 (Sunday) for a weekly or biweekly plan");
        }
        else if (weekly && weekday is < 0 or > 6)
        {
            body.Fail("weekday", $"{weekday} must be 0 (Monday) to 6 (Sunday)");
        }
        else if (!weekly && weekdayGiven)
        {
            body.Fail("weekday", "only applies to weekly and biweekly plans");
        }
        if (frequency == DcaFrequency.Monthly && day is null)
        {
            Require(body, "day_of_month", "1 to 28, or \"last\", for a monthly plan");
        }
        else if (frequency is not null && frequency != DcaFrequency.Monthly && dayGiven)
        {
            body.Fail("day_of_month", "only applies to monthly plans");
        }
        if (feeRate is < 0m or >= 0.1m)
        {
            body.Fail("fee_rate", $"{feeRate} must be at least 0 and below 0.1 (a rate: 0.0015 is 0.15 %)");
        }
        if (end is { } e && e < start)
        {
            body.Fail("end_date", $"{e:yyyy-MM-dd} is before start_date {start:yyyy-MM-dd}");
        }
        if (body.Errors.Count > 0)
        {
            return null;
        }
        return new DcaPlan(planId, code!, amount!.Value, frequency!.Value, weekly ? weekday : null, frequency == DcaFrequency.Monthly ? day : null,
            feeRate, start, end, active, existing?.CreatedAt ?? now, now);
    }

    private static MonthDay? ReadMonthDay(JsonBody body)
    {
        if (body.Raw("day_of_month") is not { } raw)
        {
            return null;
        }
        var text = raw.ValueKind switch
        {
            JsonValueKind.Number => raw.GetRawText(),
            JsonValueKind.String => raw.GetString(),
            _ => null,
        };
        var day = MonthDay.TryParse(text);
        if (day is null)
        {
            body.Fail("day_of_month", $"{raw.GetRawText()} must be 1 to 28, or \"last\" (the month's last trading day)");
        }
        return day;
    }

    private static void Require(JsonBody body, string field, string what)
    {
        if (!body.Errors.ContainsKey(field))
        {
            body.Fail(field, $"is required: {what}");
        }
    }
}
