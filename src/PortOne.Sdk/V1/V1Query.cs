using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PortOne.Sdk.V1;

/// <summary>
/// Builds a relative URI with a query string: names and values escaped, unset values left out, repeated keys
/// (<c>customer_uid[]=a&amp;customer_uid[]=b</c>) kept in order. The one place V1 query strings are made.
/// </summary>
internal sealed class V1Query
{
    private readonly StringBuilder _builder;
    private bool _hasQuery;

    public V1Query(string path)
    {
        _builder = new StringBuilder(path);
    }

    public V1Query Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _builder.Append(_hasQuery ? '&' : '?')
            .Append(Uri.EscapeDataString(name))
            .Append('=')
            .Append(Uri.EscapeDataString(value));
        _hasQuery = true;
        return this;
    }

    public V1Query Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds unix seconds, the only way V1 takes a time.</summary>
    public V1Query Add(string name, DateTimeOffset? value) =>
        Add(name, value?.ToUnixTimeSeconds());

    public V1Query AddEach(string name, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(name, value);
        }

        return this;
    }

    public override string ToString() => _builder.ToString();
}
