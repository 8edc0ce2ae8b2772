using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Helpers;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;

namespace RayGen.Generator
{
    public sealed partial class RayClusterGenerator
    {
        internal static RayGenSettings ReadSettings(AnalyzerConfigOptions options) =>
            RayGenSettings.Parse(name => options.TryGetValue("build_property." + name, out string? value) ? value : null);

        internal static bool IsEnabled(AnalyzerConfigOptions fileOptions) =>
            !(fileOptions.TryGetValue("build_metadata.AdditionalFiles." + RayGenSettings.EnabledMetadata, out string? enabled)
              && string.Equals(enabled?.Trim(), "false", StringComparison.OrdinalIgnoreCase));

        internal static string? VersionMetadata(AnalyzerConfigOptions fileOptions) =>
            fileOptions.TryGetValue("build_metadata.AdditionalFiles." + RayGenSettings.VersionMetadata, out string? version) && !string.IsNullOrWhiteSpace(version)
                ? version
                : null;

        private static FileInput? ReadInput(AdditionalText text, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
        {
            AnalyzerConfigOptions fileOptions = options.GetOptions(text);
            if (!IsEnabled(fileOptions) || text.GetText(cancellationToken) is not { } sourceText)
            {
                return null;
            }

            // An oversized file is skipped before ToString() copies it (the analyzers report RAY0195).
            if (ManifestFile.SizeProblem(sourceText.Length) is not null)
            {
                return null;
            }

            options.GlobalOptions.TryGetValue("build_property.MSBuildProjectDirectory", out string? projectDirectory);
            return new FileInput(ManifestFile.RelativePath(text.Path, projectDirectory ?? string.Empty), sourceText.ToString(), VersionMetadata(fileOptions));
        }

        private static ParsedFile Parse(FileInput input, CancellationToken cancellationToken)
        {
            EquatableArray<ManifestModel> manifests;
            try
            {
                manifests = ManifestFile.Read(input.Text, problems: null, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The analyzers report RAY0199 for the same input; the build goes on without this file.
                manifests = EquatableArray<ManifestModel>.Empty;
            }

            return new ParsedFile(input.RelativePath, input.KubeRayVersion, manifests);
        }

        private static ClusterFile BuildClusters(ParsedFile file, RayGenSettings settings, bool pods) =>
            BuildClusters(file.RelativePath, file.Manifests, settings.ForFile(file.KubeRayVersion), pods);

        /// <summary>
        /// The clusters the generator emits for a file (none when its version setting is invalid); the analyzers call it
        /// too. <paramref name="pods"/>: with whole pods, which only the KubernetesClient factories need.
        /// <paramref name="rethrow"/>: let a crash out (analyzers report it as RAY0199); the generator skips the cluster.
        /// </summary>
        internal static ClusterFile BuildClusters(string relativePath, EquatableArray<ManifestModel> manifests, OperatorSettings? operatorSettings, bool pods, bool rethrow = false)
        {
            var clusters = new List<ClusterOutputModel>();
            if (operatorSettings is not null)
            {
                foreach (ManifestModel manifest in manifests)
                {
                    try
                    {
                        if (ClusterBuilder.Build(manifest, relativePath, operatorSettings, pods) is { } cluster)
                        {
                            clusters.Add(cluster);
                        }
                    }
                    catch (Exception ex) when (!rethrow && ex is not OperationCanceledException)
                    {
                        // Reported as RAY0199 by the analyzers, which run the same code with rethrow.
                    }
                }
            }

            return new ClusterFile(relativePath, clusters.ToEquatableArray());
        }

        private static EquatableArray<ClusterKey> Keys(ClusterFile file) =>
            file.Clusters.Select(c => new ClusterKey(c.SourcePath, c.DocumentIndex, c.Name, c.Kind)).ToEquatableArray();

        /// <summary>Class names and hint names for every cluster, in (SourcePath, document index) order.</summary>
        internal static NameMap AssignNames(ImmutableArray<EquatableArray<ClusterKey>> perFile)
        {
            ClusterKey[] keys = perFile.SelectMany(k => k)
                .OrderBy(k => k.SourcePath, StringComparer.Ordinal)
                .ThenBy(k => k.DocumentIndex)
                .ToArray();

            var identifiers = new NameScope(StringComparer.Ordinal, "All", "Head", "RayClusters");
            ClusterName[] names = keys
                .Select(k => new ClusterName(k.SourcePath, k.DocumentIndex, identifiers.Unique(CSharpNames.ToPascalCase(k.Name, "Cluster"))))
                .ToArray();

            var hints = new NameScope(StringComparer.OrdinalIgnoreCase);
            FileHint[] files = keys.Select(k => k.SourcePath).Distinct(StringComparer.Ordinal)
                .Select(path => new FileHint(path, hints.Unique("RayClusters." + CSharpNames.ToPascalCase(path, "File")) + ".g.cs"))
                .ToArray();

            return new NameMap(names.ToEquatableArrayFast(), files.ToEquatableArrayFast());
        }

        /// <summary>Names that a group member must not take inside its cluster class.</summary>
        internal static readonly string[] ReservedMemberNames = { "Info", "Head", "WorkerGroups", "Cluster" };

        private static FileEmitModel? ToEmitModel(ClusterFile file, NameMap names, RayGenSettings settings, SkippedClusters skipped)
        {
            if (settings.CodeNamespace is null || file.Clusters.IsEmpty)
            {
                return null;
            }

            // The name map is sorted by (path, document index): a binary search per lookup, where a scan
            // would cost O(clusters) per cluster, O(n²) over a project, on every names change.
            string? hint = Find(names.Files, f => string.CompareOrdinal(f.SourcePath, file.RelativePath))?.HintName;
            if (hint is null)
            {
                return null;
            }

            var clusters = new List<NamedCluster>();
            foreach (ClusterOutputModel cluster in file.Clusters)
            {
                ClusterName? name = Find(names.Clusters, n => string.CompareOrdinal(n.SourcePath, cluster.SourcePath) is var c && c != 0 ? c : n.DocumentIndex.CompareTo(cluster.DocumentIndex));
                if (name is not null && !IsSkipped(skipped, cluster.SourcePath, cluster.DocumentIndex))
                {
                    clusters.Add(new NamedCluster(name.Identifier, cluster));
                }
            }

            if (clusters.Count == 0)
            {
                return null;
            }

            return new FileEmitModel(hint, settings.CodeNamespace, settings.Public, clusters.ToEquatableArray());
        }

        /// <summary>Binary search in a list sorted by <paramref name="compareToTarget"/> (item order relative to the target).</summary>
        private static T? Find<T>(IReadOnlyList<T> sorted, Func<T, int> compareToTarget)
            where T : class
        {
            int low = 0, high = sorted.Count - 1;
            while (low <= high)
            {
                int middle = low + ((high - low) / 2);
                int order = compareToTarget(sorted[middle]);
                if (order == 0)
                {
                    return sorted[middle];
                }

                if (order < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return null;
        }

        /// <summary>The catalog lists the emitted classes only: a cluster left out by the literal budget keeps its name but has no class.</summary>
        private static CatalogModel? ToCatalog(NameMap names, RayGenSettings settings, SkippedClusters skipped) =>
            settings.CodeNamespace is null
                ? null
                : new CatalogModel(
                    settings.CodeNamespace,
                    settings.Public,
                    names.Clusters.Where(c => !IsSkipped(skipped, c.SourcePath, c.DocumentIndex)).Select(c => c.Identifier).ToEquatableArray());
    }
}
