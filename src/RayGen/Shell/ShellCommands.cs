using System.Collections.Generic;
using System.Linq;

namespace RayGen.Shell
{
    /// <summary>A whole script: the input itself, or the body of a command or process substitution.</summary>
    internal sealed class ShellScript : ShellNode
    {
        public ShellScript(ShellSpan span, ShellCommandList body)
            : base(span) => Body = body;

        public ShellCommandList Body { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Body };
    }

    /// <summary>How a list item ends.</summary>
    internal enum ShellTerminator
    {
        /// <summary>Nothing follows (end of the list).</summary>
        None,

        Semicolon,

        /// <summary><c>&amp;</c>: run in the background.</summary>
        Ampersand,

        Newline,
    }

    /// <summary>A sequence of and-or lists separated by <c>;</c>, <c>&amp;</c> or newlines.</summary>
    internal sealed class ShellCommandList : ShellNode
    {
        public ShellCommandList(ShellSpan span, IReadOnlyList<ShellListItem> items)
            : base(span) => Items = items;

        public IReadOnlyList<ShellListItem> Items { get; }

        public bool IsEmpty => Items.Count == 0;

        public override IEnumerable<ShellNode> Children => Items;
    }

    /// <summary>One and-or list plus the operator that ends it.</summary>
    internal sealed class ShellListItem : ShellNode
    {
        public ShellListItem(ShellSpan span, ShellAndOrList command, ShellTerminator terminator, ShellSpan? terminatorSpan)
            : base(span)
        {
            Command = command;
            Terminator = terminator;
            TerminatorSpan = terminatorSpan;
        }

        public ShellAndOrList Command { get; }

        public ShellTerminator Terminator { get; }

        /// <summary>Where the <c>;</c>, <c>&amp;</c> or newline is; null for <see cref="ShellTerminator.None"/>.</summary>
        public ShellSpan? TerminatorSpan { get; }

        /// <summary>True when the item ends with <c>&amp;</c>: the shell does not wait for it.</summary>
        public bool IsBackground => Terminator == ShellTerminator.Ampersand;

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Command };
    }

    /// <summary>An operator token kept with its location (<c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>|&amp;</c>, <c>;;</c> …).</summary>
    internal readonly struct ShellOperator
    {
        public ShellOperator(ShellTokenKind kind, ShellSpan span)
        {
            Kind = kind;
            Span = span;
        }

        public ShellTokenKind Kind { get; }

        public ShellSpan Span { get; }

        public string Text => ShellToken.OperatorText(Kind);
    }

    /// <summary>Pipelines joined by <c>&amp;&amp;</c> and <c>||</c>, left-associative with equal precedence.</summary>
    internal sealed class ShellAndOrList : ShellNode
    {
        public ShellAndOrList(ShellSpan span, IReadOnlyList<ShellPipeline> pipelines, IReadOnlyList<ShellOperator> operators)
            : base(span)
        {
            Pipelines = pipelines;
            Operators = operators;
        }

        public IReadOnlyList<ShellPipeline> Pipelines { get; }

        /// <summary><c>Operators[i]</c> stands between <c>Pipelines[i]</c> and <c>Pipelines[i + 1]</c>.</summary>
        public IReadOnlyList<ShellOperator> Operators { get; }

        public override IEnumerable<ShellNode> Children => Pipelines;
    }

    /// <summary>Commands joined by <c>|</c> or <c>|&amp;</c>, optionally behind <c>!</c> and/or <c>time</c>.</summary>
    internal sealed class ShellPipeline : ShellNode
    {
        public ShellPipeline(
            ShellSpan span,
            IReadOnlyList<ShellSpan> bangs,
            ShellSpan? time,
            IReadOnlyList<ShellCommand> commands,
            IReadOnlyList<ShellOperator> pipeOperators)
            : base(span)
        {
            Bangs = bangs;
            Time = time;
            Commands = commands;
            PipeOperators = pipeOperators;
        }

        /// <summary>The <c>!</c> words in front of the pipeline.</summary>
        public IReadOnlyList<ShellSpan> Bangs { get; }

        public bool IsNegated => Bangs.Count % 2 == 1;

        /// <summary>The <c>time</c> keyword (bash), if present.</summary>
        public ShellSpan? Time { get; }

        /// <summary>Empty only for bash's <c>!</c> or <c>time</c> with nothing after it.</summary>
        public IReadOnlyList<ShellCommand> Commands { get; }

        public IReadOnlyList<ShellOperator> PipeOperators { get; }

        public override IEnumerable<ShellNode> Children => Commands;
    }

    /// <summary>Base of simple and compound commands; every command can carry redirections.</summary>
    internal abstract class ShellCommand : ShellNode
    {
        protected ShellCommand(ShellSpan span, IReadOnlyList<ShellRedirection> redirections)
            : base(span) => Redirections = redirections;

        public IReadOnlyList<ShellRedirection> Redirections { get; }

        protected IEnumerable<ShellNode> WithRedirections(params ShellNode?[] nodes) =>
            nodes.Where(n => n != null).Select(n => n!).Concat(Redirections);
    }

    /// <summary><c>A=b 2&gt;/dev/null cmd arg …</c></summary>
    internal sealed class ShellSimpleCommand : ShellCommand
    {
        public ShellSimpleCommand(
            ShellSpan span,
            IReadOnlyList<ShellAssignment> assignments,
            IReadOnlyList<ShellWord> words,
            IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections)
        {
            Assignments = assignments;
            Words = words;
        }

        /// <summary>Assignments before the command name.</summary>
        public IReadOnlyList<ShellAssignment> Assignments { get; }

        /// <summary>The command name followed by its arguments (empty for an assignment- or redirection-only command).</summary>
        public IReadOnlyList<ShellWord> Words { get; }

        public ShellWord? Name => Words.Count > 0 ? Words[0] : null;

        public IEnumerable<ShellWord> Arguments => Words.Skip(1);

        public override IEnumerable<ShellNode> Children =>
            Assignments.Cast<ShellNode>().Concat(Words).Concat(Redirections).OrderBy(n => n.Start);
    }

    /// <summary><c>NAME=value</c>, <c>NAME+=value</c>, <c>NAME[i]=value</c> or <c>NAME=(a b)</c>.</summary>
    internal sealed class ShellAssignment : ShellNode
    {
        public ShellAssignment(ShellSpan span, string name, string? subscript, bool isAppend, ShellWord word, ShellWord? value, IReadOnlyList<ShellWord>? arrayElements)
            : base(span)
        {
            Name = name;
            Subscript = subscript;
            IsAppend = isAppend;
            Word = word;
            Value = value;
            ArrayElements = arrayElements;
        }

        public string Name { get; }

        public string? Subscript { get; }

        public bool IsAppend { get; }

        /// <summary>The whole assignment word.</summary>
        public ShellWord Word { get; }

        /// <summary>The part after <c>=</c> (an empty word for <c>A=</c>); null for an array assignment.</summary>
        public ShellWord? Value { get; }

        /// <summary>The elements of <c>NAME=(…)</c>; null for a scalar assignment.</summary>
        public IReadOnlyList<ShellWord>? ArrayElements { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Word };
    }

    /// <summary><c>( list )</c></summary>
    internal sealed class ShellSubshell : ShellCommand
    {
        public ShellSubshell(ShellSpan span, ShellCommandList body, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections) => Body = body;

        public ShellCommandList Body { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(Body);
    }

    /// <summary><c>{ list; }</c></summary>
    internal sealed class ShellBraceGroup : ShellCommand
    {
        public ShellBraceGroup(ShellSpan span, ShellCommandList body, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections) => Body = body;

        public ShellCommandList Body { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(Body);
    }

    /// <summary>One <c>if</c>/<c>elif</c> condition and its <c>then</c> body.</summary>
    internal sealed class ShellIfBranch : ShellNode
    {
        public ShellIfBranch(ShellSpan span, ShellCommandList condition, ShellCommandList body)
            : base(span)
        {
            Condition = condition;
            Body = body;
        }

        public ShellCommandList Condition { get; }

        public ShellCommandList Body { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Condition, Body };
    }

    /// <summary><c>if … then … elif … then … else … fi</c></summary>
    internal sealed class ShellIfCommand : ShellCommand
    {
        public ShellIfCommand(ShellSpan span, IReadOnlyList<ShellIfBranch> branches, ShellCommandList? elseBody, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections)
        {
            Branches = branches;
            ElseBody = elseBody;
        }

        /// <summary>The <c>if</c> branch followed by the <c>elif</c> branches.</summary>
        public IReadOnlyList<ShellIfBranch> Branches { get; }

        public ShellCommandList? ElseBody { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(Branches.Cast<ShellNode>().Concat(new ShellNode?[] { ElseBody }).ToArray());
    }

    /// <summary><c>while list; do list; done</c> or <c>until …</c></summary>
    internal sealed class ShellLoopCommand : ShellCommand
    {
        public ShellLoopCommand(ShellSpan span, bool isUntil, ShellCommandList condition, ShellCommandList body, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections)
        {
            IsUntil = isUntil;
            Condition = condition;
            Body = body;
        }

        public bool IsUntil { get; }

        public ShellCommandList Condition { get; }

        public ShellCommandList Body { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(Condition, Body);
    }

    /// <summary><c>for NAME [in words]; do …; done</c>, or bash's <c>select</c> with the same shape.</summary>
    internal sealed class ShellForCommand : ShellCommand
    {
        public ShellForCommand(ShellSpan span, bool isSelect, ShellWord variable, IReadOnlyList<ShellWord>? items, ShellCommandList body, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections)
        {
            IsSelect = isSelect;
            Variable = variable;
            Items = items;
            Body = body;
        }

        public bool IsSelect { get; }

        public ShellWord Variable { get; }

        /// <summary>The words after <c>in</c>; null when there is no <c>in</c> (loop over <c>"$@"</c>).</summary>
        public IReadOnlyList<ShellWord>? Items { get; }

        public ShellCommandList Body { get; }

        public override IEnumerable<ShellNode> Children =>
            WithRedirections(new ShellNode[] { Variable }.Concat(Items ?? new ShellWord[0]).Concat(new ShellNode[] { Body }).ToArray());
    }

    /// <summary>bash <c>for ((init; test; step)); do …; done</c>. The expressions are kept as text.</summary>
    internal sealed class ShellArithmeticForCommand : ShellCommand
    {
        public ShellArithmeticForCommand(ShellSpan span, string expressions, IReadOnlyList<ShellCommandSubstitutionPart> substitutions, ShellCommandList body, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections)
        {
            Expressions = expressions;
            Substitutions = substitutions;
            Body = body;
        }

        /// <summary>The text between <c>((</c> and <c>))</c>.</summary>
        public string Expressions { get; }

        /// <summary>The <c>$(…)</c> inside the expressions.</summary>
        public IReadOnlyList<ShellCommandSubstitutionPart> Substitutions { get; }

        public ShellCommandList Body { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(Substitutions.Cast<ShellNode>().Concat(new ShellNode[] { Body }).ToArray());
    }

    /// <summary>One <c>pattern | pattern) list ;;</c> clause.</summary>
    internal sealed class ShellCaseClause : ShellNode
    {
        public ShellCaseClause(ShellSpan span, IReadOnlyList<ShellWord> patterns, ShellCommandList body, ShellOperator? terminator)
            : base(span)
        {
            Patterns = patterns;
            Body = body;
            Terminator = terminator;
        }

        public IReadOnlyList<ShellWord> Patterns { get; }

        public ShellCommandList Body { get; }

        /// <summary><c>;;</c>, <c>;&amp;</c> or <c>;;&amp;</c>; null when <c>esac</c> follows directly.</summary>
        public ShellOperator? Terminator { get; }

        public override IEnumerable<ShellNode> Children => Patterns.Cast<ShellNode>().Concat(new ShellNode[] { Body });
    }

    /// <summary><c>case word in … esac</c></summary>
    internal sealed class ShellCaseCommand : ShellCommand
    {
        public ShellCaseCommand(ShellSpan span, ShellWord subject, IReadOnlyList<ShellCaseClause> clauses, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections)
        {
            Subject = subject;
            Clauses = clauses;
        }

        public ShellWord Subject { get; }

        public IReadOnlyList<ShellCaseClause> Clauses { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(new ShellNode[] { Subject }.Concat(Clauses).ToArray());
    }

    /// <summary><c>name() body</c> or bash's <c>function name [()] body</c>.</summary>
    internal sealed class ShellFunctionDefinition : ShellCommand
    {
        public ShellFunctionDefinition(ShellSpan span, ShellWord nameWord, bool hasFunctionKeyword, ShellCommand body)
            : base(span, new ShellRedirection[0])
        {
            NameWord = nameWord;
            HasFunctionKeyword = hasFunctionKeyword;
            Body = body;
        }

        public ShellWord NameWord { get; }

        public string Name => NameWord.UnquotedLiteralValue ?? string.Empty;

        public bool HasFunctionKeyword { get; }

        /// <summary>The body; its redirections apply whenever the function runs.</summary>
        public ShellCommand Body { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { NameWord, Body };
    }

    /// <summary>bash <c>(( expression ))</c>. The expression is kept as text.</summary>
    internal sealed class ShellArithmeticCommand : ShellCommand
    {
        public ShellArithmeticCommand(ShellSpan span, string expression, IReadOnlyList<ShellCommandSubstitutionPart> substitutions, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections)
        {
            Expression = expression;
            Substitutions = substitutions;
        }

        public string Expression { get; }

        /// <summary>The <c>$(…)</c> inside the expression.</summary>
        public IReadOnlyList<ShellCommandSubstitutionPart> Substitutions { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(Substitutions.ToArray());
    }

    /// <summary>bash <c>[[ expression ]]</c>.</summary>
    internal sealed class ShellConditionalCommand : ShellCommand
    {
        public ShellConditionalCommand(ShellSpan span, ShellConditionalExpression? expression, IReadOnlyList<ShellRedirection> redirections)
            : base(span, redirections) => Expression = expression;

        /// <summary>Null only when the expression could not be parsed.</summary>
        public ShellConditionalExpression? Expression { get; }

        public override IEnumerable<ShellNode> Children => WithRedirections(Expression);
    }

    /// <summary>bash <c>coproc [NAME] command</c>.</summary>
    internal sealed class ShellCoprocCommand : ShellCommand
    {
        public ShellCoprocCommand(ShellSpan span, ShellWord? nameWord, ShellCommand body)
            : base(span, new ShellRedirection[0])
        {
            NameWord = nameWord;
            Body = body;
        }

        public ShellWord? NameWord { get; }

        public ShellCommand Body { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode?[] { NameWord, Body }.Where(n => n != null).Select(n => n!);
    }

    /// <summary>Kinds of redirection operators.</summary>
    internal enum ShellRedirectionKind
    {
        Input,
        Output,
        Append,
        Clobber,
        ReadWrite,
        DuplicateInput,
        DuplicateOutput,
        OutputAndError,
        AppendOutputAndError,
        HereDocument,
        HereString,
    }

    /// <summary><c>[n]op target</c>, e.g. <c>2&gt;&amp;1</c>, <c>&gt;&gt; log</c>, <c>&lt;&lt;EOF</c>.</summary>
    internal sealed class ShellRedirection : ShellNode
    {
        public ShellRedirection(
            ShellSpan span,
            ShellSpan? fileDescriptorSpan,
            int? fileDescriptor,
            ShellRedirectionKind kind,
            ShellOperator @operator,
            ShellWord target,
            ShellHereDocument? hereDocument)
            : base(span)
        {
            FileDescriptorSpan = fileDescriptorSpan;
            FileDescriptor = fileDescriptor;
            Kind = kind;
            Operator = @operator;
            Target = target;
            HereDocument = hereDocument;
        }

        public ShellSpan? FileDescriptorSpan { get; }

        /// <summary>The explicit descriptor number (<c>2</c> in <c>2&gt;&amp;1</c>), if any.</summary>
        public int? FileDescriptor { get; }

        public ShellRedirectionKind Kind { get; }

        public ShellOperator Operator { get; }

        /// <summary>The file, descriptor or here-string word; for a here-document, its delimiter word.</summary>
        public ShellWord Target { get; }

        public ShellHereDocument? HereDocument { get; }

        public override IEnumerable<ShellNode> Children => new ShellNode[] { Target };
    }

    /// <summary>
    /// A here-document. Its span covers the operator and the delimiter word; the body is read after the
    /// line holding the operator ends, so it is filled in when the lexer reaches that newline.
    /// </summary>
    internal sealed class ShellHereDocument : ShellNode
    {
        public ShellHereDocument(ShellSpan span, ShellSpan operatorSpan, bool stripTabs, ShellWord delimiterWord, string delimiter, bool isQuoted)
            : base(span)
        {
            OperatorSpan = operatorSpan;
            StripTabs = stripTabs;
            DelimiterWord = delimiterWord;
            Delimiter = delimiter;
            IsQuoted = isQuoted;
            BodySpan = new ShellSpan(span.End, span.End);
        }

        /// <summary>The <c>&lt;&lt;</c> or <c>&lt;&lt;-</c>.</summary>
        public ShellSpan OperatorSpan { get; }

        /// <summary>True for <c>&lt;&lt;-</c> (leading tabs are removed from body lines and the terminator).</summary>
        public bool StripTabs { get; }

        public ShellWord DelimiterWord { get; }

        /// <summary>The delimiter after quote removal.</summary>
        public string Delimiter { get; }

        /// <summary>True when any part of the delimiter was quoted: the body is then not expanded.</summary>
        public bool IsQuoted { get; }

        public ShellSpan BodySpan { get; private set; }

        /// <summary>The body text (leading tabs removed for <c>&lt;&lt;-</c>).</summary>
        public string Body { get; private set; } = string.Empty;

        /// <summary>
        /// False when the input ended before a terminator line: bash warns ("here-document delimited by
        /// end-of-file") and feeds everything up to the end to the command.
        /// </summary>
        public bool IsTerminated { get; private set; }

        /// <summary>The delimiter on the terminator line, if terminated.</summary>
        public ShellSpan? TerminatorSpan { get; private set; }

        internal void Complete(ShellSpan bodySpan, string body, ShellSpan? terminatorSpan)
        {
            BodySpan = bodySpan;
            Body = body;
            IsTerminated = terminatorSpan.HasValue;
            TerminatorSpan = terminatorSpan;
        }
    }
}
