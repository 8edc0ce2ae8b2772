using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RayGen.Analysis;
using RayGen.Generator;
using RayGen.KubeRay;
using RayGen.Helpers;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics
{
    /// <summary>
    /// One YAML file as all analyzers see it: parsed once per text (shared through a weak cache keyed
    /// by the SourceText, so N analyzers do not parse N times, and a C# edit, which keeps the texts,
    /// parses nothing), with the reader's problems.
    /// </summary>
    internal sealed class AnalyzedFile
    {
        private static readonly ConditionalWeakTable<SourceText, Entry> Cache = new();

        private readonly Dictionary<OperatorSettings, IReadOnlyList<GroupArgs>> _groups = new();
        private SuppressionComments? _suppressions;

        // One slot: the inputs change rarely (settings, path, KubernetesClient version), and a C# edit keeps them.
        private readonly object _literalCostsLock = new();
        private (LiteralCostKey Key, EquatableArray<ClusterLiteralCost> Costs)? _literalCosts;

        // The text as one string, made once: SourceText.ToString() copies a large (chunked) text each time.
        private readonly string _content;

        private AnalyzedFile(SourceText text, string content, YamlReadResult? yaml, EquatableArray<ManifestModel> manifests, IReadOnlyList<Problem> problems, Exception? crash)
        {
            Text = text;
            _content = content;
            Yaml = yaml;
            Manifests = manifests;
            Problems = problems;
            Crash = crash;
        }

        public SourceText Text { get; }

        public YamlReadResult? Yaml { get; }

        public EquatableArray<ManifestModel> Manifests { get; }

        public IReadOnlyList<Problem> Problems { get; }

        /// <summary>An unexpected exception from RayGen's own code (reported as RAY0199).</summary>
        public Exception? Crash { get; }

        /// <summary>The text as one string (the one that was parsed; empty when the file was too large to read).</summary>
        public string Content => _content;

        /// <summary>The file's <c># raygen-disable…</c> comments, parsed on first use.</summary>
        public SuppressionComments Suppressions => _suppressions ??= SuppressionComments.Parse(_content, Yaml);

        /// <summary>The Final Args Model of every group, per operator settings (analyzers ask for the same settings).</summary>
        public IReadOnlyList<GroupArgs> Groups(OperatorSettings settings)
        {
            lock (_groups)
            {
                if (!_groups.TryGetValue(settings, out IReadOnlyList<GroupArgs>? groups))
                {
                    groups = Yaml is null ? Array.Empty<GroupArgs>() : GroupArgsReader.Read(_content, Yaml, Manifests, settings);
                    _groups[settings] = groups;
                }

                return groups;
            }
        }

        /// <summary>
        /// The literal cost of every cluster the generator emits from this file (RayClusterGenerator.LiteralCosts),
        /// built from the same manifests with the same code; kept for the next compilation with the same inputs.
        /// </summary>
        public EquatableArray<ClusterLiteralCost> LiteralCosts(OperatorSettings settings, string relativePath, KubeModelDescription? kubernetes)
        {
            var key = new LiteralCostKey(settings, relativePath, kubernetes);
            lock (_literalCostsLock)
            {
                if (_literalCosts is { } cached && cached.Key.Equals(key))
                {
                    return cached.Costs;
                }

                ClusterFile clusters = RayClusterGenerator.BuildClusters(relativePath, Manifests, settings, pods: kubernetes is not null, rethrow: true);
                EquatableArray<ClusterLiteralCost> costs = RayClusterGenerator.LiteralCosts(clusters, kubernetes).Clusters;
                _literalCosts = (key, costs);
                return costs;
            }
        }

        /// <summary>The file if RayGen reads it (a .yaml/.yml AdditionalFile not opted out), else <c>null</c>.</summary>
        public static AnalyzedFile? Get(AdditionalFileAnalysisContext context)
        {
            AdditionalText file = context.AdditionalFile;
            if (!ManifestFile.IsYamlPath(file.Path)
                || !RayClusterGenerator.IsEnabled(context.Options.AnalyzerConfigOptionsProvider.GetOptions(file))
                || file.GetText(context.CancellationToken) is not { } text)
            {
                return null;
            }

            // Analyzers run concurrently on the same file: the lock makes the others wait for the one
            // parse instead of each parsing too (ConditionalWeakTable may run a value factory twice).
            Entry entry = Cache.GetOrCreateValue(text);
            lock (entry)
            {
                return entry.File ??= Parse(text, context.CancellationToken);
            }
        }

        public Location Location(string path, SourceSpan span)
        {
            int length = Text.Length;
            int start = Math.Min(Math.Max(span.Start, 0), length);
            int end = Math.Min(Math.Max(span.End, start), length);
            return Microsoft.CodeAnalysis.Location.Create(
                path,
                new TextSpan(start, end - start),
                new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
        }

        public Location FirstLine(string path) => Location(path, SourceSpan.Empty);

        private static AnalyzedFile Parse(SourceText text, CancellationToken cancellationToken)
        {
            var problems = new List<Problem>();
            if (ManifestFile.SizeProblem(text.Length) is { } tooLarge)
            {
                // Checked before ToString(), which would copy the whole text.
                problems.Add(tooLarge);
                return new AnalyzedFile(text, string.Empty, new YamlReadResult(Array.Empty<YamlDocument>(), Array.Empty<YamlProblem>()), EquatableArray<ManifestModel>.Empty, problems, null);
            }

            string content = text.ToString();
            try
            {
                (YamlReadResult yaml, EquatableArray<ManifestModel> manifests) = ManifestFile.Parse(content, problems, cancellationToken);
                return new AnalyzedFile(text, content, yaml, manifests, problems, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new AnalyzedFile(text, content, null, EquatableArray<ManifestModel>.Empty, problems, ex);
            }
        }

        private sealed record LiteralCostKey(OperatorSettings Settings, string RelativePath, KubeModelDescription? Kubernetes);

        /// <summary>The cache slot of one text; <see cref="File"/> stays null until a parse completes (not after a cancellation).</summary>
        private sealed class Entry
        {
            public AnalyzedFile? File;
        }
    }
}
