using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RayGen.Shell
{
    /// <summary>Word scanning: quotes, escapes and expansions, each kept as a part with its exact span.</summary>
    internal sealed partial class ShellLexer
    {
        private const string SpecialParameters = "@*#?$!-";

        /// <summary>Reads one word starting at the current position (the caller made sure it is not blank or an operator).</summary>
        private ShellWord ScanWord(ShellWordFlavor flavor)
        {
            int start = _pos;
            var b = new PartBuilder(_src);

            // Inside [[ ]], regex groups and extglob groups may hold blanks, | < > literally.
            int group = 0;
            char last = '\0';
            while (_pos < _src.Length && !_ctx.Failed)
            {
                char c = _src[_pos];
                if (group > 0)
                {
                    if (c == '(')
                    {
                        group++;
                    }
                    else if (c == ')')
                    {
                        group--;
                    }

                    if (IsBlankOrMeta(c) && c != '\n')
                    {
                        b.Append(_pos, c);
                        _pos++;
                        last = c;
                        continue;
                    }
                }
                else if (flavor == ShellWordFlavor.Regex && c == '|')
                {
                    // bash reads the =~ operand with | literal (x|y is one regex).
                }
                else if (IsBlankOrMeta(c))
                {
                    if (c == '(')
                    {
                        if (flavor == ShellWordFlavor.Regex || (flavor == ShellWordFlavor.Pattern && IsBash && "@!+*?".IndexOf(last) >= 0))
                        {
                            group = 1;
                            b.Append(_pos, c);
                            _pos++;
                            last = c;
                            continue;
                        }

                        if (IsBash && AssignmentContext != ShellAssignmentContext.None && !ConditionalMode && b.IsOnlyLiteral
                            && b.PendingText.Length > 0 && AssignmentPrefixLength(b.PendingText) == b.PendingText.Length)
                        {
                            b.Add(_pos, ScanArray());
                            continue;
                        }
                    }
                    else if ((c == '<' || c == '>') && _pos == start && IsBash && !ConditionalMode && _src[_pos + 1] == '(')
                    {
                        b.Add(_pos, ScanProcessSubstitution());
                        continue;
                    }

                    break;
                }

                if (c == '[' && group == 0 && IsBash && AssignmentContext == ShellAssignmentContext.CommandPrefix && !ConditionalMode
                    && b.IsOnlyLiteral && IsName(b.PendingText))
                {
                    ScanSubscript(b);
                    continue;
                }

                last = c;
                switch (c)
                {
                    case '\\':
                        if (_src[_pos + 1] == '\n')
                        {
                            b.Continuation(_pos);
                            _pos += 2;
                        }
                        else if (_pos + 1 >= _src.Length)
                        {
                            b.Append(_pos, c);
                            _pos++;
                        }
                        else
                        {
                            b.Add(_pos, new ShellEscapedPart(_src.Span(_pos, _pos + 2), _src[_pos + 1].ToString()));
                            _pos += 2;
                        }

                        break;
                    case '\'':
                        b.Add(_pos, ScanSingleQuoted());
                        break;
                    case '"':
                        b.Add(_pos, ScanDoubleQuoted(localized: false));
                        break;
                    case '`':
                        b.Add(_pos, ScanBackquote(inDoubleQuotes: false));
                        break;
                    case '$':
                        AppendDollar(b, inDoubleQuotes: false);
                        break;
                    default:
                        b.Append(_pos, c);
                        _pos++;
                        break;
                }
            }

            b.Flush(_pos);
            return new ShellWord(_src.Span(start, _pos), b.Parts);
        }

        private void AppendDollar(PartBuilder b, bool inDoubleQuotes)
        {
            int at = _pos;
            ShellWordPart? part = ScanDollar(inDoubleQuotes);
            if (part == null)
            {
                b.Append(at, '$');
                _pos++;
            }
            else
            {
                b.Add(at, part);
            }
        }

        /// <summary>Scans the expansion at a <c>$</c>; returns null (consuming nothing) when the <c>$</c> is literal.</summary>
        private ShellWordPart? ScanDollar(bool inDoubleQuotes)
        {
            int start = _pos;
            char c1 = _src[_pos + 1];
            switch (c1)
            {
                case '(':
                    return _src[_pos + 2] == '(' ? ScanDollarDoubleParen() : ScanCommandSubstitution();
                case '{':
                    return ScanBraceParameter(inDoubleQuotes);
                case '[' when IsBash:
                    return ScanLegacyArithmetic();
                case '\'' when IsBash && !inDoubleQuotes:
                    return ScanAnsiCQuoted();
                case '"' when IsBash && !inDoubleQuotes:
                    return ScanDoubleQuoted(localized: true);
            }

            if (IsNameStart(c1))
            {
                int p = _pos + 1;
                while (IsNameChar(_src[p]))
                {
                    p++;
                }

                _pos = p;
                return new ShellParameterExpansionPart(_src.Span(start, p), _src.Text.Substring(start + 1, p - start - 1), false, null, null, null, null);
            }

            if ((c1 >= '0' && c1 <= '9') || (c1 != '\0' && SpecialParameters.IndexOf(c1) >= 0))
            {
                _pos += 2;
                return new ShellParameterExpansionPart(_src.Span(start, _pos), c1.ToString(), false, null, null, null, null);
            }

            return null;
        }

        private ShellSingleQuotedPart ScanSingleQuoted()
        {
            int open = _pos;
            int close = _src.Text.IndexOf('\'', open + 1);
            if (close < 0)
            {
                Error(ShellDiagnosticCode.UnterminatedQuote, open, open + 1, "unexpected EOF while looking for matching `''", "SC1073");
                _pos = _src.Length;
                return new ShellSingleQuotedPart(_src.Span(open, _pos), _src.Text.Substring(open + 1));
            }

            _pos = close + 1;
            return new ShellSingleQuotedPart(_src.Span(open, _pos), _src.Text.Substring(open + 1, close - open - 1));
        }

        private ShellAnsiCQuotedPart ScanAnsiCQuoted()
        {
            int open = _pos;
            int p = open + 2;
            while (p < _src.Length && _src[p] != '\'')
            {
                p += _src[p] == '\\' ? 2 : 1;
            }

            if (p >= _src.Length)
            {
                Error(ShellDiagnosticCode.UnterminatedQuote, open + 1, open + 2, "unexpected EOF while looking for matching `''", "SC1073");
                _pos = _src.Length;
                return new ShellAnsiCQuotedPart(_src.Span(open, _pos), DecodeAnsiC(_src.Text.Substring(open + 2)));
            }

            _pos = p + 1;
            return new ShellAnsiCQuotedPart(_src.Span(open, _pos), DecodeAnsiC(_src.Text.Substring(open + 2, p - open - 2)));
        }

        private ShellDoubleQuotedPart ScanDoubleQuoted(bool localized)
        {
            int open = _pos;
            int quote = localized ? open + 1 : open;
            if (!_ctx.Enter(_src.Span(open, open + 1)))
            {
                _pos = _src.Length;
                return new ShellDoubleQuotedPart(_src.Span(open, _pos), new ShellWordPart[0], localized);
            }

            _pos = quote + 1;
            var b = new PartBuilder(_src);
            while (!_ctx.Failed)
            {
                if (_pos >= _src.Length)
                {
                    Error(ShellDiagnosticCode.UnterminatedQuote, quote, quote + 1, "unexpected EOF while looking for matching `\"'", "SC1073");
                    break;
                }

                char c = _src[_pos];
                if (c == '"')
                {
                    b.Flush(_pos);
                    _pos++;
                    break;
                }

                switch (c)
                {
                    case '\\':
                        char next = _src[_pos + 1];
                        if (next == '\n')
                        {
                            b.Continuation(_pos);
                            _pos += 2;
                        }
                        else if (next == '$' || next == '`' || next == '"' || next == '\\')
                        {
                            b.Append(_pos, next);
                            _pos += 2;
                        }
                        else
                        {
                            b.Append(_pos, c);
                            _pos++;
                        }

                        break;
                    case '$':
                        AppendDollar(b, inDoubleQuotes: true);
                        break;
                    case '`':
                        b.Add(_pos, ScanBackquote(inDoubleQuotes: true));
                        break;
                    default:
                        b.Append(_pos, c);
                        _pos++;
                        break;
                }
            }

            _ctx.Exit();
            b.Flush(_pos);
            return new ShellDoubleQuotedPart(_src.Span(open, _pos), b.Parts, localized);
        }

        private ShellWordPart ScanDollarDoubleParen()
        {
            int open = _pos;
            int close = FindArithmeticClose(open + 3, lenient: !IsBash);
            if (close >= 0)
            {
                _pos = close + 2;
                return new ShellArithmeticExpansionPart(_src.Span(open, _pos), _src.Text.Substring(open + 3, close - open - 3), ParseArithmeticSubstitutions(open + 3, close));
            }

            if (IsBash)
            {
                return ScanDeferredDoubleParen();
            }

            Error(ShellDiagnosticCode.UnterminatedExpansion, open, open + 3, "missing `))' for `$(('");
            _pos = _src.Length;
            return new ShellArithmeticExpansionPart(_src.Span(open, _pos), _src.Text.Substring(open + 3), new ShellCommandSubstitutionPart[0]);
        }

        /// <summary>
        /// bash reads a <c>$((</c> that is not arithmetic only by matching parentheses and parses it when it
        /// runs (<c>$((a) + (b))</c>, <c>$((if) )</c> pass <c>bash -n</c>), so its body is parsed detached:
        /// errors there are warnings, and the body cannot run past the matching <c>)</c>.
        /// </summary>
        private ShellCommandSubstitutionPart ScanDeferredDoubleParen()
        {
            int open = _pos;
            int close = FindMatchingParen(open + 1);
            if (close < 0)
            {
                Error(ShellDiagnosticCode.UnterminatedExpansion, open, open + 2, "unexpected EOF while looking for matching `)'", "SC1073");
                _pos = _src.Length;
                return new ShellCommandSubstitutionPart(_src.Span(open, _pos), EmptyScript(open), isBackquoted: false);
            }

            _pos = close + 1;
            ShellParseContext deferred = _ctx.CreateDeferredChild(strictCommandSubstitutions: true);
            ShellScript body = ShellParser.ParseDetached(Slice(open + 2, close), deferred);
            _ctx.AbsorbDeferred(deferred);
            return new ShellCommandSubstitutionPart(_src.Span(open, _pos), body, isBackquoted: false);
        }

        /// <summary>Index of the <c>)</c> matching the <c>(</c> at <paramref name="open"/>, skipping quoted text; -1 at end of input.</summary>
        private int FindMatchingParen(int open)
        {
            int depth = 0;
            int p = open;
            while (p < _src.Length)
            {
                char c = _src[p];
                switch (c)
                {
                    case '\\':
                        p += 2;
                        continue;
                    case '\'':
                    case '"':
                    case '`':
                        p = SkipQuotedRun(p, c);
                        if (p < 0)
                        {
                            return -1;
                        }

                        continue;
                    case '(':
                        depth++;
                        break;
                    case ')':
                        if (--depth == 0)
                        {
                            return p;
                        }

                        break;
                }

                p++;
            }

            return -1;
        }

        private ShellArithmeticExpansionPart ScanLegacyArithmetic()
        {
            int open = _pos;
            int depth = 0;
            for (int p = open + 1; p < _src.Length; p++)
            {
                if (_src[p] == '[')
                {
                    depth++;
                }
                else if (_src[p] == ']' && --depth == 0)
                {
                    _pos = p + 1;
                    return new ShellArithmeticExpansionPart(_src.Span(open, _pos), _src.Text.Substring(open + 2, p - open - 2), ParseArithmeticSubstitutions(open + 2, p));
                }
            }

            Error(ShellDiagnosticCode.UnterminatedExpansion, open, open + 2, "unexpected EOF while looking for matching `]'");
            _pos = _src.Length;
            return new ShellArithmeticExpansionPart(_src.Span(open, _pos), _src.Text.Substring(open + 2), new ShellCommandSubstitutionPart[0]);
        }

        private ShellCommandSubstitutionPart ScanCommandSubstitution()
        {
            int open = _pos;
            ShellScript body = ShellParser.ParseSubstitution(_src, open, open + 2, _ctx.CommandSubstitutionContext, out int end);
            _pos = end;
            return new ShellCommandSubstitutionPart(_src.Span(open, end), body, isBackquoted: false);
        }

        private ShellProcessSubstitutionPart ScanProcessSubstitution()
        {
            int open = _pos;
            bool isInput = _src[open] == '<';
            ShellScript body = ShellParser.ParseSubstitution(_src, open, open + 2, _ctx.CommandSubstitutionContext, out int end);
            _pos = end;
            return new ShellProcessSubstitutionPart(_src.Span(open, end), isInput, body);
        }

        /// <summary>
        /// <c>`…`</c>: backslash escapes only <c>$ ` \</c> (and <c>"</c> inside double quotes); the de-escaped
        /// text is parsed as a script with a map back to the original offsets.
        /// </summary>
        private ShellCommandSubstitutionPart ScanBackquote(bool inDoubleQuotes)
        {
            int open = _pos;
            if (!_ctx.Enter(_src.Span(open, open + 1)))
            {
                _pos = _src.Length;
                return new ShellCommandSubstitutionPart(_src.Span(open, _pos), EmptyScript(open), isBackquoted: true);
            }

            var text = new StringBuilder();
            var map = new List<int>();
            int p = open + 1;
            while (p < _src.Length && _src[p] != '`')
            {
                char c = _src[p];
                char next = _src[p + 1];

                // An escaped character maps to its backslash, so spans cover the whole escape.
                map.Add(_src.Original(p));
                if (c == '\\' && (next == '`' || next == '\\' || next == '$' || (inDoubleQuotes && next == '"')))
                {
                    p++;
                    c = next;
                }

                text.Append(c);
                p++;
            }

            ShellScript body;
            if (p >= _src.Length)
            {
                Error(ShellDiagnosticCode.UnterminatedQuote, open, open + 1, "unexpected EOF while looking for matching ``'", "SC1073");
                _pos = _src.Length;
                body = EmptyScript(open);
            }
            else
            {
                map.Add(_src.Original(p));
                _pos = p + 1;
                var source = new ShellSource(text.ToString(), map.ToArray());
                if (IsBash)
                {
                    ShellParseContext deferred = _ctx.CreateDeferredChild(strictCommandSubstitutions: false);
                    body = ShellParser.ParseDetached(source, deferred);
                    _ctx.AbsorbDeferred(deferred);
                }
                else
                {
                    body = ShellParser.ParseDetached(source, _ctx);
                }
            }

            _ctx.Exit();
            return new ShellCommandSubstitutionPart(_src.Span(open, _pos), body, isBackquoted: true);
        }

        private ShellScript EmptyScript(int at)
        {
            ShellSpan span = _src.Span(at, at);
            return new ShellScript(span, new ShellCommandList(span, new ShellListItem[0]));
        }

        private ShellParameterExpansionPart ScanBraceParameter(bool inDoubleQuotes)
        {
            int open = _pos;
            if (!_ctx.Enter(_src.Span(open, open + 2)))
            {
                _pos = _src.Length;
                return new ShellParameterExpansionPart(_src.Span(open, _pos), string.Empty, true, null, null, null, null);
            }

            _pos = open + 2;
            string? prefix = null;
            char c = _src[_pos];
            char c1 = _src[_pos + 1];
            if ((c == '#' || c == '!') && (IsNameChar(c1) || (c1 != '\0' && SpecialParameters.IndexOf(c1) >= 0)))
            {
                prefix = c.ToString();
                _pos++;
                c = c1;
            }

            int nameStart = _pos;
            if (IsNameStart(c))
            {
                while (IsNameChar(_src[_pos]))
                {
                    _pos++;
                }
            }
            else if (c >= '0' && c <= '9')
            {
                while (_src[_pos] >= '0' && _src[_pos] <= '9')
                {
                    _pos++;
                }
            }
            else if (c != '\0' && SpecialParameters.IndexOf(c) >= 0 && !(c == '$' && (_src[_pos + 1] == '{' || _src[_pos + 1] == '(')))
            {
                _pos++;
            }

            string name = _src.Text.Substring(nameStart, _pos - nameStart);
            string? subscript = null;
            if (name.Length > 0 && _src[_pos] == '[')
            {
                int close = FindClosingBracket(_pos);
                if (close > 0)
                {
                    subscript = _src.Text.Substring(_pos + 1, close - _pos - 1);
                    _pos = close + 1;
                }
            }

            string? op = null;
            ShellWord? operand = null;
            if (_src[_pos] != '}')
            {
                op = ReadParameterOperator(prefix);
                operand = ScanBraceOperand(inDoubleQuotes);
            }

            if (_src[_pos] == '}')
            {
                _pos++;
            }
            else
            {
                Error(ShellDiagnosticCode.UnterminatedExpansion, open, open + 2, "unexpected EOF while looking for matching `}'");
                _pos = _src.Length;
            }

            _ctx.Exit();
            return new ShellParameterExpansionPart(_src.Span(open, _pos), name, true, prefix, subscript, op, operand);
        }

        private static readonly string[] ParameterOperators =
        {
            ":-", ":=", ":?", ":+", "##", "%%", "//", "/#", "/%", "^^", ",,", ":", "#", "%", "/", "^", ",", "@", "-", "=", "?", "+",
        };

        /// <summary>Reads the operator after the name; empty when the text is one bash rejects only at run time ("bad substitution").</summary>
        private string ReadParameterOperator(string? prefix)
        {
            char c = _src[_pos];
            if (prefix == "!" && (c == '*' || c == '@') && _src[_pos + 1] == '}')
            {
                _pos++;
                return c.ToString();
            }

            foreach (string op in ParameterOperators)
            {
                if (string.CompareOrdinal(_src.Text, _pos, op, 0, op.Length) == 0)
                {
                    _pos += op.Length;
                    return op;
                }
            }

            return string.Empty;
        }

        private int FindClosingBracket(int open)
        {
            int depth = 0;
            for (int p = open; p < _src.Length; p++)
            {
                char c = _src[p];
                if (c == '[')
                {
                    depth++;
                }
                else if (c == ']' && --depth == 0)
                {
                    return p;
                }
                else if (c == '}' || c == '\n')
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>The word after a <c>${name OP</c>, up to the first unquoted <c>}</c> (bash does not nest plain braces: <c>${a:-{x}y}</c> is <c>{x</c> then <c>y}</c>).</summary>
        private ShellWord ScanBraceOperand(bool inDoubleQuotes)
        {
            int start = _pos;
            var b = new PartBuilder(_src);
            while (_pos < _src.Length && !_ctx.Failed)
            {
                char c = _src[_pos];
                if (c == '}')
                {
                    break;
                }

                switch (c)
                {
                    case '\\':
                        char next = _src[_pos + 1];
                        if (next == '\n')
                        {
                            b.Continuation(_pos);
                            _pos += 2;
                        }
                        else if (_pos + 1 >= _src.Length || (inDoubleQuotes && "$`\"\\}".IndexOf(next) < 0))
                        {
                            b.Append(_pos, c);
                            _pos++;
                        }
                        else
                        {
                            b.Add(_pos, new ShellEscapedPart(_src.Span(_pos, _pos + 2), next.ToString()));
                            _pos += 2;
                        }

                        break;
                    case '\'':
                        b.Add(_pos, ScanSingleQuoted());
                        break;
                    case '"':
                        b.Add(_pos, ScanDoubleQuoted(localized: false));
                        break;
                    case '`':
                        b.Add(_pos, ScanBackquote(inDoubleQuotes));
                        break;
                    case '$':
                        AppendDollar(b, inDoubleQuotes);
                        break;
                    default:
                        b.Append(_pos, c);
                        _pos++;
                        break;
                }
            }

            b.Flush(_pos);
            return new ShellWord(_src.Span(start, _pos), b.Parts);
        }

        /// <summary>bash <c>NAME=(a b c)</c>: blank/newline separated words, comments allowed, up to <c>)</c>.</summary>
        private ShellArrayPart ScanArray()
        {
            int open = _pos;
            var elements = new List<ShellWord>();
            if (!_ctx.Enter(_src.Span(open, open + 1)))
            {
                _pos = _src.Length;
                return new ShellArrayPart(_src.Span(open, _pos), elements);
            }

            ShellAssignmentContext saved = AssignmentContext;
            AssignmentContext = ShellAssignmentContext.None;
            _pos++;
            while (!_ctx.Failed)
            {
                SkipBlanks();
                if (_pos >= _src.Length)
                {
                    Error(ShellDiagnosticCode.UnterminatedExpansion, open, open + 1, "unexpected EOF while looking for matching `)'");
                    break;
                }

                char c = _src[_pos];
                if (c == ')')
                {
                    _pos++;
                    break;
                }

                if (c == '\n')
                {
                    _pos++;
                }
                else if (c == '#')
                {
                    ReadComment();
                }
                else if (IsBlankOrMeta(c))
                {
                    int end = _pos + 1;
                    Error(ShellDiagnosticCode.UnexpectedToken, _pos, end, "syntax error near unexpected token `" + c + "'");
                }
                else
                {
                    elements.Add(ScanWord(ShellWordFlavor.Normal));
                }
            }

            AssignmentContext = saved;
            _ctx.Exit();
            return new ShellArrayPart(_src.Span(open, _pos), elements);
        }

        /// <summary>
        /// <c>NAME[</c> in command position: bash reads the subscript up to the matching <c>]</c> as part of the
        /// word (so <c>a[x y]=1</c> is one word, and <c>a[</c> alone is an unterminated subscript).
        /// </summary>
        private void ScanSubscript(PartBuilder b)
        {
            int open = _pos;
            int depth = 0;
            int p = open;
            while (p < _src.Length)
            {
                char c = _src[p];
                if (c == '\\')
                {
                    p += 2;
                    continue;
                }

                if (c == '\'' || c == '"' || c == '`')
                {
                    p = SkipQuotedRun(p, c);
                    if (p < 0)
                    {
                        break;
                    }

                    continue;
                }

                if (c == '$' && _src[p + 1] == '(')
                {
                    p = FindMatchingParen(p + 1);
                    if (p < 0)
                    {
                        break;
                    }
                }
                else if (c == '[')
                {
                    depth++;
                }
                else if (c == ']' && --depth == 0)
                {
                    for (int i = open; i <= p; i++)
                    {
                        b.Append(i, _src[i]);
                    }

                    _pos = p + 1;
                    return;
                }

                p++;
            }

            Error(ShellDiagnosticCode.UnterminatedExpansion, open, open + 1, "unexpected EOF while looking for matching `]'");
            _pos = _src.Length;
        }

        public static bool IsName(string text)
        {
            if (text.Length == 0 || !IsNameStart(text[0]))
            {
                return false;
            }

            foreach (char c in text)
            {
                if (!IsNameChar(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Index just past the closing quote of the quoted run at <paramref name="open"/>, or -1 at end of input.</summary>
        private int SkipQuotedRun(int open, char quote)
        {
            int p = open + 1;
            while (p < _src.Length)
            {
                char c = _src[p];
                if (c == quote)
                {
                    return p + 1;
                }

                p += c == '\\' && quote != '\'' ? 2 : 1;
            }

            return -1;
        }

        private void Error(ShellDiagnosticCode code, int start, int end, string message, string? shellCheckCode = null) =>
            _ctx.Error(code, _src.Span(start, end), message, shellCheckCode);

        private static string DecodeAnsiC(string raw)
        {
            var sb = new StringBuilder(raw.Length);
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c != '\\' || i + 1 >= raw.Length)
                {
                    sb.Append(c);
                    continue;
                }

                char e = raw[++i];
                switch (e)
                {
                    case 'a': sb.Append('\a'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'e':
                    case 'E': sb.Append('\u001b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'v': sb.Append('\v'); break;
                    case 'c' when i + 1 < raw.Length:
                        sb.Append((char)(raw[++i] & 0x1f));
                        break;
                    case 'x':
                        i = AppendCode(raw, i + 1, 2, 16, sb) - 1;
                        break;
                    case 'u':
                        i = AppendCode(raw, i + 1, 4, 16, sb) - 1;
                        break;
                    case 'U':
                        i = AppendCode(raw, i + 1, 8, 16, sb) - 1;
                        break;
                    default:
                        if (e >= '0' && e <= '7')
                        {
                            i = AppendCode(raw, i, 3, 8, sb) - 1;
                        }
                        else
                        {
                            // \\ \' \" \? give the character; unknown escapes keep the backslash.
                            if (e != '\\' && e != '\'' && e != '"' && e != '?')
                            {
                                sb.Append('\\');
                            }

                            sb.Append(e);
                        }

                        break;
                }
            }

            return sb.ToString();
        }

        /// <summary>Appends the character coded by up to <paramref name="maxDigits"/> digits at <paramref name="start"/>; returns the index after them.</summary>
        private static int AppendCode(string raw, int start, int maxDigits, int radix, StringBuilder sb)
        {
            int value = 0;
            int i = start;
            while (i < raw.Length && i - start < maxDigits)
            {
                int digit = radix == 8
                    ? (raw[i] >= '0' && raw[i] <= '7' ? raw[i] - '0' : -1)
                    : int.TryParse(raw[i].ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int h) ? h : -1;
                if (digit < 0)
                {
                    break;
                }

                value = (value * radix) + digit;
                i++;
            }

            if (i == start)
            {
                sb.Append('\\').Append(raw[start - 1]);
                return start;
            }

            sb.Append(value <= 0x10FFFF ? char.ConvertFromUtf32(value >= 0xD800 && value <= 0xDFFF ? 0xFFFD : value) : "\uFFFD");
            return i;
        }

        /// <summary>Collects word parts, merging runs of plain characters into one literal part.</summary>
        private sealed class PartBuilder
        {
            private readonly ShellSource _src;
            private readonly StringBuilder _text = new();
            private int _literalStart = -1;

            public PartBuilder(ShellSource source) => _src = source;

            public List<ShellWordPart> Parts { get; } = new();

            public string PendingText => _text.ToString();

            /// <summary>True while nothing but unquoted literal text has been seen.</summary>
            public bool IsOnlyLiteral => Parts.Count == 0;

            public void Append(int at, char c)
            {
                if (_literalStart < 0)
                {
                    _literalStart = at;
                }

                _text.Append(c);
            }

            /// <summary>A backslash-newline: part of the literal's span, not of its value.</summary>
            public void Continuation(int at)
            {
                if (_literalStart < 0)
                {
                    _literalStart = at;
                }
            }

            public void Add(int at, ShellWordPart part)
            {
                Flush(at);
                Parts.Add(part);
            }

            public void Flush(int end)
            {
                if (_literalStart >= 0)
                {
                    Parts.Add(new ShellLiteralPart(_src.Span(_literalStart, end), _text.ToString()));
                    _text.Clear();
                    _literalStart = -1;
                }
            }
        }
    }
}
