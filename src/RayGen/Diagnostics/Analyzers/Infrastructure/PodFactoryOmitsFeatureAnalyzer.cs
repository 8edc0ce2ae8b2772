using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.KubeRay;
using RayGen.Kubernetes;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Infrastructure
{
    /// <summary>
    /// RAY0197: a cluster turns on a KubeRay feature whose pod parts the spec does not describe (the TLS
    /// init container and certificate volumes, the history collector sidecar, the <c>ray-token</c> volume
    /// and mount). The pod factory generates the feature's env but cannot produce those parts, so it says
    /// so instead of returning a silently incomplete pod. Runs only where the generator emits pod
    /// factories (KubernetesClient referenced), and decides "on" with the same predicates as the env.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PodFactoryOmitsFeatureAnalyzer : RuleAnalyzer
    {
        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Descriptors.PodFactoryOmitsFeature);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Without KubernetesClient there is no pod factory, so nothing is omitted.
                if (KubeModelReader.HasPodFactories(start.Compilation))
                {
                    start.RegisterAdditionalFileAction(Analyze);
                }
            });
        }

        private static void Analyze(AdditionalFileAnalysisContext context)
        {
            if (AnalyzedFile.Get(context) is not { Yaml: { } yaml } file || AnalyzerSettings.OperatorFor(context) is not { } settings)
            {
                return;
            }

            try
            {
                foreach (YamlDocument document in yaml.Documents)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    ManifestModel? manifest = file.Manifests.FirstOrDefault(m => m.DocumentIndex == document.Index);
                    if (manifest is not { IsRayKind: true, Cluster: { } cluster }
                        || document.Root is not { Kind: YamlNodeKind.Mapping } root
                        || ClusterSpecLocator.ClusterSpec(root) is not { Kind: YamlNodeKind.Mapping } spec)
                    {
                        continue;
                    }

                    if (EnvBuilder.HasTls(settings, cluster) && spec.Get("tlsOptions")?.GetEntry("enabled") is { } enabled)
                    {
                        RuleReporter.Report(context, file, Descriptors.PodFactoryOmitsFeature, enabled.Key.Span, null,
                            "'tlsOptions.enabled' with the RayClusterMTLS feature gate",
                            "mutual TLS",
                            "the 'wait-for-tls-ip-san' init container and the volumes and mounts of the TLS certificates");
                    }

                    if (EnvBuilder.HasHistoryCollector(settings, cluster) && spec.Get("historyServerOptions")?.GetEntry("collectorOptions") is { } collector)
                    {
                        RuleReporter.Report(context, file, Descriptors.PodFactoryOmitsFeature, collector.Key.Span, null,
                            "'historyServerOptions.collectorOptions' with the RayClusterHistoryServer feature gate",
                            "the history server collector",
                            "the collector sidecar container and what it mounts");
                    }

                    if (EnvBuilder.HasK8sTokenAuth(settings, cluster) && spec.Get("authOptions")?.GetEntry("enableK8sTokenAuth") is { } tokenAuth)
                    {
                        RuleReporter.Report(context, file, Descriptors.PodFactoryOmitsFeature, tokenAuth.Key.Span, null,
                            "'authOptions.enableK8sTokenAuth'",
                            "Kubernetes token authentication",
                            "the 'ray-token' volume and its read-only mount at /var/run/secrets/ray.io/serviceaccount");
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RuleReporter.ReportCrash(context, file, nameof(PodFactoryOmitsFeatureAnalyzer), ex);
            }
        }
    }
}
