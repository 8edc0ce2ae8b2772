using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.PodLayout
{
    /// <summary>
    /// RAY0062: a worker already has an init container named <c>wait-gcs-ready</c>; KubeRay appends its own
    /// with the same name and the API server rejects the pod (duplicate container names).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DuplicateWaitGcsReadyAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.DuplicateWaitGcsReady,
            "Worker init container named 'wait-gcs-ready' clashes with KubeRay's",
            "KubeRay injects its own init container 'wait-gcs-ready' into worker pods, so the pod would have two containers with this name and the API server rejects it: rename or delete this one (KubeRay already waits for GCS)",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            if (context.Group.IsHead || !context.Settings.EnableInitContainerInjection
                || context.Group.GroupNode.Get("template")?.Get("spec")?.Get("initContainers") is not { Kind: YamlNodeKind.Sequence } inits)
            {
                return;
            }

            foreach (YamlNode init in inits.Items)
            {
                if (init.Get("name") is { Kind: YamlNodeKind.Scalar, Value: "wait-gcs-ready" } name)
                {
                    context.Report(Rule, name.Span, null);
                }
            }
        }
    }
}
