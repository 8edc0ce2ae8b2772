using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;

namespace RayGen.Diagnostics.Analyzers.Hooks
{
    /// <summary>
    /// RAY0071: a readiness loop in the Ray container's postStart hook (inline or in a resolved script) has no
    /// time limit. The container is not Running until the hook ends; if Ray never comes up the pod hangs.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnboundedReadinessLoopAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.UnboundedReadinessLoop,
            "postStart readiness loop has no time limit",
            "This '{0}' readiness loop{1} in the postStart hook has no time limit: the container is not reported Running until the hook ends, so if Ray never comes up the pod hangs with no error. Bound it: run it under 'timeout N' (" + ScriptMessages.WaitExample + "), loop a fixed number of times, or leave when a counter or $SECONDS passes a limit.",
            DiagnosticSeverity.Info,
            WellKnownDiagnosticTags.CompilationEnd);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            if (context.Scripts.PostStart is not { } flow)
            {
                return;
            }

            foreach (LoopEvent loop in flow.Loops)
            {
                if (loop.Bounded || loop.Background)
                {
                    continue;
                }

                context.Report(Rule, loop.Via?.Reference ?? loop.Keyword, null, new[] { loop.Keyword }, loop.KeywordText, ScriptMessages.Where(loop.Via, loop.Keyword));
            }
        }
    }
}
