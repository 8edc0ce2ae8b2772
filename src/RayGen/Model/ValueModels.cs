using System.Linq;
using RayGen.Helpers;

// A YAML (or pod) value tree without spans: how a group's pod template travels through the pipeline.
// Cache keys like every model here: immutable, value equality, no YAML nodes, so a comment edit that
// only moves text yields an equal tree.
namespace RayGen.Model
{
    /// <summary>What a node holds. Scalars keep their YAML 1.1 type as Kubernetes resolves it.</summary>
    internal enum ValueKind
    {
        Null,
        Bool,
        Int,
        Float,
        String,

        /// <summary>A string with deploy-time holes (only in built pods, never read from YAML).</summary>
        Template,
        Map,
        List,
    }

    /// <summary>
    /// One node. <paramref name="Text"/> is the scalar's text (Bool/Int/Float keep the YAML spelling, e.g.
    /// <c>0777</c>); maps keep entry order with duplicate keys resolved (last wins, like Kubernetes' decoder).
    /// </summary>
    internal sealed record ValueNode(
        ValueKind Kind,
        string Text,
        EquatableArray<ValueEntry> Entries,
        EquatableArray<ValueNode> Items,
        TextTemplate? Template = null)
    {
        public static ValueNode Null { get; } = Scalar(ValueKind.Null, string.Empty);

        public static ValueNode EmptyMap { get; } = Map(EquatableArray<ValueEntry>.Empty);

        public bool IsNull => Kind == ValueKind.Null;

        public static ValueNode Scalar(ValueKind kind, string text) =>
            new(kind, text, EquatableArray<ValueEntry>.Empty, EquatableArray<ValueNode>.Empty);

        public static ValueNode String(string text) => Scalar(ValueKind.String, text);

        public static ValueNode Int(long value) => Scalar(ValueKind.Int, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public static ValueNode Bool(bool value) => Scalar(ValueKind.Bool, value ? "true" : "false");

        /// <summary>A literal string, or a template when it has holes.</summary>
        public static ValueNode FromTemplate(TextTemplate template) =>
            template.HasHoles
                ? new(ValueKind.Template, string.Empty, EquatableArray<ValueEntry>.Empty, EquatableArray<ValueNode>.Empty, template)
                : String(string.Concat(template.Parts.Select(p => p.Text)));

        public static ValueNode Map(EquatableArray<ValueEntry> entries) =>
            new(ValueKind.Map, string.Empty, entries, EquatableArray<ValueNode>.Empty);

        public static ValueNode List(EquatableArray<ValueNode> items) =>
            new(ValueKind.List, string.Empty, EquatableArray<ValueEntry>.Empty, items);

        /// <summary>The value of <paramref name="key"/> in a map, or <c>null</c>.</summary>
        public ValueNode? Get(string key)
        {
            foreach (ValueEntry entry in Entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }

        /// <summary>The scalar text of <paramref name="key"/> when it is a non-null scalar.</summary>
        public string? GetText(string key) =>
            Get(key) is { Kind: not (ValueKind.Null or ValueKind.Map or ValueKind.List or ValueKind.Template) } value ? value.Text : null;
    }

    internal sealed record ValueEntry(string Key, ValueNode Value);
}
