using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Generator;
using RayGen.Kubernetes;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0195 for the literal budget: a cluster whose string literals would take the generated code past
    /// <see cref="RayClusterGenerator.LiteralBudget"/> is not generated, so that the C# compiler's limit on
    /// user strings (CS8103) stays out of reach. Runs the generator's own code on the same clusters (costs,
    /// with pod factories exactly when the generator emits them, and the budget over every file in path
    /// order), at compilation end because the budget spans the project.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LiteralBudgetAnalyzer : RuleAnalyzer
    {
        // The last KubernetesClient description seen: each compilation describes the client anew, and an
        // equal description reused as the same instance keeps every file's cached costs a cheap lookup.
        private KubeModelDescription? _kubernetes;

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Descriptors.LiteralBudgetExceeded);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                AnalyzerConfigOptionsProvider provider = start.Options.AnalyzerConfigOptionsProvider;
                RayGenSettings settings = RayClusterGenerator.ReadSettings(provider.GlobalOptions);
                if (settings.CodeNamespace is null)
                {
                    // Nothing is generated, so nothing is over budget.
                    return;
                }

                provider.GlobalOptions.TryGetValue("build_property.MSBuildProjectDirectory", out string? projectDirectory);
                KubeModelDescription? kubernetes = Shared(KubeModelReader.Describe(start.Compilation, start.CancellationToken));
                var clusters = new ConcurrentBag<Cluster>();
                start.RegisterAdditionalFileAction(fileContext =>
                {
                    if (AnalyzedFile.Get(fileContext) is not { Yaml: not null } file)
                    {
                        return;
                    }

                    AnalyzerConfigOptions options = provider.GetOptions(fileContext.AdditionalFile);
                    if (settings.ForFile(RayClusterGenerator.VersionMetadata(options)) is not { } operatorSettings)
                    {
                        return;
                    }

                    string path = fileContext.AdditionalFile.Path;
                    try
                    {
                        foreach (ClusterLiteralCost cost in file.LiteralCosts(operatorSettings, ManifestFile.RelativePath(path, projectDirectory ?? string.Empty), kubernetes))
                        {
                            clusters.Add(new Cluster(cost, file, path, options));
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        RuleReporter.ReportCrash(fileContext, file, null, ex);
                    }
                });
                start.RegisterCompilationEndAction(end => Report(end, clusters.ToArray()));
            });
        }

        private static void Report(CompilationAnalysisContext context, Cluster[] clusters)
        {
            // Equal costs stand for the same cluster (a file listed twice): any of them locates it.
            var byCost = new Dictionary<ClusterLiteralCost, Cluster>();
            foreach (Cluster cluster in clusters)
            {
                byCost[cluster.Cost] = cluster;
            }

            foreach ((ClusterLiteralCost cost, long used) in RayClusterGenerator.OverBudget(clusters.Select(c => c.Cost), RayClusterGenerator.LiteralBudget))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                Cluster cluster = byCost[cost];
                ManifestModel? manifest = cluster.File.Manifests.FirstOrDefault(m => m.DocumentIndex == cost.DocumentIndex);
                string message = string.Format(
                    CultureInfo.InvariantCulture,
                    "The code generated for {0} '{1}' would exceed the C# compiler's limit on string literals (CS8103): it needs {2} characters of RayGen's budget of {3} per project, and {4} are left after the clusters before it (in path order); the cluster was skipped: no generated code",
                    manifest?.Kind ?? "the cluster",
                    manifest?.Name ?? string.Empty,
                    cost.Characters,
                    RayClusterGenerator.LiteralBudget,
                    RayClusterGenerator.LiteralBudget - used);
                RuleReporter.Report(context.ReportDiagnostic, cluster.Options, cluster.File, cluster.Path, Descriptors.LiteralBudgetExceeded, NameSpan(cluster.File, cost.DocumentIndex), null, message);
            }
        }

        /// <summary>The cluster's <c>metadata.name</c> (or <c>generateName</c>); the file's first line when there is none.</summary>
        private static SourceSpan NameSpan(AnalyzedFile file, int documentIndex)
        {
            YamlNode? metadata = file.Yaml?.Documents.FirstOrDefault(d => d.Index == documentIndex)?.Root?.Get("metadata");
            return (metadata?.Get("name") ?? metadata?.Get("generateName"))?.Span ?? SourceSpan.Empty;
        }

        private KubeModelDescription? Shared(KubeModelDescription? described)
        {
            KubeModelDescription? last = Volatile.Read(ref _kubernetes);
            if (described is null || described.Equals(last))
            {
                return described is null ? null : last;
            }

            Volatile.Write(ref _kubernetes, described);
            return described;
        }

        private sealed record Cluster(ClusterLiteralCost Cost, AnalyzedFile File, string Path, AnalyzerConfigOptions Options);
    }
}
