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
    /// RAY0007: in generated mode a foreground user command never returns (<c>exit</c>, <c>exec cmd</c>,
    /// <c>sleep infinity</c>, <c>tail -f</c>, a known server, or a readiness loop that waits for this very node),
    /// so KubeRay's appended <c>ray start</c> never runs. Readiness loops inside scripts run from <c>command</c>
    /// need group F's script resolution and are not looked at yet.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CommandNeverReturnsAnalyzer : GroupArgsAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.CommandNeverReturns,
            "User command never returns, so 'ray start' never runs",
            "{0}",
            DiagnosticSeverity.Warning);

        private const CommandPlacement NotRunInline =
            CommandPlacement.Background | CommandPlacement.Function | CommandPlacement.Compound | CommandPlacement.Substitution;

        private const CommandPlacement NotThisShell =
            CommandPlacement.AndOrRight | CommandPlacement.Subshell | CommandPlacement.Pipeline | CommandPlacement.InnerShell;

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(GroupRuleContext context)
        {
            GroupArgs group = context.Group;
            if (!group.IsGenerated)
            {
                return;
            }

            ShellProgram program = ShellProgram.Walk(new ShellText(group.JoinedParse, group.Locate, 0));
            var findings = program.Commands
                .Where(c => (c.Placement & NotRunInline) == 0)
                .Select(c => (c.Sequence, Span: (SourceSpan?)c.Locate(c.Node.Words.Count > 0 ? c.Node.Words[0] : c.Node), Why: Why(c)))
                .Concat(program.Loops
                    .Where(l => (l.Placement & NotRunInline) == 0 && ChecksThisNode(l, group.IsHead))
                    .Select(l => (l.Sequence, Span: (SourceSpan?)l.KeywordSpan, Why: (string?)"this loop waits for Ray on this node, which only starts after the loop ends")))
                .Where(f => f.Why is not null)
                .OrderBy(f => f.Sequence)
                .FirstOrDefault();
            if (findings.Why is { } why)
            {
                context.Report(Rule, findings.Span!.Value, null,
                    $"KubeRay appends '&& ulimit …; ray start …' after your command, so Ray starts only when it returns, but {why}: Ray never starts on this node. Run it in the background ('(command &)') or drop it. {group.FinalArgsExcerpt}");
            }
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
