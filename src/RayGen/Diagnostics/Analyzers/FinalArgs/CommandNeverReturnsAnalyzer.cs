using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.Diagnostics.Analyzers.Hooks;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Diagnostics.Analyzers.FinalArgs
{
    /// <summary>
    /// RAY0007: in generated mode a foreground user command never returns (<c>exit</c>, <c>exec cmd</c>,
    /// <c>sleep infinity</c>, <c>tail -f</c>, a known server, or a readiness loop that waits for this very node),
    /// so KubeRay's appended <c>ray start</c> never runs. Readiness loops count inline and in a resolved ConfigMap
    /// script run (or sourced) in the foreground; such a finding points at the script's path in the manifest, with
    /// the loop as an additional location.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CommandNeverReturnsAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.CommandNeverReturns,
            "User command never returns, so 'ray start' never runs",
            "{0}",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        private const CommandPlacement NotRunInline =
            CommandPlacement.Background | CommandPlacement.Function | CommandPlacement.Compound | CommandPlacement.Substitution;

        private const CommandPlacement NotThisShell =
            CommandPlacement.AndOrRight | CommandPlacement.Subshell | CommandPlacement.Pipeline | CommandPlacement.InnerShell;

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated || context.Scripts.Program is not { } program)
            {
                return;
            }

            // Commands count in the manifest's own text; readiness loops also in the scripts it runs in the foreground.
            var finding = program.Commands
                .Where(c => (c.Placement & NotRunInline) == 0 && !c.Is(CommandPlacement.InScript))
                .Select(c => (c.Sequence, Text: c.Text, Span: c.Locate(c.Node.Words.Count > 0 ? c.Node.Words[0] : c.Node), Why: Why(c)))
                .Concat(program.Loops
                    .Where(l => (l.Placement & NotRunInline) == 0 && ChecksThisNode(l, group.IsHead))
                    .Select(l => (l.Sequence, Text: l.Text, Span: l.KeywordSpan, Why: (string?)"this loop waits for Ray on this node, which only starts after the loop ends")))
                .Where(f => f.Why is not null)
                .OrderBy(f => f.Sequence)
                .FirstOrDefault();
            if (finding.Why is not { } why)
            {
                return;
            }

            (SourceRef primary, SourceRef? inner, ScriptVia? via) = context.Scripts.Place(finding.Text, finding.Span);
            string where = inner is { } at ? ScriptMessages.Where(via, at) : string.Empty;
            context.Report(Rule, primary, null, inner is { } related ? new[] { related } : null,
                $"KubeRay appends '&& ulimit …; ray start …' after your command, so Ray starts only when it returns, but {why}{where}: Ray never starts on this node. Run it in the background ('(command &)') or drop it. {group.FinalArgsExcerpt}");
        }

        private static string? Why(ProgramCommand command)
        {
            if ((command.Placement & NotThisShell) == 0)
            {
                if (command.Node.Words.Count > 0 && command.Node.Words[0].IsLiteral("exit"))
                {
                    return "'exit' ends the shell first";
                }

                if (command.IsExec && command.Words.Count > 0)
                {
                    return "'exec' replaces the shell with the command";
                }
            }

            return RayCommands.NeverReturns(command);
        }

        /// <summary>A readiness loop (rules.md §0.7) that checks this node: on the head any check, on a worker one of localhost/127.0.0.1.</summary>
        internal static bool ChecksThisNode(ProgramLoop loop, bool head)
        {
            string text = loop.Text.Parse.Text;
            bool Check(ShellNode node) => node.DescendantsAndSelf().OfType<ShellSimpleCommand>()
                .Any(c => RayCommands.IsReadinessCheck(c, text, out bool local) && (head || local));

            ShellCommandList body;
            switch (loop.Node)
            {
                case ShellLoopCommand l when Check(l.Condition):
                    return true;
                case ShellLoopCommand l:
                    body = l.Body;
                    break;
                case ShellForCommand f:
                    body = f.Body;
                    break;
                case ShellArithmeticForCommand a:
                    body = a.Body;
                    break;
                default:
                    return false;
            }

            return Check(body) && body.DescendantsAndSelf().OfType<ShellSimpleCommand>()
                .Any(c => c.Words.Count > 0 && c.Words[0].TryGetLiteralValue(out string w) && w is "break" or "exit" or "return");
        }
    }
}
