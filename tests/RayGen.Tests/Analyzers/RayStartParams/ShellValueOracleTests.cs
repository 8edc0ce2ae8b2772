using System;
using System.IO;
using System.Linq;
using RayGen.Diagnostics.Analyzers.RayStartParams;
using RayGen.Tests.Infrastructure;
using Xunit;

namespace RayGen.Tests.Analyzers.RayStartParams
{
    /// <summary>
    /// The word simulation behind RAY0033/RAY0034 checked against real bash: each value is written the way KubeRay
    /// writes it (<c> --k=v </c>, unquoted) into a command whose words bash prints, followed by a sentinel word.
    /// </summary>
    public class ShellValueOracleTests
    {
        [SkippableTheory]
        [InlineData("4")]
        [InlineData(" 4 ")]
        [InlineData("{\"NPU\": 1}")]
        [InlineData("{\"NPU\":1}")]
        [InlineData("'{\"NPU\": 1}'")]
        [InlineData("'{\"NPU\":1}'")]
        [InlineData("{\"a\":1,\"b\":2}")]
        [InlineData("{\"a\":{\"b\":1,\"c\":2}}")]
        [InlineData("\"{\\\"resource1\\\": 2, \\\"resource2\\\": 3}\"")]
        [InlineData("'\"{\"a\":1}\"'")]
        [InlineData("'{\\\"a\\\":1}'")]
        [InlineData("/data/ray tmp")]
        [InlineData("a\\ b")]
        [InlineData("x\"y\"\\z")]
        [InlineData("{a{b,c}")]
        [InlineData("{a,b}{c,d}")]
        [InlineData("{1..3}")]
        [InlineData("{a..c}")]
        [InlineData("{}")]
        [InlineData("{a}")]
        [InlineData("it's")]
        [InlineData("a;b")]
        [InlineData("a | b")]
        [InlineData("a #b")]
        [InlineData("a#b")]
        [InlineData("a&&b")]
        [InlineData("(x)")]
        [InlineData("\"unterminated")]
        [InlineData("/tmp/*")]
        [InlineData("$'a b'")]
        public void SimulationMatchesBash(string value)
        {
            Skip.IfNot(Processes.HasBash, "bash is not installed");
            ShellValue simulated = ShellValue.Analyze("k", value, _ => false);
            Skip.If(simulated.HasExpansion, "expansions are opaque to the simulation");

            string dir = Path.Combine(Path.GetTempPath(), "raygen-words-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                // An empty working directory: no file can match a glob.
                var (exitCode, stdout, stderr) = Processes.Run("/bin/bash", new[] { "-c", "printf '[%s]\\n' --k=" + value + " --after" }, dir, timeoutMilliseconds: 10_000);
                string[] words = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim('[', ']')).ToArray();
                bool intact = exitCode == 0 && stderr.Length == 0 && words.LastOrDefault() == "--after";
                if (simulated.Breaks)
                {
                    Assert.False(intact, $"bash kept the command intact: {string.Join(" | ", words)}");
                }
                else
                {
                    Assert.True(intact, $"bash: exit {exitCode}, {stderr}");
                    Assert.Equal(words.Take(words.Length - 1), simulated.Words.Select(w => w));
                    if (simulated.Words.Count == 1)
                    {
                        Assert.Equal("--k=" + simulated.Processed, words[0]);
                    }
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void NeverThrowsOnArbitraryValues()
        {
            var random = new Random(20240601);
            const string alphabet = "ab {},:\"'\\$()`;|&#<>*?[]~=!.-_\n\t01AZ";
            for (int i = 0; i < 3000; i++)
            {
                char[] text = new char[random.Next(0, 24)];
                for (int j = 0; j < text.Length; j++)
                {
                    text[j] = alphabet[random.Next(alphabet.Length)];
                }

                string value = new string(text);
                ShellValue shell = ShellValue.Analyze("k", value, n => n == "A");
                ShellValue.AnalyzePlain("k", value, n => n == "A");
                JsonCheck.Parse(value);
                if (shell.Processed is { } processed)
                {
                    Assert.Equal(processed.Length, shell.ProcessedMap.Count);
                    Assert.All(shell.ProcessedMap, offset => Assert.InRange(offset, 0, value.Length));
                }

                Assert.All(shell.References, r => Assert.True(r.Start >= 0 && r.End <= value.Length && r.Start < r.End, value));
            }
        }

        [Fact]
        public void AnalyzersNeverCrashOnArbitraryParams()
        {
            var random = new Random(7);
            string[] keys = { "resources", "system-config", "num-cpus", "node-ip-address", "address", "block", "include-log-monitor", "temp-dir", "x_y" };
            const string alphabet = "ab {},:\"'\\$()`;|&#*[]=-_0";
            var lines = new System.Text.StringBuilder();
            for (int i = 0; i < 120; i++)
            {
                char[] text = new char[random.Next(0, 16)];
                for (int j = 0; j < text.Length; j++)
                {
                    text[j] = alphabet[random.Next(alphabet.Length)];
                }

                string escaped = new string(text).Replace("\\", "\\\\").Replace("\"", "\\\"");
                lines.Append(keys[i % keys.Length]).Append(i).Append(": \"").Append(escaped).Append("\"\n");
                lines.Append(keys[i % keys.Length]).Append(": \"").Append(escaped).Append("\"\n# ").Append(i).Append('\n');
            }

            foreach (string container in new[] { string.Empty, ParamManifests.OwnStart, ParamManifests.PlainStart })
            {
                string yaml = ParamManifests.Cluster(head: lines.ToString(), worker: lines.ToString(), headContainer: container, metadataExtra: container.Length > 0 ? ParamManifests.OverwriteAnnotation : null);
                var diagnostics = GeneratorHarness.Analyze(yaml);
                Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "RAY0199");
                Assert.Contains(diagnostics, d => d.Id == "RAY0033");
                Assert.Contains(diagnostics, d => d.Id == "RAY0031");
            }
        }
    }
}
