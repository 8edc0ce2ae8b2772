using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Shell;

namespace RayGen.Analysis
{
    /// <summary>Whether Ray is known to be up at a point of a command sequence.</summary>
    internal enum Readiness
    {
        /// <summary>Nothing has waited for Ray yet.</summary>
        No,

        /// <summary>A readiness loop (or a non-blocking <c>ray start</c>) ran before.</summary>
        Yes,

        /// <summary>A script RayGen cannot read ran before; it may have waited.</summary>
        Unknown,
    }

    /// <summary>Where a command sequence runs; decides which rules look at it and how severe a failure is.</summary>
    internal enum ExecPlace
    {
        /// <summary><c>lifecycle.postStart.exec.command</c> of the Ray container.</summary>
        PostStart,

        /// <summary><c>lifecycle.preStop.exec.command</c> of the Ray container.</summary>
        PreStop,

        /// <summary>The Ray container's <c>joined</c> text in generated-command mode (runs before KubeRay's <c>ray start</c>).</summary>
        Joined,

        /// <summary>The Ray container's own exec-form command in suppressed or overwrite mode.</summary>
        Command,

        /// <summary>An init container's command.</summary>
        InitContainer,
    }

    /// <summary>The outermost script reference (in the manifest) of a finding inside resolved scripts.</summary>
    internal sealed class ScriptVia
    {
        public ScriptVia(SourceRef reference, string path, ScriptResolution script)
        {
            Reference = reference;
            Path = path;
            Script = script;
        }

        /// <summary>The path as written where the first script is started (the manifest side).</summary>
        public SourceRef Reference { get; }

        public string Path { get; }

        /// <summary>The innermost resolved script, the one the finding is in.</summary>
        public ScriptResolution Script { get; }

        public ScriptVia Into(ScriptResolution script) => new(Reference, Path, script);
    }

    /// <summary>A command that needs Ray (§0.7).</summary>
    internal sealed class RayUseEvent
    {
        public RayUseEvent(RayCommandInfo info, SourceRef location, ScriptVia? via, bool background, Readiness before, bool afterBlockingStart)
        {
            Info = info;
            Location = location;
            Via = via;
            Background = background;
            Before = before;
            AfterBlockingStart = afterBlockingStart;
        }

        public RayCommandInfo Info { get; }

        /// <summary>The command word(s); inside a ConfigMap script when <see cref="Via"/> is set.</summary>
        public SourceRef Location { get; }

        public ScriptVia? Via { get; }

        public bool Background { get; }

        public Readiness Before { get; }

        /// <summary>A foreground blocking <c>ray start</c> ran before: the command never runs.</summary>
        public bool AfterBlockingStart { get; }
    }

    /// <summary>A readiness loop (§0.7).</summary>
    internal sealed class LoopEvent
    {
        public LoopEvent(SourceRef keyword, string keywordText, bool bounded, ScriptVia? via, bool background, CheckTarget targets = CheckTarget.Unknown, bool rayAddressSet = false)
        {
            Keyword = keyword;
            KeywordText = keywordText;
            Bounded = bounded;
            Via = via;
            Background = background;
            Targets = targets;
            RayAddressSet = rayAddressSet;
        }

        /// <summary>Where the loop's checks send their requests.</summary>
        public CheckTarget Targets { get; }

        /// <summary>The script assigned or exported <c>RAY_ADDRESS</c> before the loop.</summary>
        public bool RayAddressSet { get; }

        /// <summary>In a background job: nothing waits for the loop.</summary>
        public bool Background { get; }

        public SourceRef Keyword { get; }

        public string KeywordText { get; }

        public bool Bounded { get; }

        public ScriptVia? Via { get; }
    }

    /// <summary>A path that is run directly or given to an interpreter, and where it leads.</summary>
    internal sealed class ScriptEvent
    {
        public ScriptEvent(SourceRef location, ScriptResolution resolution, bool runDirectly, string? interpreter, bool background, Readiness before, bool afterBlockingStart, bool inReadinessLoop, ScriptVia? via, ExecPlace place, PodContext pod)
        {
            Location = location;
            Resolution = resolution;
            RunDirectly = runDirectly;
            Interpreter = interpreter;
            Background = background;
            Before = before;
            AfterBlockingStart = afterBlockingStart;
            InReadinessLoop = inReadinessLoop;
            Via = via;
            Place = place;
            Pod = pod;
        }

        public SourceRef Location { get; }

        public ScriptResolution Resolution { get; }

        public bool RunDirectly { get; }

        /// <summary><c>sh</c>, <c>python</c>, <c>source</c> … when the path is an interpreter's operand.</summary>
        public string? Interpreter { get; }

        public bool Background { get; }

        public Readiness Before { get; }

        public bool AfterBlockingStart { get; }

        public bool InReadinessLoop { get; }

        public ScriptVia? Via { get; }

        public ExecPlace Place { get; }

        public PodContext Pod { get; }
    }

    /// <summary>Everything found in one command sequence (a hook, a container's command, …).</summary>
    internal sealed class FlowResult
    {
        public FlowResult(ExecPlace place, PodContext pod)
        {
            Place = place;
            Pod = pod;
        }

        public ExecPlace Place { get; }

        public PodContext Pod { get; }

        public List<RayUseEvent> Uses { get; } = new();

        public List<LoopEvent> Loops { get; } = new();

        public List<ScriptEvent> Scripts { get; } = new();
    }

    /// <summary>One argument word: its literal value (null when it has expansions), where it is, and its value as mapped text.</summary>
    internal sealed class FlowArg
    {
        public FlowArg(string? value, SourceRef location, ScriptSource? text, ShellWord? word = null, ScriptSource? container = null)
        {
            Value = value;
            Location = location;
            Text = text;
            Word = word;
            Container = container;
        }

        public string? Value { get; }

        public SourceRef Location { get; }

        /// <summary>The value as text to parse (a <c>-c</c> script, Python code), mapped back to the YAML.</summary>
        public ScriptSource? Text { get; }

        /// <summary>The shell word (null for exec-form array elements).</summary>
        public ShellWord? Word { get; }

        /// <summary>The text <see cref="Word"/> belongs to.</summary>
        public ScriptSource? Container { get; }
    }

    /// <summary>
    /// Walks command sequences in execution order (rules.md §0.7): through the shell parser's tree, into known
    /// shells' <c>-c</c> scripts (also under <c>timeout N</c>, <c>nohup</c>, <c>exec</c>, <c>env</c>), into resolved
    /// ConfigMap scripts, and into Python code; it tracks whether a readiness loop has run and which commands run in
    /// background jobs, and records Ray-dependent commands, readiness loops and script references.
    /// </summary>
    internal sealed class ScriptFlow
    {
        private const int MaxDepth = 8;
        private const int MaxEvents = 500;
        private const int MaxSteps = 20_000;

        private readonly FlowResult _result;
        private readonly ScriptResolver _resolver;
        private readonly bool _startCommandBlocks;
        private int _steps;

        private ScriptFlow(FlowResult result, ScriptResolver resolver, bool startCommandBlocks)
        {
            _result = result;
            _resolver = resolver;
            _startCommandBlocks = startCommandBlocks;
        }

        /// <summary>Walks shell text already parsed (generated-mode <c>joined</c>: <see cref="GroupArgs.JoinedParse"/>).</summary>
        public static FlowResult RunShell(ScriptSource source, ShellParseResult parsed, ExecPlace place, PodContext pod, ScriptResolver resolver, bool startCommandBlocks)
        {
            var result = new FlowResult(place, pod);
            new ScriptFlow(result, resolver, startCommandBlocks).WalkShellText(source, parsed.Dialect, Frame.Root, new FlowState(), parsed);
            return result;
        }

        /// <summary>Walks an exec-form array (a hook's <c>exec.command</c>, an init container's command, a suppressed command).</summary>
        public static FlowResult RunExec(IReadOnlyList<FlowArg> argv, ExecPlace place, PodContext pod, ScriptResolver resolver, bool startCommandBlocks)
        {
            var result = new FlowResult(place, pod);
            new ScriptFlow(result, resolver, startCommandBlocks).WalkInvocation(argv, Array.Empty<string?>(), null, Frame.Root, new FlowState());
            return result;
        }

        /// <summary>Budgets keep hostile input (functions or scripts that call each other many times) linear.</summary>
        private bool Full => _steps > MaxSteps || _result.Uses.Count + _result.Loops.Count + _result.Scripts.Count > MaxEvents;

        private void WalkShellText(ScriptSource source, ShellDialect dialect, Frame frame, FlowState state, ShellParseResult? parsed = null)
        {
            if (frame.Depth > MaxDepth || Full || source.Text.IndexOf("{{", StringComparison.Ordinal) >= 0)
            {
                return;
            }

            ShellParseResult parse = parsed ?? ShellParser.Parse(source.Text, dialect, maxDepth: 100);
            var scope = new Scope(source, dialect, LoopAnalysis.Functions(parse.Script, frame.Functions));
            WalkList(parse.Script.Body, scope, frame.WithDialect(dialect), state);
        }

        private void WalkList(ShellCommandList list, Scope scope, Frame frame, FlowState state)
        {
            foreach (ShellListItem item in list.Items)
            {
                if (item.IsBackground)
                {
                    WalkAndOr(item.Command, scope, frame.InBackground(), state.Clone());
                }
                else
                {
                    WalkAndOr(item.Command, scope, frame, state);
                }
            }
        }

        private void WalkAndOr(ShellAndOrList list, Scope scope, Frame frame, FlowState state)
        {
            foreach (ShellPipeline pipeline in list.Pipelines)
            {
                if (pipeline.Commands.Count == 1)
                {
                    WalkCommand(pipeline.Commands[0], scope, frame, state);
                    continue;
                }

                // Pipeline members run at the same time: none waits for another.
                var after = new List<FlowState>();
                foreach (ShellCommand command in pipeline.Commands)
                {
                    FlowState copy = state.Clone();
                    WalkCommand(command, scope, frame, copy);
                    after.Add(copy);
                }

                state.Join(after);
            }
        }

        private void WalkCommand(ShellCommand command, Scope scope, Frame frame, FlowState state)
        {
            if (++_steps > MaxSteps)
            {
                return;
            }

            switch (command)
            {
                case ShellSimpleCommand simple:
                    WalkSimple(simple, scope, frame, state);
                    break;
                case ShellSubshell subshell:
                    WalkList(subshell.Body, scope, frame, state);
                    break;
                case ShellBraceGroup group:
                    WalkList(group.Body, scope, frame, state);
                    break;
                case ShellIfCommand ifCommand:
                {
                    var after = new List<FlowState>();
                    foreach (ShellIfBranch branch in ifCommand.Branches)
                    {
                        WalkList(branch.Condition, scope, frame, state);
                        FlowState copy = state.Clone();
                        WalkList(branch.Body, scope, frame, copy);
                        after.Add(copy);
                    }

                    if (ifCommand.ElseBody is not null)
                    {
                        FlowState copy = state.Clone();
                        WalkList(ifCommand.ElseBody, scope, frame, copy);
                        after.Add(copy);
                    }

                    state.Join(after);
                    break;
                }

                case ShellCaseCommand caseCommand:
                {
                    WalkSubstitutions(caseCommand.Subject, scope, frame, state);
                    var after = new List<FlowState>();
                    foreach (ShellCaseClause clause in caseCommand.Clauses)
                    {
                        FlowState copy = state.Clone();
                        WalkList(clause.Body, scope, frame, copy);
                        after.Add(copy);
                    }

                    state.Join(after);
                    break;
                }

                case ShellLoopCommand or ShellForCommand or ShellArithmeticForCommand:
                    WalkLoop(command, scope, frame, state);
                    break;
                case ShellCoprocCommand coproc:
                    WalkCommand(coproc.Body, scope, frame.InBackground(), state.Clone());
                    break;
                case ShellFunctionDefinition:
                    break; // walked where it is called
                default:
                    WalkSubstitutions(command, scope, frame, state);
                    break;
            }
        }

        private void WalkLoop(ShellCommand loop, Scope scope, Frame frame, FlowState state)
        {
            var analysis = new LoopAnalysis(scope.Source.Text, scope.Dialect, scope.Functions);
            (ShellCommandList? condition, ShellCommandList body, string keyword) = loop switch
            {
                ShellLoopCommand l => (l.Condition, l.Body, l.IsUntil ? "until" : "while"),
                ShellForCommand f => ((ShellCommandList?)null, f.Body, f.IsSelect ? "select" : "for"),
                ShellArithmeticForCommand a => (null, a.Body, "for"),
                _ => throw new ArgumentException("not a loop", nameof(loop)),
            };

            if (!frame.InReadinessLoop && analysis.IsReadinessLoop(loop))
            {
                bool bounded = frame.UnderTimeout || analysis.IsBounded(loop);
                _result.Loops.Add(new LoopEvent(scope.Source.Locate(loop.Start, loop.Start + keyword.Length), keyword, bounded, frame.Via, frame.Background, analysis.Targets(loop), state.RayAddressSet));
                FlowState inside = state.Clone();
                Frame checking = frame.Checking();
                if (condition is not null)
                {
                    WalkList(condition, scope, checking, inside);
                }

                WalkList(body, scope, checking, inside);
                state.Ready = Readiness.Yes;
                return;
            }

            if (loop is ShellForCommand forCommand)
            {
                foreach (ShellWord item in forCommand.Items ?? Array.Empty<ShellWord>())
                {
                    WalkSubstitutions(item, scope, frame, state);
                }
            }

            if (condition is not null)
            {
                WalkList(condition, scope, frame, state);
            }

            WalkList(body, scope, frame, state);
        }

        private void WalkSimple(ShellSimpleCommand command, Scope scope, Frame frame, FlowState state)
        {
            // Command substitutions run first, in the same shell's sequence.
            foreach (ShellAssignment assignment in command.Assignments)
            {
                WalkSubstitutions(assignment.Word, scope, frame, state);
            }

            foreach (ShellWord word in command.Words)
            {
                WalkSubstitutions(word, scope, frame, state);
            }

            // RAY_ADDRESS=… on its own, or export/declare RAY_ADDRESS=…: later cluster clients use it (RAY0064).
            if ((command.Words.Count == 0 && command.Assignments.Any(a => a.Name == "RAY_ADDRESS"))
                || (command.Words.Count > 1 && (command.Words[0].IsLiteral("export") || command.Words[0].IsLiteral("declare"))
                    && command.Words.Skip(1).Any(w => ShellWordText.Shape(w, scope.Source.Text).StartsWith("RAY_ADDRESS=", StringComparison.Ordinal))))
            {
                state.RayAddressSet = true;
            }

            if (command.Words.Count == 0)
            {
                return;
            }

            // $KUBERAY_GEN_RAY_START_CMD as the command (also behind eval/exec) is KubeRay's ray start.
            int first = command.Words[0].IsLiteral("eval") || command.Words[0].IsLiteral("exec") ? 1 : 0;
            if (first < command.Words.Count
                && command.Words[first].GetParameterExpansions().Any(p => p.Expansion.Name == "KUBERAY_GEN_RAY_START_CMD"))
            {
                // 1.1.0+: it always holds --block. Before 1.1.0 KubeRay does not set it: it expands to nothing.
                if (_startCommandBlocks)
                {
                    Start(scope.Source.Locate(command.Words[first].Start, command.Words[first].End), blocking: true, frame, state);
                }

                return;
            }

            if (command.Words[0].UnquotedLiteralValue is { } name && scope.Functions.TryGetValue(name, out ShellCommand? body))
            {
                if (frame.Depth < MaxDepth)
                {
                    WalkCommand(body, scope, frame.Deeper(), state);
                }

                return;
            }

            var args = new List<FlowArg>(command.Words.Count);
            foreach (ShellWord word in command.Words)
            {
                args.Add(Arg(word, scope.Source));
            }

            // eval 'text': the text is shell code.
            if (args[0].Value == "eval" && args.Count == 2 && args[1].Text is { } evalText)
            {
                WalkShellText(evalText, scope.Dialect, frame.Deeper(), state);
                return;
            }

            ScriptSource? stdin = null;
            foreach (ShellRedirection redirection in command.Redirections)
            {
                if (redirection.HereDocument is { } here)
                {
                    stdin = new ScriptSource(here.Body, new OffsetTextMap(scope.Source.Map, OffsetTextMap.Slice(here.BodySpan.Start, here.Body.Length)));
                }
                else if (redirection.Kind == ShellRedirectionKind.HereString)
                {
                    stdin = Arg(redirection.Target, scope.Source).Text;
                }
            }

            IEnumerable<string?> context = command.Assignments.Select(a => a.Word.TryGetLiteralValue(out string v) ? v : null);
            WalkInvocation(args, context, stdin, frame, state);
        }

        private void WalkSubstitutions(ShellNode node, Scope scope, Frame frame, FlowState state)
        {
            foreach (ShellScript script in TopLevelSubstitutions(node))
            {
                WalkList(script.Body, scope, frame, state);
            }
        }

        /// <summary>The scripts of <c>$(…)</c>, backquotes and process substitutions directly in <paramref name="node"/> (not nested in another script).</summary>
        private static IEnumerable<ShellScript> TopLevelSubstitutions(ShellNode node)
        {
            var stack = new Stack<ShellNode>();
            stack.Push(node);
            while (stack.Count > 0)
            {
                ShellNode current = stack.Pop();
                switch (current)
                {
                    case ShellCommandSubstitutionPart substitution:
                        yield return substitution.Body;
                        continue;
                    case ShellProcessSubstitutionPart process:
                        yield return process.Body;
                        continue;
                    case ShellScript:
                        continue;
                }

                foreach (ShellNode child in current.Children.Reverse())
                {
                    stack.Push(child);
                }
            }
        }

        internal void WalkInvocation(IReadOnlyList<FlowArg> args, IEnumerable<string?> context, ScriptSource? stdin, Frame frame, FlowState state)
        {
            if (Full || args.Any(a => a.Value is not null && a.Value.IndexOf("{{", StringComparison.Ordinal) >= 0))
            {
                return;
            }

            var argv = args.Select(a => a.Value).ToList();
            int i = RayCommands.SkipWrappers(argv, 0, out bool underTimeout, out bool detached);
            if (i < 0 || argv[i] is not { } name)
            {
                return;
            }

            if (detached)
            {
                frame = frame.InBackground();
                state = state.Clone();
            }

            if (underTimeout)
            {
                frame = frame.WithTimeout();
            }

            // Inline code: a known shell's -c script or standard input, Python's -c code or standard input.
            if (KnownShell.IsShellName(name))
            {
                KnownShell? shell = KnownShell.Find(argv, i);
                ShellDialect dialect = KnownShell.DialectOf(name);
                if (shell is { ScriptIndex: { } script })
                {
                    if (args[script].Text is { } text)
                    {
                        WalkShellText(text, dialect, frame.Deeper(), state);
                    }

                    return;
                }

                if (shell is { ScriptFileIndex: null, HasCommandOption: false } && stdin is not null)
                {
                    WalkShellText(stdin, dialect, frame.Deeper(), state);
                    return;
                }
            }
            else if (RayCommands.IsPython(name) && RayCommands.TryGetPythonOperand(argv, i, out int operand, out bool isCode) && (isCode || operand < 0))
            {
                if ((isCode ? args[operand].Text : stdin) is { } code)
                {
                    WalkPython(code, frame, state);
                }

                return;
            }

            if (RayCommands.IsRayStart(argv, i, out bool blocking))
            {
                Start(args[i].Location, blocking, frame, state);
                return;
            }

            RayCommandInfo info = RayCommands.Classify(argv, i, context);
            if (info.Dependence != RayDependence.None)
            {
                Use(info, Span(args, i, info.WordCount), frame, state);
                return;
            }

            if (!info.IsReadinessCheck && RayCommands.TryGetScriptOperand(argv, i, out int path, out string? interpreter))
            {
                HandlePath(args[path], interpreter, frame, state);
            }
        }

        private void WalkPython(ScriptSource code, Frame frame, FlowState state)
        {
            if (frame.InReadinessLoop || code.Text.IndexOf("{{", StringComparison.Ordinal) >= 0)
            {
                return; // inside a readiness loop a Ray call is the check itself
            }

            PythonScan scan = PythonScanner.Scan(code.Text);
            foreach (PythonReadinessLoop loop in scan.Loops)
            {
                _result.Loops.Add(new LoopEvent(code.Locate(loop.KeywordOffset, loop.KeywordOffset + loop.Keyword.Length), loop.Keyword, loop.Bounded || frame.UnderTimeout, frame.Via, frame.Background, loop.Targets, state.RayAddressSet));
            }

            foreach (PythonRayCall call in scan.Calls)
            {
                if (scan.Loops.Any(l => l.Contains(call.Offset)))
                {
                    continue;
                }

                Readiness before = scan.Loops.Any(l => l.BodyEnd <= call.Offset) ? Readiness.Yes : state.Ready;
                var info = new RayCommandInfo(RayDependence.LocalNode, call.Name, 1, false, false);
                _result.Uses.Add(new RayUseEvent(info, code.Locate(call.Offset, call.Offset + call.Name.Length), frame.Via, frame.Background, before, state.Blocked));
            }

            if (scan.Loops.Count > 0)
            {
                state.Ready = Readiness.Yes;
            }
        }

        private void HandlePath(FlowArg arg, string? interpreter, Frame frame, FlowState state)
        {
            if (arg.Value is not { Length: > 0 } path || path.StartsWith("-", StringComparison.Ordinal))
            {
                return;
            }

            ScriptResolution resolution = _resolver.Resolve(path, _result.Pod);
            _result.Scripts.Add(new ScriptEvent(arg.Location, resolution, interpreter is null, interpreter, frame.Background, state.Ready, state.Blocked, frame.InReadinessLoop, frame.Via, _result.Place, _result.Pod));

            switch (resolution.Kind)
            {
                case ScriptResolutionKind.Resolved when resolution.Value is { } value && resolution.ConfigMap is { } configMap:
                {
                    string id = configMap.File.Path + "#" + configMap.Display + "#" + resolution.Key;
                    if (frame.Depth >= MaxDepth || frame.Visiting.Contains(id))
                    {
                        break;
                    }

                    var source = new ScriptSource(value.Value, new ScalarTextMap(configMap.File, value));
                    Frame inner = frame.Into(frame.Via?.Into(resolution) ?? new ScriptVia(arg.Location, path, resolution), id);
                    if (ScriptLanguage.IsPython(value.Value, interpreter))
                    {
                        WalkPython(source, inner, state);
                    }
                    else
                    {
                        ShellDialect dialect = ScriptLanguage.Dialect(value.Value, interpreter, frame.Dialect);
                        WalkShellText(source, dialect, inner, state, value.Value.IndexOf("{{", StringComparison.Ordinal) >= 0 ? null : ScriptLanguage.Parse(value, dialect));
                    }

                    break;
                }

                case ScriptResolutionKind.Binary:
                case ScriptResolutionKind.Unreadable:
                case ScriptResolutionKind.Image:
                    if (state.Ready == Readiness.No && !frame.InReadinessLoop)
                    {
                        state.Ready = Readiness.Unknown;
                    }

                    break;
            }
        }

        private void Use(RayCommandInfo info, SourceRef location, Frame frame, FlowState state)
        {
            if (frame.InReadinessLoop)
            {
                return; // retried until it works: the loop is the check
            }

            _result.Uses.Add(new RayUseEvent(info, location, frame.Via, frame.Background, state.Ready, state.Blocked));
        }

        private static void Start(SourceRef location, bool blocking, Frame frame, FlowState state)
        {
            if (frame.Background || frame.InReadinessLoop)
            {
                return;
            }

            if (blocking)
            {
                state.Blocked = true;
            }
            else
            {
                state.Ready = Readiness.Yes;
            }
        }

        /// <summary>The span of words [i, i + count) when they are shell words of one text; else the first word.</summary>
        private static SourceRef Span(IReadOnlyList<FlowArg> args, int i, int count)
        {
            int last = Math.Min(i + Math.Max(count, 1) - 1, args.Count - 1);
            if (args[i].Word is { } first && args[last].Word is { } end && args[i].Container is { } container && ReferenceEquals(container, args[last].Container))
            {
                return container.Locate(first.Start, end.End);
            }

            return args[i].Location;
        }

        private static FlowArg Arg(ShellWord word, ScriptSource source)
        {
            SourceRef location = source.Locate(word.Start, word.End);
            if (ShellWordText.TryDecode(word, source.Text, out string value, out int[] offsets))
            {
                return new FlowArg(value, location, new ScriptSource(value, new OffsetTextMap(source.Map, offsets)), word, source);
            }

            return new FlowArg(null, location, null, word, source);
        }

        /// <summary>The text being walked, its dialect, and its shell functions.</summary>
        private sealed class Scope
        {
            public Scope(ScriptSource source, ShellDialect dialect, Dictionary<string, ShellCommand> functions)
            {
                Source = source;
                Dialect = dialect;
                Functions = functions;
            }

            public ScriptSource Source { get; }

            public ShellDialect Dialect { get; }

            public Dictionary<string, ShellCommand> Functions { get; }
        }

        /// <summary>The mutable part: readiness so far and whether a blocking start ran in the foreground.</summary>
        internal sealed class FlowState
        {
            public Readiness Ready { get; set; }

            public bool Blocked { get; set; }

            /// <summary><c>RAY_ADDRESS</c> was assigned or exported.</summary>
            public bool RayAddressSet { get; set; }

            public FlowState Clone() => new() { Ready = Ready, Blocked = Blocked, RayAddressSet = RayAddressSet };

            /// <summary>After branches or pipeline members: waited if any of them waited (lenient, to avoid false positives).</summary>
            public void Join(IReadOnlyList<FlowState> states)
            {
                if (states.Any(s => s.Ready == Readiness.Yes))
                {
                    Ready = Readiness.Yes;
                }
                else if (Ready == Readiness.No && states.Any(s => s.Ready == Readiness.Unknown))
                {
                    Ready = Readiness.Unknown;
                }

                Blocked |= states.Count > 0 && states.All(s => s.Blocked);
                RayAddressSet |= states.Any(s => s.RayAddressSet);
            }
        }

        /// <summary>The immutable part of where the walk is.</summary>
        internal sealed class Frame
        {
            public static readonly Frame Root = new(false, false, false, null, 0, new Dictionary<string, ShellCommand>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), ShellDialect.Bash);

            private Frame(bool background, bool underTimeout, bool inReadinessLoop, ScriptVia? via, int depth, Dictionary<string, ShellCommand> functions, HashSet<string> visiting, ShellDialect dialect)
            {
                Background = background;
                UnderTimeout = underTimeout;
                InReadinessLoop = inReadinessLoop;
                Via = via;
                Depth = depth;
                Functions = functions;
                Visiting = visiting;
                Dialect = dialect;
            }

            /// <summary>In a background job: the sequence does not wait for it.</summary>
            public bool Background { get; }

            /// <summary>Under <c>timeout N</c>: loops here are bounded.</summary>
            public bool UnderTimeout { get; }

            /// <summary>Inside a readiness loop: Ray commands here are the checks themselves.</summary>
            public bool InReadinessLoop { get; }

            public ScriptVia? Via { get; }

            public int Depth { get; }

            public Dictionary<string, ShellCommand> Functions { get; }

            public HashSet<string> Visiting { get; }

            public ShellDialect Dialect { get; }

            public Frame InBackground() => new(true, UnderTimeout, InReadinessLoop, Via, Depth, Functions, Visiting, Dialect);

            public Frame WithTimeout() => new(Background, true, InReadinessLoop, Via, Depth, Functions, Visiting, Dialect);

            public Frame Checking() => new(Background, UnderTimeout, true, Via, Depth, Functions, Visiting, Dialect);

            public Frame WithDialect(ShellDialect dialect) => new(Background, UnderTimeout, InReadinessLoop, Via, Depth, Functions, Visiting, dialect);

            public Frame Deeper() => new(Background, UnderTimeout, InReadinessLoop, Via, Depth + 1, Functions, Visiting, Dialect);

            public Frame Into(ScriptVia via, string scriptId) =>
                new(Background, UnderTimeout, InReadinessLoop, via, Depth + 1, new Dictionary<string, ShellCommand>(StringComparer.Ordinal), new HashSet<string>(Visiting, StringComparer.Ordinal) { scriptId }, Dialect);
        }
    }
}
