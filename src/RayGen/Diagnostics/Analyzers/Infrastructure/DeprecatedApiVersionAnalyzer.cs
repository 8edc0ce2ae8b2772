using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0192: <c>ray.io/v1alpha1</c> is deprecated (a warning); for a RayCronJob, whose CRD serves only
    /// <c>ray.io/v1</c>, the API server rejects it (an error).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DeprecatedApiVersionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DeprecatedApiVersion);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterAdditionalFileAction(static fileContext =>
            {
                if (AnalyzedFile.Get(fileContext)?.Yaml is not { } yaml)
                {
                    return;
                }

                foreach (YamlDocument document in yaml.Documents)
                {
                    if (document.Root?.Kind != YamlNodeKind.Mapping
                        || document.Root.Get("apiVersion") is not { Kind: YamlNodeKind.Scalar, Value: "ray.io/v1alpha1" } apiVersion
                        || document.Root.Get("kind")?.Value is not { } kind
                        || !RayKinds.IsRayKind(kind))
                    {
                        continue;
                    }

                    bool rejected = kind == RayKinds.RayCronJob;
                    string message = rejected
                        ? "The RayCronJob CRD serves only ray.io/v1: the API server rejects ray.io/v1alpha1. Use apiVersion: ray.io/v1."
                        : $"{kind} uses the deprecated apiVersion ray.io/v1alpha1 (its schema still requires rayStartParams). Use apiVersion: ray.io/v1.";
                    RuleReporter.Report(
                        fileContext,
                        AnalyzedFile.Get(fileContext)!,
                        Descriptors.DeprecatedApiVersion,
                        apiVersion.Span,
                        rejected ? ProblemSeverity.Error : ProblemSeverity.Warning,
                        message);
                }
            });
        }
    }
}
