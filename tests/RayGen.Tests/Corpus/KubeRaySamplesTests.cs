using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;

namespace RayGen.Tests.Corpus
{
    /// <summary>
    /// KubeRay's own sample manifests (../shared/corpus/kuberay-samples): real input that must go through
    /// RayGen without a crash, compile, and give args that real bash accepts. Skipped where ../shared is
    /// absent; with CI=true a missing corpus fails.
    /// </summary>
    public class KubeRaySamplesTests
    {
        internal static (string Path, string Text)[] CorpusFiles()
        {
            bool present = Directory.Exists(RepoPaths.Corpus);
            if (!present && Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException("CI=true but the KubeRay corpus is missing at " + RepoPaths.Corpus);
            }

            Skip.IfNot(present, "../shared/corpus/kuberay-samples is not present on this machine");
            return Directory.GetFiles(RepoPaths.Corpus, "*.yaml")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => ("/project/corpus/" + Path.GetFileName(p), File.ReadAllText(p)))
                .ToArray();
        }

        [SkippableFact]
        public void EveryFileGeneratesCompilingCodeAndValidBash()
        {
            (string Path, string Text)[] files = CorpusFiles();
            Assert.True(files.Length >= 90, "corpus looks incomplete: " + files.Length);

            GeneratorRun run = GeneratorHarness.Run(files);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationErrors);
            IReadOnlyList<RayClusterInfo> clusters = GeneratedAssembly.LoadCatalog(run.Output);

            // README: RayCluster 46, RayJob 25 (some select an existing cluster), RayService 16, RayCronJob 2.
            Assert.Equal(46, clusters.Count(c => c.Kind == "RayCluster"));
            Assert.Equal(16, clusters.Count(c => c.Kind == "RayService"));
            Assert.Equal(2, clusters.Count(c => c.Kind == "RayCronJob"));
            Assert.InRange(clusters.Count(c => c.Kind == "RayJob"), 20, 25);

            var failures = new List<string>();
            int checkedArgs = 0;
            foreach (RayClusterInfo cluster in clusters)
            {
                string clusterName = cluster.ClusterName ?? cluster.Name + "-x7k2p";
                foreach (RayGroupInfo group in new[] { cluster.Head }.Concat(cluster.WorkerGroups))
                {
                    IReadOnlyList<string> args = group.GetArgs(clusterName, cluster.Namespace ?? "default");
                    if (!group.IsCommandGenerated)
                    {
                        continue;
                    }

                    Assert.Single(args);
                    checkedArgs++;
                    if (Processes.HasBash && Processes.BashSyntaxCheck(args[0]) is { Valid: false } result)
                    {
                        failures.Add($"{cluster.SourcePath} {group.GroupName}: {result.Errors}\n  {args[0]}");
                    }
                }
            }

            Assert.True(checkedArgs > 100, "too few generated args: " + checkedArgs);
            Assert.Empty(failures);
        }

        [SkippableFact]
        public void AnalyzersNeverCrashOnTheCorpus()
        {
            // With KubernetesClient referenced, so RAY0196 runs too: KubeRay's samples use no unknown fields.
            var diagnostics = GeneratorHarness.Analyze(CorpusFiles(), kubernetes: true);
            Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "RAY0199");
            Assert.Empty(diagnostics.Where(d => d.Id is "RAY0191" or "RAY0195" or "RAY0196").Select(GeneratorHarness.Format));
        }
    }
}
