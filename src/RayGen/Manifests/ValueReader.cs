using System.Collections.Generic;
using System.Globalization;
using RayGen.Helpers;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Manifests
{
    /// <summary>Copies a YAML subtree into a span-free <see cref="ValueNode"/> with Kubernetes' reading of it.</summary>
    internal static class ValueReader
    {
        public static ValueNode Read(YamlNode node)
        {
            switch (node.Kind)
            {
                case YamlNodeKind.Mapping:
                    var entries = new List<ValueEntry>(node.Entries.Count);
                    var positions = new Dictionary<string, int>(System.StringComparer.Ordinal);
                    foreach (YamlEntry entry in node.Entries)
                    {
                        if (Key(entry.Key) is not { } key)
                        {
                            continue;
                        }

                        // Duplicate keys: like Kubernetes' decoder, the last value wins.
                        var value = new ValueEntry(key, Read(entry.Value));
                        if (positions.TryGetValue(key, out int at))
                        {
                            entries[at] = value;
                        }
                        else
                        {
                            positions[key] = entries.Count;
                            entries.Add(value);
                        }
                    }

                    return ValueNode.Map(entries.ToEquatableArray());
                case YamlNodeKind.Sequence:
                    var items = new ValueNode[node.Items.Count];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = Read(node.Items[i]);
                    }

                    return ValueNode.List(items.ToEquatableArrayFast());
                default:
                    return ValueNode.Scalar(
                        node.ScalarType switch
                        {
                            YamlScalarType.Null => ValueKind.Null,
                            YamlScalarType.Bool => ValueKind.Bool,
                            YamlScalarType.Int => ValueKind.Int,
                            YamlScalarType.Float => ValueKind.Float,
                            _ => ValueKind.String,
                        },
                        node.Value);
            }
        }

        /// <summary>
        /// A map key as JSON sees it after sigs.k8s.io/yaml: booleans and integers become their canonical
        /// text (<c>yes:</c> is the key "true", <c>0x1F:</c> is "31"); non-scalar keys are dropped.
        /// </summary>
        public static string? Key(YamlNode key)
        {
            if (key.Kind != YamlNodeKind.Scalar)
            {
                return null;
            }

            return key.ScalarType switch
            {
                YamlScalarType.Bool when Yaml11.TryParseBool(key.Value, out bool flag) => flag ? "true" : "false",
                YamlScalarType.Int when Yaml11.TryParseInt(key.Value, out long number) => number.ToString(CultureInfo.InvariantCulture),
                YamlScalarType.Null => "null",
                _ => key.Value,
            };
        }
    }
}
