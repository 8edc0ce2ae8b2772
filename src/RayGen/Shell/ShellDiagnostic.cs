namespace RayGen.Shell
{
    /// <summary>Stable identifiers of parse findings; rules switch on these, never on message text.</summary>
    internal enum ShellDiagnosticCode
    {
        /// <summary>A token that cannot appear here ("syntax error near unexpected token `fi'").</summary>
        UnexpectedToken,

        /// <summary>
        /// A control operator (<c>;</c> <c>&amp;</c> <c>&amp;&amp;</c> <c>||</c> <c>|</c> <c>;;</c> …) where a command
        /// should start, e.g. <c>cmd&amp; &amp;&amp; x</c>, <c>; x</c>, <c>a &amp;&amp; || b</c>.
        /// </summary>
        EmptyCommandBeforeOperator,

        /// <summary>Input ended where more was required (after <c>&amp;&amp;</c>, <c>|</c>, a keyword …).</summary>
        UnexpectedEndOfFile,

        MissingFi,
        MissingDone,
        MissingEsac,
        MissingCloseBrace,
        MissingCloseParen,

        /// <summary><c>[[</c> without <c>]]</c>.</summary>
        MissingConditionalEnd,

        /// <summary>A quote or backquote is not closed.</summary>
        UnterminatedQuote,

        /// <summary><c>$(</c>, <c>${</c>, <c>$((</c>, <c>$[</c>, <c>&lt;(</c> or an array <c>(</c> is not closed.</summary>
        UnterminatedExpansion,

        /// <summary>Malformed <c>[[ … ]]</c> expression (bash prints some of these without a "syntax error" prefix, or nothing at all, but still refuses to run the line).</summary>
        ConditionalSyntax,

        /// <summary>Nesting exceeded the parser's depth budget.</summary>
        NestingTooDeep,

        /// <summary>
        /// Warning: a syntax error inside <c>`…`</c> or a non-arithmetic <c>$((…)</c>. bash parses those only when
        /// the line runs, so the script is valid and only that substitution fails (dash rejects backquotes at parse time).
        /// </summary>
        DeferredSyntaxError,

        /// <summary>Warning: a here-document reached the end of the input without its terminator line.</summary>
        UnterminatedHereDocument,
    }

    internal enum ShellDiagnosticSeverity
    {
        /// <summary>bash refuses to run the script.</summary>
        Error,

        /// <summary>bash runs it but prints a warning.</summary>
        Warning,
    }

    /// <summary>A syntax error or warning with its location in the original input.</summary>
    internal sealed class ShellDiagnostic
    {
        public ShellDiagnostic(ShellDiagnosticCode code, ShellDiagnosticSeverity severity, ShellSpan span, string message, string? shellCheckCode)
        {
            Code = code;
            Severity = severity;
            Span = span;
            Message = message;
            ShellCheckCode = shellCheckCode;
        }

        public ShellDiagnosticCode Code { get; }

        public ShellDiagnosticSeverity Severity { get; }

        public ShellSpan Span { get; }

        public int Offset => Span.Start;

        public int Length => Span.Length;

        /// <summary>The message in bash's words, e.g. <c>syntax error near unexpected token `&amp;&amp;'</c>.</summary>
        public string Message { get; }

        /// <summary>The ShellCheck code that reports the same problem (for help text), when there is a clear one.</summary>
        public string? ShellCheckCode { get; }

        public override string ToString() => Severity + " " + Code + " " + Span + ": " + Message;
    }
}
