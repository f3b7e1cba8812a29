using PortOne.Sdk.V2;

namespace PortOne.Sdk.Tests.V2.Generated;

/// <summary>One error case of an operation: its <c>type</c>, the class it must decode into, its status and a body.</summary>
public sealed record V2ErrorCase(string Type, string ClassName, int Status, string Json);

/// <summary>
/// One operation of the V2 spec as the generator describes it for the tests: how to call it with an ID (every path
/// parameter gets it) and a value for every parameter, the request that call must produce, a success answer and
/// every error case. Hand-written operations have no <see cref="Call"/> here; <see cref="V2HandCalls"/> has theirs.
/// </summary>
public sealed record V2OperationCase(
    string OperationId,
    string Descriptor,
    string Method,
    string PathTemplate,
    bool Retried,
    bool Unstable,
    Func<PortOneV2Client, string, Task>? Call,
    string? IdParameter,
    string ExpectedPath,
    (string Name, string Value)[] ExpectedQuery,
    string? ExpectedBody,
    bool BodyInQuery,
    string? Answer,
    bool AnswerIsText,
    V2ErrorCase[] Errors)
{
    /// <summary>The call of the operation, generated or hand-written.</summary>
    public Func<PortOneV2Client, string, Task> Invoke => Call ?? V2HandCalls.For(OperationId);

    public override string ToString() => OperationId;
}
