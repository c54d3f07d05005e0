using Kairos.Conditions.Expressions;

namespace Kairos.Conditions.Tests.Expressions;

public class ConditionValidationTests
{
    [Fact]
    public void No_condition_or_filter_is_valid()
    {
        Assert.Null(ConditionValidation.ValidateCondition(null));
        Assert.Null(ConditionValidation.ValidateFilter(null));
    }

    [Fact]
    public void A_valid_condition_gives_no_message()
    {
        Assert.Null(ConditionValidation.ValidateCondition("is_trading_day('CN') and hour >= 9", calendar: ShippedCalendars.Calendar));
        Assert.Null(ConditionValidation.ValidateFilter("event.data.fund_code == '000001'", ShippedCalendars.Calendar));
    }

    [Fact]
    public void An_invalid_condition_gives_the_parse_message()
    {
        Assert.StartsWith("does not parse", ConditionValidation.ValidateCondition("hour >=")!, StringComparison.Ordinal);
        Assert.Contains("empty", ConditionValidation.ValidateFilter("")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_fields_in_a_condition_need_an_event_schedule()
    {
        Assert.Contains("schedule.filter", ConditionValidation.ValidateCondition("event.type == 'x'")!, StringComparison.Ordinal);
        Assert.Null(ConditionValidation.ValidateCondition("event.type == 'x'", eventTriggered: true));
    }

    [Fact]
    public void An_unknown_literal_market_is_rejected_when_a_calendar_is_given()
    {
        var message = ConditionValidation.ValidateCondition("is_trading_day('HK')", calendar: ShippedCalendars.Calendar);

        Assert.Equal("unknown market 'HK' in is_trading_day; known markets: CN, US", message);
        Assert.Null(ConditionValidation.ValidateCondition("is_trading_day('HK')"));
        Assert.Null(ConditionValidation.ValidateFilter("is_trading_day('us')", ShippedCalendars.Calendar));
    }
}
