using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Benchmarks
{
    /// <summary>
    /// The inputs the benchmarks run on: KubeRay's sample manifests (../shared/corpus/kuberay-samples,
    /// or RAYGEN_CORPUS), a synthetic project of 1,000 files with one RayCluster each, and the same project
    /// with one cluster name everywhere.
    /// </summary>
    public static class BenchmarkProject
    {
        public const string Corpus = "corpus";
        public const string Synthetic = "synthetic-1000";
        public const string SameName = "same-name-1000";
        public const int SyntheticClusters = 1000;

        public static IReadOnlyList<(string Path, string Text)> Load(string project) => project switch
        {
            Corpus => CorpusFiles(),
            Synthetic => SyntheticFiles(),
            SameName => SyntheticFiles(sameName: true),
            _ => throw new ArgumentException("unknown project " + project),
        };

        public static int FileCount(string? project) => project switch
        {
            Corpus => Directory.Exists(CorpusDirectory) ? Directory.GetFiles(CorpusDirectory, "*.yaml").Length : 0,
            Synthetic or SameName => SyntheticClusters,
            _ => 0,
        };

        private static string CorpusDirectory =>
            Environment.GetEnvironmentVariable("RAYGEN_CORPUS") is { Length: > 0 } path
                ? path
                : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpus", "kuberay-samples"));

        private static IReadOnlyList<(string Path, string Text)> CorpusFiles()
        {
            if (!Directory.Exists(CorpusDirectory))
            {
                throw new DirectoryNotFoundException("KubeRay corpus not found at " + CorpusDirectory + "; set RAYGEN_CORPUS");
            }

            return Directory.GetFiles(CorpusDirectory, "*.yaml")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => ("/project/corpus/" + Path.GetFileName(p), File.ReadAllText(p)))
                .ToArray();
        }

        /// <summary>
        /// 1,000 files shaped like the corpus' RayCluster samples: a head and two worker groups. With
        /// <paramref name="sameName"/> every cluster is called "cluster" (in ten namespaces), the worst case for
        /// C# naming: every class name collides and gets a numeric suffix (RAY0194).
        /// </summary>
        private static IReadOnlyList<(string Path, string Text)> SyntheticFiles(bool sameName = false)
        {
            var files = new (string, string)[SyntheticClusters];
            for (int i = 0; i < files.Length; i++)
            {
                files[i] = ($"/project/ray/cluster-{i:D4}.yaml", SyntheticCluster(i, cpu: 1 + (i % 4), sameName ? "cluster" : null));
            }

            return files;
        }

        /// <summary>One synthetic file; <paramref name="cpu"/> varies so an edit can change a value.</summary>
        public static string SyntheticCluster(int index, int cpu, string? name = null)
        {
            string n = index.ToString(CultureInfo.InvariantCulture);
            string container =
                Resources(cpu.ToString(CultureInfo.InvariantCulture), "4Gi")
                + "env:\n- name: RAY_GRAFANA_HOST\n  value: http://grafana:3000\n- name: POD_NAME\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.name\n"
                + "ports:\n- containerPort: 6379\n  name: gcs-server\n- containerPort: 8265\n  name: dashboard\n"
                + "volumeMounts:\n- mountPath: /tmp/ray\n  name: ray-logs\n";
            string worker = container + "command: [\"echo\", \"worker " + n + "\"]\n";
            var text = new StringBuilder();
            text.Append("# Synthetic cluster ").Append(n).Append(" for the RayGen benchmarks.\n");
            text.Append(RayCluster(
                name ?? "cluster-" + n,
                Group(container, rayStartParams: "{dashboard-host: 0.0.0.0, num-gpus: \"0\"}"),
                Worker("small-" + n, Group(worker, extra: "replicas: 2\nminReplicas: 1\nmaxReplicas: 10"))
                    + Worker("large-" + n, Group(worker, rayStartParams: "{object-store-memory: \"1000000000\"}", extra: "replicas: 1")),
                metadataExtra: "namespace: team-" + (index % 10).ToString(CultureInfo.InvariantCulture) + "\nlabels:\n  app: ray\n",
                specExtra: "enableInTreeAutoscaling: true\n"));
            return text.ToString();
        }

        private static string RepositoryRoot()
        {
            for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "RayGen.sln")))
                {
                    return dir;
                }
            }

            throw new InvalidOperationException("RayGen.sln not found above " + AppContext.BaseDirectory + "; set RAYGEN_CORPUS");
        }
    }
}
