using System;
using System.Collections.Generic;
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
    /// so KubeRay's appended <c>ray start</c> never runs. Readiness loops are the ones of rules.md §0.7 as
    /// <see cref="LoopAnalysis"/> (shell) and <see cref="PythonScanner"/> (Python) define them for every rule; they count
    /// inline, in a function that a foreground command calls, and in a resolved ConfigMap script run (or sourced) in
    /// the foreground; such a finding points at the script's path in the manifest, with the loop as an additional location.
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

        private const string LoopWaits = "this loop waits for Ray on this node, which only starts after the loop ends";

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
            var readiness = new ReadinessLoops(context.Scripts, program, group.IsHead);
            Finding? first = program.Commands
                .Where(c => (c.Placement & NotRunInline) == 0 && !c.Is(CommandPlacement.InScript))
                .Select(c => (Command: c, Why: Why(c)))
                .Where(c => c.Why is not null)
                .Select(c => Finding.At(context.Scripts, c.Command.Sequence, c.Why!, c.Command.Text, c.Command.Locate(c.Command.Node.Words.Count > 0 ? c.Command.Node.Words[0] : c.Command.Node)))
                .Concat(readiness.Find())
                .OrderBy(f => f.Sequence)
                .FirstOrDefault();
            if (first is null)
            {
                return;
            }

            string where = first.Inner is { } at ? ScriptMessages.Where(first.Via, at) : string.Empty;
            context.Report(Rule, first.Primary, null, first.Inner is { } related ? new[] { related } : null,
                $"KubeRay appends '&& ulimit …; ray start …' after your command, so Ray starts only when it returns, but {first.Why}{where}: Ray never starts on this node. Run it in the background ('(command &)') or drop it. {group.FinalArgsExcerpt}");
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

        /// <summary>What the rule reports: the first finding in execution order.</summary>
        private sealed class Finding
        {
            private Finding(int sequence, string why, SourceRef primary, SourceRef? inner, ScriptVia? via)
            {
                Sequence = sequence;
                Why = why;
                Primary = primary;
                Inner = inner;
                Via = via;
            }

            public int Sequence { get; }

            public string Why { get; }

            /// <summary>In the manifest: the finding itself, or the path of the script it is in.</summary>
            public SourceRef Primary { get; }

            /// <summary>The finding inside a resolved script (an additional location).</summary>
            public SourceRef? Inner { get; }

            public ScriptVia? Via { get; }

            /// <summary>A finding at <paramref name="span"/> of <paramref name="text"/> (placed as group A/B rules place findings in scripts).</summary>
            public static Finding At(GroupScripts scripts, int sequence, string why, ShellText text, SourceSpan span)
            {
                (SourceRef primary, SourceRef? inner, ScriptVia? via) = scripts.Place(text, span);
                return new Finding(sequence, why, primary, inner, via);
            }

            /// <summary>A finding inside a resolved script that is not shell text (Python), reached through <paramref name="via"/>.</summary>
            public static Finding InScript(int sequence, string why, ScriptVia via, SourceRef inner) => new(sequence, why, via.Reference, inner, via);
        }

        /// <summary>
        /// The foreground readiness loops (rules.md §0.7) of the program that check this node
        /// (<see cref="LoopAnalysis.ChecksThisNode"/>): shell loops, and the Python loops of code run inline
        /// (<c>python -c</c>, a here-document) or of a resolved <c>.py</c> script.
        /// </summary>
        private sealed class ReadinessLoops
        {
            private readonly GroupScripts _scripts;
            private readonly ShellProgram _program;
            private readonly bool _head;
            private readonly Dictionary<ShellText, LoopAnalysis> _analyses = new();

            public ReadinessLoops(GroupScripts scripts, ShellProgram program, bool head)
            {
                _scripts = scripts;
                _program = program;
                _head = head;
            }

            public IEnumerable<Finding> Find()
            {
                foreach (ProgramLoop loop in _program.Loops)
                {
                    if (RunsAt(loop.Text, loop.Node, loop.Placement, loop.Sequence) is { } sequence
                        && Analysis(loop.Text) is var analysis
                        && analysis.IsReadinessLoop(loop.Node)
                        && LoopAnalysis.ChecksThisNode(analysis.Targets(loop.Node), _head))
                    {
                        yield return Finding.At(_scripts, sequence, LoopWaits, loop.Text, loop.KeywordSpan);
                    }
                }

                foreach (ProgramCommand command in _program.Commands)
                {
                    if (RunsAt(command.Text, command.Node, command.Placement, command.Sequence) is { } sequence
                        && PythonLoop(command, sequence) is { } finding)
                    {
                        yield return finding;
                    }
                }
            }

            /// <summary>The first Python readiness loop that <paramref name="command"/> runs, inline or in a resolved script.</summary>
            private Finding? PythonLoop(ProgramCommand command, int sequence)
            {
                if (command.TryGetInlinePython(out string code, out int[] offsets))
                {
                    if (FirstLoop(code) is not { } loop)
                    {
                        return null;
                    }

                    int from = offsets[loop.KeywordOffset];
                    int to = offsets[loop.KeywordOffset + loop.Keyword.Length - 1] + 1;
                    return Finding.At(_scripts, sequence, LoopWaits, command.Text, command.Locate(from, Math.Max(to, from + 1)));
                }

                // A .py script from a ConfigMap (group F resolution): ShellProgram resolves it but walks only shell scripts.
                if (command.Script is { Kind: ScriptResolutionKind.Resolved, Value: { } value, ConfigMap: { } configMap } resolution
                    && RayCommands.TryGetScriptOperand(command.Literals(), 0, out int operand, out string? interpreter)
                    && command.Literal(operand) is { } path
                    && ScriptLanguage.IsPython(value.Value, interpreter)
                    && FirstLoop(value.Value) is { } scriptLoop)
                {
                    SourceRef reference = _scripts.Ref(command.Text, command.Locate(command.Words[operand]));
                    ScriptVia via = command.Text.Via?.Into(resolution) ?? new ScriptVia(reference, path, resolution);
                    SourceRef inner = new ScalarTextMap(configMap.File, value).Locate(scriptLoop.KeywordOffset, scriptLoop.KeywordOffset + scriptLoop.Keyword.Length);
                    return Finding.InScript(sequence, LoopWaits, via, inner);
                }

                return null;
            }

            /// <summary>The first readiness loop of Python <paramref name="code"/> that runs and checks this node.</summary>
            private PythonReadinessLoop? FirstLoop(string code)
            {
                if (code.IndexOf("{{", StringComparison.Ordinal) >= 0)
                {
                    return null; // templated: what runs is only known after rendering
                }

                foreach (PythonReadinessLoop loop in PythonScanner.Scan(code).Loops)
                {
                    if (!loop.InUncalledFunction && LoopAnalysis.ChecksThisNode(loop.Targets, _head))
                    {
                        return loop;
                    }
                }

                return null;
            }

            /// <summary>
            /// When a loop or command at <paramref name="node"/> runs in the foreground of the program: at once (its own
            /// sequence), or, directly in a function body, when a foreground command of the same text calls the function
            /// (the call's sequence). Null when it runs in a background job, conditionally, in a substitution, or never.
            /// </summary>
            private int? RunsAt(ShellText text, ShellNode node, CommandPlacement placement, int sequence)
            {
                CommandPlacement blocking = placement & NotRunInline;
                if (blocking == CommandPlacement.None)
                {
                    return sequence;
                }

                if (blocking != CommandPlacement.Function)
                {
                    return null;
                }

                string? name = text.Parse.Script.DescendantsAndSelf().OfType<ShellFunctionDefinition>()
                    .Where(f => f.Start <= node.Start && node.End <= f.End)
                    .OrderBy(f => f.End - f.Start)
                    .FirstOrDefault()?.Name;
                return _program.Commands
                    .Where(c => ReferenceEquals(c.Text, text) && (c.Placement & NotRunInline) == 0
                        && c.Node.Words.Count > 0 && c.Node.Words[0].UnquotedLiteralValue is { } called && called == name)
                    .Select(c => (int?)c.Sequence)
                    .FirstOrDefault();
            }

            private LoopAnalysis Analysis(ShellText text)
            {
                if (!_analyses.TryGetValue(text, out LoopAnalysis? analysis))
                {
                    analysis = LoopAnalysis.For(text.Parse);
                    _analyses[text] = analysis;
                }

                return analysis;
            }
        }
    }
}
