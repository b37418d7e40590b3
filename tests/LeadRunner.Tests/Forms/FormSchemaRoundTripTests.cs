using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadRunner.Tests.Forms;

/// <summary>The server stores a form schema as given: properties it does not read pass through save, publish and export.</summary>
public class FormSchemaRoundTripTests(FormsFactory factory) : IClassFixture<FormsFactory>
{
    // Properties the reader ignores, at every level: Form.io's display settings, values equal to Form.io's defaults,
    // our own custom keys, nested objects, nulls, empty lists, numbers written with trailing zeros.
    private const string Schema = """
        {
          "key": "county-review",
          "title": "县级审核意见",
          "display": "form",
          "access": "login",
          "roles": ["county"],
          "description": "原样保存的说明",
          "x-owner": { "unit": "省工信厅", "since": 2024 },
          "components": [
            {
              "type": "panel", "key": "reviewPanel", "title": "审核", "input": false, "collapsible": true, "theme": "primary",
              "components": [
                {
                  "type": "textarea", "key": "opinion", "label": "审核意见", "input": true, "rows": 3, "hideLabel": false,
                  "placeholder": "请填写", "autoExpand": false, "customClass": "", "tableView": true, "x-help": null,
                  "properties": { "printAs": "意见栏" }, "tags": [], "validate": { "required": true, "maxLength": 2000, "minWords": 0 }
                },
                {
                  "type": "number", "key": "score", "label": "得分", "input": true, "decimalLimit": 1, "weight": 1.50,
                  "validate": { "min": 0, "max": 100.0 }, "x-scale": [0, 60, 100]
                },
                {
                  "type": "columns", "key": "signColumns", "input": false,
                  "columns": [
                    { "components": [ { "type": "textfield", "key": "reviewer", "label": "审核人", "input": true, "inputMask": "" } ], "width": 6, "offset": 0, "x-note": "左" },
                    { "components": [], "width": 6, "size": "md" }
                  ]
                }
              ]
            },
            { "type": "button", "key": "submit", "label": "提交", "action": "submit", "input": true, "disableOnInvalid": false }
          ]
        }
        """;

    [Fact]
    public async Task SaveDraft_WithPropertiesTheServerDoesNotRead_KeepsThemThroughPublishAndExport()
    {
        var admin = await factory.ClientFor("admin");
        var given = JsonNode.Parse(Schema)!;

        var saved = await admin.PutAsync("/api/forms/county-review/design", new StringContent(Schema, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var draft = JsonNode.Parse(await admin.GetStringAsync("/api/forms/county-review/design"));
        Assert.True(JsonNode.DeepEquals(given, draft), $"草稿与提交的定义不同：{draft!.ToJsonString()}");

        var published = await admin.PostAsJsonAsync("/api/forms/county-review/publish", new { note = "原样保存测试" });
        var version = (await published.Content.ReadFromJsonAsync<LeadRunner.Forms.FormsAdminApi.VersionDto>())!.Version;
        var stored = JsonNode.Parse(await admin.GetStringAsync($"/api/forms/county-review/versions/{version}"));
        var exported = JsonNode.Parse(await admin.GetStringAsync($"/api/forms/county-review/versions/{version}/export"));
        Assert.True(JsonNode.DeepEquals(given, stored));
        Assert.True(JsonNode.DeepEquals(given, exported));
        // Numbers keep the text they were written with, so a diff never reports 1.50 → 1.5.
        Assert.Contains("\"weight\": 1.50", await admin.GetStringAsync($"/api/forms/county-review/versions/{version}"), StringComparison.Ordinal);
    }
}
