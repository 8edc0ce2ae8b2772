using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RayGen.Diagnostics;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Tests.Infrastructure;
using Xunit;

namespace RayGen.Tests.Robustness
{
    /// <summary>
    /// Seeded fuzzing of the generator and every analyzer (found by reflection, so new rules are covered)
    /// with mutants of the project's YAML. RAYGEN_FUZZ_COUNT (default 2,000) and RAYGEN_FUZZ_SEED choose
    /// the inputs; a failure names the seed, index and operators, and writes the input to a temp folder.
    /// </summary>
    public class FuzzTests
    {
        private const int DefaultCount = 2000;
        private const int DefaultSeed = 5;

        // Inputs share one generator run, one compilation and one analyzer run: per-input runs would
        // make 2,000 inputs take many minutes. A failing batch names each input that fails on its own.
        private const int BatchSize = 100;

        private static readonly string[] ProblemIds = { "RAY0030", "RAY0102", "RAY0190", "RAY0191", "RAY0195" };

        private sealed record FuzzInput(int Index, string Seed, string Operators, string Path, string Text);

        [Fact]
        public void GeneratorAndAnalyzersSurviveMutatedYaml()
        {
            int count = FromEnvironment("RAYGEN_FUZZ_COUNT", DefaultCount);
            int seed = FromEnvironment("RAYGEN_FUZZ_SEED", DefaultSeed);
            IReadOnlyList<(string Name, string Text)> seeds = FuzzSeeds.All();
            var failures = new List<string>();
            var stats = new Dictionary<string, int>();
            for (int start = 0; start < count && failures.Count < 20; start += BatchSize)
            {
                FuzzInput[] batch = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(i => Create(seeds, seed, i)).ToArray();
                string version = KubeRayProfiles.All[start / BatchSize % KubeRayProfiles.All.Count].Version;
                failures.AddRange(CheckBatch(batch, version, stats));
            }

            Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures\n" + string.Join("\n\n", failures));

            // The mutants must exercise both oracles, or the test proves little.
            Assert.True(stats.GetValueOrDefault("rejected") > count / 20, "too few inputs YamlDotNet rejects: " + string.Join(", ", stats));
            Assert.True(stats.GetValueOrDefault("wrong-shape") > count / 20, "too few wrong shapes: " + string.Join(", ", stats));
            Assert.True(stats.GetValueOrDefault("generated") > count / 10, "too few inputs that generate code: " + string.Join(", ", stats));
        }

        private static FuzzInput Create(IReadOnlyList<(string Name, string Text)> seeds, int seed, int index)
        {
            // One Random per input, so any input can be rebuilt from (seed, index) alone.
            var random = new Random(unchecked((seed * 1_000_003) + index));
            (string name, string text) = seeds[random.Next(seeds.Count)];
            (string mutant, string operators) = YamlMutator.Mutate(text, random);
            return new FuzzInput(index, name, operators, $"/project/fuzz/{index:D5}.yaml", mutant);
        }

        private static IEnumerable<string> CheckBatch(FuzzInput[] batch, string version, Dictionary<string, int> stats)
        {
            var failures = new List<string>();
            var properties = new Dictionary<string, string> { ["RayGenKubeRayVersion"] = version };
            (string Path, string Text)[] files = batch.Select(i => (i.Path, i.Text)).ToArray();

            // 1. The domain code directly, without the catch-all of the Roslyn boundary.
            var settings = OperatorSettings.Default with { Profile = KubeRayProfiles.Find(version)! };
            foreach (FuzzInput input in batch)
            {
                try
                {
                    foreach (ManifestModel manifest in ManifestFile.Parse(input.Text, new List<Problem>(), CancellationToken.None).Manifests)
                    {
                        ClusterBuilder.Build(manifest, input.Path, settings, pods: true);
                    }
                }
                catch (Exception ex)
                {
                    failures.Add(Describe(input, "domain code threw " + ex));
                }
            }

            // 2. The generator through a GeneratorDriver: no CS8785, and the output compiles.
            GeneratorRun run = GeneratorHarness.Run(files, properties);
            Exception? generatorException = run.Driver.GetRunResult().Results.Single().Exception;
            if (generatorException is not null || !run.GeneratorDiagnostics.IsEmpty)
            {
                failures.Add($"batch {batch[0].Index}..: generator failed: {generatorException} {string.Join("; ", run.GeneratorDiagnostics)}");
            }

            foreach (Diagnostic error in run.CompilationErrors)
            {
                failures.Add($"batch {batch[0].Index}..: generated code does not compile: {error}\n{Excerpt(error.Location.SourceTree?.ToString() ?? "", error.Location.SourceSpan.Start)}");
            }

            stats["generated"] = stats.GetValueOrDefault("generated") + run.Sources.Count(s => s.HintName != "RayClusters.g.cs");

            // 3. Every analyzer through CompilationWithAnalyzers: no AD0001, no RAY0199 (a caught crash).
            ILookup<string, Diagnostic> byFile = GeneratorHarness.Analyze(files, properties).ToLookup(d => d.Location.GetLineSpan().Path);
            foreach (Diagnostic crash in byFile.SelectMany(g => g).Where(d => d.Id is "AD0001" or "RAY0199"))
            {
                failures.Add($"{crash.Id}: {crash.GetMessage(CultureInfo.InvariantCulture)}");
            }

            // 4. The oracle: rejected input and wrong shapes in Ray kinds are reported, in the right place.
            foreach (FuzzInput input in batch)
            {
                Diagnostic[] diagnostics = byFile[input.Path].Where(d => ProblemIds.Contains(d.Id)).ToArray();
                (bool rejected, IReadOnlyList<ShapeOracle.WrongShape> wrongShapes) = ShapeOracle.Judge(input.Text);
                if (rejected)
                {
                    stats["rejected"] = stats.GetValueOrDefault("rejected") + 1;
                    if (diagnostics.Length == 0)
                    {
                        failures.Add(Describe(input, "YamlDotNet rejects this text, but RayGen reported nothing"));
                    }

                    continue;
                }

                foreach (var document in wrongShapes.GroupBy(w => w.DocumentStartLine))
                {
                    stats["wrong-shape"] = stats.GetValueOrDefault("wrong-shape") + 1;
                    ShapeOracle.WrongShape first = document.First();
                    bool reported = diagnostics.Any(d => d.Id is "RAY0190" or "RAY0195"
                        || d.Location.GetLineSpan().StartLinePosition.Line is var line && line >= first.DocumentStartLine && line <= first.DocumentEndLine);
                    if (!reported)
                    {
                        failures.Add(Describe(input, $"wrong shape at {string.Join(", ", document.Select(w => $"{w.Path} (line {w.Line + 1})"))}, but no RayGen diagnostic in that document; got: {string.Join("; ", diagnostics.Select(GeneratorHarness.Format))}"));
                    }
                }
            }

            return failures;
        }

        private static string Describe(FuzzInput input, string what)
        {
            string file = Path.Combine(Path.GetTempPath(), "raygen-fuzz", $"{input.Index:D5}.yaml");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, input.Text);
            return $"input {input.Index} ({input.Seed}, {input.Operators}; saved as {file}): {what}\n{Excerpt(input.Text, 0)}";
        }

        private static string Excerpt(string text, int around)
        {
            int start = Math.Max(0, around - 200);
            string excerpt = text.Substring(start, Math.Min(400, text.Length - start));
            return "  | " + string.Concat(excerpt.Select(c => c < 0x20 && c != '\n' || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString())).Replace("\n", "\n  | ");
        }

        private static int FromEnvironment(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
    }
}
