namespace RayGen.Diagnostics.Analyzers.RayStartParams
{
    /// <summary>
    /// A JSON syntax check with Python's <c>json.loads</c> rules (what Ray and click use): RFC 8259 plus
    /// <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>; white space around the value is allowed; control
    /// characters inside strings are not. Reports the offset of the first error, and whether the value is an
    /// object whose members are all numbers (what <c>--resources</c> needs).
    /// </summary>
    internal sealed class JsonCheck
    {
        private const int MaxDepth = 64;

        private readonly string _text;
        private int _pos;

        private JsonCheck(string text) => _text = text;

        /// <summary>Offset of the first error, or -1 when the text is valid JSON.</summary>
        public int ErrorOffset { get; private set; } = -1;

        public string? Error { get; private set; }

        /// <summary>The top-level value is an object.</summary>
        public bool IsObject { get; private set; }

        /// <summary>Offset of the first member of the top-level object whose value is not a number (or -1).</summary>
        public int NonNumberMember { get; private set; } = -1;

        public bool IsValid => ErrorOffset < 0;

        public static JsonCheck Parse(string text)
        {
            var check = new JsonCheck(text);
            check.SkipWhite();
            check.IsObject = check.Peek() == '{';
            if (check.Value(0, topLevel: true))
            {
                check.SkipWhite();
                if (check._pos < text.Length)
                {
                    check.Fail("extra data after the JSON value");
                }
            }

            return check;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void SkipWhite()
        {
            while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r')
            {
                _pos++;
            }
        }

        private bool Fail(string message)
        {
            if (ErrorOffset < 0)
            {
                ErrorOffset = _pos;
                Error = message;
            }

            return false;
        }

        private bool Value(int depth, bool topLevel = false)
        {
            if (depth > MaxDepth)
            {
                return Fail("nested too deeply");
            }

            switch (Peek())
            {
                case '{':
                    return Object(depth, topLevel);
                case '[':
                    return Array(depth);
                case '"':
                    return String();
                case 't':
                    return Literal("true");
                case 'f':
                    return Literal("false");
                case 'n':
                    return Literal("null");
                case 'N':
                    return Literal("NaN");
                case 'I':
                    return Literal("Infinity");
                default:
                    return Number();
            }
        }

        private bool Object(int depth, bool topLevel)
        {
            _pos++;
            SkipWhite();
            if (Peek() == '}')
            {
                _pos++;
                return true;
            }

            while (true)
            {
                SkipWhite();
                if (Peek() != '"')
                {
                    return Fail(_pos >= _text.Length ? "the object is not closed" : "expected a property name in double quotes");
                }

                int member = _pos;
                if (!String())
                {
                    return false;
                }

                SkipWhite();
                if (Peek() != ':')
                {
                    return Fail("expected ':' after the property name");
                }

                _pos++;
                SkipWhite();
                char first = Peek();
                if (!Value(depth + 1))
                {
                    return false;
                }

                if (topLevel && NonNumberMember < 0 && !(first is '-' or 'N' or 'I' or 't' or 'f' || (first >= '0' && first <= '9')))
                {
                    NonNumberMember = member;
                }

                SkipWhite();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                if (Peek() == '}')
                {
                    _pos++;
                    return true;
                }

                return Fail(_pos >= _text.Length ? "the object is not closed" : "expected ',' or '}'");
            }
        }

        private bool Array(int depth)
        {
            _pos++;
            SkipWhite();
            if (Peek() == ']')
            {
                _pos++;
                return true;
            }

            while (true)
            {
                SkipWhite();
                if (!Value(depth + 1))
                {
                    return false;
                }

                SkipWhite();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                if (Peek() == ']')
                {
                    _pos++;
                    return true;
                }

                return Fail(_pos >= _text.Length ? "the array is not closed" : "expected ',' or ']'");
            }
        }

        private bool String()
        {
            _pos++;
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return true;
                }

                if (c < ' ')
                {
                    return Fail("control character in a string");
                }

                if (c == '\\')
                {
                    _pos++;
                    char e = Peek();
                    if (e == 'u')
                    {
                        for (int i = 1; i <= 4; i++)
                        {
                            char h = _pos + i < _text.Length ? _text[_pos + i] : '\0';
                            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                            {
                                return Fail("invalid \\u escape");
                            }
                        }

                        _pos += 4;
                    }
                    else if (e is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't'))
                    {
                        return Fail("invalid backslash escape");
                    }
                }

                _pos++;
            }

            return Fail("the string is not closed");
        }

        private bool Literal(string word)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0)
            {
                _pos += word.Length;
                return true;
            }

            return Fail("expected a JSON value");
        }

        private bool Number()
        {
            int start = _pos;
            if (Peek() == '-')
            {
                _pos++;
                if (Peek() == 'I')
                {
                    return Literal("Infinity");
                }
            }

            if (Peek() == '0')
            {
                _pos++;
            }
            else if (Peek() >= '1' && Peek() <= '9')
            {
                while (Peek() >= '0' && Peek() <= '9')
                {
                    _pos++;
                }
            }
            else
            {
                _pos = start;
                return Fail(_pos >= _text.Length ? "expected a JSON value, found the end" : "expected a JSON value");
            }

            if (Peek() == '.' && _pos + 1 < _text.Length && _text[_pos + 1] >= '0' && _text[_pos + 1] <= '9')
            {
                _pos++;
                while (Peek() >= '0' && Peek() <= '9')
                {
                    _pos++;
                }
            }

            if (Peek() is 'e' or 'E')
            {
                int mark = _pos;
                _pos++;
                if (Peek() is '+' or '-')
                {
                    _pos++;
                }

                if (!(Peek() >= '0' && Peek() <= '9'))
                {
                    // Python's scanner stops before an incomplete exponent; the caller then sees extra data.
                    _pos = mark;
                    return true;
                }

                while (Peek() >= '0' && Peek() <= '9')
                {
                    _pos++;
                }
            }

            return true;
        }
    }
}
