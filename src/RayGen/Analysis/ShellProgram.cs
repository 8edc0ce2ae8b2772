using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>One piece of parsed shell text: the root script, or a known shell's <c>-c</c> string inside it.</summary>
    internal sealed class ShellText
    {
        public ShellText(ShellParseResult parse, Func<int, int, SourceSpan> locate, int depth)
        {
            Parse = parse;
            Locate = locate;
            Depth = depth;
        }

        public ShellParseResult Parse { get; }

        /// <summary>YAML location of text [start, end) of <see cref="Parse"/>.</summary>
        public Func<int, int, SourceSpan> Locate { get; }

        /// <summary>0 for the root text, 1 for a <c>bash -c</c> string or a resolved script inside it, …</summary>
        public int Depth { get; }

        /// <summary>The file <see cref="Locate"/> points into when it is not the manifest's own (a ConfigMap script in another file).</summary>
        public ScriptFile? File { get; init; }

        /// <summary>For the text of a resolved ConfigMap script (or a <c>-c</c> string inside one): where the manifest runs it, and which script it is.</summary>
        public ScriptVia? Via { get; init; }
    }

    /// <summary>Where a command sits, as far as "does it run, and in which shell" is concerned.</summary>
    [Flags]
    internal enum CommandPlacement
    {
        None = 0,

        /// <summary>Inside a list item ending in <c>&amp;</c> (the shell does not wait for it).</summary>
        Background = 1,

        /// <summary>On the right of <c>&amp;&amp;</c> or <c>||</c>.</summary>
        AndOrRight = 2,

        /// <summary>Inside <c>if</c>, <c>case</c>, or a loop (condition or body).</summary>
        Compound = 4,

        /// <summary>Inside a function body (runs only when called).</summary>
        Function = 8,

        /// <summary>Inside <c>( … )</c>.</summary>
        Subshell = 16,

        /// <summary>Inside <c>$( … )</c>, backquotes or a process substitution.</summary>
        Substitution = 32,

        /// <summary>One command of a pipeline with more than one command (each runs in a subshell in bash).</summary>
        Pipeline = 64,

        /// <summary>Inside the <c>-c</c> string of a known shell.</summary>
        InnerShell = 128,

        /// <summary>Inside a resolved ConfigMap script that runs as its own process (run directly, or by a shell or Python).</summary>
        Script = 256,

        /// <summary>Inside a resolved ConfigMap script read by <c>source</c> or <c>.</c> (it runs in the shell that reads it).</summary>
        Sourced = 512,

        /// <summary>Inside a resolved script, either way.</summary>
        InScript = Script | Sourced,
    }

    /// <summary>A chain of nested shells (subshells, substitutions, inner known shells) from the inside out.</summary>
    internal sealed class ShellScope
    {
        public ShellScope(object owner, ShellScope? parent)
        {
            Owner = owner;
            Parent = parent;
        }

        public object Owner { get; }

        public ShellScope? Parent { get; }

        /// <summary>True when <paramref name="scope"/> is this scope or one nested inside it (it inherits what this shell sets).</summary>
        public static bool Encloses(ShellScope? outer, ShellScope? scope)
        {
            for (ShellScope? s = scope; s != null; s = s.Parent)
            {
                if (ReferenceEquals(s, outer))
                {
                    return true;
                }
            }

            return outer is null;
        }
    }

    /// <summary>A simple command of a <see cref="ShellProgram"/>, with wrappers (<c>exec</c>, <c>nohup</c>, <c>timeout N</c>, <c>env</c>…) removed.</summary>
    internal sealed class ProgramCommand
    {
        public ProgramCommand(ShellText text, ShellSimpleCommand node, IReadOnlyList<ShellWord> words, bool isExec, int sequence, CommandPlacement placement, ShellScope? scope, ShellListItem? backgroundItem)
        {
            Text = text;
            Node = node;
            Words = words;
            IsExec = isExec;
            Sequence = sequence;
            Placement = placement;
            Scope = scope;
            BackgroundItem = backgroundItem;
        }

        public ShellText Text { get; }

        public ShellSimpleCommand Node { get; }

        /// <summary>The command word and its arguments after the wrappers.</summary>
        public IReadOnlyList<ShellWord> Words { get; }

        /// <summary>Behind <c>exec</c>: replaces the shell.</summary>
        public bool IsExec { get; }

        /// <summary>Execution order in the program (source order; an inner shell's commands follow the command that starts it).</summary>
        public int Sequence { get; }

        public CommandPlacement Placement { get; }

        /// <summary>The innermost shell that runs it (null: the root shell).</summary>
        public ShellScope? Scope { get; }

        /// <summary>The outermost background list item that holds it, if any.</summary>
        public ShellListItem? BackgroundItem { get; }

        public bool Is(CommandPlacement flag) => (Placement & flag) != 0;

        /// <summary>Set when scripts are followed and this command runs a script file (a ConfigMap script, an image file …): where the path leads.</summary>
        public ScriptResolution? Script { get; internal set; }

        /// <summary>The script this command runs was resolved and walked: its commands follow this one in the program.</summary>
        public bool RunsResolvedScript { get; internal set; }

        /// <summary>The literal command word (<c>ray</c>, <c>/usr/bin/ray</c>), or null when it is not a literal.</summary>
        public string? Name => Words.Count > 0 && Words[0].TryGetLiteralValue(out string v) ? v : null;

        /// <summary>The basename of <see cref="Name"/>.</summary>
        public string? BaseName => Name is { } n ? KnownShell.BaseName(n) : null;

        /// <summary>Literal value of word <paramref name="index"/>, or null when missing or not literal.</summary>
        public string? Literal(int index) => index < Words.Count && Words[index].TryGetLiteralValue(out string v) ? v : null;

        /// <summary>The literal values of all words (null for a word with expansions).</summary>
        public string?[] Literals() => Words.Select(w => w.TryGetLiteralValue(out string v) ? v : null).ToArray();

        public SourceSpan Locate(ShellNode node) => Text.Locate(node.Start, node.End);

        public SourceSpan Locate(int start, int end) => Text.Locate(start, end);

        /// <summary>
        /// The Python code the command runs inline (rules.md §0.7): <c>python -c 'code'</c>, or a here-document or
        /// here-string fed to <c>python</c>, with the offset in <see cref="Text"/> of each character (and one past the
        /// end). False for a script path, <c>-m</c>, code with expansions, or a command that is not Python.
        /// </summary>
        public bool TryGetInlinePython(out string code, out int[] offsets)
        {
            code = string.Empty;
            offsets = Array.Empty<int>();
            if (!RayCommands.IsPython(Name) || !RayCommands.TryGetPythonOperand(Literals(), 0, out int operand, out bool isCode))
            {
                return false;
            }

            string source = Text.Parse.Text;
            if (isCode || operand >= 0)
            {
                return isCode && ShellWordText.TryDecode(Words[operand], source, out code, out offsets);
            }

            foreach (ShellRedirection redirection in Node.Redirections)
            {
                if (redirection.HereDocument is { } here)
                {
                    code = here.Body;
                    offsets = OffsetTextMap.Slice(here.BodySpan.Start, here.Body.Length);
                    return true;
                }

                if (redirection.Kind == ShellRedirectionKind.HereString)
                {
                    return ShellWordText.TryDecode(redirection.Target, source, out code, out offsets);
                }
            }

            return false;
        }
    }

    /// <summary>A <c>while</c>/<c>until</c>/<c>for</c> loop of a <see cref="ShellProgram"/>.</summary>
    internal sealed class ProgramLoop
    {
        public ProgramLoop(ShellText text, ShellCommand node, int sequence, CommandPlacement placement, ShellScope? scope)
        {
            Text = text;
            Node = node;
            Sequence = sequence;
            Placement = placement;
            Scope = scope;
        }

        public ShellText Text { get; }

        /// <summary>A <see cref="ShellLoopCommand"/>, <see cref="ShellForCommand"/> or <see cref="ShellArithmeticForCommand"/>.</summary>
        public ShellCommand Node { get; }

        public int Sequence { get; }

        public CommandPlacement Placement { get; }

        public ShellScope? Scope { get; }

        public bool Is(CommandPlacement flag) => (Placement & flag) != 0;

        /// <summary>The <c>while</c>, <c>until</c> or <c>for</c> keyword.</summary>
        public SourceSpan KeywordSpan
        {
            get
            {
                string text = Text.Parse.Text;
                int start = Node.Start;
                int end = start;
                while (end < text.Length && char.IsLetter(text[end]))
                {
                    end++;
                }

                return Text.Locate(start, Math.Max(end, start + 1));
            }
        }
    }

    /// <summary>
    /// The commands a piece of shell text runs, in order, with where each one sits (background, conditional,
    /// subshell …). Known shells' <c>-c</c> strings are parsed and walked too (rules.md §0.3), also behind
    /// <c>exec</c>, <c>nohup</c>, <c>timeout N</c> and <c>env</c>; given a <see cref="ScriptReader"/>, so are the
    /// ConfigMap scripts the text runs or sources (group F resolution), right after the command that runs them.
    /// Plain code over the shell AST: no Roslyn types.
    /// </summary>
    internal sealed class ShellProgram
    {
        private const int MaxTextDepth = 6;
        private const int MaxNodeDepth = 150;
        private const int MaxScriptWalks = 64;

        private readonly List<ProgramCommand> _commands = new();
        private readonly List<ProgramLoop> _loops = new();
        private readonly List<ShellText> _texts = new();
        private readonly ScriptReader? _scripts;
        private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
        private int _sequence;
        private int _scriptWalks;

        private ShellProgram(ScriptReader? scripts)
        {
            _scripts = scripts;
        }

        public IReadOnlyList<ProgramCommand> Commands => _commands;

        public IReadOnlyList<ProgramLoop> Loops => _loops;

        public IReadOnlyList<ShellText> Texts => _texts;

        public ShellText Root => _texts[0];

        /// <summary>Walks <paramref name="root"/>; with <paramref name="scripts"/>, also the ConfigMap scripts it runs (rules.md group F "Script resolution").</summary>
        public static ShellProgram Walk(ShellText root, ScriptReader? scripts = null)
        {
            var program = new ShellProgram(scripts);
            program.WalkText(root, CommandPlacement.None, null, null);
            return program;
        }

        /// <summary>
        /// The program of an exec-form command that runs a script file (<c>["/x/start.sh"]</c>, <c>["bash", "/x/start.sh"]</c>):
        /// the resolved script's, or null when <c>argv[start]</c> runs no script or the script cannot be read.
        /// <paramref name="locations"/> are where the words are in the manifest.
        /// </summary>
        public static ShellProgram? WalkExec(IReadOnlyList<string?> argv, int start, IReadOnlyList<SourceRef> locations, ScriptReader scripts)
        {
            if (!RayCommands.TryGetScriptOperand(argv, start, out int operand, out string? interpreter) || argv[operand] is not { } path)
            {
                return null;
            }

            var program = new ShellProgram(scripts);
            return program.FollowScript(path, interpreter, locations[operand], caller: null, CommandPlacement.Script, null, null) ? program : null;
        }

        /// <summary>Parses <paramref name="text"/> and walks it; <paramref name="locate"/> maps offsets to YAML.</summary>
        public static ShellProgram Walk(string text, ShellDialect dialect, Func<int, int, SourceSpan> locate) =>
            Walk(new ShellText(ShellParser.Parse(text, dialect), locate, 0));

        /// <summary>Removes the command wrappers (<c>exec</c>, <c>nohup</c>, <c>timeout [opts] N</c>, <c>env [opts] [A=b]</c>, …: <see cref="RayCommands.SkipWrappers(IReadOnlyList{string}, int, bool, out bool, out bool, out bool)"/>).</summary>
        public static IReadOnlyList<ShellWord> Unwrap(IReadOnlyList<ShellWord> words, out bool isExec)
        {
            string?[] argv = words.Select(w => w.TryGetLiteralValue(out string v) ? v : null).ToArray();
            int i = RayCommands.SkipWrappers(argv, 0, execForm: false, out isExec, out _, out _);
            return i == 0 ? words : i < 0 ? Array.Empty<ShellWord>() : words.Skip(i).ToArray();
        }

        private void WalkText(ShellText text, CommandPlacement placement, ShellScope? scope, ShellListItem? background)
        {
            _texts.Add(text);
            WalkList(text, text.Parse.Script.Body, placement, scope, background, 0);
        }

        private void WalkList(ShellText text, ShellCommandList list, CommandPlacement placement, ShellScope? scope, ShellListItem? background, int depth)
        {
            if (depth > MaxNodeDepth)
            {
                return;
            }

            foreach (ShellListItem item in list.Items)
            {
                CommandPlacement p = placement;
                ShellScope? s = scope;
                ShellListItem? bg = background;
                if (item.IsBackground)
                {
                    p |= CommandPlacement.Background;
                    s = new ShellScope(item, scope);
                    bg ??= item;
                }

                for (int i = 0; i < item.Command.Pipelines.Count; i++)
                {
                    ShellPipeline pipeline = item.Command.Pipelines[i];
                    CommandPlacement pp = i > 0 ? p | CommandPlacement.AndOrRight : p;
                    foreach (ShellCommand command in pipeline.Commands)
                    {
                        if (pipeline.Commands.Count > 1)
                        {
                            WalkCommand(text, command, pp | CommandPlacement.Pipeline, new ShellScope(command, s), bg, depth + 1);
                        }
                        else
                        {
                            WalkCommand(text, command, pp, s, bg, depth + 1);
                        }
                    }
                }
            }
        }

        private void WalkCommand(ShellText text, ShellCommand command, CommandPlacement placement, ShellScope? scope, ShellListItem? background, int depth)
        {
            if (depth > MaxNodeDepth)
            {
                return;
            }

            foreach (ShellRedirection redirection in command.Redirections)
            {
                WalkWord(text, redirection.Target, placement, scope, background, depth);
            }

            switch (command)
            {
                case ShellSimpleCommand simple:
                    WalkSimple(text, simple, placement, scope, background, depth);
                    break;
                case ShellSubshell subshell:
                    WalkList(text, subshell.Body, placement | CommandPlacement.Subshell, new ShellScope(subshell, scope), background, depth + 1);
                    break;
                case ShellBraceGroup group:
                    WalkList(text, group.Body, placement, scope, background, depth + 1);
                    break;
                case ShellIfCommand ifCommand:
                    foreach (ShellIfBranch branch in ifCommand.Branches)
                    {
                        WalkList(text, branch.Condition, placement | CommandPlacement.Compound, scope, background, depth + 1);
                        WalkList(text, branch.Body, placement | CommandPlacement.Compound, scope, background, depth + 1);
                    }

                    if (ifCommand.ElseBody != null)
                    {
                        WalkList(text, ifCommand.ElseBody, placement | CommandPlacement.Compound, scope, background, depth + 1);
                    }

                    break;
                case ShellLoopCommand loop:
                    _loops.Add(new ProgramLoop(text, loop, _sequence++, placement, scope));
                    WalkList(text, loop.Condition, placement | CommandPlacement.Compound, scope, background, depth + 1);
                    WalkList(text, loop.Body, placement | CommandPlacement.Compound, scope, background, depth + 1);
                    break;
                case ShellForCommand forCommand:
                    _loops.Add(new ProgramLoop(text, forCommand, _sequence++, placement, scope));
                    foreach (ShellWord item in forCommand.Items ?? Array.Empty<ShellWord>())
                    {
                        WalkWord(text, item, placement, scope, background, depth);
                    }

                    WalkList(text, forCommand.Body, placement | CommandPlacement.Compound, scope, background, depth + 1);
                    break;
                case ShellArithmeticForCommand arithmeticFor:
                    _loops.Add(new ProgramLoop(text, arithmeticFor, _sequence++, placement, scope));
                    WalkList(text, arithmeticFor.Body, placement | CommandPlacement.Compound, scope, background, depth + 1);
                    break;
                case ShellCaseCommand caseCommand:
                    WalkWord(text, caseCommand.Subject, placement, scope, background, depth);
                    foreach (ShellCaseClause clause in caseCommand.Clauses)
                    {
                        WalkList(text, clause.Body, placement | CommandPlacement.Compound, scope, background, depth + 1);
                    }

                    break;
                case ShellFunctionDefinition function:
                    WalkCommand(text, function.Body, placement | CommandPlacement.Function, scope, background, depth + 1);
                    break;
                case ShellCoprocCommand coproc:
                    WalkCommand(text, coproc.Body, placement | CommandPlacement.Background, new ShellScope(coproc, scope), background, depth + 1);
                    break;
            }
        }

        private void WalkSimple(ShellText text, ShellSimpleCommand simple, CommandPlacement placement, ShellScope? scope, ShellListItem? background, int depth)
        {
            // Substitutions in assignments and words run first.
            foreach (ShellAssignment assignment in simple.Assignments)
            {
                WalkWord(text, assignment.Word, placement, scope, background, depth);
            }

            foreach (ShellWord word in simple.Words)
            {
                WalkWord(text, word, placement, scope, background, depth);
            }

            IReadOnlyList<ShellWord> words = Unwrap(simple.Words, out bool isExec);
            var command = new ProgramCommand(text, simple, words, isExec, _sequence++, placement, scope, background);
            _commands.Add(command);
            string?[] argv = words.Select(w => w.TryGetLiteralValue(out string v) ? v : null).ToArray();

            if (_scripts is not null && RayCommands.TryGetScriptOperand(argv, 0, out int operand, out string? interpreter) && argv[operand] is { } path)
            {
                // A sourced script runs in this shell; any other in a process of its own.
                bool sourced = interpreter is "source" or ".";
                command.RunsResolvedScript = FollowScript(
                    path,
                    interpreter,
                    new SourceRef(text.File ?? _scripts.File, text.Locate(words[operand].Start, words[operand].End)),
                    text,
                    placement | (sourced ? CommandPlacement.Sourced : CommandPlacement.Script),
                    sourced ? scope : new ShellScope(simple, scope),
                    background,
                    command);
                return;
            }

            if (text.Depth >= MaxTextDepth || KnownShell.Find(argv) is not { ScriptIndex: { } index } shell)
            {
                return;
            }

            ShellWord script = words[index];
            if (!script.TryGetLiteralValue(out string inner))
            {
                return;
            }

            int? baseOffset = ContentStart(script, inner);
            Func<int, int, SourceSpan> outer = text.Locate;
            Func<int, int, SourceSpan> locate = baseOffset is { } b
                ? (s, e) => outer(b + s, b + e)
                : (_, _) => outer(script.Start, script.End);
            WalkText(
                new ShellText(ShellParser.Parse(inner, shell.Dialect), locate, text.Depth + 1) { File = text.File, Via = text.Via },
                placement | CommandPlacement.InnerShell,
                new ShellScope(simple, scope),
                background);
        }

        /// <summary>
        /// Resolves <paramref name="path"/> and, when it is a readable shell script, walks it as a text of its own (its
        /// parse is shared with group F's walk: <see cref="ScriptLanguage.Parse"/>). Python scripts, templated ones and
        /// scripts already being walked (a script that runs itself) are not walked. Returns whether it was walked.
        /// </summary>
        private bool FollowScript(string path, string? interpreter, SourceRef reference, ShellText? caller, CommandPlacement placement, ShellScope? scope, ShellListItem? background, ProgramCommand? command = null)
        {
            if (path.Length == 0 || path.StartsWith("-", StringComparison.Ordinal))
            {
                return false;
            }

            ScriptResolution resolution = _scripts!.Resolve(path);
            if (command is not null)
            {
                command.Script = resolution;
            }

            if (resolution is not { Kind: ScriptResolutionKind.Resolved, Value: { } value, ConfigMap: { } configMap }
                || (caller?.Depth ?? 0) >= MaxTextDepth
                || _scriptWalks >= MaxScriptWalks
                || value.Value.IndexOf("{{", StringComparison.Ordinal) >= 0
                || ScriptLanguage.IsPython(value.Value, interpreter))
            {
                return false;
            }

            string id = configMap.File.Path + "#" + configMap.Display + "#" + resolution.Key;
            if (!_visiting.Add(id))
            {
                return false;
            }

            _scriptWalks++;
            ShellDialect dialect = ScriptLanguage.Dialect(value.Value, interpreter, caller?.Parse.Dialect ?? ShellDialect.Bash);
            var map = new ScalarTextMap(configMap.File, value);
            var text = new ShellText(ScriptLanguage.Parse(value, dialect), (s, e) => map.Locate(s, e).Span, (caller?.Depth ?? -1) + 1)
            {
                File = configMap.File,
                Via = caller?.Via?.Into(resolution) ?? new ScriptVia(reference, path, resolution),
            };
            WalkText(text, placement, scope, background);
            _visiting.Remove(id);
            return true;
        }

        private void WalkWord(ShellText text, ShellWord word, CommandPlacement placement, ShellScope? scope, ShellListItem? background, int depth) =>
            WalkParts(text, word.Parts, placement, scope, background, depth);

        private void WalkParts(ShellText text, IReadOnlyList<ShellWordPart> parts, CommandPlacement placement, ShellScope? scope, ShellListItem? background, int depth)
        {
            if (depth > MaxNodeDepth)
            {
                return;
            }

            foreach (ShellWordPart part in parts)
            {
                switch (part)
                {
                    case ShellCommandSubstitutionPart substitution:
                        WalkList(text, substitution.Body.Body, placement | CommandPlacement.Substitution, new ShellScope(substitution, scope), background, depth + 1);
                        break;
                    case ShellProcessSubstitutionPart process:
                        WalkList(text, process.Body.Body, placement | CommandPlacement.Substitution, new ShellScope(process, scope), background, depth + 1);
                        break;
                    case ShellDoubleQuotedPart quoted:
                        WalkParts(text, quoted.Parts, placement, scope, background, depth + 1);
                        break;
                    case ShellParameterExpansionPart parameter when parameter.Operand != null:
                        WalkParts(text, parameter.Operand.Parts, placement, scope, background, depth + 1);
                        break;
                    case ShellArithmeticExpansionPart arithmetic:
                        foreach (ShellCommandSubstitutionPart s in arithmetic.Substitutions)
                        {
                            WalkList(text, s.Body.Body, placement | CommandPlacement.Substitution, new ShellScope(s, scope), background, depth + 1);
                        }

                        break;
                }
            }
        }

        /// <summary>Offset of the first content character when the word's value maps one to one onto its text.</summary>
        private static int? ContentStart(ShellWord word, string value)
        {
            if (word.Parts.Count != 1)
            {
                return null;
            }

            ShellWordPart part = word.Parts[0];
            return part switch
            {
                ShellLiteralPart literal when literal.Value.Length == part.Span.Length => part.Start,
                ShellSingleQuotedPart when part.Span.Length == value.Length + 2 => part.Start + 1,
                ShellDoubleQuotedPart quoted when quoted.Parts.All(p => p is ShellLiteralPart) && part.Span.Length == value.Length + 2 => part.Start + 1,
                _ => null,
            };
        }
    }
}
