using System.Collections.ObjectModel;
using Scriban.Runtime;

namespace LeadRunner.Scripting;

/// <summary>
/// Script data that no script can change: objects are frozen and lists become read-only collections. Used for data
/// shared by many runs (a year's settings, one application checked by many rules), so that one run cannot alter
/// what the next one sees.
/// </summary>
public static class ReadOnlyScriptData
{
    /// <summary>Converts as <see cref="ScriptData.From"/> does, then freezes the result all the way down.</summary>
    public static object? From(object? value) => Freeze(ScriptData.From(value));

    private static object? Freeze(object? value) => value switch
    {
        ScriptObject obj => FreezeObject(obj),
        // ScriptArray's own read-only flag does not guard assignment by index; a read-only collection does.
        ScriptArray array => new ReadOnlyCollection<object?>([.. array.Select(Freeze)]),
        _ => value,
    };

    private static ScriptObject FreezeObject(ScriptObject obj)
    {
        foreach (var key in obj.Keys.ToList())
        {
            obj.SetValue(key, Freeze(obj[key]), readOnly: true);
        }
        obj.IsReadOnly = true;
        return obj;
    }
}
