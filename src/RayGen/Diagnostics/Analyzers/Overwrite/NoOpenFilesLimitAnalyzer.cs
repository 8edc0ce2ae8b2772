using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0025: in overwrite mode (or with the user's own <c>ray start</c> in suppressed mode) the start runs with
    /// no <c>ulimit -n</c> / <c>prlimit --nofile</c> before it in the same shell (or an enclosing one: child shells
    /// inherit the limit). A file sourced before the start might set it; RayGen cannot see it until group F
    /// resolves scripts, so it stays silent then.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NoOpenFilesLimitAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.NoOpenFilesLimit,
            "Overwrite mode (or your own 'ray start') without raising the open-files limit",
            "{0}",
            DiagnosticSeverity.Warning);

        private const string Why =
            "KubeRay adds 'ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}' only to the command it generates; here Ray starts with the container's default open-files limit, which large clusters exhaust. Prepend 'ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ' in the same shell.";

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.IsGenerated)
            {
                return;
            }

            bool overwrite = group.OverwriteAnnotation is not null;
            SourceSpan[] additional = overwrite ? new[] { group.OverwriteAnnotation!.Span } : new SourceSpan[0];
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
                context.Report(Rule, new SourceSpan(from.Start, to.End, from.StartLine, from.StartColumn, to.EndLine, to.EndColumn), additional, null, message);
                return;
            }

            if (container.Program is not { } program)
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

                bool raised = program.Commands.Any(c => c.Sequence < start.Sequence && !c.Is(CommandPlacement.Function)
                                                        && (RayCommands.RaisesOpenFiles(c) || RayCommands.IsSource(c))
                                                        && ShellScope.Encloses(c.Scope, start.Scope));
                if (!raised)
                {
                    context.Report(Rule, span, additional, null, message);
                }
            }
        }
    }
}
