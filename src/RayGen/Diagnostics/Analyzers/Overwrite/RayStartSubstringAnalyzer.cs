using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.Overwrite
{
    /// <summary>
    /// RAY0020: without the overwrite annotation, the plain substring "ray start" anywhere in the joined
    /// command/args turns off KubeRay's generated command (no ulimit, no generated params, no bash -c).
    /// Error when command[0] (or, as a warning, args[0] without command) is shell text that Kubernetes runs
    /// as one file name; warning when the substring is not a real invocation; info for a real one.
    /// One report per group, at the first relevant occurrence.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RayStartSubstringAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.RayStartSubstring,
            "The text \"ray start\" turns off KubeRay's generated command",
            "{0}",
            DiagnosticSeverity.Error);

        private const string Substring = "ray start";

        private const string Consequence =
            "KubeRay adds no /bin/bash -c, no ulimit and none of its generated params (--block, ports, --num-cpus/--memory from limits, worker --address)";

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.OverwriteAnnotation is not null || group.IsGenerated)
            {
                return;
            }

            var occurrences = new List<int>();
            for (int at = group.Joined.IndexOf(Substring, StringComparison.Ordinal); at >= 0; at = group.Joined.IndexOf(Substring, at + 1, StringComparison.Ordinal))
            {
                occurrences.Add(at);
            }

            if (occurrences.Count == 0)
            {
                return;
            }

            bool hasCommand = group.Elements.Any(e => e.IsCommand);
            ArgElement first = group.Elements[0];
            if (IsShellTextAsFileName(first.Value))
            {
                int at = occurrences.Where(o => group.ElementAt(o) == first).DefaultIfEmpty(occurrences[0]).First();
                string message = first.IsCommand
                    ? $"command[0] is shell text, but because it contains \"ray start\" KubeRay keeps the exec form: Kubernetes runs the whole string as one file name and the container cannot start (\"executable file not found\"). {Consequence}. Use command: [\"/bin/bash\", \"-c\", \"--\"] and put the text in args, or leave command out and use rayStartParams."
                    : $"args[0] is shell text and there is no command: because it contains \"ray start\" KubeRay keeps it as written, so it is passed as one argument to the image ENTRYPOINT instead of being run by bash. {Consequence}.";
                Report(context, at, first.IsCommand ? ProblemSeverity.Error : ProblemSeverity.Warning, message);
                return;
            }

            ContainerProgram program = ContainerProgram.For(group);
            foreach (int at in occurrences)
            {
                if (IsRealInvocation(group, program, at))
                {
                    Report(context, at, ProblemSeverity.Info,
                        $"This 'ray start' turns off KubeRay's generated command (a plain substring test): {Consequence}. Your own start must raise the open-files limit and pass --block (RAY0022, RAY0025).");
                    return;
                }
            }

            Report(context, occurrences[0], ProblemSeverity.Warning,
                $"The text \"ray start\" here is not a real 'ray start' invocation (it is inside a quoted string, an echo/printf argument, a comment or a longer word), but KubeRay's plain substring test still sees it and turns off its generated command: {Consequence}, so Ray may never start. Rephrase the text (e.g. 'starting Ray').");
        }

        private static void Report(GroupRuleContext context, int at, ProblemSeverity severity, string message) =>
            context.Report(Rule, context.Group.Locate(at, at + Substring.Length), severity, message + " " + context.Group.FinalArgsExcerpt);

        /// <summary>A first element that is not a known shell and holds blanks or shell syntax: exec form makes it a file name.</summary>
        internal static bool IsShellTextAsFileName(string value)
        {
            string trimmed = value.Trim();
            return KnownShell.Find(new[] { value }) is null
                && trimmed.IndexOfAny(new[] { ' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')', '$', '`', '\'', '"', '\\' }) >= 0;
        }

        /// <summary>
        /// True when the occurrence at <paramref name="at"/> in <c>joined</c> is the words <c>ray start</c> of a real command,
        /// also inside a nested <c>bash -c</c> string: both must map to the same YAML text. (In a block scalar every
        /// finding maps to the whole scalar, so any real start in it counts.)
        /// </summary>
        private static bool IsRealInvocation(GroupArgs group, ContainerProgram program, int at)
        {
            if (program.Program is not { } shell || program.ScriptElement is not { } element
                || at < element.JoinedStart || at + Substring.Length > element.JoinedEnd)
            {
                return false;
            }

            SourceSpan occurrence = group.Locate(at, at + Substring.Length);
            foreach (ProgramCommand command in shell.Commands)
            {
                if (RayCommands.RayStartIndex(command) != 1 || !command.Words[1].IsUnquotedLiteral
                    || command.Name is not { } name || !name.EndsWith("ray", StringComparison.Ordinal))
                {
                    continue;
                }

                SourceSpan words = command.Locate(command.Words[0].End - 3, command.Words[1].End);
                if (words.Start == occurrence.Start && words.End == occurrence.End)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
