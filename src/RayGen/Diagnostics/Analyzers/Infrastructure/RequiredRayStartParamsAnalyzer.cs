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

                foreach (YamlDocument document in yaml.Documents)
                {
                    if (document.Root is not { Kind: YamlNodeKind.Mapping } root
                        || root.Get("apiVersion")?.Value is not { } apiVersion
                        || !RayKinds.IsRayApiVersion(apiVersion)
                        || (apiVersion == "ray.io/v1" && profile.RayStartParamsOptional)
                        || ClusterSpecLocator.ClusterSpec(root) is not { Kind: YamlNodeKind.Mapping } spec)
                    {
                        continue;
                    }

                    string why = apiVersion == "ray.io/v1"
                        ? $"before KubeRay 1.4.0 (modeled: {profile.Version})"
                        : "in ray.io/v1alpha1";
                    foreach (YamlEntry group in Groups(spec))
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

        /// <summary>The head group (keyed by its field name) and each worker group (keyed by its groupName node).</summary>
        private static IEnumerable<YamlEntry> Groups(YamlNode spec)
        {
            if (spec.GetEntry("headGroupSpec") is { } head)
            {
                yield return head;
            }

            if (spec.Get("workerGroupSpecs") is { Kind: YamlNodeKind.Sequence } workers)
            {
                foreach (YamlNode worker in workers.Items)
                {
                    if (worker.Kind == YamlNodeKind.Mapping)
                    {
                        yield return new YamlEntry(worker.Get("groupName") ?? worker, worker);
                    }
                }
            }
        }
    }
}
