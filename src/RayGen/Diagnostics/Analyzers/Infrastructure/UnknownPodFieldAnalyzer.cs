using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Kubernetes;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0196: a key in a group's pod <c>template</c> that the referenced KubernetesClient model has no
    /// property for (<c>contaniers</c>, <c>lifecyle</c>). The pod factories drop it, as the API server
    /// prunes unknown fields, so it would otherwise vanish silently. Runs only when the compilation
    /// references KubernetesClient, reading the same model description as the generator.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnknownPodFieldAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnknownPodField);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (KubeModelReader.Describe(start.Compilation, start.CancellationToken) is not { } model)
                {
                    return;
                }

                start.RegisterAdditionalFileAction(fileContext => Analyze(fileContext, model));
            });
        }

        private static void Analyze(AdditionalFileAnalysisContext context, KubeModelDescription model)
        {
            if (AnalyzedFile.Get(context) is not { Yaml: { } yaml } file)
            {
                return;
            }

            var templateType = new KubeTypeRef(KubeTypeKind.Model, model.PodTemplateSpecType);
            foreach ((string _, YamlNode spec) in ClusterSpecLocator.ClusterSpecs(yaml))
            {
                foreach (YamlEntry group in ClusterSpecLocator.Groups(spec))
                {
                    if (group.Value.Kind == YamlNodeKind.Mapping && group.Value.Get("template") is { } template)
                    {
                        Walk(context, file, model, template, templateType);
                    }
                }
            }
        }

        private static void Walk(AdditionalFileAnalysisContext context, AnalyzedFile file, KubeModelDescription model, YamlNode node, KubeTypeRef type)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            switch (type.Kind)
            {
                case KubeTypeKind.Model when node.Kind == YamlNodeKind.Mapping && model.Find(type.CSharpName) is { } description:
                    foreach (YamlEntry entry in node.Entries)
                    {
                        if (ValueReader.Key(entry.Key) is not { } key)
                        {
                            continue;
                        }

                        if (description.Property(key) is { } property)
                        {
                            Walk(context, file, model, entry.Value, property.Type);
                        }
                        else
                        {
                            string typeName = type.CSharpName.Substring(type.CSharpName.LastIndexOf('.') + 1);
                            RuleReporter.Report(context, file, Descriptors.UnknownPodField, entry.Key.Span, null, key, typeName);
                        }
                    }

                    break;
                case KubeTypeKind.List when node.Kind == YamlNodeKind.Sequence && type.Element is { } item:
                    foreach (YamlNode value in node.Items)
                    {
                        Walk(context, file, model, value, item);
                    }

                    break;
                case KubeTypeKind.Map when node.Kind == YamlNodeKind.Mapping && type.Element is { } element:
                    foreach (YamlEntry entry in node.Entries)
                    {
                        Walk(context, file, model, entry.Value, element);
                    }

                    break;
            }
        }
    }
}
