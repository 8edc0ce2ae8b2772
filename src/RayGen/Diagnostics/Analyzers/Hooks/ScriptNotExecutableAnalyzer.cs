using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;

namespace RayGen.Diagnostics.Analyzers.Hooks
{
    /// <summary>
    /// RAY0072: a path that is run directly resolves to a ConfigMap file whose effective mode has no execute bit
    /// (or only owner/group bits while the container does not run as root): execve fails with "permission denied".
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ScriptNotExecutableAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.ScriptNotExecutable,
            "Script from a ConfigMap is run directly but is not executable",
            "'{0}' is run directly, but its file from ConfigMap '{1}' has mode {2}, {3}: execve fails with 'permission denied' (status 126){4}. Set 'defaultMode: 0755' (or the item's 'mode'), or run it as 'bash {0}'.",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            var findings = new List<(SourceRef Location, ProblemSeverity Severity, ScriptEvent Event, string Why)>();
            foreach (ScriptEvent e in context.Scripts.Scripts)
            {
                if (!e.RunDirectly || !e.Resolution.IsConfigMapFile || e.Resolution.Mode is not int mode)
                {
                    continue;
                }

                ProblemSeverity severity;
                string why;
                if ((mode & 0x49) == 0)
                {
                    severity = e.Background || e.Place is ExecPlace.Joined or ExecPlace.PreStop ? ProblemSeverity.Warning : ProblemSeverity.Error;
                    why = "which has no execute bit (execute permission is denied to every user, root included)";
                }
                else if ((mode & 1) == 0 && e.Pod.RunsAsNonRoot)
                {
                    severity = ProblemSeverity.Warning;
                    why = "so only its owner or group (root) may execute it, and the container does not run as root";
                }
                else
                {
                    continue;
                }

                SourceRef location = e.Pod.File.Ref((e.Resolution.ModeNode ?? e.Resolution.VolumeName)?.Span ?? e.Location.Span);
                if (e.Resolution.ModeNode is null && e.Resolution.VolumeName is null)
                {
                    location = e.Location;
                }

                findings.Add((location, severity, e, why));
            }

            foreach (var group in findings.GroupBy(f => f.Location))
            {
                var worst = group.OrderBy(f => f.Severity).First(); // Error < Warning < Info
                ScriptEvent e = worst.Event;
                context.Report(Rule, group.Key, worst.Severity, new[] { e.Location }, e.Resolution.Path, e.Resolution.ConfigMap!.Display, ScriptResolution.Octal(e.Resolution.Mode ?? 0), worst.Why, Consequence(e));
            }
        }

        private static string Consequence(ScriptEvent e)
        {
            if (e.Background)
            {
                return " in its background job";
            }

            return e.Place switch
            {
                ExecPlace.PostStart => "; the postStart hook fails, and a failed postStart hook kills the container",
                ExecPlace.PreStop => "; the preStop hook fails",
                ExecPlace.InitContainer => "; the init container fails, so the pod never starts",
                ExecPlace.Command => "; the container cannot start",
                _ => "; 'ray start' still runs, but the script does not (and the generated 'ulimit' is skipped)",
            };
        }
    }
}
