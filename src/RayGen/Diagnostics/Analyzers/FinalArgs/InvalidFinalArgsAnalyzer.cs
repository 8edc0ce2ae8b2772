using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0002: the final args string is not valid bash and no more specific rule (RAY0001, RAY0003)
    /// explains why. In suppressed/overwrite mode, a known shell's <c>-c</c> script is checked alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InvalidFinalArgsAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.InvalidFinalArgs,
            "Final container args are not valid bash",
            "{0}",
            DiagnosticSeverity.Error);

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated)
            {
                CheckShellScript(context);
                return;
            }

            if (group.FinalParse.FirstError is not { } error
                || TrailingBackgroundAnalyzer.FindTrailingAmpersand(group) is not null
                || TrailingNewlineAnalyzer.FindBlockScalar(group) is not null
                || (ExecFormResplitAnalyzer.Find(group) is { } resplit && error.Offset >= resplit.Element.JoinedStart))
            {
                return;
            }

            // Errors inside the flags KubeRay renders come from rayStartParams values: RAY0033's job.
            int junctionEnd = group.TailStart + " && ".Length + 1;
            if (error.Offset >= junctionEnd)
            {
                return;
            }

            SourceSpan span = error.Offset < group.TailStart ? group.Locate(error.Offset, error.Offset + Math.Max(error.Length, 1)) : group.Fallback();
            context.Report(Rule, span, null, Message(error, group.Elements.All(e => e.IsBlank) ? " The user text is empty or blank, so the final string starts with '&&'." : string.Empty) + " " + group.FinalArgsExcerpt);
        }

        private static string Message(ShellDiagnostic error, string extra) =>
            $"bash rejects the final args: {error.Message}{(error.ShellCheckCode is null ? string.Empty : " (" + error.ShellCheckCode + ")")}.{extra}";

        /// <summary>Suppressed mode: KubeRay keeps the exec form; a known shell's script argument is still bash text.</summary>
        private static void CheckShellScript(GroupRuleContext context)
        {
            var elements = context.Group.Elements;
            if (elements.Count < 2 || !elements[0].IsCommand
                || KnownShell.Find(elements.Select(e => (string?)e.Value).ToArray()) is not { ScriptIndex: { } script } shell)
            {
                return;
            }

            ArgElement element = elements[script];
            if (ShellParser.Parse(element.Value, shell.Dialect).FirstError is { } error)
            {
                // An error at the end of the text (a dangling operator) points at its last character.
                int last = Math.Max(element.Value.TrimEnd().Length - 1, 0);
                int start = Math.Min(error.Offset, last);
                context.Report(Rule, element.Map.Locate(start, Math.Max(start + 1, Math.Min(error.Offset + error.Length, last + 1))), null,
                    $"The {shell.Name} -c script is not valid: {error.Message}{(error.ShellCheckCode is null ? string.Empty : " (" + error.ShellCheckCode + ")")}. {context.Group.FinalArgsExcerpt}");
            }
        }
    }
}
