using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RayGen.Tests.Infrastructure;
using Xunit;

namespace RayGen.Tests.Corpus
{
    /// <summary>
    /// Every diagnostic RayGen reports on KubeRay's own samples, recorded in expected-diagnostics.txt.
    /// The samples work, so each Warning/Error there must be a real problem, explained on the lines below
    /// it ("  why: …"); anything else is a false positive to fix. UPDATE_SNAPSHOTS=1 rewrites the list and
    /// keeps the explanations of diagnostics that are still reported.
    /// </summary>
    public class CorpusDiagnosticsTests
    {
        private static readonly string ExpectedFile = Path.Combine(RepoPaths.Tests, "Corpus", "expected-diagnostics.txt");

        [SkippableFact]
        public void CorpusDiagnosticsMatchTheRecordedList()
        {
            string[] actual = GeneratorHarness.Analyze(KubeRaySamplesTests.CorpusFiles()).Select(GeneratorHarness.Format).ToArray();
            Dictionary<string, List<string>> expected = Read();

            if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
            {
                Write(actual, expected);
                expected = Read();
            }

            Assert.Equal(expected.Keys.ToArray(), actual);
            foreach (var entry in expected.Where(e => !e.Key.Contains(" Info ", StringComparison.Ordinal)))
            {
                Assert.True(entry.Value.Any(l => l.StartsWith("  why: ", StringComparison.Ordinal) && l.Length > 12), "no explanation for: " + entry.Key);
            }
        }

        private static Dictionary<string, List<string>> Read()
        {
            var result = new Dictionary<string, List<string>>();
            List<string>? current = null;
            foreach (string line in File.Exists(ExpectedFile) ? File.ReadAllLines(ExpectedFile) : Array.Empty<string>())
            {
                if (line.StartsWith("#", StringComparison.Ordinal) || line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith("  ", StringComparison.Ordinal))
                {
                    current?.Add(line);
                }
                else
                {
                    result[line] = current = new List<string>();
                }
            }

            return result;
        }

        private static void Write(IEnumerable<string> actual, Dictionary<string, List<string>> previous)
        {
            var lines = new List<string>
            {
                "# Diagnostics RayGen reports on ../shared/corpus/kuberay-samples (all files as one project, default settings).",
                "# Each Warning/Error is followed by '  why: ...' saying why it is a real problem; see CorpusDiagnosticsTests.",
                string.Empty,
            };
            foreach (string diagnostic in actual)
            {
                lines.Add(diagnostic);
                lines.AddRange(previous.TryGetValue(diagnostic, out var notes) ? notes : new List<string> { "  why: TODO" });
            }

            File.WriteAllLines(ExpectedFile, lines);
        }
    }
}
