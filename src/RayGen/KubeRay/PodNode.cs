using System.Collections.Generic;
using System.Linq;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.KubeRay
{
    /// <summary>
    /// A mutable copy of a <see cref="ValueNode"/> tree, so the pod builder can apply KubeRay's changes in
    /// the operator's order (append env, add volumes, set labels) and freeze the result again.
    /// </summary>
    internal sealed class PodNode
    {
        private readonly List<KeyValuePair<string, PodNode>>? _entries;
        private readonly List<PodNode>? _items;

        private PodNode(ValueNode? scalar, List<KeyValuePair<string, PodNode>>? entries, List<PodNode>? items)
        {
            Scalar = scalar;
            _entries = entries;
            _items = items;
        }

        /// <summary>The scalar (or template) value; <c>null</c> for maps and lists.</summary>
        public ValueNode? Scalar { get; }

        public bool IsMap => _entries is not null;

        public bool IsList => _items is not null;

        public IReadOnlyList<PodNode> Items => _items ?? (IReadOnlyList<PodNode>)System.Array.Empty<PodNode>();

        public IEnumerable<string> Keys => _entries?.Select(e => e.Key) ?? Enumerable.Empty<string>();

        public static PodNode NewMap() => new(null, new List<KeyValuePair<string, PodNode>>(), null);

        public static PodNode NewList() => new(null, null, new List<PodNode>());

        public static PodNode Of(ValueNode value) => value.Kind switch
        {
            ValueKind.Map => new PodNode(null, value.Entries.Select(e => new KeyValuePair<string, PodNode>(e.Key, Of(e.Value))).ToList(), null),
            ValueKind.List => new PodNode(null, null, value.Items.Select(Of).ToList()),
            _ => new PodNode(value, null, null),
        };

        public static PodNode String(string text) => Of(ValueNode.String(text));

        public static PodNode String(TextTemplate template) => Of(ValueNode.FromTemplate(template));

        public static PodNode Int(long value) => Of(ValueNode.Int(value));

        public static PodNode Map(params (string Key, PodNode Value)[] entries)
        {
            PodNode map = NewMap();
            foreach ((string key, PodNode value) in entries)
            {
                map.Set(key, value);
            }

            return map;
        }

        public static PodNode List(IEnumerable<PodNode> items)
        {
            PodNode list = NewList();
            list._items!.AddRange(items);
            return list;
        }

        public PodNode? Get(string key)
        {
            if (_entries is null)
            {
                return null;
            }

            foreach (KeyValuePair<string, PodNode> entry in _entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value.Scalar is { IsNull: true } ? null : entry.Value;
                }
            }

            return null;
        }

        /// <summary>The text of a non-null scalar at <paramref name="key"/>.</summary>
        public string? Text(string key) =>
            Get(key)?.Scalar is { Kind: not ValueKind.Template } scalar ? scalar.Text : null;

        /// <summary>Sets (replaces in place, or appends) an entry of a map.</summary>
        public void Set(string key, PodNode value)
        {
            if (_entries is null)
            {
                return;
            }

            for (int i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].Key == key)
                {
                    _entries[i] = new KeyValuePair<string, PodNode>(key, value);
                    return;
                }
            }

            _entries.Add(new KeyValuePair<string, PodNode>(key, value));
        }

        public void Remove(string key) => _entries?.RemoveAll(e => e.Key == key);

        /// <summary>The map at <paramref name="key"/>, created (or replacing a null) when missing.</summary>
        public PodNode MapAt(string key) => At(key, map: true);

        /// <summary>The list at <paramref name="key"/>, created (or replacing a null) when missing.</summary>
        public PodNode ListAt(string key) => At(key, map: false);

        public void Add(PodNode item) => _items?.Add(item);

        public void Insert(int index, PodNode item) => _items?.Insert(index, item);

        public PodNode Clone() => Of(ToValue());

        private PodNode At(string key, bool map)
        {
            if (Get(key) is { } existing && (map ? existing.IsMap : existing.IsList))
            {
                return existing;
            }

            PodNode created = map ? NewMap() : NewList();
            Set(key, created);
            return created;
        }

        public ValueNode ToValue()
        {
            if (_entries is not null)
            {
                return ValueNode.Map(_entries.Select(e => new ValueEntry(e.Key, e.Value.ToValue())).ToEquatableArray());
            }

            return _items is not null ? ValueNode.List(_items.Select(i => i.ToValue()).ToEquatableArray()) : Scalar!;
        }
    }
}
