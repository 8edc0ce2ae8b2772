using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RayGen.Diagnostics.Analyzers.RayStartParams;
using RayGen.Tests.Infrastructure;
using Xunit;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    /// <summary>
    /// The option tables embedded in the analyzer (RayStartOptionData.cs) are generated from
    /// ../shared/spec/ray-start-options.json by this test: it renders the C# again and compares. After the spec
    /// changes, refresh with UPDATE_SNAPSHOTS=1 dotnet test tests/RayGen.Tests --filter FullyQualifiedName~RayStartOptionDataTests.
    /// </summary>
    public class RayStartOptionDataTests
    {
        private static readonly string SpecFile = Path.Combine(RepoPaths.Shared, "spec", "ray-start-options.json");

        private static readonly string DataFile = Path.Combine(RepoPaths.Root, "src", "RayGen", "Diagnostics", "Analyzers", "RayStartParams", "RayStartOptionData.cs");

        [SkippableFact]
        public void EmbeddedTablesMatchTheSpec()
        {
            Skip.IfNot(File.Exists(SpecFile), "../shared/spec is not present");
            string expected = Render(File.ReadAllText(SpecFile));
            if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
            {
                File.WriteAllText(DataFile, expected);
            }

            Assert.Equal(expected, File.ReadAllText(DataFile).Replace("\r\n", "\n"));
        }

        [Fact]
        public void TablesAreSortedAndCountsMatchTheSpecPage()
        {
            RayStartOptionTable[] tables = RayStartOptionData.Tables;
            Assert.Equal(new[] { "2.5.0", "2.9.0", "2.20.0", "2.30.0", "2.40.0", "2.46.0", "2.54.0" }, tables.Select(t => t.Version));

            // ray-start-options.md "Where the data comes from"; 2.40.0 has one uncertain extra (include-log-monitor).
            Assert.Equal(new[] { 44, 46, 46, 46, 47, 53, 48 }, tables.Select(t => t.Options.Count()));
            RayStartOption uncertain = tables[4].Find("include-log-monitor")!;
            Assert.Equal(RayStartOptionKind.Bool, uncertain.Kind);
            Assert.True(uncertain.Flags.HasFlag(RayStartOptionFlags.Uncertain));
            Assert.Equal(RayStartOptionKind.Json, tables[1].Find("labels")!.Kind);
            Assert.Equal(RayStartOptionKind.String, tables[5].Find("labels")!.Kind);
            Assert.Null(tables[6].Find("storage"));
            Assert.True(tables[5].Find("storage")!.Flags.HasFlag(RayStartOptionFlags.Deprecated));
        }

        [Theory]
        [InlineData("2.5.0", "2.5.0", "2.5.0", "Exact")]
        [InlineData("2.52.0", "2.46.0", "2.54.0", "Between")]
        [InlineData("2.41.0", "2.40.0", "2.46.0", "Between")]
        [InlineData("2.4.0", "2.5.0", "2.5.0", "Older")]
        [InlineData("2.58.0", "2.54.0", "2.54.0", "Newer")]
        [InlineData("nightly", "2.54.0", "2.54.0", "Unparsable")]
        [InlineData("2.9", "2.54.0", "2.54.0", "Unparsable")]
        [InlineData("$RAY_VERSION", "2.54.0", "2.54.0", "Unparsable")]
        [InlineData(null, "2.54.0", "2.54.0", "Missing")]
        public void SelectionFollowsTheLowerAndUpperTables(string? rayVersion, string lower, string upper, string match)
        {
            RayStartOptionSelection selection = RayStartOptionSelection.For(rayVersion);
            Assert.Equal(lower, selection.Lower.Version);
            Assert.Equal(upper, selection.Upper.Version);
            Assert.Equal(match, selection.Match.ToString());
        }

        [Fact]
        public void KindComesFromTheLowerTableAndPresenceFromEither()
        {
            // 2.45.0: L = 2.40.0 (labels is JSON there), U = 2.46.0 (k=v string).
            RayStartOptionSelection selection = RayStartOptionSelection.For("2.45.0");
            Assert.Equal(RayStartOptionKind.Json, selection.Find("labels")!.Kind);
            Assert.NotNull(selection.Find("redis-max-memory"));      // only in L
            Assert.NotNull(selection.Find("system-reserved-cpu"));   // only in U
            Assert.Null(selection.Find("num-cpu"));
        }

        internal static string Render(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement versions = document.RootElement.GetProperty("versions");
            var all = versions.EnumerateObject().ToList();
            var sb = new StringBuilder();
            sb.Append("// Generated from ../shared/spec/ray-start-options.json by tests/RayGen.Tests/Analyzers/RayStartParams/RayStartOptionDataTests.cs.\n");
            sb.Append("// Do not edit by hand. After the spec changes, refresh it with:\n");
            sb.Append("//   UPDATE_SNAPSHOTS=1 dotnet test tests/RayGen.Tests --filter FullyQualifiedName~RayStartOptionDataTests\n");
            sb.Append("// Entries the spec marks uncertain ('?') are included with F.Uncertain (they count as present, rules.md §0.1);\n");
            sb.Append("// an uncertain option missing from a version's list takes its record from the next newer version.\n");
            sb.Append("using F = RayGen.Diagnostics.Analyzers.RayStartParams.RayStartOptionFlags;\n");
            sb.Append("using K = RayGen.Diagnostics.Analyzers.RayStartParams.RayStartOptionKind;\n\n");
            sb.Append("namespace RayGen.Diagnostics.Analyzers.RayStartParams\n{\n");
            sb.Append("    /// <summary>The <c>ray start</c> options of every sampled Ray version, oldest first.</summary>\n");
            sb.Append("    internal static class RayStartOptionData\n    {\n");
            sb.Append("        public static readonly RayStartOptionTable[] Tables =\n        {\n");
            for (int v = 0; v < all.Count; v++)
            {
                JsonProperty version = all[v];
                var options = version.Value.GetProperty("options").EnumerateObject().Select(o => (o.Name, o.Value, Uncertain: false)).ToList();
                var uncertain = version.Value.TryGetProperty("uncertain", out JsonElement u)
                    ? u.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                    : new HashSet<string>(StringComparer.Ordinal);
                foreach (string name in uncertain.Where(n => options.All(o => o.Name != n)).OrderBy(n => n, StringComparer.Ordinal))
                {
                    JsonElement record = all.Skip(v + 1).Select(n => n.Value.GetProperty("options"))
                        .First(o => o.TryGetProperty(name, out _)).GetProperty(name);
                    options.Add((name, record, true));
                }

                string basis = version.Value.GetProperty("basis").GetString()!;
                sb.Append("            // ").Append(version.Name).Append(": ").Append(basis).Append('\n');
                sb.Append("            new RayStartOptionTable(\"").Append(version.Name).Append("\", new[]\n            {\n");
                foreach (var (name, record, extra) in options)
                {
                    var flags = new List<string>();
                    if (record.TryGetProperty("hidden", out JsonElement hidden) && hidden.GetBoolean())
                    {
                        flags.Add("F.Hidden");
                    }

                    if (record.TryGetProperty("deprecated", out JsonElement deprecated) && deprecated.GetBoolean())
                    {
                        flags.Add("F.Deprecated");
                    }

                    if (extra || uncertain.Contains(name))
                    {
                        flags.Add("F.Uncertain");
                    }

                    string kind = record.GetProperty("kind").GetString()!;
                    sb.Append("                new RayStartOption(\"").Append(name).Append("\", K.")
                        .Append(char.ToUpperInvariant(kind[0])).Append(kind.Substring(1)).Append(", ")
                        .Append(flags.Count == 0 ? "F.None" : string.Join(" | ", flags)).Append("),\n");
                }

                sb.Append("            }),\n");
            }

            sb.Append("        };\n    }\n}\n");
            return sb.ToString();
        }
    }
}
