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
    /// RAY0022: in suppressed or overwrite mode the user's own <c>ray start</c> has no <c>--block</c> and nothing
    /// after it keeps the container alive: <c>ray start</c> returns, the main process exits, the pod restarts
    /// forever. Only commands known to return count as "nothing" (anything RayGen cannot classify might block).
    /// Resolved ConfigMap scripts are read in place: a start inside one counts (reported at the script's path, with
    /// the start as an additional location), and so do the commands after it; a script RayGen cannot read might
    /// block or start Ray itself, so a start in it is not looked at (RAY0074).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RayStartWithoutBlockAnalyzer : ScriptRuleAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = Descriptors.Create(
            RuleIds.RayStartWithoutBlock,
            "User-supplied 'ray start' without '--block'",
            "{0}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        private const string Why =
            "'ray start' without --block returns after launching the Ray daemons, and nothing after it keeps the container's main process alive, so the container exits and the pod restarts forever. Add --block.";

        internal override ImmutableArray<DiagnosticDescriptor> Rules => ImmutableArray.Create(Rule);

        internal override void Analyze(ScriptRuleContext context)
        {
            GroupArgs group = context.Group;
            if (group.IsGenerated)
            {
                return;
            }

            ContainerProgram container = ContainerProgram.For(group);
            if (container.IsTemplated)
            {
                return;
            }

            if (container.IsExecRayStart && container.HasCommand)
            {
                IReadOnlyList<ArgElement> argv = container.Argv;
                if (!argv.Any(a => a.Value == "--block"))
                {
                    (ArgElement ray, ArgElement startWord) = container.ExecRayStartWords;
                    SourceSpan from = ray.Node.Span, to = startWord.Node.Span;
                    context.Report(Rule, context.Scripts.Ref(new SourceSpan(from.Start, to.End, from.StartLine, from.StartColumn, to.EndLine, to.EndColumn)), null, null,
                        Why + " " + group.FinalArgsExcerpt);
                }

                return;
            }

            if (context.Scripts.Program is not { } program)
            {
                return;
            }

            foreach (ProgramCommand command in program.Commands)
            {
                if (RayCommands.RayStartIndex(command) is not { } startWord || RayCommands.MayBlock(command) || command.Is(CommandPlacement.Function)
                    || KeptAlive(program, command))
                {
                    continue;
                }

                (SourceRef primary, SourceRef? inner, ScriptVia? via) = context.Scripts.Place(command.Text, command.Locate(command.Words[0].Start, command.Words[startWord].End));
                string where = inner is { } at ? "The 'ray start'" + ScriptMessages.Where(via, at) + " has no --block. " : string.Empty;
                context.Report(Rule, primary, null, inner is { } related ? new[] { related } : null, where + Why + " " + group.FinalArgsExcerpt);
                return;
            }
        }

        /// <summary>True when a later command might block (anything not known to return) or a later loop might run forever.</summary>
        private static bool KeptAlive(ShellProgram program, ProgramCommand start)
        {
            foreach (ProgramCommand later in program.Commands)
            {
                if (later.Sequence <= start.Sequence || later.Is(CommandPlacement.Background) || later.Is(CommandPlacement.Function))
                {
                    continue;
                }

                if (later.BaseName == "wait")
                {
                    // 'wait' alone returns at once: the daemons of 'ray start' are not children of the shell.
                    if (program.Commands.Any(c => c.Sequence < later.Sequence && c.Is(CommandPlacement.Background) && !RayCommands.ReturnsQuickly(c)))
                    {
                        return true;
                    }

                    continue;
                }

                if (!RayCommands.ReturnsQuickly(later))
                {
                    return true;
                }
            }

            return program.Loops.Any(l => l.Sequence > start.Sequence && !l.Is(CommandPlacement.Background) && !l.Is(CommandPlacement.Function) && !IsReadinessLoop(l));
        }

        /// <summary>A readiness loop (rules.md §0.7, the one definition in <see cref="LoopAnalysis"/>) ends once Ray answers.</summary>
        private static bool IsReadinessLoop(ProgramLoop loop) => LoopAnalysis.For(loop.Text.Parse).IsReadinessLoop(loop.Node);
    }
}
