using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.Generator
{
    public sealed partial class RayClusterGenerator
    {
        /// <summary>
        /// RayGen's share of the C# compiler's limit on string literals (error CS8103: the user-string heap
        /// holds at most 2^24 = 16,777,216 bytes per assembly), in <see cref="CSharpNames.LiteralCost"/> units:
        /// at most 8,000,000 bytes, so more than half the heap stays for the project's own code and other
        /// generators. Reasons and figures: docs/limits.md.
        /// </summary>
        internal const long LiteralBudget = 4_000_000;

        /// <summary>The literal cost of each cluster of a file, as the emitter would write it (with pod factories when <paramref name="kubernetes"/> is set).</summary>
        internal static FileLiteralCosts LiteralCosts(ClusterFile file, KubeModelDescription? kubernetes) =>
            new(file.RelativePath, file.Clusters.Select(c => new ClusterLiteralCost(c.SourcePath, c.DocumentIndex, Emitter.LiteralCost(c, kubernetes))).ToEquatableArray());

        /// <summary>
        /// The clusters left out by the literal budget. Clusters are taken in (SourcePath, document index)
        /// order, whatever the order of the AdditionalFiles: one whose literals would take the total past
        /// <paramref name="budget"/> is left out, and the next ones are still tried (a single huge cluster
        /// does not take its neighbors with it). <c>Used</c> is the total of the clusters kept before it.
        /// </summary>
        internal static IReadOnlyList<(ClusterLiteralCost Cluster, long Used)> OverBudget(IEnumerable<ClusterLiteralCost> clusters, long budget)
        {
            var over = new List<(ClusterLiteralCost, long)>();
            long used = 0;
            IEnumerable<ClusterLiteralCost> ordered = clusters
                .OrderBy(c => c.SourcePath, StringComparer.Ordinal)
                .ThenBy(c => c.DocumentIndex)
                .ThenBy(c => c.Characters); // a total order, even for a path listed twice
            foreach (ClusterLiteralCost cluster in ordered)
            {
                if (cluster.Characters > budget - used)
                {
                    over.Add((cluster, used));
                }
                else
                {
                    used += cluster.Characters;
                }
            }

            return over;
        }

        private static SkippedClusters Skipped(ImmutableArray<FileLiteralCosts> files) =>
            new(OverBudget(files.SelectMany(f => f.Clusters), LiteralBudget).Select(o => o.Cluster).ToEquatableArray());

        /// <summary>Whether the budget left the cluster out: a binary search, the list being in (path, document index) order.</summary>
        private static bool IsSkipped(SkippedClusters skipped, string sourcePath, int documentIndex) =>
            !skipped.Clusters.IsEmpty
            && Find(skipped.Clusters, s => string.CompareOrdinal(s.SourcePath, sourcePath) is var c && c != 0 ? c : s.DocumentIndex.CompareTo(documentIndex)) is not null;
    }
}
