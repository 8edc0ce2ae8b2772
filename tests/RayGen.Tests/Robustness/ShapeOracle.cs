using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace RayGen.Tests.Robustness
{
    /// <summary>
    /// An independent judge of fuzz inputs, written against YamlDotNet's representation model and never
    /// against RayGen's reader, so the two can disagree.
    /// <para>
    /// <b>Rejected</b>: <c>YamlStream.Load</c> throws (syntax errors, duplicate keys, unknown aliases). A
    /// leading U+FEFF is dropped first, as every reader of a text file does.
    /// </para>
    /// <para>
    /// <b>Wrong shape</b>: in a document whose root is a map with <c>apiVersion</c> <c>ray.io/v1</c> or
    /// <c>ray.io/v1alpha1</c> and a Ray <c>kind</c> (RayCluster, RayJob, RayService, RayCronJob), a field
    /// of <see cref="Schema"/> (the fields the generator reads) is present, not null, and of another node
    /// type (scalar, map or list) than the schema says; or a key of a string map is not a scalar, or a
    /// value in it is not a scalar (merge keys <c>&lt;&lt;</c> applied). Null (<c>~</c>, <c>null</c>, empty)
    /// counts as absent.
    /// </para>
    /// </summary>
    internal static class ShapeOracle
    {
        private enum Kind
        {
            Scalar,
            Map,
            List,
        }

        /// <summary>A field's expected node type; for maps, the fields inside; for lists, the item shape.</summary>
        private sealed record Shape(Kind Kind, IReadOnlyDictionary<string, Shape>? Fields = null, Shape? Item = null, bool StringMap = false);

        private static readonly Shape Scalar = new(Kind.Scalar);
        private static readonly Shape StringMap = new(Kind.Map, StringMap: true);

        private static Shape Map(params (string Key, Shape Shape)[] fields) => new(Kind.Map, fields.ToDictionary(f => f.Key, f => f.Shape, StringComparer.Ordinal));

        private static Shape ListOf(Shape item) => new(Kind.List, Item: item);

        private static readonly Shape Container = Map(
            ("name", Scalar), ("image", Scalar), ("imagePullPolicy", Scalar),
            ("command", ListOf(Scalar)), ("args", ListOf(Scalar)),
            ("env", ListOf(Map(("name", Scalar), ("value", Scalar)))),
            ("volumeMounts", ListOf(Map(("mountPath", Scalar)))),
            ("resources", Map(("limits", StringMap), ("requests", StringMap))));

        private static (string, Shape)[] GroupFields(params (string, Shape)[] extra) => new[]
        {
            ("groupName", Scalar), ("rayStartParams", StringMap), ("resources", StringMap), ("labels", StringMap),
            ("template", Map(
                ("metadata", Map(("annotations", StringMap))),
                ("spec", Map(("containers", ListOf(Container)), ("initContainers", ListOf(Map(("name", Scalar)))))))),
        }.Concat(extra).ToArray();

        private static readonly Shape ClusterSpec = Map(
            ("rayVersion", Scalar), ("enableInTreeAutoscaling", Scalar),
            ("autoscalerOptions", Map(("version", Scalar))),
            ("authOptions", Map(("mode", Scalar))),
            ("gcsFaultToleranceOptions", Map(("backend", Scalar), ("externalStorageNamespace", Scalar), ("redisAddress", Scalar))),
            ("headGroupSpec", Map(GroupFields(("headService", Map(("metadata", Map(("name", Scalar)))))))),
            ("workerGroupSpecs", ListOf(Map(GroupFields()))));

        private static readonly Shape Metadata = Map(("name", Scalar), ("generateName", Scalar), ("namespace", Scalar), ("annotations", StringMap));

        /// <summary>The fields RayGen's generator reads, per Ray kind.</summary>
        private static readonly IReadOnlyDictionary<string, Shape> Schema = new Dictionary<string, Shape>
        {
            ["RayCluster"] = Map(("metadata", Metadata), ("spec", ClusterSpec)),
            ["RayJob"] = Map(("metadata", Metadata), ("spec", Map(("rayClusterSpec", ClusterSpec)))),
            ["RayService"] = Map(("metadata", Metadata), ("spec", Map(("rayClusterConfig", ClusterSpec)))),
            ["RayCronJob"] = Map(("metadata", Metadata), ("spec", Map(("jobTemplate", Map(("rayClusterSpec", ClusterSpec)))))),
        };

        /// <summary>The verdict on one text: rejected, or the documents (by start line) that have a wrong shape.</summary>
        public static (bool Rejected, IReadOnlyList<WrongShape> WrongShapes) Judge(string text)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text));
            }
            catch (Exception)
            {
                // YamlDotNet also throws non-YAML exceptions on some invalid input (an unclosed flow sequence).
                return (true, Array.Empty<WrongShape>());
            }

            var found = new List<WrongShape>();
            for (int i = 0; i < stream.Documents.Count; i++)
            {
                if (stream.Documents[i].RootNode is YamlMappingNode root
                    && Text(root, "apiVersion") is "ray.io/v1" or "ray.io/v1alpha1"
                    && Text(root, "kind") is { } kind
                    && Schema.TryGetValue(kind, out Shape? shape))
                {
                    int endLine = i + 1 < stream.Documents.Count ? (int)stream.Documents[i + 1].RootNode.Start.Line - 1 : int.MaxValue;
                    Check(root, shape, kind, (int)root.Start.Line - 1, endLine, found);
                }
            }

            return (false, found);
        }

        /// <summary>A field with the wrong node type; lines are 0-based, the document's range inclusive.</summary>
        public sealed record WrongShape(string Path, int Line, int DocumentStartLine, int DocumentEndLine);

        private static void Check(YamlNode node, Shape shape, string path, int documentStart, int documentEnd, List<WrongShape> found)
        {
            if (IsNull(node))
            {
                return;
            }

            if (KindOf(node) != shape.Kind)
            {
                found.Add(new WrongShape(path, (int)node.Start.Line - 1, documentStart, documentEnd));
                return;
            }

            switch (node)
            {
                case YamlMappingNode map when shape.StringMap:
                    foreach (var entry in map.Children)
                    {
                        if (entry.Key is YamlScalarNode { Value: "<<", Style: YamlDotNet.Core.ScalarStyle.Plain } && entry.Value is not YamlScalarNode)
                        {
                            // A YAML 1.1 merge key (go-yaml applies it): the merged maps are part of this map.
                            foreach (YamlNode merged in entry.Value is YamlSequenceNode sources ? sources.Children : new[] { entry.Value })
                            {
                                Check(merged, shape, path, documentStart, documentEnd, found);
                            }
                        }
                        else if (entry.Key is not YamlScalarNode)
                        {
                            found.Add(new WrongShape(path + ".<key>", (int)entry.Key.Start.Line - 1, documentStart, documentEnd));
                        }
                        else if (KindOf(entry.Value) != Kind.Scalar)
                        {
                            found.Add(new WrongShape(path + "." + ((YamlScalarNode)entry.Key).Value, (int)entry.Value.Start.Line - 1, documentStart, documentEnd));
                        }
                    }

                    break;
                case YamlMappingNode map:
                    foreach (var (key, fieldShape) in shape.Fields!)
                    {
                        if (map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) && Needed(map, key))
                        {
                            Check(value, fieldShape, path + "." + key, documentStart, documentEnd, found);
                        }
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (YamlNode item in list.Children)
                    {
                        Check(item, shape.Item!, path + "[]", documentStart, documentEnd, found);
                    }

                    break;
            }
        }

        // metadata.generateName is read only when name is absent (kubectl create's generated names).
        private static bool Needed(YamlMappingNode map, string key) =>
            key != "generateName" || !map.Children.TryGetValue(new YamlScalarNode("name"), out YamlNode? name) || IsNull(name);

        private static Kind KindOf(YamlNode node) => node switch
        {
            YamlMappingNode => Kind.Map,
            YamlSequenceNode => Kind.List,
            _ => Kind.Scalar,
        };

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode scalar
            && (scalar.Tag.IsEmpty
                ? scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any && scalar.Value is "" or "~" or "null" or "Null" or "NULL"
                : scalar.Tag.Value is "tag:yaml.org,2002:null");

        private static string? Text(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? node) && node is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value : null;
    }
}
