using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.PodLayout
{
    /// <summary>
    /// RAY0064: the operator does not inject <c>wait-gcs-ready</c> (<c>RayGenEnableInitContainerInjection=false</c>)
    /// and nothing in a worker pod waits for the head's GCS before <c>ray start</c>: no init container and no command
    /// prefix runs a readiness loop (rules.md §0.7) that targets the head. Init containers and ConfigMap scripts are
    /// followed by <see cref="ScriptFlow"/>; the loops are classified by <see cref="LoopAnalysis"/>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MissingGcsWaitAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.NoGcsWait,
            "Injection of the GCS wait is disabled and nothing else waits for GCS",
            "KubeRay does not inject its 'wait-gcs-ready' init container (RayGenEnableInitContainerInjection=false), and nothing in worker group '{0}' waits for the head's GCS{1}: the worker's 'ray start' can run before GCS is up and fail, and the pod restarts until it happens to win the race. Add an init container that waits, e.g. command: [\"/bin/bash\", \"-c\", \"until ray health-check --address $FQ_RAY_IP:{2} >/dev/null 2>&1; do sleep 5; done\"].",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupScripts scripts = context.Scripts;
            if (scripts.Group.IsHead || context.Settings.EnableInitContainerInjection
                || scripts.Group.GroupNode.GetEntry("template") is not { } template)
            {
                return;
            }

            // Init containers run before the Ray container; a command prefix runs before KubeRay's 'ray start'.
            FlowResult[] before = scripts.Flows.Where(f => f.Place is ExecPlace.InitContainer or ExecPlace.Joined or ExecPlace.Command).ToArray();
            if (before.Any(flow => flow.Loops.Any(loop => !loop.Background && TargetsHead(loop, flow))
                || flow.Scripts.Any(s => !s.Background && s.Resolution.Kind is ScriptResolutionKind.Binary or ScriptResolutionKind.Unreadable or ScriptResolutionKind.Image)))
            {
                return; // a wait, or a script RayGen cannot read that may wait
            }

            LoopEvent? bare = before.SelectMany(f => f.Loops.Where(l => !l.Background)).FirstOrDefault();
            string note = bare is null
                ? string.Empty
                : (bare.Targets & CheckTarget.RayAddress) != 0
                    ? $" (the '{bare.KeywordText}' loop in an init container checks without --address, but KubeRay gives init containers FQ_RAY_IP and RAY_IP, not RAY_ADDRESS, so it does not reach the head)"
                    : $" (the '{bare.KeywordText}' readiness loop checks a local address, not the head)";
            string headPort = scripts.Group.Manifest.Cluster?.Head.RayStartParams?.LastOrDefault(p => p.Key == "port")?.Value is { Length: > 0 } port && port.All(char.IsDigit)
                ? port
                : "6379";
            context.Report(Rule, scripts.File.Ref(template.Key.Span), null, bare is null ? null : new[] { bare.Keyword }, scripts.Group.Group.GroupName, note, headPort);
        }

        /// <summary>
        /// A loop waits for the head when a check names a remote address (<c>--address $FQ_RAY_IP:6379</c>, the head
        /// Service's URL or host) or cannot be placed (Python), or uses <c>RAY_ADDRESS</c> where it points at the head:
        /// in the Ray container (KubeRay sets it), or in an init container whose env or script sets it.
        /// </summary>
        private static bool TargetsHead(LoopEvent loop, FlowResult flow)
        {
            if (loop.Targets == CheckTarget.None || (loop.Targets & (CheckTarget.Remote | CheckTarget.Unknown)) != 0)
            {
                return true;
            }

            return (loop.Targets & CheckTarget.RayAddress) != 0
                && (flow.Place != ExecPlace.InitContainer || loop.RayAddressSet
                    || (flow.Pod.Container?.Get("env") is { Kind: YamlNodeKind.Sequence } env
                        && env.Items.Any(e => e.Get("name") is { Kind: YamlNodeKind.Scalar, Value: "RAY_ADDRESS" })));
        }
    }
}
