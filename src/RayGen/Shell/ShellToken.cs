namespace RayGen.Shell
{
    /// <summary>Token kinds produced by <see cref="ShellLexer"/>. Reserved words are <see cref="Word"/> tokens; the parser recognizes them by position.</summary>
    internal enum ShellTokenKind
    {
        EndOfInput,
        Newline,
        Word,

        /// <summary>Digits directly before a redirection operator (<c>2</c> in <c>2&gt;&amp;1</c>).</summary>
        IoNumber,
        Semicolon,
        DoubleSemicolon,
        SemicolonAmpersand,
        DoubleSemicolonAmpersand,
        Ampersand,
        AndIf,
        OrIf,
        Pipe,
        PipeAmpersand,
        LeftParen,
        RightParen,
        Less,
        Great,
        DoubleGreat,
        Clobber,
        LessGreat,
        LessAnd,
        GreatAnd,
        AndGreat,
        AndDoubleGreat,
        DoubleLess,
        DoubleLessDash,
        TripleLess,
    }

    /// <summary>One token. Local offsets index the lexer's source; <see cref="Span"/> is in original input offsets.</summary>
    internal readonly struct ShellToken
    {
        public ShellToken(ShellTokenKind kind, int localStart, int localEnd, ShellSpan span, ShellWord? word)
        {
            Kind = kind;
            LocalStart = localStart;
            LocalEnd = localEnd;
            Span = span;
            Word = word;
        }

        public ShellTokenKind Kind { get; }

        public int LocalStart { get; }

        public int LocalEnd { get; }

        public ShellSpan Span { get; }

        /// <summary>The word for <see cref="ShellTokenKind.Word"/> and <see cref="ShellTokenKind.IoNumber"/> tokens.</summary>
        public ShellWord? Word { get; }

        public bool IsRedirectionOperator => Kind >= ShellTokenKind.Less && Kind <= ShellTokenKind.TripleLess;

        /// <summary>Operators that separate or join commands; meeting one where a command should start is an "empty command".</summary>
        public bool IsControlOperator => Kind is ShellTokenKind.Semicolon or ShellTokenKind.DoubleSemicolon or ShellTokenKind.SemicolonAmpersand
            or ShellTokenKind.DoubleSemicolonAmpersand or ShellTokenKind.Ampersand or ShellTokenKind.AndIf or ShellTokenKind.OrIf
            or ShellTokenKind.Pipe or ShellTokenKind.PipeAmpersand;

        public static string OperatorText(ShellTokenKind kind) => kind switch
        {
            ShellTokenKind.Newline => "\n",
            ShellTokenKind.Semicolon => ";",
            ShellTokenKind.DoubleSemicolon => ";;",
            ShellTokenKind.SemicolonAmpersand => ";&",
            ShellTokenKind.DoubleSemicolonAmpersand => ";;&",
            ShellTokenKind.Ampersand => "&",
            ShellTokenKind.AndIf => "&&",
            ShellTokenKind.OrIf => "||",
            ShellTokenKind.Pipe => "|",
            ShellTokenKind.PipeAmpersand => "|&",
            ShellTokenKind.LeftParen => "(",
            ShellTokenKind.RightParen => ")",
            ShellTokenKind.Less => "<",
            ShellTokenKind.Great => ">",
            ShellTokenKind.DoubleGreat => ">>",
            ShellTokenKind.Clobber => ">|",
            ShellTokenKind.LessGreat => "<>",
            ShellTokenKind.LessAnd => "<&",
            ShellTokenKind.GreatAnd => ">&",
            ShellTokenKind.AndGreat => "&>",
            ShellTokenKind.AndDoubleGreat => "&>>",
            ShellTokenKind.DoubleLess => "<<",
            ShellTokenKind.DoubleLessDash => "<<-",
            ShellTokenKind.TripleLess => "<<<",
            _ => string.Empty,
        };
    }
}
