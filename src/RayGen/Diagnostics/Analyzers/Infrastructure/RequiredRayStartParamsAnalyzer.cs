using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0030, schema half: <c>rayStartParams</c> null or missing where the CRD requires it
    /// (<c>ray.io/v1</c> before KubeRay 1.4.0, <c>ray.io/v1alpha1</c> always). The API server prunes a null,
    /// so the required field is then missing and the object is rejected. The value half (non-string
    /// values) is found by the manifest reader and reported by ManifestProblemsAnalyzer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RequiredRayStartParamsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NonStringRayStartParam);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterAdditionalFileAction(static fileContext =>
            {
                if (AnalyzedFile.Get(fileContext) is not { Yaml: { } yaml } file || AnalyzerSettings.ProfileFor(fileContext) is not { } profile)
                {
                    return;
                }

                foreach ((string apiVersion, YamlNode spec) in ClusterSpecLocator.ClusterSpecs(yaml))
                {
                    if (apiVersion == "ray.io/v1" && profile.RayStartParamsOptional)
                    {
                        continue;
                    }

                    string why = apiVersion == "ray.io/v1"
                        ? $"before KubeRay 1.4.0 (modeled: {profile.Version})"
                        : "in ray.io/v1alpha1";
                    foreach (YamlEntry group in ClusterSpecLocator.Groups(spec))
                    {
                        YamlEntry? entry = group.Value.Kind == YamlNodeKind.Mapping ? group.Value.GetEntry("rayStartParams") : null;
                        if (group.Value.Kind != YamlNodeKind.Mapping || (entry is not null && !entry.Value.IsNull))
                        {
                            continue;
                        }

                        string state = entry is null ? "is missing" : "is null (the API server drops it)";
                        RuleReporter.Report(
                            fileContext,
                            file,
                            Descriptors.NonStringRayStartParam,
                            (entry?.Key ?? group.Key).Span,
                            null,
                            $"rayStartParams {state}, but the CRD requires it {why}: write 'rayStartParams: {{}}'");
                    }
                }
            });
        }
    }
}
