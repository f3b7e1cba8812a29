using Microsoft.Extensions.Time.Testing;
using PortOne.Sdk.Http;

namespace PortOne.Sdk.Tests.Foundation;

/// <summary>Unit tests of the retry handler's parts on their own: the back-off and the attempt timers.</summary>
public sealed class RetryPolicyTests
{
    private static readonly PortOneRetryOptions Retry = new() { BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(10) };

    [Theory]
    [InlineData(0, 0.0, 250)]
    [InlineData(0, 0.5, 375)]
    [InlineData(1, 0.0, 500)]
    [InlineData(3, 0.0, 2_000)]
    [InlineData(3, 0.5, 3_000)]
    [InlineData(5, 0.0, 5_000)] // 16 s is past MaxDelay: cut to 10 s before the jitter
    [InlineData(5, 0.5, 7_500)]
    [InlineData(60, 0.0, 5_000)] // 2^60 must not overflow into a negative wait
    public void The_back_off_doubles_per_retry_up_to_the_ceiling_and_jitter_takes_off_at_most_half(int retryNumber, double random, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PortOneResilience.BackOff(Retry, retryNumber, random));
    }

    [Fact]
    public void The_back_off_never_reaches_the_full_delay_and_is_zero_when_the_base_is()
    {
        Assert.True(PortOneResilience.BackOff(Retry, 0, 0.999_999) < TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.Zero, PortOneResilience.BackOff(new PortOneRetryOptions { BaseDelay = TimeSpan.Zero }, 2, 0.7));
        Assert.Equal(TimeSpan.FromSeconds(1), PortOneResilience.BackOff(new PortOneRetryOptions { BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(2) }, 0, 0.0));
    }

    [Fact]
    public void An_attempt_timer_on_the_client_clock_fires_at_its_limit()
    {
        var time = new FakeTimeProvider();
        var timers = new AttemptTimers(time);

        var source = timers.Start(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(source.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(source.IsCancellationRequested);

        timers.Stop(source, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_limit_past_the_longest_system_timer_is_cut_to_it_instead_of_failing()
    {
        var timers = new AttemptTimers(TimeProvider.System);

        var source = timers.Start(TimeSpan.FromDays(365));

        Assert.False(source.IsCancellationRequested);
        timers.Stop(source, TimeSpan.Zero, TimeSpan.FromDays(365));
    }

    [Fact]
    public void A_system_clock_timer_whose_attempt_ended_early_is_reset_and_used_again()
    {
        var timers = new AttemptTimers(TimeProvider.System);
        var first = timers.Start(TimeSpan.FromMinutes(1));
        timers.Stop(first, TimeSpan.FromMilliseconds(3), TimeSpan.FromMinutes(1));

        var second = timers.Start(TimeSpan.FromMinutes(1));

        // Kept only on .NET 8 and later; the netstandard2.0 build makes a new source each time.
        Assert.Equal(!LibraryBuild.IsNetStandard, ReferenceEquals(first, second));
        Assert.False(second.IsCancellationRequested);
        timers.Stop(second, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_timer_that_was_cancelled_or_nearly_due_is_never_used_again()
    {
        var timers = new AttemptTimers(TimeProvider.System);
        var cancelled = timers.Start(TimeSpan.FromMinutes(1));
        cancelled.Cancel();
        timers.Stop(cancelled, TimeSpan.FromMilliseconds(3), TimeSpan.FromMinutes(1));
        var nearlyDue = timers.Start(TimeSpan.FromMinutes(1));
        timers.Stop(nearlyDue, TimeSpan.FromSeconds(59.5), TimeSpan.FromMinutes(1));

        var next = timers.Start(TimeSpan.FromMinutes(1));

        Assert.NotSame(cancelled, next);
        Assert.NotSame(nearlyDue, next);
        Assert.False(next.IsCancellationRequested);
        timers.Stop(next, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }
}
