using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RayGen.Model;

namespace RayGen.Generator
{
    /// <summary>
    /// Emits typed factories for the Ray clusters in YAML AdditionalFiles. It reports no diagnostics:
    /// the analyzers share its parser and report every problem once (RayGenAnalyzer and friends); the
    /// generator skips what it cannot read.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class RayClusterGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // Settings change rarely; reduced to a value-equal record at once.
            IncrementalValueProvider<RayGenSettings> settings = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => ReadSettings(options.GlobalOptions))
                .WithTrackingName(TrackingNames.Settings);

            // Only the text and per-item metadata of YAML files: a C# edit never reaches past this.
            IncrementalValuesProvider<FileInput> inputs = context.AdditionalTextsProvider
                .Where(static text => Manifests.ManifestFile.IsYamlPath(text.Path))
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right, cancellationToken))
                .Where(static input => input is not null)
                .Select(static (input, _) => input!)
                .WithTrackingName(TrackingNames.FileInputs);

            // One parse per file text; version-independent, span-free, so comment edits stop here.
            IncrementalValuesProvider<ParsedFile> parsed = inputs
                .Select(static (input, cancellationToken) => Parse(input, cancellationToken))
                .WithTrackingName(TrackingNames.ParsedFiles);

            // The KubernetesClient types, reduced to a value-equal description right away: a C# edit gives an
            // equal description, so the per-file outputs below stay cached. Null without KubernetesClient.
            IncrementalValueProvider<KubeModelDescription?> kubernetes = context.CompilationProvider
                .Select(static (compilation, cancellationToken) => Kubernetes.KubeModelReader.Describe(compilation, cancellationToken))
                .WithTrackingName(TrackingNames.KubernetesModel);

            // Whole pods are built only for the pod factories, which need KubernetesClient.
            IncrementalValueProvider<bool> pods = kubernetes
                .Select(static (model, _) => model is not null)
                .WithTrackingName(TrackingNames.PodFactories);

            // The operator's output for each cluster, computed before emit.
            IncrementalValuesProvider<ClusterFile> clusters = parsed
                .Combine(settings)
                .Combine(pods)
                .Select(static (pair, _) => BuildClusters(pair.Left.Left, pair.Left.Right, pair.Right))
                .WithTrackingName(TrackingNames.ClusterFiles);

            // Names need the whole set (collisions); they depend only on names and paths.
            IncrementalValueProvider<NameMap> names = clusters
                .Select(static (file, _) => Keys(file))
                .Collect()
                .Select(static (keys, _) => AssignNames(keys))
                .WithTrackingName(TrackingNames.Names);

            // What each cluster's string literals would cost (CS8103 caps them per assembly); an edit that keeps
            // every cost stops here.
            IncrementalValuesProvider<FileLiteralCosts> literalCosts = clusters
                .Combine(kubernetes)
                .Select(static (pair, _) => LiteralCosts(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.LiteralCosts);

            // The budget needs the whole set, in a fixed order; its output is empty in ordinary projects, so it
            // stays equal on edits and the per-file steps below stay cached.
            IncrementalValueProvider<SkippedClusters> skipped = literalCosts
                .Collect()
                .Select(static (costs, _) => Skipped(costs))
                .WithTrackingName(TrackingNames.LiteralBudget);

            IncrementalValuesProvider<FileEmitModel> emitModels = clusters
                .Combine(names)
                .Combine(settings)
                .Combine(skipped)
                .Select(static (pair, _) => ToEmitModel(pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right, pair.Right))
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.EmitModels);

            IncrementalValueProvider<CatalogModel?> catalog = names
                .Combine(settings)
                .Combine(skipped)
                .Select(static (pair, _) => ToCatalog(pair.Left.Left, pair.Left.Right, pair.Right))
                .WithTrackingName(TrackingNames.Catalog);

            context.RegisterSourceOutput(emitModels.Combine(kubernetes), static (spc, pair) => spc.AddSource(pair.Left.HintName, Emitter.EmitFile(pair.Left, pair.Right)));
            context.RegisterSourceOutput(catalog, static (spc, model) =>
            {
                if (model is not null)
                {
                    spc.AddSource("RayClusters.g.cs", Emitter.EmitCatalog(model));
                }
            });
        }
    }
}
