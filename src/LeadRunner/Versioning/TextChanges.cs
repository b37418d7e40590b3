namespace LeadRunner.Versioning;

/// <summary>Line differences between two texts (templates): each removed or added run of lines, at its line number.</summary>
public static class TextChanges
{
    public static IReadOnlyList<VersionChange> Compare(string before, string after)
    {
        var a = before.ReplaceLineEndings("\n").Split('\n');
        var b = after.ReplaceLineEndings("\n").Split('\n');
        // Common head and tail are skipped, so that the quadratic table only spans the edited middle.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }
        var x = a[head..^tail];
        var y = b[head..^tail];
        var common = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
        {
            for (var j = y.Length - 1; j >= 0; j--)
            {
                common[i, j] = x[i] == y[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var changes = new List<VersionChange>();
        var (p, q) = (0, 0);
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && x[p] == y[q])
            {
                (p, q) = (p + 1, q + 1);
                continue;
            }
            var (removedFrom, addedFrom) = (p, q);
            while (p < x.Length && (q >= y.Length || x[p] != y[q]) && (q >= y.Length || common[p + 1, q] >= common[p, q + 1]))
            {
                p++;
            }
            while (q < y.Length && (p >= x.Length || x[p] != y[q]))
            {
                q++;
            }
            var removed = p > removedFrom ? string.Join('\n', x[removedFrom..p]) : null;
            var added = q > addedFrom ? string.Join('\n', y[addedFrom..q]) : null;
            var kind = removed is null ? JsonChanges.Added : added is null ? JsonChanges.Removed : JsonChanges.Changed;
            changes.Add(new VersionChange(kind, $"第 {head + addedFrom + 1} 行", removed, added));
        }
        return changes;
    }
}
