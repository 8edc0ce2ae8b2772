using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RayGen.Tests.Infrastructure
{
    /// <summary>Compares JSON trees: objects by key set, arrays by order, numbers by value.</summary>
    internal static class JsonTrees
    {
        /// <summary>Paths where the trees differ, with both values (empty when equal).</summary>
        public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
        {
            var differences = new List<string>();
            Compare(expected, actual, path, differences);
            return differences;
        }

        private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
        {
            switch (expected, actual)
            {
                case (JsonObject e, JsonObject a):
                    foreach (string key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                    {
                        if (!e.ContainsKey(key) || !a.ContainsKey(key))
                        {
                            differences.Add($"{path}.{key}: expected {Show(e[key])}, actual {Show(a[key])}");
                        }
                        else
                        {
                            Compare(e[key], a[key], path + "." + key, differences);
                        }
                    }

                    break;
                case (JsonArray e, JsonArray a):
                    if (e.Count != a.Count)
                    {
                        differences.Add($"{path}: expected {e.Count} items, actual {a.Count}: expected {Show(e)}, actual {Show(a)}");
                        break;
                    }

                    for (int i = 0; i < e.Count; i++)
                    {
                        Compare(e[i], a[i], $"{path}[{i}]", differences);
                    }

                    break;
                case (JsonValue e, JsonValue a) when ScalarEquals(e, a):
                    break;
                case (null, null):
                    break;
                default:
                    differences.Add($"{path}: expected {Show(expected)}, actual {Show(actual)}");
                    break;
            }
        }

        private static bool ScalarEquals(JsonValue expected, JsonValue actual)
        {
            JsonElement e = JsonSerializer.SerializeToElement(expected);
            JsonElement a = JsonSerializer.SerializeToElement(actual);
            if (e.ValueKind == JsonValueKind.Number && a.ValueKind == JsonValueKind.Number)
            {
                return e.GetDouble() == a.GetDouble();
            }

            return e.ValueKind == a.ValueKind && e.ToString() == a.ToString();
        }

        private static string Show(JsonNode? node)
        {
            string text = node?.ToJsonString() ?? "(absent)";
            return text.Length > 300 ? text[..300] + "…" : text;
        }
    }
}
