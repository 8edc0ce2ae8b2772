using System.Collections.Generic;
using System.Linq;

namespace RayGen.Shell
{
    /// <summary>
    /// Recursive-descent parser for the bash grammar (parse.y) and, in <see cref="ShellDialect.Posix"/>, for dash.
    /// It stops at the first syntax error like bash does, returning the tree built so far.
    /// </summary>
    internal sealed partial class ShellParser
    {
        public const int DefaultMaxDepth = 200;

        private static readonly HashSet<string> ListEndWords = new() { "then", "elif", "else", "fi", "do", "done", "esac", "}", "in" };
        private static readonly HashSet<string> DeclarationBuiltins = new() { "declare", "typeset", "local", "export", "readonly" };

        private readonly ShellLexer _lexer;
        private readonly ShellParseContext _ctx;
        private readonly ShellSource _src;
        private ShellToken _tok;
        private ShellTokenKind _previous = ShellTokenKind.Newline;
        private int _previousEnd;

        private ShellParser(ShellSource source, int start, ShellParseContext context)
        {
            _src = source;
            _ctx = context;
            _lexer = new ShellLexer(source, start, context);
        }

        private bool IsBash => _ctx.IsBash;

        /// <summary>Parses <paramref name="text"/>. Never throws; errors and warnings are in the result.</summary>
        /// <param name="text">The shell text, e.g. KubeRay's final args string.</param>
        /// <param name="dialect">bash, or POSIX sh (dash) for <c>#!/bin/sh</c> scripts.</param>
        /// <param name="maxDepth">Nesting budget; deeper input gives <see cref="ShellDiagnosticCode.NestingTooDeep"/>.</param>
        public static ShellParseResult Parse(string text, ShellDialect dialect = ShellDialect.Bash, int maxDepth = DefaultMaxDepth)
        {
            text ??= string.Empty;
            var ctx = new ShellParseContext(text, dialect, maxDepth);
            var parser = new ShellParser(new ShellSource(text), 0, ctx);
            ShellScript script = parser.ParseWholeSource();
            return new ShellParseResult(
                text,
                dialect,
                script,
                ctx.Diagnostics.ToArray(),
                ctx.Comments.OrderBy(c => c.Start).ToArray(),
                ctx.HereDocuments.ToArray());
        }

        /// <summary>Parses the body of <c>$(…)</c>, <c>&lt;(…)</c> or <c>&gt;(…)</c>; <paramref name="end"/> is just past the closing <c>)</c>.</summary>
        internal static ShellScript ParseSubstitution(ShellSource source, int open, int bodyStart, ShellParseContext context, out int end)
        {
            var parser = new ShellParser(source, bodyStart, context);
            if (!context.Enter(source.Span(open, bodyStart)))
            {
                end = source.Length;
                return parser.EmptyScript(open, end);
            }

            parser.Advance();
            ShellCommandList body = parser.ParseList();
            if (parser._tok.Kind == ShellTokenKind.RightParen)
            {
                end = parser._tok.LocalEnd;
            }
            else
            {
                if (parser._tok.Kind == ShellTokenKind.EndOfInput)
                {
                    context.Error(ShellDiagnosticCode.UnterminatedExpansion, source.Span(open, bodyStart), "unexpected EOF while looking for matching `)'", "SC1073");
                }
                else
                {
                    parser.Unexpected();
                }

                end = source.Length;
            }

            parser._lexer.AbandonPendingHereDocuments();
            context.Exit();
            return new ShellScript(source.Span(open, end), body);
        }

        /// <summary>Parses a self-contained source: the de-escaped body of <c>`…`</c>, or a deferred <c>$((…)</c> body.</summary>
        internal static ShellScript ParseDetached(ShellSource source, ShellParseContext context) =>
            new ShellParser(source, 0, context).ParseWholeSource();

        private ShellScript ParseWholeSource()
        {
            Advance();
            ShellCommandList body = ParseList();
            if (_tok.Kind != ShellTokenKind.EndOfInput)
            {
                Unexpected();
            }

            return new ShellScript(_src.Span(0, _src.Length), body);
        }

        private ShellScript EmptyScript(int start, int end) =>
            new(_src.Span(start, end), new ShellCommandList(_src.Span(start, start), new ShellListItem[0]));

        // ---- token helpers ----

        /// <summary>Moves to the next token; <paramref name="context"/> is where that token stands (see <see cref="ShellAssignmentContext"/>).</summary>
        private void Advance(ShellAssignmentContext context = ShellAssignmentContext.CommandPrefix)
        {
            _previous = _tok.Kind;
            _previousEnd = _tok.Span.End;
            _lexer.AssignmentContext = context;
            _tok = _lexer.Next();
        }

        private void SkipNewlines(ShellAssignmentContext context = ShellAssignmentContext.CommandPrefix)
        {
            while (_tok.Kind == ShellTokenKind.Newline)
            {
                Advance(context);
            }
        }

        /// <summary>The token's unquoted literal text when it is a word that could be a reserved word.</summary>
        private string? ReservedCandidate => _tok.Kind == ShellTokenKind.Word && _tok.Word!.Parts.Count == 1 ? _tok.Word.UnquotedLiteralValue : null;

        private bool IsReserved(string word) => ReservedCandidate == word;

        private bool StartsCommand()
        {
            switch (_tok.Kind)
            {
                case ShellTokenKind.Word:
                    string? candidate = ReservedCandidate;
                    return candidate == null || !(ListEndWords.Contains(candidate) || (IsBash && candidate == "]]"));
                case ShellTokenKind.IoNumber:
                case ShellTokenKind.LeftParen:
                    return true;
                default:
                    return _tok.IsRedirectionOperator;
            }
        }

        private bool StartsCompoundCommand()
        {
            if (_tok.Kind == ShellTokenKind.LeftParen)
            {
                return true;
            }

            switch (ReservedCandidate)
            {
                case "{":
                case "if":
                case "while":
                case "until":
                case "for":
                case "case":
                    return true;
                case "select":
                case "[[":
                    return IsBash;
                default:
                    return false;
            }
        }

        private string TokenText(ShellToken token) => token.Kind switch
        {
            ShellTokenKind.Newline => "newline",
            ShellTokenKind.EndOfInput => "end of file",
            _ => token.Span.Length > 0 ? _ctx.Input.Substring(token.Span.Start, token.Span.Length) : ShellToken.OperatorText(token.Kind),
        };

        // ---- errors ----

        /// <summary>Reports the current token as unexpected, bash style; at end of input reports <paramref name="endOfInput"/>.</summary>
        private void Unexpected(ShellDiagnosticCode endOfInput = ShellDiagnosticCode.UnexpectedEndOfFile)
        {
            if (_tok.Kind == ShellTokenKind.EndOfInput)
            {
                Fail(endOfInput, "syntax error: unexpected end of file", "SC1072");
            }
            else if (_tok.IsControlOperator)
            {
                Fail(ShellDiagnosticCode.EmptyCommandBeforeOperator, "syntax error near unexpected token `" + TokenText(_tok) + "'", EmptyCommandShellCheckCode());
            }
            else
            {
                Fail(ShellDiagnosticCode.UnexpectedToken, "syntax error near unexpected token `" + TokenText(_tok) + "'", null);
            }
        }

        /// <summary>SC1133 for an operator that starts a line, SC1070 after <c>;</c>/<c>&amp;</c>, SC1072 after a dangling <c>&amp;&amp;</c>/<c>||</c>/<c>|</c>.</summary>
        private string? EmptyCommandShellCheckCode() => _previous switch
        {
            ShellTokenKind.Newline => "SC1133",
            ShellTokenKind.Semicolon or ShellTokenKind.Ampersand => "SC1070",
            ShellTokenKind.AndIf or ShellTokenKind.OrIf or ShellTokenKind.Pipe or ShellTokenKind.PipeAmpersand => "SC1072",
            _ => null,
        };

        /// <summary>A redirection or here-document operator without its word: bash names the next token (a newline at the end).</summary>
        private void MissingWord()
        {
            string text = _tok.Kind == ShellTokenKind.EndOfInput ? "newline" : TokenText(_tok);
            Fail(ShellDiagnosticCode.UnexpectedToken, "syntax error near unexpected token `" + text + "'", null);
        }

        private void Fail(ShellDiagnosticCode code, string message, string? shellCheckCode, ShellSpan? at = null)
        {
            _ctx.Error(code, at ?? _tok.Span, message, shellCheckCode);
            _tok = new ShellToken(ShellTokenKind.EndOfInput, _src.Length, _src.Length, _src.Span(_src.Length, _src.Length), null);
        }

        /// <summary>Requires the reserved word <paramref name="word"/> without consuming it.</summary>
        private bool Expect(string word, ShellDiagnosticCode endOfInput)
        {
            if (IsReserved(word))
            {
                return true;
            }

            Unexpected(endOfInput);
            return false;
        }

        private bool ExpectKind(ShellTokenKind kind, ShellDiagnosticCode endOfInput)
        {
            if (_tok.Kind == kind)
            {
                return true;
            }

            Unexpected(endOfInput);
            return false;
        }

        /// <summary>From <paramref name="start"/> to the end of the last consumed token.</summary>
        private ShellSpan SpanFrom(int start) => new(start, _previousEnd);

        // ---- lists ----

        /// <summary>
        /// and-or lists separated by <c>;</c>, <c>&amp;</c> or newlines. Stops at the first token that cannot
        /// start a command and leaves it for the caller, which decides whether it is allowed there.
        /// </summary>
        private ShellCommandList ParseList()
        {
            SkipNewlines();
            int start = _tok.Span.Start;
            var items = new List<ShellListItem>();
            while (!_ctx.Failed && StartsCommand())
            {
                ShellAndOrList andOr = ParseAndOr();
                ShellTerminator terminator = _tok.Kind switch
                {
                    ShellTokenKind.Semicolon => ShellTerminator.Semicolon,
                    ShellTokenKind.Ampersand => ShellTerminator.Ampersand,
                    ShellTokenKind.Newline => ShellTerminator.Newline,
                    _ => ShellTerminator.None,
                };
                ShellSpan? terminatorSpan = null;
                if (terminator != ShellTerminator.None && !_ctx.Failed)
                {
                    terminatorSpan = _tok.Span;
                    Advance();
                }

                items.Add(new ShellListItem(new ShellSpan(andOr.Start, terminatorSpan?.End ?? andOr.End), andOr, terminator, terminatorSpan));
                if (terminator == ShellTerminator.None)
                {
                    break;
                }

                SkipNewlines();
            }

            ShellSpan span = items.Count > 0 ? new ShellSpan(items[0].Start, items[items.Count - 1].End) : new ShellSpan(start, start);
            return new ShellCommandList(span, items);
        }

        /// <summary>A list that must hold at least one command (every compound-command body).</summary>
        private ShellCommandList ParseRequiredList(ShellDiagnosticCode endOfInput)
        {
            ShellCommandList list = ParseList();
            if (list.IsEmpty && !_ctx.Failed)
            {
                Unexpected(endOfInput);
            }

            return list;
        }

        private ShellAndOrList ParseAndOr()
        {
            var pipelines = new List<ShellPipeline> { ParsePipeline() };
            var operators = new List<ShellOperator>();
            while (!_ctx.Failed && (_tok.Kind == ShellTokenKind.AndIf || _tok.Kind == ShellTokenKind.OrIf))
            {
                operators.Add(new ShellOperator(_tok.Kind, _tok.Span));
                Advance();
                SkipNewlines();
                if (!StartsCommand())
                {
                    Unexpected();
                    break;
                }

                pipelines.Add(ParsePipeline());
            }

            return new ShellAndOrList(new ShellSpan(pipelines[0].Start, pipelines[pipelines.Count - 1].End), pipelines, operators);
        }

        private ShellPipeline ParsePipeline()
        {
            int start = _tok.Span.Start;
            var bangs = new List<ShellSpan>();
            ShellSpan? time = null;
            while (!_ctx.Failed)
            {
                if (IsReserved("!") && (IsBash || bangs.Count == 0))
                {
                    bangs.Add(_tok.Span);
                    Advance();
                }
                else if (IsBash && time == null && IsReserved("time"))
                {
                    time = _tok.Span;
                    Advance();
                    if (IsReserved("-p"))
                    {
                        Advance();
                    }

                    if (IsReserved("--"))
                    {
                        Advance();
                    }
                }
                else
                {
                    break;
                }
            }

            var commands = new List<ShellCommand>();
            var pipes = new List<ShellOperator>();
            bool prefixOnly = bangs.Count > 0 || time != null;

            // bash accepts a bare `!` or `time` before a newline, `;` or the end (grammar: BANG list_terminator).
            bool bareAllowed = IsBash && prefixOnly && _tok.Kind is ShellTokenKind.Newline or ShellTokenKind.Semicolon or ShellTokenKind.EndOfInput;
            if (!bareAllowed && !_ctx.Failed)
            {
                if (!StartsCommand() || (prefixOnly && IsReserved("!")))
                {
                    Unexpected();
                }
                else
                {
                    commands.Add(ParseCommand());
                    while (!_ctx.Failed && (_tok.Kind == ShellTokenKind.Pipe || _tok.Kind == ShellTokenKind.PipeAmpersand))
                    {
                        pipes.Add(new ShellOperator(_tok.Kind, _tok.Span));
                        Advance();
                        SkipNewlines();
                        if (!StartsCommand() || IsReserved("!"))
                        {
                            Unexpected();
                            break;
                        }

                        commands.Add(ParseCommand());
                    }
                }
            }

            return new ShellPipeline(SpanFrom(start), bangs, time, commands, pipes);
        }
    }
}
