using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RayGen.Shell
{
    /// <summary>Simple commands, redirections and compound commands.</summary>
    internal sealed partial class ShellParser
    {
        private static readonly ShellRedirection[] NoRedirections = new ShellRedirection[0];

        /// <summary>Parses one command; the caller checked <see cref="StartsCommand"/>.</summary>
        private ShellCommand ParseCommand()
        {
            int start = _tok.Span.Start;
            if (!_ctx.Enter(_tok.Span))
            {
                return EmptyCommand(start);
            }

            ShellCommand command = ParseCommandCore();
            _ctx.Exit();
            return command;
        }

        private ShellCommand ParseCommandCore()
        {
            if (_tok.Kind == ShellTokenKind.LeftParen)
            {
                return IsBash && _src[_lexer.SkipContinuations(_tok.LocalEnd)] == '(' && TryParseArithmeticCommand() is ShellCommand arithmetic
                    ? arithmetic
                    : ParseSubshell();
            }

            switch (ReservedCandidate)
            {
                case "if":
                    return ParseIf();
                case "while":
                    return ParseLoop(isUntil: false);
                case "until":
                    return ParseLoop(isUntil: true);
                case "for":
                    return ParseFor(isSelect: false);
                case "case":
                    return ParseCase();
                case "{":
                    return ParseBraceGroup();
                case "select" when IsBash:
                    return ParseFor(isSelect: true);
                case "[[" when IsBash:
                    return ParseConditional();
                case "function" when IsBash:
                    return ParseFunctionKeyword();
                case "coproc" when IsBash:
                    return ParseCoproc();
                default:
                    return ParseSimpleCommand();
            }
        }

        private ShellSimpleCommand EmptyCommand(int start) =>
            new(new ShellSpan(start, start), new ShellAssignment[0], new ShellWord[0], NoRedirections);

        private bool StartsRedirection => _tok.Kind == ShellTokenKind.IoNumber || _tok.IsRedirectionOperator;

        /// <summary>
        /// Assignments, words and redirections in any order. Reserved words are only recognized as the first
        /// token, so <c>x=1 if</c> runs a command named <c>if</c>. A first word followed by <c>(</c> is a function definition.
        /// </summary>
        private ShellCommand ParseSimpleCommand()
        {
            int start = _tok.Span.Start;
            var assignments = new List<ShellAssignment>();
            var words = new List<ShellWord>();
            var redirections = new List<ShellRedirection>();
            bool declaration = false;
            while (!_ctx.Failed)
            {
                // NAME=( is an array only before the command name, or in arguments of declare-like builtins.
                ShellAssignmentContext next = words.Count == 0 ? ShellAssignmentContext.CommandPrefix
                    : declaration ? ShellAssignmentContext.Declaration : ShellAssignmentContext.None;
                if (StartsRedirection)
                {
                    redirections.Add(ParseRedirection(next));
                    continue;
                }

                if (_tok.Kind != ShellTokenKind.Word)
                {
                    break;
                }

                ShellWord word = _tok.Word!;
                if (words.Count == 0 && TryParseAssignment(word) is ShellAssignment assignment)
                {
                    assignments.Add(assignment);
                    Advance();
                    continue;
                }

                words.Add(word);
                if (words.Count == 1)
                {
                    declaration = word.UnquotedLiteralValue is string name && DeclarationBuiltins.Contains(name);
                    Advance(declaration ? ShellAssignmentContext.Declaration : ShellAssignmentContext.None);
                    if (_tok.Kind == ShellTokenKind.LeftParen && assignments.Count == 0 && redirections.Count == 0)
                    {
                        // dash only accepts NAME (letters, digits, _) as a function name; bash takes any word.
                        if (!IsBash && !ShellLexer.IsName(word.UnquotedLiteralValue ?? string.Empty))
                        {
                            Fail(ShellDiagnosticCode.UnexpectedToken, "syntax error: bad function name", null, word.Span);
                            return EmptyCommand(start);
                        }

                        return ParseFunctionBody(start, word, hasKeyword: false);
                    }

                    continue;
                }

                Advance(next);
            }

            return new ShellSimpleCommand(SpanFrom(start), assignments, words, redirections);
        }

        private static ShellAssignment? TryParseAssignment(ShellWord word)
        {
            if (word.Parts.Count == 0 || word.Parts[0] is not ShellLiteralPart first)
            {
                return null;
            }

            int prefix = ShellLexer.AssignmentPrefixLength(first.Value);
            if (prefix < 0)
            {
                return null;
            }

            string lhs = first.Value.Substring(0, prefix - 1);
            bool isAppend = lhs.EndsWith("+", System.StringComparison.Ordinal);
            if (isAppend)
            {
                lhs = lhs.Substring(0, lhs.Length - 1);
            }

            string? subscript = null;
            int bracket = lhs.IndexOf('[');
            if (bracket >= 0)
            {
                subscript = lhs.Substring(bracket + 1, lhs.Length - bracket - 2);
                lhs = lhs.Substring(0, bracket);
            }

            if (word.Parts.Count == 2 && prefix == first.Value.Length && word.Parts[1] is ShellArrayPart array)
            {
                return new ShellAssignment(word.Span, lhs, subscript, isAppend, word, null, array.Elements);
            }

            // The value is the rest of the word; the first literal is split where the '=' ends, which maps to a
            // source offset only when the literal has no line continuations (then value length == span length).
            var valueParts = new List<ShellWordPart>();
            int valueStart = first.Span.Length == first.Value.Length ? first.Start + prefix : first.End;
            if (prefix < first.Value.Length)
            {
                valueParts.Add(new ShellLiteralPart(new ShellSpan(valueStart, first.End), first.Value.Substring(prefix)));
            }

            for (int i = 1; i < word.Parts.Count; i++)
            {
                valueParts.Add(word.Parts[i]);
            }

            var value = new ShellWord(new ShellSpan(valueStart, word.End), valueParts);
            return new ShellAssignment(word.Span, lhs, subscript, isAppend, word, value, null);
        }

        private ShellRedirection ParseRedirection(ShellAssignmentContext next)
        {
            int start = _tok.Span.Start;
            ShellSpan? fdSpan = null;
            int? fd = null;
            if (_tok.Kind == ShellTokenKind.IoNumber)
            {
                fdSpan = _tok.Span;
                fd = int.TryParse(_tok.Word!.UnquotedLiteralValue, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
                Advance();
            }

            var op = new ShellOperator(_tok.Kind, _tok.Span);
            int operatorLocalStart = _tok.LocalStart;
            ShellRedirectionKind kind = RedirectionKind(_tok.Kind);
            Advance(ShellAssignmentContext.None);
            // bash's grammar has `>& NUMBER` and `<& NUMBER`: in `>& 2>&1` the 2 is the target of the first operator.
            bool numberTarget = IsBash && _tok.Kind == ShellTokenKind.IoNumber
                && kind is ShellRedirectionKind.DuplicateInput or ShellRedirectionKind.DuplicateOutput;
            if (_tok.Kind != ShellTokenKind.Word && !numberTarget)
            {
                MissingWord();
                ShellWord missing = new(new ShellSpan(op.Span.End, op.Span.End), new ShellWordPart[0]);
                return new ShellRedirection(SpanFrom(start), fdSpan, fd, kind, op, missing, null);
            }

            ShellWord target = _tok.Word!;
            ShellHereDocument? hereDocument = null;
            if (kind == ShellRedirectionKind.HereDocument)
            {
                hereDocument = new ShellHereDocument(
                    new ShellSpan(op.Span.Start, target.End),
                    op.Span,
                    op.Kind == ShellTokenKind.DoubleLessDash,
                    target,
                    HereDocumentDelimiter(target),
                    target.HasQuoting);
                _ctx.HereDocuments.Add(hereDocument);

                // Registered before advancing: the next token may be the newline that starts the body.
                _lexer.AddPendingHereDocument(hereDocument, operatorLocalStart);
            }

            Advance(next);
            return new ShellRedirection(SpanFrom(start), fdSpan, fd, kind, op, target, hereDocument);
        }

        private static ShellRedirectionKind RedirectionKind(ShellTokenKind kind) => kind switch
        {
            ShellTokenKind.Less => ShellRedirectionKind.Input,
            ShellTokenKind.Great => ShellRedirectionKind.Output,
            ShellTokenKind.DoubleGreat => ShellRedirectionKind.Append,
            ShellTokenKind.Clobber => ShellRedirectionKind.Clobber,
            ShellTokenKind.LessGreat => ShellRedirectionKind.ReadWrite,
            ShellTokenKind.LessAnd => ShellRedirectionKind.DuplicateInput,
            ShellTokenKind.GreatAnd => ShellRedirectionKind.DuplicateOutput,
            ShellTokenKind.AndGreat => ShellRedirectionKind.OutputAndError,
            ShellTokenKind.AndDoubleGreat => ShellRedirectionKind.AppendOutputAndError,
            ShellTokenKind.TripleLess => ShellRedirectionKind.HereString,
            _ => ShellRedirectionKind.HereDocument,
        };

        /// <summary>bash takes the delimiter word with quote removal but no expansion (<c>&lt;&lt;$x</c> waits for the line <c>$x</c>).</summary>
        private string HereDocumentDelimiter(ShellWord word)
        {
            var sb = new StringBuilder();
            AppendDelimiterParts(word.Parts, sb);
            return sb.ToString();
        }

        private void AppendDelimiterParts(IReadOnlyList<ShellWordPart> parts, StringBuilder sb)
        {
            foreach (ShellWordPart part in parts)
            {
                switch (part)
                {
                    case ShellLiteralPart l:
                        sb.Append(l.Value);
                        break;
                    case ShellEscapedPart e:
                        sb.Append(e.Value);
                        break;
                    case ShellSingleQuotedPart q:
                        sb.Append(q.Value);
                        break;
                    case ShellAnsiCQuotedPart a:
                        sb.Append(a.Value);
                        break;
                    case ShellDoubleQuotedPart d:
                        AppendDelimiterParts(d.Parts, sb);
                        break;
                    default:
                        sb.Append(part.GetText(_ctx.Input));
                        break;
                }
            }
        }

        /// <summary>Redirections after a compound command: <c>{ …; } &gt; log 2&gt;&amp;1</c>.</summary>
        private IReadOnlyList<ShellRedirection> ParseTrailingRedirections()
        {
            if (!StartsRedirection)
            {
                return NoRedirections;
            }

            var redirections = new List<ShellRedirection>();
            while (!_ctx.Failed && StartsRedirection)
            {
                redirections.Add(ParseRedirection(ShellAssignmentContext.CommandPrefix));
            }

            return redirections;
        }

        /// <summary>
        /// After <c>name</c> at <c>(</c>: <c>( ) [newlines] body</c>. bash wants a compound command as body;
        /// dash also takes a simple command (<c>f() echo</c>).
        /// </summary>
        private ShellCommand ParseFunctionBody(int start, ShellWord name, bool hasKeyword)
        {
            if (_tok.Kind == ShellTokenKind.LeftParen)
            {
                Advance();
                if (!ExpectKind(ShellTokenKind.RightParen, ShellDiagnosticCode.UnexpectedEndOfFile))
                {
                    return EmptyCommand(start);
                }

                Advance();
            }

            SkipNewlines();
            if (IsBash ? !StartsCompoundCommand() : !StartsCommand())
            {
                Unexpected();
                return EmptyCommand(start);
            }

            ShellCommand body = ParseCommand();
            return new ShellFunctionDefinition(SpanFrom(start), name, hasKeyword, body);
        }

        /// <summary>bash <c>function name [()] body</c>.</summary>
        private ShellCommand ParseFunctionKeyword()
        {
            int start = _tok.Span.Start;
            Advance();
            if (_tok.Kind != ShellTokenKind.Word)
            {
                Unexpected();
                return EmptyCommand(start);
            }

            ShellWord name = _tok.Word!;
            Advance();
            return ParseFunctionBody(start, name, hasKeyword: true);
        }

        /// <summary>bash <c>coproc compound</c>, <c>coproc NAME compound</c> or <c>coproc simple-command</c>.</summary>
        private ShellCommand ParseCoproc()
        {
            int start = _tok.Span.Start;
            Advance();
            ShellWord? name = null;
            if (_tok.Kind == ShellTokenKind.Word && !StartsCompoundCommand() && _lexer.RawStartsCompoundCommand(_tok.LocalEnd))
            {
                name = _tok.Word;
                Advance();
            }

            if (!StartsCommand())
            {
                Unexpected();
                return EmptyCommand(start);
            }

            ShellCommand body = name != null || StartsCompoundCommand() ? ParseCommand() : ParseSimpleCommand();
            return new ShellCoprocCommand(SpanFrom(start), name, body);
        }

        private ShellCommand ParseSubshell()
        {
            int start = _tok.Span.Start;
            Advance();
            ShellCommandList body = ParseRequiredList(ShellDiagnosticCode.MissingCloseParen);
            if (ExpectKind(ShellTokenKind.RightParen, ShellDiagnosticCode.MissingCloseParen))
            {
                Advance();
            }

            int end = _previousEnd;
            IReadOnlyList<ShellRedirection> redirections = ParseTrailingRedirections();
            return new ShellSubshell(new ShellSpan(start, redirections.Count > 0 ? _previousEnd : end), body, redirections);
        }

        /// <summary>bash <c>((expr))</c>; null when the parentheses do not balance as arithmetic (then it is a nested subshell).</summary>
        private ShellCommand? TryParseArithmeticCommand()
        {
            int inner = _lexer.SkipContinuations(_tok.LocalEnd) + 1;
            int close = _lexer.FindArithmeticClose(inner);
            if (close < 0)
            {
                return null;
            }

            int start = _tok.Span.Start;
            string expression = _src.Text.Substring(inner, close - inner);
            IReadOnlyList<ShellCommandSubstitutionPart> substitutions = _lexer.ParseArithmeticSubstitutions(inner, close);
            ResumeAfter(close + 2);
            IReadOnlyList<ShellRedirection> redirections = ParseTrailingRedirections();
            return new ShellArithmeticCommand(SpanFrom(start), expression, substitutions, redirections);
        }

        /// <summary>Continues with the token at <paramref name="position"/> after text the parser consumed itself.</summary>
        private void ResumeAfter(int position)
        {
            _previousEnd = _src.Original(position);
            _lexer.Reset(position);
            _tok = _lexer.Next();
        }

        private ShellCommand ParseBraceGroup()
        {
            int start = _tok.Span.Start;
            Advance();
            ShellCommandList body = ParseRequiredList(ShellDiagnosticCode.MissingCloseBrace);
            if (Expect("}", ShellDiagnosticCode.MissingCloseBrace))
            {
                Advance();
            }

            int end = _previousEnd;
            IReadOnlyList<ShellRedirection> redirections = ParseTrailingRedirections();
            return new ShellBraceGroup(new ShellSpan(start, redirections.Count > 0 ? _previousEnd : end), body, redirections);
        }

        private ShellCommand ParseIf()
        {
            int start = _tok.Span.Start;
            var branches = new List<ShellIfBranch>();
            ShellCommandList? elseBody = null;
            do
            {
                int branchStart = _tok.Span.Start;
                Advance();
                ShellCommandList condition = ParseRequiredList(ShellDiagnosticCode.MissingFi);
                if (!_ctx.Failed && Expect("then", ShellDiagnosticCode.MissingFi))
                {
                    Advance();
                }

                ShellCommandList body = ParseRequiredList(ShellDiagnosticCode.MissingFi);
                branches.Add(new ShellIfBranch(new ShellSpan(branchStart, body.End), condition, body));
            }
            while (!_ctx.Failed && IsReserved("elif"));

            if (!_ctx.Failed && IsReserved("else"))
            {
                Advance();
                elseBody = ParseRequiredList(ShellDiagnosticCode.MissingFi);
            }

            if (!_ctx.Failed && Expect("fi", ShellDiagnosticCode.MissingFi))
            {
                Advance();
            }

            return new ShellIfCommand(SpanFrom(start), branches, elseBody, ParseTrailingRedirections());
        }

        private ShellCommand ParseLoop(bool isUntil)
        {
            int start = _tok.Span.Start;
            Advance();
            ShellCommandList condition = ParseRequiredList(ShellDiagnosticCode.MissingDone);
            ShellCommandList body = ParseDoGroup(allowBraces: false);
            return new ShellLoopCommand(SpanFrom(start), isUntil, condition, body, ParseTrailingRedirections());
        }

        /// <summary><c>do list done</c>, or for bash's <c>for</c>/<c>select</c> also <c>{ list }</c>.</summary>
        private ShellCommandList ParseDoGroup(bool allowBraces)
        {
            string close;
            ShellDiagnosticCode missing;
            if (!_ctx.Failed && IsReserved("do"))
            {
                close = "done";
                missing = ShellDiagnosticCode.MissingDone;
            }
            else if (!_ctx.Failed && allowBraces && IsBash && IsReserved("{"))
            {
                close = "}";
                missing = ShellDiagnosticCode.MissingCloseBrace;
            }
            else
            {
                if (!_ctx.Failed)
                {
                    Unexpected(ShellDiagnosticCode.MissingDone);
                }

                return new ShellCommandList(new ShellSpan(_tok.Span.Start, _tok.Span.Start), new ShellListItem[0]);
            }

            Advance();
            ShellCommandList body = ParseRequiredList(missing);
            if (!_ctx.Failed && Expect(close, missing))
            {
                Advance();
            }

            return body;
        }

        private ShellCommand ParseFor(bool isSelect)
        {
            int start = _tok.Span.Start;
            Advance(ShellAssignmentContext.None);
            if (!isSelect && IsBash && _tok.Kind == ShellTokenKind.LeftParen && _src[_lexer.SkipContinuations(_tok.LocalEnd)] == '(')
            {
                return ParseArithmeticFor(start);
            }

            if (_tok.Kind != ShellTokenKind.Word)
            {
                Unexpected(ShellDiagnosticCode.MissingDone);
                return EmptyCommand(start);
            }

            ShellWord variable = _tok.Word!;
            Advance(ShellAssignmentContext.None);
            SkipNewlines(ShellAssignmentContext.None);
            List<ShellWord>? items = null;
            if (IsReserved("in"))
            {
                Advance(ShellAssignmentContext.None);
                items = new List<ShellWord>();
                while (!_ctx.Failed && _tok.Kind == ShellTokenKind.Word)
                {
                    items.Add(_tok.Word!);
                    Advance(ShellAssignmentContext.None);
                }

                if (_tok.Kind == ShellTokenKind.Semicolon || _tok.Kind == ShellTokenKind.Newline)
                {
                    Advance();
                }
                else if (!_ctx.Failed)
                {
                    Unexpected(ShellDiagnosticCode.MissingDone);
                }
            }
            else if (_tok.Kind == ShellTokenKind.Semicolon)
            {
                Advance();
            }

            SkipNewlines();
            ShellCommandList body = ParseDoGroup(allowBraces: true);
            return new ShellForCommand(SpanFrom(start), isSelect, variable, items, body, ParseTrailingRedirections());
        }

        /// <summary>bash <c>for ((init; test; step)) [;] do … done</c>; the parentheses must balance as arithmetic.</summary>
        private ShellCommand ParseArithmeticFor(int start)
        {
            int inner = _lexer.SkipContinuations(_tok.LocalEnd) + 1;
            int close = _lexer.FindArithmeticClose(inner);
            if (close < 0)
            {
                if (close == -2)
                {
                    _ctx.Error(ShellDiagnosticCode.UnterminatedExpansion, _tok.Span, "unexpected EOF while looking for `))'", "SC1073");
                }
                else
                {
                    Unexpected();
                }

                return EmptyCommand(start);
            }

            string expressions = _src.Text.Substring(inner, close - inner);
            int separators = CountArithmeticSeparators(expressions);
            if (separators != 2)
            {
                Fail(
                    ShellDiagnosticCode.UnexpectedToken,
                    separators < 2 ? "syntax error: arithmetic expression required" : "syntax error: `;' unexpected",
                    null);
                return EmptyCommand(start);
            }

            IReadOnlyList<ShellCommandSubstitutionPart> substitutions = _lexer.ParseArithmeticSubstitutions(inner, close);
            ResumeAfter(close + 2);
            if (_tok.Kind == ShellTokenKind.Semicolon)
            {
                Advance();
            }

            SkipNewlines();
            ShellCommandList body = ParseDoGroup(allowBraces: true);
            return new ShellArithmeticForCommand(SpanFrom(start), expressions, substitutions, body, ParseTrailingRedirections());
        }

        /// <summary>Top-level <c>;</c> in <c>for ((…))</c>: bash wants exactly two (three expressions, each may be empty).</summary>
        private static int CountArithmeticSeparators(string expressions)
        {
            int count = 0;
            int depth = 0;
            char quote = '\0';
            for (int i = 0; i < expressions.Length; i++)
            {
                char c = expressions[i];
                if (quote != '\0')
                {
                    if (c == '\\' && quote != '\'')
                    {
                        i++;
                    }
                    else if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == '\\')
                {
                    i++;
                }
                else if (c == '\'' || c == '"' || c == '`')
                {
                    quote = c;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }
                else if (c == ';' && depth == 0)
                {
                    count++;
                }
            }

            return count;
        }

        private ShellCommand ParseCase()
        {
            int start = _tok.Span.Start;
            Advance(ShellAssignmentContext.None);
            if (_tok.Kind != ShellTokenKind.Word)
            {
                Unexpected(ShellDiagnosticCode.MissingEsac);
                return EmptyCommand(start);
            }

            ShellWord subject = _tok.Word!;
            Advance(ShellAssignmentContext.None);
            SkipNewlines(ShellAssignmentContext.None);
            if (!Expect("in", ShellDiagnosticCode.MissingEsac))
            {
                return EmptyCommand(start);
            }

            Advance(ShellAssignmentContext.None);
            SkipNewlines(ShellAssignmentContext.None);
            var clauses = new List<ShellCaseClause>();

            // `esac` ends the case only where a pattern would start; after `(` it is a pattern.
            while (!_ctx.Failed && !IsReserved("esac"))
            {
                ShellCaseClause? clause = ParseCaseClause();
                if (clause == null)
                {
                    break;
                }

                clauses.Add(clause);
            }

            if (!_ctx.Failed)
            {
                Advance();
            }

            return new ShellCaseCommand(SpanFrom(start), subject, clauses, ParseTrailingRedirections());
        }

        private ShellCaseClause? ParseCaseClause()
        {
            int start = _tok.Span.Start;
            if (_tok.Kind == ShellTokenKind.LeftParen)
            {
                Advance(ShellAssignmentContext.None);
            }

            var patterns = new List<ShellWord>();
            while (true)
            {
                if (_tok.Kind != ShellTokenKind.Word)
                {
                    Unexpected(ShellDiagnosticCode.MissingEsac);
                    return null;
                }

                patterns.Add(_tok.Word!);
                Advance(ShellAssignmentContext.None);
                if (_tok.Kind != ShellTokenKind.Pipe)
                {
                    break;
                }

                Advance(ShellAssignmentContext.None);
            }

            if (!ExpectKind(ShellTokenKind.RightParen, ShellDiagnosticCode.MissingEsac))
            {
                return null;
            }

            Advance();
            ShellCommandList body = ParseList();
            ShellOperator? terminator = null;
            if (_tok.Kind is ShellTokenKind.DoubleSemicolon or ShellTokenKind.SemicolonAmpersand or ShellTokenKind.DoubleSemicolonAmpersand)
            {
                terminator = new ShellOperator(_tok.Kind, _tok.Span);
                Advance(ShellAssignmentContext.None);
                SkipNewlines(ShellAssignmentContext.None);
            }
            else if (!IsReserved("esac"))
            {
                Unexpected(ShellDiagnosticCode.MissingEsac);
                return null;
            }

            return new ShellCaseClause(new ShellSpan(start, terminator?.Span.End ?? body.End), patterns, body, terminator);
        }
    }
}
