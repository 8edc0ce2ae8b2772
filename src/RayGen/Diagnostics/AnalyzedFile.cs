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
    /// by the SourceText, so N analyzers do not parse N times), with the reader's problems.
    /// </summary>
    internal sealed class AnalyzedFile
    {
        private static readonly ConditionalWeakTable<SourceText, AnalyzedFile> Cache = new();

        private readonly Dictionary<OperatorSettings, IReadOnlyList<GroupArgs>> _groups = new();
        private SuppressionComments? _suppressions;

        private AnalyzedFile(SourceText text, YamlReadResult? yaml, EquatableArray<ManifestModel> manifests, IReadOnlyList<Problem> problems, Exception? crash)
        {
            Text = text;
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

        /// <summary>The file's <c># raygen-disable…</c> comments, parsed on first use.</summary>
        public SuppressionComments Suppressions => _suppressions ??= SuppressionComments.Parse(Text.ToString(), Yaml);

        /// <summary>The Final Args Model of every group, per operator settings (analyzers ask for the same settings).</summary>
        public IReadOnlyList<GroupArgs> Groups(OperatorSettings settings)
        {
            lock (_groups)
            {
                if (!_groups.TryGetValue(settings, out IReadOnlyList<GroupArgs>? groups))
                {
                    groups = Yaml is null ? Array.Empty<GroupArgs>() : GroupArgsReader.Read(Text.ToString(), Yaml, Manifests, settings);
                    _groups[settings] = groups;
                }

                return groups;
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

            CancellationToken cancellationToken = context.CancellationToken;
            return Cache.GetValue(text, t => Parse(t, cancellationToken));
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
            try
            {
                (YamlReadResult yaml, EquatableArray<ManifestModel> manifests) = ManifestFile.Parse(text.ToString(), problems, cancellationToken);
                return new AnalyzedFile(text, yaml, manifests, problems, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new AnalyzedFile(text, null, EquatableArray<ManifestModel>.Empty, problems, ex);
            }
        }
    }
}
