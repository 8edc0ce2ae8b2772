using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Generator
{
    /// <summary>
    /// Generated sources compared with Snapshots/&lt;case&gt;/&lt;hint name&gt;.verified.txt. Set
    /// UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, then review the diff.
    /// </summary>
    public class SnapshotTests
    {
        /// <summary>The inputs of each case (LiteralBudgetTests reuse them).</summary>
        internal static readonly Dictionary<string, (string Path, string Text)[]> Cases = new()
        {
            ["Sample"] = Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples", "RayGen.Sample", "manifests"), "*.yaml")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => ("/project/manifests/" + Path.GetFileName(p), File.ReadAllText(p)))
                .ToArray(),
            ["RayJobAndRayService"] = new[]
            {
                ("/project/jobs/job.yaml",
                    "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: nightly-job\n  namespace: batch\nspec:\n  entrypoint: python train.py\n  rayClusterSpec:\n    headGroupSpec:\n"
                    + Indent(Group(Resources("2", "4Gi")), 6) + "    workerGroupSpecs:\n" + Indent(Worker("gpu", Group("resources:\n  limits:\n    nvidia.com/gpu: \"1\"\n")), 4)),
                ("/project/serve/service.yaml",
                    "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: serve\nspec:\n  rayClusterConfig:\n    enableInTreeAutoscaling: true\n    headGroupSpec:\n"
                    + Indent(Group("command: [\"echo \\\"quoted\\\" $HOME\"]\n"), 6)),
            },
            // Pod factories: the same RayJob and RayService, compiled with KubernetesClient referenced.
            ["PodFactories"] = new[]
            {
                ("/project/jobs/job.yaml",
                    "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: nightly-job\n  namespace: batch\nspec:\n  entrypoint: python train.py\n  rayClusterSpec:\n    headGroupSpec:\n"
                    + Indent(Group(Resources("2", "4Gi")), 6) + "    workerGroupSpecs:\n" + Indent(Worker("gpu", Group("resources:\n  limits:\n    nvidia.com/gpu: \"1\"\n")), 4)),
            },
            ["LegacyProfile"] = new[]
            {
                ("/project/legacy.yaml", RayCluster("legacy", Group(Resources("1", "2Gi")), Worker("workers", Group("")))),
            },
        };

        public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void GeneratedSourcesMatchSnapshots(string name)
        {
            var properties = name == "LegacyProfile" ? new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.2" } : null;
            GeneratorRun run = GeneratorHarness.Run(Cases[name], properties, kubernetes: name == "PodFactories");
            Assert.Empty(run.CompilationErrors);

            string directory = Path.Combine(RepoPaths.Snapshots, name);
            bool update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
            var produced = run.Sources.ToDictionary(s => s.HintName + ".verified.txt", s => Scrub(s.SourceText.ToString()));
            if (update)
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                Directory.CreateDirectory(directory);
                foreach (var pair in produced)
                {
                    File.WriteAllText(Path.Combine(directory, pair.Key), pair.Value);
                }
            }

            string[] existing = Directory.Exists(directory) ? Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).ToArray() : Array.Empty<string>();
            Assert.Equal(produced.Keys.OrderBy(k => k, StringComparer.Ordinal), existing.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var pair in produced)
            {
                Assert.Equal(File.ReadAllText(Path.Combine(directory, pair.Key)).Replace("\r\n", "\n"), pair.Value);
            }
        }

        [Fact]
        public void EverySnapshotFolderBelongsToACase()
        {
            string[] folders = Directory.Exists(RepoPaths.Snapshots)
                ? Directory.GetDirectories(RepoPaths.Snapshots).Select(f => Path.GetFileName(f)).ToArray()
                : Array.Empty<string>();
            Assert.Empty(folders.Except(Cases.Keys));
        }

        /// <summary>The generator version changes with every release; snapshots should not.</summary>
        private static string Scrub(string source) =>
            System.Text.RegularExpressions.Regex.Replace(source, "GeneratedCode\\(\"RayGen\", \"[^\"]+\"\\)", "GeneratedCode(\"RayGen\", \"<version>\")");
    }
}
