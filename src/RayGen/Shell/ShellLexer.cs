using System.Collections.Generic;
using System.Text;

namespace RayGen.Shell
{
    /// <summary>Where the next word stands, as far as bash's assignment syntax is concerned.</summary>
    internal enum ShellAssignmentContext
    {
        /// <summary>An ordinary argument: <c>NAME=(</c> ends the word at <c>(</c>.</summary>
        None,

        /// <summary>
        /// Command position or a prefix assignment: <c>NAME=(…)</c> is an array, and <c>NAME[</c> starts a
        /// subscript that may contain blanks (bash reads it up to the matching <c>]</c>).
        /// </summary>
        CommandPrefix,

        /// <summary>An argument of <c>declare</c>/<c>local</c>/<c>export</c>/…: arrays, but no subscript scanning.</summary>
        Declaration,
    }

    /// <summary>How the next word inside <c>[[ … ]]</c> is read.</summary>
    internal enum ShellWordFlavor
    {
        Normal,

        /// <summary>Right side of <c>==</c>/<c>!=</c>/<c>=</c>: bash allows extglob groups like <c>@(a|b)</c>.</summary>
        Pattern,

        /// <summary>Right side of <c>=~</c>: parentheses group, and <c>|</c> and blanks inside them are literal.</summary>
        Regex,
    }

    /// <summary>
    /// Turns shell text into tokens on demand. Tokenizing depends on parser state (command position,
    /// <c>[[</c>, pending here-documents), so the parser drives it one token at a time and sets the flags below.
    /// Words are scanned into parts here; <c>$(…)</c> bodies are handed to a nested <see cref="ShellParser"/>.
    /// </summary>
    internal sealed partial class ShellLexer
    {
        private readonly ShellSource _src;
        private readonly ShellParseContext _ctx;
        private readonly List<PendingHereDocument> _pending = new();
        private int _pos;

        public ShellLexer(ShellSource source, int start, ShellParseContext context)
        {
            _src = source;
            _ctx = context;
            _pos = start;
        }

        /// <summary>Set by the parser before each token: bash's assignment syntax depends on the word's position.</summary>
        public ShellAssignmentContext AssignmentContext { get; set; } = ShellAssignmentContext.CommandPrefix;

        /// <summary>Inside <c>[[ … ]]</c>: <c>&lt;</c> and <c>&gt;</c> are comparison operators, not redirections.</summary>
        public bool ConditionalMode { get; set; }

        /// <summary>Applies to the next word only, then resets.</summary>
        public ShellWordFlavor NextWordFlavor { get; set; }

        private bool IsBash => _ctx.IsBash;

        /// <summary>Continue reading at <paramref name="position"/> (after the parser consumed <c>((…))</c> itself).</summary>
        public void Reset(int position) => _pos = position;

        public ShellToken Next()
        {
            ShellWordFlavor flavor = NextWordFlavor;
            NextWordFlavor = ShellWordFlavor.Normal;
            if (_ctx.Failed)
            {
                return EndToken();
            }

            SkipBlanks();
            if (_pos < _src.Length && _src[_pos] == '#')
            {
                ReadComment();
            }

            if (_pos >= _src.Length)
            {
                AbandonPendingHereDocuments();
                return EndToken();
            }

            int start = _pos;
            char c = _src[_pos];
            if (c == '\n')
            {
                _pos++;
                var newline = new ShellToken(ShellTokenKind.Newline, start, _pos, _src.Span(start, _pos), null);
                ReadHereDocumentBodies();
                return newline;
            }

            if ((flavor == ShellWordFlavor.Pattern && !IsBlankOrMeta(c)) || (flavor == ShellWordFlavor.Regex && (!IsBlankOrMeta(c) || c == '(' || c == '|')))
            {
                return WordToken(start, ScanWord(flavor));
            }

            ShellTokenKind? op = ReadOperator(c);
            if (op.HasValue)
            {
                return new ShellToken(op.Value, start, _pos, _src.Span(start, _pos), null);
            }

            ShellWord word = ScanWord(ShellWordFlavor.Normal);
            if (!ConditionalMode && word.UnquotedLiteralValue is string digits && IsAllDigits(digits))
            {
                char after = _src[SkipContinuations(_pos)];
                if (after == '<' || after == '>')
                {
                    return new ShellToken(ShellTokenKind.IoNumber, start, _pos, word.Span, word);
                }
            }

            return WordToken(start, word);
        }

        /// <summary>Registers a here-document whose body starts after the next newline token.</summary>
        public void AddPendingHereDocument(ShellHereDocument hereDocument, int operatorLocalStart) =>
            _pending.Add(new PendingHereDocument(hereDocument, operatorLocalStart));

        /// <summary>The input (or the substitution) ended before the bodies: they are empty and unterminated.</summary>
        public void AbandonPendingHereDocuments()
        {
            foreach (PendingHereDocument pending in _pending)
            {
                pending.HereDocument.Complete(_src.Span(_src.Length, _src.Length), string.Empty, null);
                WarnUnterminated(pending);
            }

            _pending.Clear();
        }

        /// <summary>
        /// Finds the end of <c>((…))</c> / <c>$((…))</c> the way bash decides between arithmetic and nested
        /// parentheses: scan to the <c>)</c> that balances the inner <c>(</c>; it is arithmetic only if another
        /// <c>)</c> follows at once. Returns that first <c>)</c>, -1 if not arithmetic, -2 at end of input.
        /// dash (<paramref name="lenient"/>) instead keeps an unbalanced <c>)</c> as text and goes on to the next <c>))</c>.
        /// </summary>
        public int FindArithmeticClose(int start, bool lenient = false)
        {
            int depth = 0;
            int p = start;
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
                            return -2;
                        }

                        continue;
                    case '(':
                        depth++;
                        break;
                    case ')':
                        if (depth == 0)
                        {
                            if (_src[p + 1] == ')')
                            {
                                return p;
                            }

                            if (!lenient)
                            {
                                return -1;
                            }

                            break;
                        }

                        depth--;
                        break;
                }

                p++;
            }

            return -2;
        }

        /// <summary>
        /// Parses the <c>$(…)</c> inside arithmetic text [start, end): bash keeps the expression as text but parses
        /// nested command substitutions at once (<c>$(( $(if) ))</c> is a syntax error). Each is parsed in a
        /// source cut at <paramref name="end"/>, so it cannot run past the arithmetic.
        /// </summary>
        public IReadOnlyList<ShellCommandSubstitutionPart> ParseArithmeticSubstitutions(int start, int end)
        {
            List<ShellCommandSubstitutionPart>? result = null;
            int p = start;
            while (p < end && !_ctx.Failed)
            {
                char c = _src[p];
                if (c == '\\')
                {
                    p += 2;
                }
                else if (c == '`' || c == '\'')
                {
                    p = SkipQuotedRun(p, c);
                    if (p < 0)
                    {
                        break;
                    }
                }
                else if (c == '$' && _src[p + 1] == '(' && _src[p + 2] != '(')
                {
                    ShellSource slice = Slice(p, end);
                    ShellScript body = ShellParser.ParseSubstitution(slice, 0, 2, _ctx.CommandSubstitutionContext, out int sliceEnd);
                    (result ??= new List<ShellCommandSubstitutionPart>()).Add(
                        new ShellCommandSubstitutionPart(_src.Span(p, p + sliceEnd), body, isBackquoted: false));
                    p += System.Math.Max(sliceEnd, 2);
                }
                else
                {
                    p++;
                }
            }

            return result ?? (IReadOnlyList<ShellCommandSubstitutionPart>)new ShellCommandSubstitutionPart[0];
        }

        /// <summary>[start, end) of this source as a source of its own, keeping original offsets.</summary>
        private ShellSource Slice(int start, int end)
        {
            var map = new int[end - start + 1];
            for (int i = 0; i < map.Length; i++)
            {
                map[i] = _src.Original(start + i);
            }

            return new ShellSource(_src.Text.Substring(start, end - start), map);
        }

        /// <summary>
        /// Skips backslash-newline pairs at <paramref name="p"/>. bash removes them before tokenizing, so even an
        /// operator may be split by one (<c>&amp;\⏎&amp;</c> is <c>&amp;&amp;</c>).
        /// </summary>
        public int SkipContinuations(int p)
        {
            while (_src[p] == '\\' && _src[p + 1] == '\n')
            {
                p += 2;
            }

            return p;
        }

        /// <summary>True when the raw text at <paramref name="position"/> starts a compound command (used for <c>coproc NAME {…}</c>).</summary>
        public bool RawStartsCompoundCommand(int position)
        {
            int p = position;
            while (_src[p] == ' ' || _src[p] == '\t')
            {
                p++;
            }

            if (_src[p] == '(')
            {
                return true;
            }

            int start = p;
            while (p < _src.Length && !IsBlankOrMeta(_src[p]))
            {
                p++;
            }

            switch (_src.Text.Substring(start, p - start))
            {
                case "{":
                case "if":
                case "while":
                case "until":
                case "for":
                case "case":
                case "select":
                case "[[":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Length of the <c>NAME=</c>, <c>NAME+=</c> or <c>NAME[sub]=</c> prefix of <paramref name="text"/>, or -1.</summary>
        public static int AssignmentPrefixLength(string text)
        {
            if (text.Length == 0 || !IsNameStart(text[0]))
            {
                return -1;
            }

            int i = 1;
            while (i < text.Length && IsNameChar(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] == '[')
            {
                int depth = 0;
                for (; i < text.Length; i++)
                {
                    if (text[i] == '[')
                    {
                        depth++;
                    }
                    else if (text[i] == ']' && --depth == 0)
                    {
                        break;
                    }
                }

                if (i >= text.Length)
                {
                    return -1;
                }

                i++;
            }

            if (i < text.Length && text[i] == '+')
            {
                i++;
            }

            return i < text.Length && text[i] == '=' ? i + 1 : -1;
        }

        public static bool IsNameStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

        public static bool IsNameChar(char c) => IsNameStart(c) || (c >= '0' && c <= '9');

        private static bool IsAllDigits(string s)
        {
            if (s.Length == 0)
            {
                return false;
            }

            foreach (char c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsBlankOrMeta(char c) =>
            c is ' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>' or '\0';

        private ShellToken EndToken()
        {
            int end = _src.Length;
            return new ShellToken(ShellTokenKind.EndOfInput, end, end, _src.Span(end, end), null);
        }

        private ShellToken WordToken(int start, ShellWord word) =>
            new(ShellTokenKind.Word, start, _pos, word.Span, word);

        private void SkipBlanks()
        {
            while (_pos < _src.Length)
            {
                char c = _src[_pos];
                if (c == ' ' || c == '\t')
                {
                    _pos++;
                }
                else if (c == '\\' && _src[_pos + 1] == '\n')
                {
                    _pos += 2;
                }
                else
                {
                    return;
                }
            }
        }

        private void ReadComment()
        {
            int start = _pos;
            while (_pos < _src.Length && _src[_pos] != '\n')
            {
                _pos++;
            }

            _ctx.Comments.Add(new ShellComment(_src.Span(start, _pos), _src.Text.Substring(start, _pos - start)));
        }

        private ShellTokenKind? ReadOperator(char c)
        {
            int p1 = SkipContinuations(_pos + 1);
            char c1 = _src[p1];
            switch (c)
            {
                case ';':
                    if (c1 == ';')
                    {
                        int p2 = SkipContinuations(p1 + 1);
                        if (IsBash && _src[p2] == '&')
                        {
                            return Take(p2, ShellTokenKind.DoubleSemicolonAmpersand);
                        }

                        return Take(p1, ShellTokenKind.DoubleSemicolon);
                    }

                    return IsBash && c1 == '&' ? Take(p1, ShellTokenKind.SemicolonAmpersand) : Take(_pos, ShellTokenKind.Semicolon);
                case '&':
                    if (c1 == '&')
                    {
                        return Take(p1, ShellTokenKind.AndIf);
                    }

                    if (IsBash && c1 == '>' && !ConditionalMode)
                    {
                        int p2 = SkipContinuations(p1 + 1);
                        return _src[p2] == '>' ? Take(p2, ShellTokenKind.AndDoubleGreat) : Take(p1, ShellTokenKind.AndGreat);
                    }

                    return Take(_pos, ShellTokenKind.Ampersand);
                case '|':
                    if (c1 == '|')
                    {
                        return Take(p1, ShellTokenKind.OrIf);
                    }

                    return IsBash && c1 == '&' ? Take(p1, ShellTokenKind.PipeAmpersand) : Take(_pos, ShellTokenKind.Pipe);
                case '(':
                    return Take(_pos, ShellTokenKind.LeftParen);
                case ')':
                    return Take(_pos, ShellTokenKind.RightParen);
                case '<':
                    if (ConditionalMode)
                    {
                        return Take(_pos, ShellTokenKind.Less);
                    }

                    if (c1 == '<')
                    {
                        int p2 = SkipContinuations(p1 + 1);
                        if (IsBash && _src[p2] == '<')
                        {
                            return Take(p2, ShellTokenKind.TripleLess);
                        }

                        return _src[p2] == '-' ? Take(p2, ShellTokenKind.DoubleLessDash) : Take(p1, ShellTokenKind.DoubleLess);
                    }

                    if (c1 == '&')
                    {
                        return Take(p1, ShellTokenKind.LessAnd);
                    }

                    if (c1 == '>')
                    {
                        return Take(p1, ShellTokenKind.LessGreat);
                    }

                    return IsBash && c1 == '(' ? null : Take(_pos, ShellTokenKind.Less);
                case '>':
                    if (ConditionalMode)
                    {
                        return Take(_pos, ShellTokenKind.Great);
                    }

                    switch (c1)
                    {
                        case '>':
                            return Take(p1, ShellTokenKind.DoubleGreat);
                        case '&':
                            return Take(p1, ShellTokenKind.GreatAnd);
                        case '|':
                            return Take(p1, ShellTokenKind.Clobber);
                        case '(' when IsBash:
                            return null;
                        default:
                            return Take(_pos, ShellTokenKind.Great);
                    }

                default:
                    return null;
            }
        }

        private ShellTokenKind Take(int lastChar, ShellTokenKind kind)
        {
            _pos = lastChar + 1;
            return kind;
        }

        private void ReadHereDocumentBodies()
        {
            foreach (PendingHereDocument pending in _pending)
            {
                ReadHereDocumentBody(pending);
            }

            _pending.Clear();
        }

        /// <summary>
        /// Reads lines until one equals the delimiter (after removing leading tabs for <c>&lt;&lt;-</c>).
        /// For an unquoted delimiter, backslash-newline joins lines first, as bash does.
        /// </summary>
        private void ReadHereDocumentBody(PendingHereDocument pending)
        {
            ShellHereDocument doc = pending.HereDocument;
            int bodyStart = _pos;
            var body = new StringBuilder();
            var line = new StringBuilder();
            while (_pos < _src.Length)
            {
                int lineStart = _pos;
                int p = _pos;
                line.Clear();
                while (p < _src.Length && _src[p] != '\n')
                {
                    if (!doc.IsQuoted && _src[p] == '\\' && p + 1 < _src.Length)
                    {
                        if (_src[p + 1] == '\n')
                        {
                            p += 2;
                            continue;
                        }

                        line.Append('\\').Append(_src[p + 1]);
                        p += 2;
                        continue;
                    }

                    line.Append(_src[p]);
                    p++;
                }

                int contentStart = lineStart;
                if (doc.StripTabs)
                {
                    int tabs = 0;
                    while (tabs < line.Length && line[tabs] == '\t')
                    {
                        tabs++;
                    }

                    line.Remove(0, tabs);
                    contentStart += tabs;
                }

                int next = p < _src.Length ? p + 1 : p;
                if (line.ToString() == doc.Delimiter)
                {
                    doc.Complete(_src.Span(bodyStart, lineStart), body.ToString(), _src.Span(contentStart, p));
                    _pos = next;
                    return;
                }

                body.Append(line);
                if (p < _src.Length)
                {
                    body.Append('\n');
                }

                _pos = next;
            }

            doc.Complete(_src.Span(bodyStart, _src.Length), body.ToString(), null);
            WarnUnterminated(pending);
        }

        private void WarnUnterminated(PendingHereDocument pending)
        {
            int line = 1;
            for (int i = 0; i < pending.OperatorLocalStart && i < _src.Length; i++)
            {
                if (_src[i] == '\n')
                {
                    line++;
                }
            }

            ShellHereDocument doc = pending.HereDocument;
            _ctx.Warning(
                ShellDiagnosticCode.UnterminatedHereDocument,
                new ShellSpan(doc.OperatorSpan.Start, doc.DelimiterWord.End),
                "warning: here-document at line " + line + " delimited by end-of-file (wanted `" + doc.Delimiter + "')");
        }

        private sealed class PendingHereDocument
        {
            public PendingHereDocument(ShellHereDocument hereDocument, int operatorLocalStart)
            {
                HereDocument = hereDocument;
                OperatorLocalStart = operatorLocalStart;
            }

            public ShellHereDocument HereDocument { get; }

            public int OperatorLocalStart { get; }
        }
    }
}
