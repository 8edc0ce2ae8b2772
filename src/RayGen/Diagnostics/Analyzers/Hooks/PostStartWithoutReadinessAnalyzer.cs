using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;

namespace RayGen.Diagnostics.Analyzers.Hooks
{
    /// <summary>
    /// RAY0070: the Ray container's postStart hook runs a Ray-dependent command (inline, in a known shell's
    /// <c>-c</c> script, or in a resolved ConfigMap script) before any readiness loop. Kubernetes runs the hook
    /// right after the container starts, concurrently with its command, so <c>ray start</c> is not done yet.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PostStartWithoutReadinessAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.PostStartWithoutReadiness,
            "postStart hook uses Ray without waiting for it to be ready",
            "The postStart hook runs '{0}'{1} without waiting for Ray: Kubernetes starts the hook at the same time as the container's command, so 'ray start' has not finished and the command fails (a failed postStart hook kills the container). Wait first with a bounded readiness loop, e.g. " + ScriptMessages.WaitExample + " && {0} …",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupScripts scripts = context.Scripts;
            if (scripts.PostStart is not { } flow || scripts.PostStartCommand is not { } command)
            {
                return;
            }

            RayUseEvent? use = flow.Uses.FirstOrDefault(u => u.Before == Readiness.No && scripts.Counts(u));
            if (use is null)
            {
                return;
            }

            context.Report(Rule, flow.Pod.File.Ref(command.Span), null, new[] { use.Location }, use.Info.Display, ScriptMessages.Where(use.Via, use.Location));
        }
    }
}
