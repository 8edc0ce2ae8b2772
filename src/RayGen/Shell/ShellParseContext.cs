using System.Collections.Generic;

namespace RayGen.Shell
{
    /// <summary>State shared by the parser, its lexers and the nested parsers of substitutions.</summary>
    internal sealed class ShellParseContext
    {
        public ShellParseContext(string input, ShellDialect dialect, int maxDepth)
        {
            Input = input;
            Dialect = dialect;
            MaxDepth = maxDepth;
        }

        /// <summary>The original text; every span indexes it.</summary>
        public string Input { get; }

        public ShellDialect Dialect { get; }

        public bool IsBash => Dialect == ShellDialect.Bash;

        public int MaxDepth { get; }

        public List<ShellDiagnostic> Diagnostics { get; } = new();

        public List<ShellComment> Comments { get; private set; } = new();

        public List<ShellHereDocument> HereDocuments { get; private set; } = new();

        /// <summary>
        /// Set by the first error. Like bash, parsing stops there: every lexer then returns end-of-input, so all
        /// parse methods unwind normally and return the partial tree.
        /// </summary>
        public bool Failed { get; private set; }

        private int _depth;
        private ShellParseContext? _commandSubstitutionContext;

        /// <summary>The context <c>$(…)</c> and process substitutions are parsed in (see <see cref="CreateDeferredChild"/>).</summary>
        public ShellParseContext CommandSubstitutionContext => _commandSubstitutionContext ?? this;

        /// <summary>Enter one nesting level; false (and an error) when the depth budget is used up.</summary>
        public bool Enter(ShellSpan at)
        {
            if (_depth >= MaxDepth)
            {
                Error(ShellDiagnosticCode.NestingTooDeep, at, "nesting deeper than " + MaxDepth + " levels; parsing stopped");
                return false;
            }

            _depth++;
            return true;
        }

        public void Exit() => _depth--;

        /// <summary>
        /// A context whose errors do not stop this one: bash parses a backquoted substitution (and a <c>$((</c>
        /// that is not arithmetic) only when the line runs, so a syntax error inside does not make the script
        /// invalid. Comments, here-documents and the depth budget are shared.
        /// </summary>
        /// <param name="strictCommandSubstitutions">
        /// True for a non-arithmetic <c>$((</c>: bash finds its end by matching parentheses, and that scan parses
        /// each nested <c>$(…)</c> right away, so errors there still count.
        /// </param>
        public ShellParseContext CreateDeferredChild(bool strictCommandSubstitutions) =>
            new(Input, Dialect, MaxDepth)
            {
                Comments = Comments,
                HereDocuments = HereDocuments,
                _depth = _depth,
                _commandSubstitutionContext = strictCommandSubstitutions ? CommandSubstitutionContext : null,
            };

        /// <summary>Takes over a deferred child's findings: its error becomes a warning here.</summary>
        public void AbsorbDeferred(ShellParseContext child)
        {
            foreach (ShellDiagnostic d in child.Diagnostics)
            {
                if (d.Severity == ShellDiagnosticSeverity.Warning)
                {
                    Warning(d.Code, d.Span, d.Message, d.ShellCheckCode);
                }
                else
                {
                    Warning(
                        ShellDiagnosticCode.DeferredSyntaxError,
                        d.Span,
                        "warning: bash parses this command substitution only when it runs, and it will fail: " + d.Message,
                        d.ShellCheckCode);
                }
            }
        }

        public void Error(ShellDiagnosticCode code, ShellSpan span, string message, string? shellCheckCode = null)
        {
            if (Failed)
            {
                return;
            }

            Failed = true;
            Diagnostics.Add(new ShellDiagnostic(code, ShellDiagnosticSeverity.Error, span, message, shellCheckCode));
        }

        public void Warning(ShellDiagnosticCode code, ShellSpan span, string message, string? shellCheckCode = null)
        {
            if (!Failed)
            {
                Diagnostics.Add(new ShellDiagnostic(code, ShellDiagnosticSeverity.Warning, span, message, shellCheckCode));
            }
        }
    }
}
