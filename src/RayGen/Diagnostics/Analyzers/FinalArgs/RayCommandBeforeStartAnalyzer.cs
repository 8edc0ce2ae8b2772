using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Diagnostics.Analyzers.Hooks;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0008: a Ray-dependent command in the Ray container's command runs before <c>ray start</c>: in
    /// generated mode everything in <c>joined</c> does (foreground: fails at once; a background job that does not
    /// first wait: races <c>ray start</c> and loses); in suppressed/overwrite mode, what runs before the user's own
    /// start, or after a blocking start (never runs). Followed into <c>-c</c> scripts and resolved ConfigMap scripts.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RayCommandBeforeStartAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.RayCommandBeforeStart,
            "Command needs a running Ray cluster but runs before 'ray start'",
            "'{0}'{1} needs a running Ray {2}, but {3}. {4}",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        private const string Fix = "Run it in a background job that waits first: ( (until ray health-check >/dev/null 2>&1; do sleep 2; done; {0} …) & ).";

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupScripts scripts = context.Scripts;
            if (scripts.Command is not { } flow)
            {
                return;
            }

            bool generated = flow.Place == ExecPlace.Joined;
            foreach (RayUseEvent use in flow.Uses)
            {
                if (!scripts.Counts(use))
                {
                    continue;
                }

                string why;
                string fix = string.Format(System.Globalization.CultureInfo.InvariantCulture, Fix, use.Info.Display);
                if (generated)
                {
                    if (use.Before != Readiness.No)
                    {
                        continue;
                    }

                    why = use.Background
                        ? "it runs in a background job that starts before KubeRay's 'ray start' and does not wait for Ray first, so it races 'ray start' and loses"
                        : "KubeRay runs your command before its 'ray start', so it fails at once (and its failure also skips the generated 'ulimit')";
                }
                else if (use.AfterBlockingStart)
                {
                    why = "it never runs: the start before it blocks";
                    fix = "Start it in a background job that waits for Ray, placed before the blocking start.";
                }
                else if (use.Before == Readiness.No)
                {
                    why = use.Background
                        ? "it runs in a background job that does not wait for Ray first, so it races the 'ray start' in your command"
                        : "it runs before the 'ray start' in your command";
                }
                else
                {
                    continue;
                }

                string what = use.Info.Dependence == RayDependence.ClusterClient ? "cluster" : "node";
                context.Report(Rule, use.Via?.Reference ?? use.Location, null, new[] { use.Location }, use.Info.Display, ScriptMessages.Where(use.Via, use.Location), what, why, fix + " " + context.Group.FinalArgsExcerpt);
            }
        }
    }
}
