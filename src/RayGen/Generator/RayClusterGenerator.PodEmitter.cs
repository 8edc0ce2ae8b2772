using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RayGen.Helpers;
using RayGen.Kubernetes;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Generator
{
    public sealed partial class RayClusterGenerator
    {
        /// <summary>
        /// Prints a group's built pod (<see cref="GroupOutputModel.Pod"/>) as object initializers of the
        /// KubernetesClient types the project references, guided by <see cref="KubeModelDescription"/>:
        /// a key with no property is left out (RAY0196 reports it), quantities and int-or-string values are
        /// built the way the referenced type allows. Every string literal goes through <see cref="Literal"/>,
        /// which also counts its cost; <see cref="LiteralCost"/> runs the same code on a discarding writer.
        /// </summary>
        internal sealed class PodEmitter
        {
            private const string Names = "global::RayGen.RayPodNames.";
            private readonly KubeModelDescription _model;
            private readonly ClusterOutputModel _cluster;
            private readonly GroupOutputModel _group;
            private readonly SourceWriter _writer;
            private long _literalCost;

            private PodEmitter(KubeModelDescription model, ClusterOutputModel cluster, GroupOutputModel group, SourceWriter writer)
            {
                _model = model;
                _cluster = cluster;
                _group = group;
                _writer = writer;
            }

            /// <summary>
            /// Writes <c>Create&lt;Member&gt;PodTemplate(...)</c> and <c>Create&lt;Member&gt;Pod(...)</c>; returns the
            /// <see cref="CSharpNames.LiteralCost"/> of the string literals written.
            /// </summary>
            public static long EmitFactories(SourceWriter writer, KubeModelDescription model, ClusterOutputModel cluster, GroupOutputModel group, string templateMethod, string podMethod)
            {
                if (group.Pod is not { } pod)
                {
                    return 0;
                }

                var emitter = new PodEmitter(model, cluster, group, writer);
                var holes = new HashSet<TemplatePartKind>();
                CollectHoles(pod, holes);
                List<(string Declaration, string Name, string Doc)> parameters = emitter.Parameters(holes);
                string signature = string.Join(", ", parameters.Select(p => p.Declaration));
                string arguments = string.Join(", ", parameters.Select(p => p.Name));
                string what = $"{(group.IsHead ? "head" : "worker")} group '{CSharpNames.XmlDoc(group.GroupName)}'";

                writer.Line();
                writer.Line($"/// <summary>The pod template KubeRay {cluster.KubeRayVersion} builds for the {what}: the manifest's template plus the operator's changes.</summary>");
                WriteParamDocs(writer, parameters);
                writer.Line($"public static {model.PodTemplateSpecType} {templateMethod}({signature})");
                writer.Open();
                emitter.WritePrelude(holes);
                emitter.WriteValue("return ", pod, new KubeTypeRef(KubeTypeKind.Model, model.PodTemplateSpecType), ";");
                writer.Close();

                writer.Line();
                writer.Line($"/// <summary>The pod KubeRay {cluster.KubeRayVersion} creates for the {what} (<c>apiVersion: v1</c>, <c>kind: Pod</c>).</summary>");
                WriteParamDocs(writer, parameters);
                writer.Line($"public static {model.PodType} {podMethod}({signature})");
                writer.Open();
                writer.Line($"var template = {templateMethod}({arguments});");
                writer.Line($"return new {model.PodType} {{ ApiVersion = {emitter.Literal("v1")}, Kind = {emitter.Literal("Pod")}, Metadata = template.Metadata, Spec = template.Spec }};");
                writer.Close();
                return emitter._literalCost;
            }

            /// <summary>
            /// The cost of the literals <see cref="EmitFactories"/> writes for the group: the same code on a
            /// discarding writer (literals become placeholders), so the two cannot disagree.
            /// </summary>
            public static long LiteralCost(KubeModelDescription model, ClusterOutputModel cluster, GroupOutputModel group) =>
                EmitFactories(SourceWriter.Discarding(), model, cluster, group, "CreatePodTemplate", "CreatePod");

            /// <summary>The C# literal of <paramref name="value"/>, counted; a placeholder when the writer discards.</summary>
            private string Literal(string? value)
            {
                _literalCost += CSharpNames.LiteralCost(value);
                return value is null ? "null" : _writer.Discards ? "\"\"" : CSharpNames.Literal(value);
            }

            private static void WriteParamDocs(SourceWriter writer, List<(string Declaration, string Name, string Doc)> parameters)
            {
                foreach ((string _, string name, string doc) in parameters)
                {
                    writer.Line($"/// <param name=\"{name.TrimStart('@')}\">{doc}</param>");
                }
            }

            /// <summary>Deploy-time values: required when the manifest does not supply them, else optional.</summary>
            private List<(string Declaration, string Name, string Doc)> Parameters(HashSet<TemplatePartKind> holes)
            {
                string? clusterName = _cluster.Kind == RayKinds.RayCluster && !_cluster.NameIsPrefix ? _cluster.Name : null;
                var required = new List<(string, string, string)>();
                var optional = new List<(string, string, string)>();
                void Add(bool known, string type, string name, string doc, string defaultValue = "null") =>
                    (known ? optional : required).Add((known ? $"{type} {name} = {defaultValue}" : $"{type} {name}", name, doc));

                Add(clusterName is not null, "string", "clusterName", clusterName is null
                    ? $"The RayCluster name; KubeRay generates it for a {_cluster.Kind} at deploy time."
                    : "The RayCluster name; <c>null</c> means the manifest's.");
                Add(_cluster.Namespace is not null, "string", "@namespace", _cluster.Namespace is null
                    ? "The namespace; the manifest sets none."
                    : "The namespace; <c>null</c> means the manifest's.");
                if (holes.Contains(TemplatePartKind.ClusterUid))
                {
                    Add(false, "string", "clusterUid", "The RayCluster's UID (the default GCS fault tolerance storage namespace).");
                }

                if (holes.Contains(TemplatePartKind.ReplicaName))
                {
                    Add(false, "string", "replicaName", "The multi-host replica's name (label <c>ray.io/worker-group-replica-name</c>).");
                }

                if (holes.Contains(TemplatePartKind.ReplicaIndex))
                {
                    Add(true, "int", "replicaIndex", "The replica's index in the group (label <c>ray.io/worker-group-replica-index</c>).", "0");
                }

                if (holes.Contains(TemplatePartKind.HostIndex))
                {
                    Add(true, "int", "hostIndex", "The host's index inside the replica (label <c>ray.io/replica-host-index</c>).", "0");
                }

                return required.Concat(optional).ToList();
            }

            private void WritePrelude(HashSet<TemplatePartKind> holes)
            {
                string? clusterName = _cluster.Kind == RayKinds.RayCluster && !_cluster.NameIsPrefix ? _cluster.Name : null;
                _writer.Line($"string __clusterName = {Names}Label(clusterName, {Literal(clusterName)}, {Literal("clusterName")});");
                _writer.Line($"string __namespace = {Names}Label(@namespace, {Literal(_cluster.Namespace)}, {Literal("namespace")});");
                if (holes.Contains(TemplatePartKind.HeadServiceName))
                {
                    _writer.Line($"string __headService = {Names}HeadServiceName(__clusterName, {(_cluster.LegacyHeadServiceNaming ? "true" : "false")});");
                }

                if (holes.Contains(TemplatePartKind.ClusterUid))
                {
                    _writer.Line($"string __clusterUid = {Names}Required(clusterUid, {Literal("clusterUid")});");
                }

                if (holes.Contains(TemplatePartKind.ReplicaName))
                {
                    _writer.Line($"string __replicaName = {Names}Required(replicaName, {Literal("replicaName")});");
                }
            }

            private string HoleExpression(TemplatePartKind kind) => kind switch
            {
                TemplatePartKind.ClusterName => "__clusterName",
                TemplatePartKind.Namespace => "__namespace",
                TemplatePartKind.HeadServiceName => "__headService",
                TemplatePartKind.ClusterUid => "__clusterUid",
                TemplatePartKind.ReplicaName => "__replicaName",
                TemplatePartKind.CheckedClusterName => Names + "CheckName(__clusterName)",
                TemplatePartKind.NodeIdentifier => $"{Names}Identifier(__clusterName, {(_group.IsHead ? "true" : "false")})",
                TemplatePartKind.PodNamePrefix => $"{Names}PodNamePrefix(__clusterName, {Literal(_group.IsHead ? null : _group.GroupName)})",
                TemplatePartKind.ReplicaIndex => Names + "Index(replicaIndex, " + Literal("replicaIndex") + ")",
                TemplatePartKind.HostIndex => Names + "Index(hostIndex, " + Literal("hostIndex") + ")",
                _ => Literal(string.Empty),
            };

            private static void CollectHoles(ValueNode node, HashSet<TemplatePartKind> holes)
            {
                foreach (TemplatePart part in node.Template?.Parts ?? EquatableArray<TemplatePart>.Empty)
                {
                    holes.Add(part.Kind);
                }

                foreach (ValueEntry entry in node.Entries)
                {
                    CollectHoles(entry.Value, holes);
                }

                foreach (ValueNode item in node.Items)
                {
                    CollectHoles(item, holes);
                }
            }

            /// <summary>
            /// Writes <c>prefix + expression + suffix</c>; returns <c>false</c> (writing and counting nothing) when
            /// the value does not fit the type. A map entry passes its <paramref name="mapKey"/> instead of a
            /// prefix: <c>[key] = </c> is made, and its literal counted, only once the value is written.
            /// </summary>
            private bool WriteValue(string prefix, ValueNode node, KubeTypeRef type, string suffix, string? mapKey = null)
            {
                string Prefix() => mapKey is null ? prefix : "[" + Literal(mapKey) + "] = ";

                switch (type.Kind)
                {
                    case KubeTypeKind.Model when node.Kind == ValueKind.Map && _model.Find(type.CSharpName) is { } model:
                        _writer.Line(Prefix(), "new ", type.CSharpName);
                        _writer.Open();
                        foreach (ValueEntry entry in node.Entries)
                        {
                            if (model.Property(entry.Key) is { } property && !entry.Value.IsNull)
                            {
                                WriteValue(property.Name + " = ", entry.Value, property.Type, ",");
                            }
                        }

                        _writer.Close("}", suffix);
                        return true;
                    case KubeTypeKind.List when node.Kind == ValueKind.List && type.Element is { } item:
                        _writer.Line(Prefix(), type.IsArray ? "new " : "new global::System.Collections.Generic.List<", item.CSharpName, type.IsArray ? "[]" : ">");
                        _writer.Open();
                        foreach (ValueNode value in node.Items)
                        {
                            WriteValue(string.Empty, value, item, ",");
                        }

                        _writer.Close("}", suffix);
                        return true;
                    case KubeTypeKind.Map when node.Kind == ValueKind.Map && type.Element is { } value:
                        _writer.Line(Prefix(), "new global::System.Collections.Generic.Dictionary<string, ", value.CSharpName, ">");
                        _writer.Open();
                        foreach (ValueEntry entry in node.Entries)
                        {
                            if (!entry.Value.IsNull)
                            {
                                WriteValue(string.Empty, entry.Value, value, ",", mapKey: entry.Key);
                            }
                        }

                        _writer.Close("}", suffix);
                        return true;
                }

                if (Scalar(node, type) is not { } expression)
                {
                    return false;
                }

                _writer.Line(Prefix(), expression, suffix);
                return true;
            }

            /// <summary>A scalar as a C# expression of <paramref name="type"/>, with YAML 1.1 meaning (<c>0777</c> is 511).</summary>
            private string? Scalar(ValueNode node, KubeTypeRef type)
            {
                switch (type.Kind)
                {
                    case KubeTypeKind.String:
                        return Text(node);
                    case KubeTypeKind.Bool:
                        return node.Kind == ValueKind.Bool && Yaml11.TryParseBool(node.Text, out bool flag) ? (flag ? "true" : "false") : null;
                    case KubeTypeKind.Int32:
                    case KubeTypeKind.Int64:
                        if (!Integer(node, out long number) || (type.Kind == KubeTypeKind.Int32 && (number < int.MinValue || number > int.MaxValue)))
                        {
                            return null;
                        }

                        return number.ToString(CultureInfo.InvariantCulture) + (type.Kind == KubeTypeKind.Int64 ? "L" : string.Empty);
                    case KubeTypeKind.Double:
                        return node.Kind is ValueKind.Int or ValueKind.Float && Yaml11.TryParseFloat(node.Text, out double real) && !double.IsNaN(real) && !double.IsInfinity(real)
                            ? real.ToString("R", CultureInfo.InvariantCulture) + "D"
                            : null;
                    case KubeTypeKind.DateTime:
                        return node.Kind == ValueKind.String
                            ? $"global::System.DateTime.Parse({Literal(node.Text)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.RoundtripKind)"
                            : null;
                    case KubeTypeKind.Scalar when _model.Find(type.CSharpName.TrimEnd('?')) is { } scalar:
                        return WrappedScalar(node, type, scalar);
                    default:
                        return null;
                }
            }

            private string? WrappedScalar(ValueNode node, KubeTypeRef type, KubeTypeDescription scalar)
            {
                string name = type.CSharpName.TrimEnd('?');
                if (node.Kind == ValueKind.Int && Integer(node, out long number))
                {
                    if (scalar.FromInt32 && number >= int.MinValue && number <= int.MaxValue)
                    {
                        return $"({name}){number.ToString(CultureInfo.InvariantCulture)}";
                    }

                    if (scalar.FromInt64)
                    {
                        return $"({name}){number.ToString(CultureInfo.InvariantCulture)}L";
                    }
                }

                // Checked before the text is made, so that no literal is counted for a value left out.
                if (!scalar.StringConstructor && !scalar.FromString)
                {
                    return null;
                }

                // Kubernetes reads a YAML number through JSON, so a quantity gets Go's JSON text of it.
                string? text = node.Kind switch
                {
                    ValueKind.Int or ValueKind.Float => GoJson.YamlNumberText(node.Kind == ValueKind.Int ? YamlScalarType.Int : YamlScalarType.Float, node.Text) is { } json ? Literal(json) : null,
                    ValueKind.String => Literal(scalar.StringConstructor ? node.Text.Trim() : node.Text),
                    ValueKind.Template => Text(node),
                    _ => null,
                };
                if (text is null)
                {
                    return null;
                }

                return scalar.StringConstructor ? $"new {name}({text})" : $"({name}){text}";
            }

            private string? Text(ValueNode node) => node.Kind switch
            {
                ValueKind.Template => string.Join(" + ", node.Template!.Parts.Select(p => p.Kind == TemplatePartKind.Text ? Literal(p.Text) : HoleExpression(p.Kind))),
                ValueKind.Map or ValueKind.List or ValueKind.Null => null,
                _ => Literal(node.Text),
            };

            private static bool Integer(ValueNode node, out long number)
            {
                number = 0;
                if (node.Kind == ValueKind.Int)
                {
                    return Yaml11.TryParseInt(node.Text, out number);
                }

                if (node.Kind == ValueKind.Float && Yaml11.TryParseFloat(node.Text, out double real) && real == System.Math.Floor(real) && System.Math.Abs(real) < 9e18)
                {
                    number = (long)real;
                    return true;
                }

                return false;
            }
        }
    }
}
