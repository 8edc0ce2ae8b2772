using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Diagnostics.Analyzers.Hooks;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0025: in overwrite mode (or with the user's own <c>ray start</c> in suppressed mode) the start runs with
    /// no <c>ulimit -n</c> / <c>prlimit --nofile</c> before it in the same shell (or an enclosing one: child shells
    /// inherit the limit). Resolved ConfigMap scripts are read in place: a sourced one runs in the same shell, so a
    /// limit it sets counts; one run as its own process is a child shell, whose limit does not reach back; a start
    /// inside a script is reported at the script's path, with the start as an additional location. A sourced file
    /// RayGen cannot read might set the limit, so it keeps the rule silent.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NoOpenFilesLimitAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.NoOpenFilesLimit,
            "Overwrite mode (or your own 'ray start') without raising the open-files limit",
            "{0}",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        private const string Why =
            "KubeRay adds 'ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}' only to the command it generates; here Ray starts with the container's default open-files limit, which large clusters exhaust. Prepend 'ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ' in the same shell.";

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.IsGenerated)
            {
                return;
            }

            bool overwrite = group.OverwriteAnnotation is not null;
            SourceRef[] annotation = overwrite ? new[] { context.Scripts.Ref(group.OverwriteAnnotation!.Span) } : new SourceRef[0];
            string message = Why + " " + group.FinalArgsExcerpt;
            ContainerProgram container = ContainerProgram.For(group);
            if (container.IsTemplated)
            {
                return;
            }

            if (container.IsExecRayStart && container.HasCommand)
            {
                (ArgElement ray, ArgElement startWord) = container.ExecRayStartWords;
                SourceSpan from = ray.Node.Span, to = startWord.Node.Span;
                context.Report(Rule, context.Scripts.Ref(new SourceSpan(from.Start, to.End, from.StartLine, from.StartColumn, to.EndLine, to.EndColumn)), null, annotation, message);
                return;
            }

            if (context.Scripts.Program is not { } program)
            {
                return;
            }

            foreach (ProgramCommand start in program.Commands)
            {
                SourceSpan span;
                if (RayCommands.RayStartIndex(start) is { } startWord)
                {
                    span = start.Locate(start.Words[0].Start, start.Words[startWord].End);
                }
                else if (overwrite && RayCommands.StartCommandUseOf(start, out ShellParameterExpansionPart? reference) != StartCommandUse.None)
                {
                    span = start.Locate(reference!);
                }
                else
                {
                    continue;
                }

                // An unresolved sourced file might set it; a resolved one was walked in place.
                bool raised = program.Commands.Any(c => c.Sequence < start.Sequence && !c.Is(CommandPlacement.Function)
                                                        && (RayCommands.RaisesOpenFiles(c) || (RayCommands.IsSource(c) && !c.RunsResolvedScript))
                                                        && ShellScope.Encloses(c.Scope, start.Scope));
                if (!raised)
                {
                    (SourceRef primary, SourceRef? inner, ScriptVia? via) = context.Scripts.Place(start.Text, span);
                    string where = inner is { } at ? "This start" + ScriptMessages.Where(via, at) + " has no open-files limit before it. " : string.Empty;
                    context.Report(Rule, primary, null, inner is { } related ? new[] { related }.Concat(annotation) : annotation, where + message);
                }
            }
        }
    }
}
