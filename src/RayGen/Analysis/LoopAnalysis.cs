using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RayGen.Shell;

namespace RayGen.Analysis
{
    /// <summary>
    /// Decides on the parse tree whether a shell loop is a readiness loop, and whether it is bounded
    /// (rules.md §0.7). A check is a readiness check (<c>ray health-check</c>, <c>ray status</c>, an HTTP probe of
    /// a Ray health endpoint, <c>nc -z</c>, <c>/dev/tcp/…</c>) or a Ray-dependent command that the loop retries
    /// until it works; it may sit inside a known shell's <c>-c</c> script or Python <c>-c</c> code.
    /// </summary>
    internal sealed class LoopAnalysis
    {
        private const int MaxNesting = 4;

        private static readonly Regex NumericTest = new(@"(^|\s)-(lt|le|gt|ge|eq|ne)(\s|$)", RegexOptions.CultureInvariant);
        private static readonly Regex ArithmeticCompare = new(@"(<|>|<=|>=|==|!=)", RegexOptions.CultureInvariant);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ShellParseResult, LoopAnalysis> ByParse = new();

        private readonly string _text;
        private readonly ShellDialect _dialect;
        private readonly IReadOnlyDictionary<string, ShellCommand> _functions;
        private readonly int _nesting;

        public LoopAnalysis(string text, ShellDialect dialect, IReadOnlyDictionary<string, ShellCommand> functions, int nesting = 0)
        {
            _text = text;
            _dialect = dialect;
            _functions = functions;
            _nesting = nesting;
        }

        /// <summary>The analysis of loops in a parsed text, with the text's own shell functions (a check may sit in a function the loop calls).</summary>
        /// <remarks>One per parse (rules ask for every loop of a text; the function table walks the whole script).</remarks>
        public static LoopAnalysis For(ShellParseResult parse) =>
            ByParse.GetValue(parse, static p => new LoopAnalysis(p.Text, p.Dialect, Functions(p.Script)));

        /// <summary>The functions <paramref name="script"/> defines (a later definition wins), on top of <paramref name="outer"/>.</summary>
        public static Dictionary<string, ShellCommand> Functions(ShellScript script, IReadOnlyDictionary<string, ShellCommand>? outer = null)
        {
            var functions = outer is null
                ? new Dictionary<string, ShellCommand>(StringComparer.Ordinal)
                : outer.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            foreach (ShellFunctionDefinition function in script.DescendantsAndSelf().OfType<ShellFunctionDefinition>())
            {
                functions[function.Name] = function.Body;
            }

            return functions;
        }

        /// <summary>
        /// Whether checks with <paramref name="targets"/> wait for the very node they run on (rules.md RAY0007): on the
        /// head any check does, on a worker only a check of <c>localhost</c>/<c>127.0.0.1</c> (its <c>RAY_ADDRESS</c> and
        /// any other address lead to the head).
        /// </summary>
        public static bool ChecksThisNode(CheckTarget targets, bool head) =>
            head ? targets != CheckTarget.None : (targets & CheckTarget.Local) != 0;

        /// <summary>A loop that runs a check in its condition, or in its body with a break/exit 0/return that depends on the check's status.</summary>
        public bool IsReadinessLoop(ShellCommand loop) => loop switch
        {
            ShellLoopCommand l => ContainsCheck(l.Condition) || (ContainsCheck(l.Body) && LeavesOnStatus(l.Body)),
            ShellForCommand f => ContainsCheck(f.Body) && LeavesOnStatus(f.Body),
            ShellArithmeticForCommand a => ContainsCheck(a.Body) && LeavesOnStatus(a.Body),
            _ => false,
        };

        /// <summary>A <c>for</c> loop over a list or with a test, or a loop that compares a counter or <c>$SECONDS</c> and leaves.</summary>
        public bool IsBounded(ShellCommand loop) => loop switch
        {
            ShellForCommand f => !f.IsSelect,
            ShellArithmeticForCommand a => a.Expressions.Split(';') is { Length: >= 2 } parts && parts[1].Trim().Length > 0,
            ShellLoopCommand l => HasCounterTest(l.Condition) || LeavesOnCounter(l.Body),
            _ => false,
        };

        /// <summary>Whether any command in <paramref name="node"/> is a check.</summary>
        public bool ContainsCheck(ShellNode node) =>
            node.DescendantsAndSelf().OfType<ShellSimpleCommand>().Any(IsCheck);

        public bool IsCheck(ShellSimpleCommand command) => CheckTargets(command) is { } _;

        /// <summary>
        /// Where the checks of a readiness loop send their requests (RAY0064), all of them together: a local address,
        /// an explicit remote one, <c>RAY_ADDRESS</c>, or <see cref="CheckTarget.Unknown"/> (an address Python code builds at run time).
        /// </summary>
        public CheckTarget Targets(ShellCommand loop)
        {
            var targets = CheckTarget.None;
            foreach (ShellSimpleCommand command in loop.DescendantsAndSelf().OfType<ShellSimpleCommand>())
            {
                targets |= CheckTargets(command) ?? CheckTarget.None;
            }

            return targets;
        }

        /// <summary>The targets of <paramref name="command"/> when it is a check; <c>null</c> when it is not.</summary>
        private CheckTarget? CheckTargets(ShellSimpleCommand command)
        {
            foreach (ShellRedirection redirection in command.Redirections)
            {
                string target = ShellWordText.Shape(redirection.Target, _text);
                if (target.StartsWith("/dev/tcp/", StringComparison.Ordinal))
                {
                    return RayCommands.IsLocalAddress(target.Substring("/dev/tcp/".Length).Split('/')[0]) ? CheckTarget.Local : CheckTarget.Remote;
                }
            }

            if (command.Words.Count == 0)
            {
                return null;
            }

            var argv = new List<string?>();
            var shapes = new List<string?>();
            foreach (ShellWord word in command.Words)
            {
                argv.Add(word.TryGetLiteralValue(out string value) ? value : null);
                shapes.Add(ShellWordText.Shape(word, _text));
            }

            if (argv[0] is { } fn && _functions.TryGetValue(fn, out ShellCommand? body) && _nesting < MaxNesting)
            {
                return Nested(new LoopAnalysis(_text, _dialect, EmptyFunctions, _nesting + 1), body);
            }

            int i = RayCommands.SkipWrappers(argv, 0, out _, out _);
            if (i < 0 || argv[i] is not { } name)
            {
                return null;
            }

            List<string?> assignments = command.Assignments.Select(a => (string?)ShellWordText.Shape(a.Word, _text)).ToList();
            RayCommandInfo info = RayCommands.Classify(argv, i, assignments, shapes);
            if (info.IsReadinessCheck || info.Dependence != RayDependence.None)
            {
                return RayCommands.TargetOf(shapes, i, assignments);
            }

            if (_nesting < MaxNesting && KnownShell.IsShellName(name) && KnownShell.Find(argv, i) is { ScriptIndex: { } script } shell && argv[script] is { } text)
            {
                ShellParseResult inner = ShellParser.Parse(text, shell.Dialect, maxDepth: 100);
                return Nested(new LoopAnalysis(text, shell.Dialect, EmptyFunctions, _nesting + 1), inner.Script);
            }

            if (RayCommands.IsPython(name) && RayCommands.TryGetPythonOperand(argv, i, out int code, out bool isCode) && isCode && argv[code] is { } python)
            {
                PythonScan scan = PythonScanner.Scan(python);
                return scan.HasHealthProbe || scan.Calls.Count > 0 ? scan.Targets : null;
            }

            return null;
        }

        /// <summary>The targets of the checks inside a function body or a nested shell's script; <c>null</c> when it has none.</summary>
        private static CheckTarget? Nested(LoopAnalysis analysis, ShellNode node)
        {
            CheckTarget? targets = null;
            foreach (ShellSimpleCommand command in node.DescendantsAndSelf().OfType<ShellSimpleCommand>())
            {
                if (analysis.CheckTargets(command) is { } found)
                {
                    targets = (targets ?? CheckTarget.None) | found;
                }
            }

            return targets;
        }

        /// <summary>The body leaves the loop (break, exit 0, return) in a way that depends on a check's exit status.</summary>
        private bool LeavesOnStatus(ShellCommandList body)
        {
            foreach (ShellNode node in body.DescendantsAndSelf())
            {
                switch (node)
                {
                    // check && break
                    case ShellAndOrList list:
                        bool checkedBefore = false;
                        foreach (ShellPipeline pipeline in list.Pipelines)
                        {
                            if (checkedBefore && ContainsLeave(pipeline, successOnly: true))
                            {
                                return true;
                            }

                            checkedBefore |= ContainsCheck(pipeline);
                        }

                        break;

                    // if check; then break; fi
                    case ShellIfCommand ifCommand when ifCommand.Branches.Any(b => ContainsCheck(b.Condition)) && ContainsLeave(ifCommand, successOnly: true):
                        return true;

                    // check; if [ "$?" = 0 ]; then break; fi  (a later item tests a parameter and leaves)
                    case ShellCommandList sequence:
                        bool checkBefore = false;
                        foreach (ShellListItem item in sequence.Items)
                        {
                            if (checkBefore
                                && ContainsLeave(item, successOnly: true)
                                && item.DescendantsAndSelf().OfType<ShellWord>().Any(w => w.GetParameterExpansions().Count > 0))
                            {
                                return true;
                            }

                            checkBefore |= ContainsCheck(item);
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>The body leaves the loop when a counter or clock test holds.</summary>
        private bool LeavesOnCounter(ShellCommandList body)
        {
            foreach (ShellNode node in body.DescendantsAndSelf())
            {
                switch (node)
                {
                    case ShellAndOrList list:
                        bool tested = false;
                        foreach (ShellPipeline pipeline in list.Pipelines)
                        {
                            if (tested && ContainsLeave(pipeline, successOnly: false))
                            {
                                return true;
                            }

                            tested |= HasCounterTest(pipeline);
                        }

                        break;
                    case ShellIfCommand ifCommand when ifCommand.Branches.Any(b => HasCounterTest(b.Condition)) && ContainsLeave(ifCommand, successOnly: false):
                        return true;
                }
            }

            return false;
        }

        /// <summary>A numeric comparison: <c>[ $n -ge 30 ]</c>, <c>test …</c>, <c>[[ $SECONDS -gt 600 ]]</c>, <c>(( n &gt; 30 ))</c>.</summary>
        private bool HasCounterTest(ShellNode node)
        {
            foreach (ShellNode n in node.DescendantsAndSelf())
            {
                switch (n)
                {
                    case ShellSimpleCommand simple when simple.Words.Count > 0 && (simple.Words[0].IsLiteral("[") || simple.Words[0].IsLiteral("test")):
                        if (simple.Words.Skip(1).Any(w => w.TryGetLiteralValue(out string op) && NumericTest.IsMatch(op))
                            && simple.Words.Any(w => w.GetParameterExpansions().Count > 0 || w.HasUnquotedExpansion))
                        {
                            return true;
                        }

                        break;
                    case ShellConditionalCommand conditional when NumericTest.IsMatch(conditional.GetText(_text)):
                        return true;
                    case ShellArithmeticCommand arithmetic when ArithmeticCompare.IsMatch(arithmetic.Expression):
                        return true;
                }
            }

            return false;
        }

        /// <summary><c>break</c>, <c>return</c>, or <c>exit</c> (with no status or 0 when <paramref name="successOnly"/>).</summary>
        private static bool ContainsLeave(ShellNode node, bool successOnly) =>
            node.DescendantsAndSelf().OfType<ShellSimpleCommand>().Any(c =>
                c.Words.Count > 0
                && (c.Words[0].IsLiteral("break")
                    || c.Words[0].IsLiteral("return")
                    || (c.Words[0].IsLiteral("exit") && (!successOnly || c.Words.Count == 1 || c.Words[1].IsLiteral("0")))));

        private static readonly IReadOnlyDictionary<string, ShellCommand> EmptyFunctions = new Dictionary<string, ShellCommand>();
    }
}
