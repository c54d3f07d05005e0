namespace Kairos.Conditions.Expressions;

/// <summary>
/// A condition could not be evaluated: a missing config key, a year the trading calendar does not cover,
/// values of different kinds compared, a result that is not true or false. The message names the
/// condition and the problem; the engine records it on the run instead of running the task.
/// </summary>
public sealed class ConditionEvaluationException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public ConditionEvaluationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ConditionEvaluationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConditionEvaluationException()
    {
    }
}
