using System;
using System.Collections.Generic;

namespace RayGen.Yaml
{
    internal enum YamlNodeKind
    {
        Scalar,
        Mapping,
        Sequence,
    }

    internal enum YamlScalarStyle
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
        Folded,
    }

    /// <summary>What a scalar means to Kubernetes (go-yaml v2 resolution, see <see cref="Yaml11"/>).</summary>
    internal enum YamlScalarType
    {
        Null,
        Bool,
        Int,
        Float,
        String,
    }

    /// <summary>
    /// One node of a parsed YAML document. Aliases are not copied: every alias of an anchor is the very
    /// same <see cref="YamlNode"/> object, so its <see cref="Span"/> is the anchored node's span.
    /// Nodes keep no reference to the source text.
    /// </summary>
    internal sealed class YamlNode
    {
        private static readonly YamlEntry[] NoEntries = Array.Empty<YamlEntry>();
        private static readonly YamlNode[] NoItems = Array.Empty<YamlNode>();

        private readonly YamlEntry[] _entries;
        private readonly YamlNode[] _items;

        private YamlNode(
            YamlNodeKind kind,
            SourceSpan span,
            string? tag,
            string? anchor,
            string value,
            YamlScalarStyle style,
            YamlScalarType scalarType,
            YamlEntry[] entries,
            YamlNode[] items,
            int subtreeNodeCount,
            int subtreeChars,
            int height)
        {
            Kind = kind;
            Span = span;
            Tag = tag;
            Anchor = anchor;
            Value = value;
            Style = style;
            ScalarType = scalarType;
            _entries = entries;
            _items = items;
            SubtreeNodeCount = subtreeNodeCount;
            SubtreeChars = subtreeChars;
            Height = height;
        }

        public YamlNodeKind Kind { get; }

        /// <summary>The whole node text, including anchor, tag, quotes and block indicators.</summary>
        public SourceSpan Span { get; }

        /// <summary>The explicit tag as YamlDotNet resolves it (<c>!!str</c> becomes <c>tag:yaml.org,2002:str</c>), or null.</summary>
        public string? Tag { get; }

        public string? Anchor { get; }

        /// <summary>The decoded scalar value; "" for mappings and sequences.</summary>
        public string Value { get; }

        /// <summary>The scalar style; <see cref="YamlScalarStyle.Plain"/> for mappings and sequences.</summary>
        public YamlScalarStyle Style { get; }

        /// <summary>The resolved scalar type; <see cref="YamlScalarType.String"/> for mappings and sequences.</summary>
        public YamlScalarType ScalarType { get; }

        public bool IsNull => Kind == YamlNodeKind.Scalar && ScalarType == YamlScalarType.Null;

        /// <summary>Mapping entries in document order with merge keys (<c>&lt;&lt;</c>) already applied.</summary>
        public IReadOnlyList<YamlEntry> Entries => _entries;

        public IReadOnlyList<YamlNode> Items => _items;

        /// <summary>Nodes in this subtree, counting shared (aliased) subtrees once per use.</summary>
        public int SubtreeNodeCount { get; }

        /// <summary>Characters of the scalar values in this subtree (keys too), counting shared subtrees once per use.</summary>
        public int SubtreeChars { get; }

        /// <summary>Levels in this subtree (1 for a scalar), counting through aliases.</summary>
        internal int Height { get; }

        /// <summary>The value of the last entry whose key is a scalar equal to <paramref name="key"/>.</summary>
        public YamlNode? Get(string key) => GetEntry(key)?.Value;

        public YamlEntry? GetEntry(string key)
        {
            for (int i = _entries.Length - 1; i >= 0; i--)
            {
                YamlNode k = _entries[i].Key;
                if (k.Kind == YamlNodeKind.Scalar && string.Equals(k.Value, key, StringComparison.Ordinal))
                {
                    return _entries[i];
                }
            }

            return null;
        }

        public override string ToString() => Kind switch
        {
            YamlNodeKind.Scalar => Value,
            YamlNodeKind.Mapping => $"{{{_entries.Length} entries}}",
            _ => $"[{_items.Length} items]",
        };

        internal static YamlNode CreateScalar(SourceSpan span, string? tag, string? anchor, string value, YamlScalarStyle style, YamlScalarType type) =>
            new(YamlNodeKind.Scalar, span, tag, anchor, value, style, type, NoEntries, NoItems, 1, value.Length, 1);

        internal static YamlNode CreateMapping(SourceSpan span, string? tag, string? anchor, YamlEntry[] entries)
        {
            long count = 1;
            long chars = 0;
            int height = 0;
            foreach (YamlEntry entry in entries)
            {
                count += entry.Key.SubtreeNodeCount + (long)entry.Value.SubtreeNodeCount;
                chars += entry.Key.SubtreeChars + (long)entry.Value.SubtreeChars;
                height = Math.Max(height, Math.Max(entry.Key.Height, entry.Value.Height));
            }

            return new(YamlNodeKind.Mapping, span, tag, anchor, "", YamlScalarStyle.Plain, YamlScalarType.String, entries, NoItems, Clamp(count), Clamp(chars), height + 1);
        }

        internal static YamlNode CreateSequence(SourceSpan span, string? tag, string? anchor, YamlNode[] items)
        {
            long count = 1;
            long chars = 0;
            int height = 0;
            foreach (YamlNode item in items)
            {
                count += item.SubtreeNodeCount;
                chars += item.SubtreeChars;
                height = Math.Max(height, item.Height);
            }

            return new(YamlNodeKind.Sequence, span, tag, anchor, "", YamlScalarStyle.Plain, YamlScalarType.String, NoEntries, items, Clamp(count), Clamp(chars), height + 1);
        }

        private static int Clamp(long count) => count > int.MaxValue ? int.MaxValue : (int)count;
    }

    /// <summary>A mapping entry. Compares by node reference, which is enough: nodes are never cache keys.</summary>
    internal sealed record YamlEntry(YamlNode Key, YamlNode Value);
}
