using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Sdk;

internal static class TaskExtensions
{
    /// <summary>Waits for a shared task, giving up (with <see cref="System.OperationCanceledException"/>) when this caller cancels.</summary>
    public static Task<T> WaitForAsync<T>(this Task<T> task, CancellationToken cancellationToken)
    {
#if NET6_0_OR_GREATER
        return task.WaitAsync(cancellationToken);
#else
        if (task.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            return task;
        }

        return WaitSlowAsync(task, cancellationToken);

        static async Task<T> WaitSlowAsync(Task<T> task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return await task.ConfigureAwait(false);
        }
#endif
    }
}
