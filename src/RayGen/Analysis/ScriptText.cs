using System;
using System.Collections.Generic;
using System.Text;
using RayGen.Model;
using RayGen.Shell;
using RayGen.Yaml;

namespace RayGen.Analysis
{
    /// <summary>
    /// A YAML file as the script analysis sees it (no Roslyn types): its text, YAML tree and manifests.
    /// <see cref="Tag"/> is the caller's own handle (the analyzers keep their per-file context there).
    /// </summary>
    internal sealed class ScriptFile
    {
        private LineMap? _lines;

        public ScriptFile(string path, string text, YamlReadResult yaml, IReadOnlyList<ManifestModel> manifests, object? tag = null)
        {
            Path = path;
            Text = text;
            Yaml = yaml;
            Manifests = manifests;
            Tag = tag;
        }

        public string Path { get; }

        public string Text { get; }

        public YamlReadResult Yaml { get; }

        public IReadOnlyList<ManifestModel> Manifests { get; }

        public object? Tag { get; }

        public LineMap Lines => _lines ??= LineMap.Create(Text);

        public SourceRef Ref(SourceSpan span) => new(this, span);

        public SourceRef Ref(int start, int end) => new(this, Lines.Span(Math.Max(0, Math.Min(start, Text.Length)), Math.Max(0, Math.Min(end, Text.Length))));

        public override string ToString() => Path;
    }

    /// <summary>A span in a YAML file.</summary>
    internal readonly struct SourceRef : IEquatable<SourceRef>
    {
        public SourceRef(ScriptFile file, SourceSpan span)
        {
            File = file;
            Span = span;
        }

        public ScriptFile File { get; }

        public SourceSpan Span { get; }

        /// <summary>1-based line, as users read it.</summary>
        public int Line => Span.StartLine + 1;

        public bool Equals(SourceRef other) => ReferenceEquals(File, other.File) && Span.Equals(other.Span);

        public override bool Equals(object? obj) => obj is SourceRef other && Equals(other);

        public override int GetHashCode() => Span.GetHashCode();
    }

    /// <summary>Maps a range of some text (a script, a <c>-c</c> string, <c>joined</c>) back to the YAML it came from.</summary>
    internal abstract class TextMap
    {
        public abstract SourceRef Locate(int start, int end);

        /// <summary>Whether <see cref="Locate"/> gives sub-spans (else it returns one enclosing span).</summary>
        public abstract bool IsPrecise { get; }
    }

    /// <summary>The user text of a group's <c>joined</c> (or exec-form) command, located by the Final Args Model (rules.md §0.4).</summary>
    internal sealed class JoinedTextMap : TextMap
    {
        private readonly GroupArgs _group;
        private readonly ScriptFile _file;

        public JoinedTextMap(GroupArgs group, ScriptFile file)
        {
            _group = group;
            _file = file;
        }

        public override bool IsPrecise => true;

        public override SourceRef Locate(int start, int end) => _file.Ref(_group.Locate(start, Math.Max(end, start + 1)));
    }

    /// <summary>
    /// A YAML scalar's decoded value. Plain and single-line quoted scalars map each character (through
    /// <see cref="ScalarSourceMap"/>); literal block scalars (<c>|</c>) map each line, which is what a script in a
    /// ConfigMap usually is; anything else (folded, multi-line quoted) maps to the whole scalar.
    /// </summary>
    internal sealed class ScalarTextMap : TextMap
    {
        private readonly ScriptFile _file;
        private readonly YamlNode _node;
        private readonly ScalarSourceMap _map;
        private readonly int[]? _lineStarts; // decoded line i starts at source offset _lineStarts[i]
        private readonly int[]? _decodedLineStarts;

        public ScalarTextMap(ScriptFile file, YamlNode node)
        {
            _file = file;
            _node = node;
            _map = ScalarSourceMap.Create(node, file.Text);
            if (!_map.IsPrecise && node.Style == YamlScalarStyle.Literal)
            {
                MapLiteralBlock(file.Text, node, out _lineStarts, out _decodedLineStarts);
            }
        }

        public YamlNode Node => _node;

        public override bool IsPrecise => _map.IsPrecise || _lineStarts is not null;

        public override SourceRef Locate(int start, int end)
        {
            if (_map.IsPrecise)
            {
                return _file.Ref(_map.Locate(start, Math.Max(end, start + 1)));
            }

            if (_lineStarts is null || _decodedLineStarts is null)
            {
                return _file.Ref(_node.Span);
            }

            return _file.Ref(ToSource(start), ToSource(Math.Max(end, start)));
        }

        private int ToSource(int decoded)
        {
            int line = Array.BinarySearch(_decodedLineStarts!, decoded);
            line = line >= 0 ? line : ~line - 1;
            line = Math.Max(0, Math.Min(line, _lineStarts!.Length - 1));
            return _lineStarts[line] + (decoded - _decodedLineStarts![line]);
        }

        /// <summary>
        /// For <c>|</c> scalars: every decoded line is the source line minus the content indentation. The map is
        /// only kept when every non-empty decoded line is found verbatim where it should be.
        /// </summary>
        private static void MapLiteralBlock(string text, YamlNode node, out int[]? lineStarts, out int[]? decodedStarts)
        {
            lineStarts = null;
            decodedStarts = null;
            int header = text.IndexOf('\n', node.Span.Start);
            if (header < 0 || header >= node.Span.End)
            {
                return;
            }

            string[] lines = node.Value.Split('\n');
            var sourceLines = new List<int>();
            int pos = header + 1;
            while (pos <= text.Length && sourceLines.Count < lines.Length)
            {
                sourceLines.Add(pos);
                int next = text.IndexOf('\n', pos);
                if (next < 0)
                {
                    break;
                }

                pos = next + 1;
            }

            int indent = -1;
            for (int i = 0; i < lines.Length && i < sourceLines.Count; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                int at = sourceLines[i];
                int spaces = 0;
                while (at + spaces < text.Length && text[at + spaces] == ' ')
                {
                    spaces++;
                }

                // The content indentation is what the line has beyond its decoded leading spaces.
                int leading = 0;
                while (leading < lines[i].Length && lines[i][leading] == ' ')
                {
                    leading++;
                }

                indent = spaces - leading;
                break;
            }

            if (indent < 0)
            {
                return;
            }

            var starts = new int[lines.Length];
            var decoded = new int[lines.Length];
            int offset = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                decoded[i] = offset;
                offset += lines[i].Length + 1;
                if (i >= sourceLines.Count)
                {
                    // Trailing decoded empty lines (keep chomping) may have no source line of their own.
                    if (lines[i].Length > 0)
                    {
                        return;
                    }

                    starts[i] = starts[Math.Max(i - 1, 0)];
                    continue;
                }

                starts[i] = sourceLines[i] + indent;
                if (lines[i].Length > 0
                    && (starts[i] + lines[i].Length > text.Length || string.CompareOrdinal(text, starts[i], lines[i], 0, lines[i].Length) != 0))
                {
                    return;
                }
            }

            lineStarts = starts;
            decodedStarts = decoded;
        }
    }

    /// <summary>Text derived from another text (a shell word's value, a here-document body): per-character offsets into it.</summary>
    internal sealed class OffsetTextMap : TextMap
    {
        private readonly TextMap _outer;
        private readonly int[] _offsets; // length = text length + 1

        public OffsetTextMap(TextMap outer, int[] offsets)
        {
            _outer = outer;
            _offsets = offsets;
        }

        public override bool IsPrecise => _outer.IsPrecise;

        public override SourceRef Locate(int start, int end)
        {
            int last = _offsets.Length - 1;
            start = Math.Max(0, Math.Min(start, last));
            end = Math.Max(start, Math.Min(end, last));
            int from = _offsets[start];
            int to = end > start ? _offsets[end - 1] + 1 : from + 1;
            return _outer.Locate(from, Math.Max(to, from + 1));
        }

        /// <summary>Offsets for a contiguous slice <c>[start, start + length)</c> of the outer text.</summary>
        public static int[] Slice(int start, int length)
        {
            var offsets = new int[length + 1];
            for (int i = 0; i <= length; i++)
            {
                offsets[i] = start + i;
            }

            return offsets;
        }
    }

    /// <summary>A piece of text to analyze as a script, with its origin.</summary>
    internal sealed class ScriptSource
    {
        public ScriptSource(string text, TextMap map)
        {
            Text = text;
            Map = map;
        }

        public string Text { get; }

        public TextMap Map { get; }

        public SourceRef Locate(int start, int end) => Map.Locate(start, end);
    }

    /// <summary>Decodes shell words to their value with a per-character map back to the source text.</summary>
    internal static class ShellWordText
    {
        /// <summary>The word's value after quote removal, if it has no expansions, with offsets into <paramref name="source"/>.</summary>
        public static bool TryDecode(ShellWord word, string source, out string value, out int[] offsets)
        {
            var sb = new StringBuilder();
            var map = new List<int>();
            bool ok = Append(word.Parts, source, sb, map, inDoubleQuotes: false);
            map.Add(word.End);
            value = ok ? sb.ToString() : string.Empty;
            offsets = ok && map.Count == value.Length + 1 ? map.ToArray() : Array.Empty<int>();
            return ok && offsets.Length == value.Length + 1;
        }

        /// <summary>
        /// The word after quote removal with every expansion kept as written (<c>"http://$FQ_RAY_IP:8265/x"</c> →
        /// <c>http://$FQ_RAY_IP:8265/x</c>): enough to tell a URL, a host or an <c>--address=</c> option whose
        /// value is only known at run time.
        /// </summary>
        public static string Shape(ShellWord word, string source)
        {
            var sb = new StringBuilder();
            ShellWord.AppendQuoteRemoved(word.Parts, sb, (part, text) =>
            {
                int start = Math.Min(Math.Max(part.Start, 0), source.Length);
                text.Append(source, start, Math.Min(Math.Max(part.End, start), source.Length) - start);
                return true;
            });
            return sb.ToString();
        }

        private static bool Append(IEnumerable<ShellWordPart> parts, string source, StringBuilder sb, List<int> map, bool inDoubleQuotes)
        {
            foreach (ShellWordPart part in parts)
            {
                switch (part)
                {
                    case ShellLiteralPart l:
                        MapLiteral(l.Value, part.Start, part.End, source, sb, map, inDoubleQuotes);
                        break;
                    case ShellEscapedPart e:
                        foreach (char c in e.Value)
                        {
                            sb.Append(c);
                            map.Add(Math.Min(part.Start + 1, Math.Max(part.End - 1, part.Start)));
                        }

                        break;
                    case ShellSingleQuotedPart s:
                        bool exact = s.Value.Length == part.Span.Length - 2;
                        for (int i = 0; i < s.Value.Length; i++)
                        {
                            sb.Append(s.Value[i]);
                            map.Add(exact ? part.Start + 1 + i : part.Start);
                        }

                        break;
                    case ShellAnsiCQuotedPart a:
                        foreach (char c in a.Value)
                        {
                            sb.Append(c);
                            map.Add(part.Start);
                        }

                        break;
                    case ShellDoubleQuotedPart d:
                        if (!Append(d.Parts, source, sb, map, inDoubleQuotes: true))
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        /// <summary>Walks the source of a literal part, skipping line continuations and (in double quotes) the backslash of <c>\$ \` \" \\</c>.</summary>
        private static void MapLiteral(string value, int start, int end, string source, StringBuilder sb, List<int> map, bool inDoubleQuotes)
        {
            var offsets = new List<int>(value.Length);
            int i = start;
            end = Math.Min(end, source.Length);
            while (i < end && offsets.Count < value.Length)
            {
                if (source[i] == '\\' && i + 1 < end)
                {
                    char next = source[i + 1];
                    if (next == '\n')
                    {
                        i += 2;
                        continue;
                    }

                    if (inDoubleQuotes && (next == '$' || next == '`' || next == '"' || next == '\\'))
                    {
                        i++;
                    }
                }

                offsets.Add(i);
                i++;
            }

            bool exact = offsets.Count == value.Length;
            for (int k = 0; k < value.Length; k++)
            {
                sb.Append(value[k]);
                map.Add(exact ? offsets[k] : start);
            }
        }
    }
}
