using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LeadRunner.Tests.TestHost;

/// <summary>
/// The seeded 2024 round is open, so frozen on the versions it opened with: a publish changes it only when an
/// administrator re-pins it. Tests of "the new version is the one used" take that step, as the administrator would.
/// </summary>
public static class OpenRound
{
    public static async Task FollowNewestAsync(HttpClient admin, int year = 2024)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var round = JsonNode.Parse(await admin.GetStringAsync($"/api/rounds/{year}"))!;
        var newer = round["newer"]!;
        var change = new JsonObject
        {
            ["workflows"] = newer["workflows"]!.DeepClone(),
            ["forms"] = newer["forms"]!.DeepClone(),
            ["templates"] = newer["templates"]!.DeepClone(),
            ["rulesVersion"] = round["newerRulesVersion"]?.DeepClone(),
            ["migrate"] = false,
        };
        (await admin.PutAsJsonAsync($"/api/rounds/{year}/pins", change)).EnsureSuccessStatusCode();
    }
}
