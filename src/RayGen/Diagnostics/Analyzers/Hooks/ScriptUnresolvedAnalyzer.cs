using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;

namespace RayGen.Diagnostics.Analyzers.Hooks
{
    /// <summary>
    /// RAY0074: a script whose content decides a verdict (RAY0070 in the postStart hook; RAY0007, RAY0008, RAY0022,
    /// RAY0024 and RAY0025 in the Ray container's command) cannot be read: an image file, or a volume RayGen cannot
    /// see into. The checks that depend on it are skipped, and this says so.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ScriptUnresolvedAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.ScriptUnresolved,
            "Script cannot be resolved; checks that depend on it were skipped",
            "'{0}'{1} cannot be read: {2}. {3} checks that depend on what it runs were skipped.",
            DiagnosticSeverity.Info,
            WellKnownDiagnosticTags.CompilationEnd);

        private const string Ray0008 = "RAY0008 (Ray commands before 'ray start')";

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            foreach (ScriptEvent e in context.Scripts.Scripts)
            {
                if (e.Resolution.Kind is not (ScriptResolutionKind.Unreadable or ScriptResolutionKind.Image or ScriptResolutionKind.Binary)
                    || e.InReadinessLoop || e.Before != Readiness.No)
                {
                    continue;
                }

                string? rule = e.Place switch
                {
                    ExecPlace.PostStart => "RAY0070 (postStart readiness)",
                    ExecPlace.Joined when e.Background => Ray0008,
                    ExecPlace.Joined => "RAY0007 (commands that never return) and " + Ray0008,
                    ExecPlace.Command when !e.AfterBlockingStart => Ray0008 + ", RAY0022 ('ray start' without --block), "
                        + (context.Group.OverwriteAnnotation is not null ? "RAY0024 (overwrite mode never starts Ray), " : string.Empty) + "RAY0025 (open-files limit)",
                    _ => null,
                };
                if (rule is null)
                {
                    continue;
                }

                context.Report(Rule, e.Via?.Reference ?? e.Location, null, new[] { e.Location }, e.Resolution.Path, ScriptMessages.Where(e.Via, e.Location), e.Resolution.Reason, rule);
            }
        }
    }
}
