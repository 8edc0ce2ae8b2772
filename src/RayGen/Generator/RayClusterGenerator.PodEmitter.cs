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
        /// built the way the referenced type allows.
        /// </summary>
        internal sealed class PodEmitter
        {
            private const string Names = "global::RayGen.RayPodNames.";
            private readonly KubeModelDescription _model;
            private readonly ClusterOutputModel _cluster;
            private readonly GroupOutputModel _group;

            private PodEmitter(KubeModelDescription model, ClusterOutputModel cluster, GroupOutputModel group)
            {
                _model = model;
                _cluster = cluster;
                _group = group;
            }

            /// <summary>Writes <c>Create&lt;Member&gt;PodTemplate(...)</c> and <c>Create&lt;Member&gt;Pod(...)</c>.</summary>
            public static void EmitFactories(SourceWriter writer, KubeModelDescription model, ClusterOutputModel cluster, GroupOutputModel group, string templateMethod, string podMethod)
            {
                if (group.Pod is not { } pod)
                {
                    return;
                }

                var emitter = new PodEmitter(model, cluster, group);
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
                emitter.WritePrelude(writer, holes);
                emitter.WriteValue(writer, "return ", pod, new KubeTypeRef(KubeTypeKind.Model, model.PodTemplateSpecType), ";");
                writer.Close();

                writer.Line();
                writer.Line($"/// <summary>The pod KubeRay {cluster.KubeRayVersion} creates for the {what} (<c>apiVersion: v1</c>, <c>kind: Pod</c>).</summary>");
                WriteParamDocs(writer, parameters);
                writer.Line($"public static {model.PodType} {podMethod}({signature})");
                writer.Open();
                writer.Line($"var template = {templateMethod}({arguments});");
                writer.Line($"return new {model.PodType} {{ ApiVersion = \"v1\", Kind = \"Pod\", Metadata = template.Metadata, Spec = template.Spec }};");
                writer.Close();
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

            private void WritePrelude(SourceWriter writer, HashSet<TemplatePartKind> holes)
            {
                string? clusterName = _cluster.Kind == RayKinds.RayCluster && !_cluster.NameIsPrefix ? _cluster.Name : null;
                writer.Line($"string __clusterName = {Names}Label(clusterName, {CSharpNames.Literal(clusterName)}, \"clusterName\");");
                writer.Line($"string __namespace = {Names}Label(@namespace, {CSharpNames.Literal(_cluster.Namespace)}, \"namespace\");");
                if (holes.Contains(TemplatePartKind.HeadServiceName))
                {
                    writer.Line($"string __headService = {Names}HeadServiceName(__clusterName, {(_cluster.LegacyHeadServiceNaming ? "true" : "false")});");
                }

                if (holes.Contains(TemplatePartKind.ClusterUid))
                {
                    writer.Line($"string __clusterUid = {Names}Required(clusterUid, \"clusterUid\");");
                }

                if (holes.Contains(TemplatePartKind.ReplicaName))
                {
                    writer.Line($"string __replicaName = {Names}Required(replicaName, \"replicaName\");");
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
                TemplatePartKind.PodNamePrefix => $"{Names}PodNamePrefix(__clusterName, {(_group.IsHead ? "null" : CSharpNames.Literal(_group.GroupName))})",
                TemplatePartKind.ReplicaIndex => Names + "Index(replicaIndex, \"replicaIndex\")",
                TemplatePartKind.HostIndex => Names + "Index(hostIndex, \"hostIndex\")",
                _ => "\"\"",
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

            /// <summary>Writes <c>prefix + expression + suffix</c>; returns <c>false</c> (writing nothing) when the value does not fit the type.</summary>
            private bool WriteValue(SourceWriter writer, string prefix, ValueNode node, KubeTypeRef type, string suffix)
            {
                switch (type.Kind)
                {
                    case KubeTypeKind.Model when node.Kind == ValueKind.Map && _model.Find(type.CSharpName) is { } model:
                        writer.Line(prefix + "new " + type.CSharpName);
                        writer.Open();
                        foreach (ValueEntry entry in node.Entries)
                        {
                            if (model.Property(entry.Key) is { } property && !entry.Value.IsNull)
                            {
                                WriteValue(writer, property.Name + " = ", entry.Value, property.Type, ",");
                            }
                        }

                        writer.Close("}" + suffix);
                        return true;
                    case KubeTypeKind.List when node.Kind == ValueKind.List && type.Element is { } item:
                        writer.Line(prefix + (type.IsArray ? $"new {item.CSharpName}[]" : $"new global::System.Collections.Generic.List<{item.CSharpName}>"));
                        writer.Open();
                        foreach (ValueNode value in node.Items)
                        {
                            WriteValue(writer, string.Empty, value, item, ",");
                        }

                        writer.Close("}" + suffix);
                        return true;
                    case KubeTypeKind.Map when node.Kind == ValueKind.Map && type.Element is { } value:
                        writer.Line(prefix + $"new global::System.Collections.Generic.Dictionary<string, {value.CSharpName}>");
                        writer.Open();
                        foreach (ValueEntry entry in node.Entries)
                        {
                            if (!entry.Value.IsNull)
                            {
                                WriteValue(writer, "[" + CSharpNames.Literal(entry.Key) + "] = ", entry.Value, value, ",");
                            }
                        }

                        writer.Close("}" + suffix);
                        return true;
                }

                if (Scalar(node, type) is not { } expression)
                {
                    return false;
                }

                writer.Line(prefix + expression + suffix);
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
                            ? $"global::System.DateTime.Parse({CSharpNames.Literal(node.Text)}, global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.RoundtripKind)"
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

                // Kubernetes reads a YAML number through JSON, so a quantity gets Go's JSON text of it.
                string? text = node.Kind switch
                {
                    ValueKind.Int or ValueKind.Float => GoJson.YamlNumberText(node.Kind == ValueKind.Int ? YamlScalarType.Int : YamlScalarType.Float, node.Text) is { } json ? CSharpNames.Literal(json) : null,
                    ValueKind.String => CSharpNames.Literal(scalar.StringConstructor ? node.Text.Trim() : node.Text),
                    ValueKind.Template => Text(node),
                    _ => null,
                };
                if (text is null)
                {
                    return null;
                }

                return scalar.StringConstructor ? $"new {name}({text})" : scalar.FromString ? $"({name}){text}" : null;
            }

            private string? Text(ValueNode node) => node.Kind switch
            {
                ValueKind.Template => string.Join(" + ", node.Template!.Parts.Select(p => p.Kind == TemplatePartKind.Text ? CSharpNames.Literal(p.Text) : HoleExpression(p.Kind))),
                ValueKind.Map or ValueKind.List or ValueKind.Null => null,
                _ => CSharpNames.Literal(node.Text),
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
