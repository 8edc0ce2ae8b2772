using System.Collections.Generic;
using System.Globalization;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>
    /// Maps each character of a scalar's decoded value back to its YAML source text, for plain and
    /// single-line quoted scalars. Block, folded and multi-line scalars get no map: offsets no longer
    /// correspond one to one, so findings point at the whole scalar (rules.md §0.4).
    /// </summary>
    internal sealed class ScalarSourceMap
    {
        private readonly YamlNode _node;
        private readonly int[]? _offsets;

        private ScalarSourceMap(YamlNode node, int[]? offsets)
        {
            _node = node;
            _offsets = offsets;
        }

        public YamlNode Node => _node;

        /// <summary>Whether sub-spans are available (else <see cref="Locate"/> returns the whole scalar).</summary>
        public bool IsPrecise => _offsets is not null;

        public static ScalarSourceMap Create(YamlNode node, string text)
        {
            SourceSpan span = node.Span;
            bool singleLine = span.StartLine == span.EndLine && span.End <= text.Length;
            int[]? offsets = !singleLine ? null : node.Style switch
            {
                YamlScalarStyle.Plain => Plain(node, text),
                YamlScalarStyle.SingleQuoted => SingleQuoted(node, text),
                YamlScalarStyle.DoubleQuoted => DoubleQuoted(node, text),
                _ => null,
            };
            return new ScalarSourceMap(node, offsets);
        }

        /// <summary>The source span of decoded characters [start, end) of the value.</summary>
        public SourceSpan Locate(int start, int end)
        {
            if (_offsets is null || start < 0 || end > _offsets.Length - 1 || start > end)
            {
                return _node.Span;
            }

            int from = _offsets[start];
            int to = end > start ? _offsets[end - 1] + CharLength(end - 1) : from;
            SourceSpan span = _node.Span;
            return new SourceSpan(from, to, span.StartLine, span.StartColumn + (from - span.Start), span.StartLine, span.StartColumn + (to - span.Start));
        }

        /// <summary>Source length of the escape or character that produced decoded char <paramref name="index"/>.</summary>
        private int CharLength(int index) => _offsets![index + 1] > _offsets[index] ? _offsets[index + 1] - _offsets[index] : 1;

        private static int[]? Plain(YamlNode node, string text)
        {
            string raw = text.Substring(node.Span.Start, node.Span.Length);
            if (raw != node.Value)
            {
                return null;
            }

            var offsets = new int[raw.Length + 1];
            for (int i = 0; i <= raw.Length; i++)
            {
                offsets[i] = node.Span.Start + i;
            }

            return offsets;
        }

        private static int[]? SingleQuoted(YamlNode node, string text)
        {
            int start = node.Span.Start, end = node.Span.End;
            if (end - start < 2 || text[start] != '\'' || text[end - 1] != '\'')
            {
                return null;
            }

            var offsets = new List<int>();
            var decoded = new System.Text.StringBuilder();
            for (int i = start + 1; i < end - 1; i++)
            {
                offsets.Add(i);
                decoded.Append(text[i]);
                if (text[i] == '\'' && i + 1 < end - 1 && text[i + 1] == '\'')
                {
                    i++;
                }
            }

            offsets.Add(end - 1);
            return decoded.ToString() == node.Value ? offsets.ToArray() : null;
        }

        private static int[]? DoubleQuoted(YamlNode node, string text)
        {
            int start = node.Span.Start, end = node.Span.End;
            if (end - start < 2 || text[start] != '"' || text[end - 1] != '"')
            {
                return null;
            }

            var offsets = new List<int>();
            var decoded = new System.Text.StringBuilder();
            for (int i = start + 1; i < end - 1; i++)
            {
                int at = i;
                if (text[i] != '\\')
                {
                    offsets.Add(at);
                    decoded.Append(text[i]);
                    continue;
                }

                if (i + 1 >= end - 1)
                {
                    return null;
                }

                char escape = text[++i];
                int hex = escape switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
                string produced;
                if (hex > 0)
                {
                    if (i + hex >= end
                        || !int.TryParse(text.Substring(i + 1, hex), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code)
                        || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                    {
                        return null;
                    }

                    produced = char.ConvertFromUtf32(code);
                    i += hex;
                }
                else
                {
                    produced = escape switch
                    {
                        '0' => "\0", 'a' => "\a", 'b' => "\b", 't' => "\t", '\t' => "\t", 'n' => "\n", 'v' => "\v", 'f' => "\f",
                        'r' => "\r", 'e' => "\u001b", ' ' => " ", '"' => "\"", '/' => "/", '\\' => "\\", 'N' => "\u0085",
                        '_' => "\u00a0", 'L' => "\u2028", 'P' => "\u2029",
                        _ => string.Empty,
                    };
                    if (produced.Length == 0)
                    {
                        return null;
                    }
                }

                foreach (char _ in produced)
                {
                    offsets.Add(at);
                }

                decoded.Append(produced);
            }

            offsets.Add(end - 1);
            return decoded.ToString() == node.Value ? offsets.ToArray() : null;
        }
    }
}
