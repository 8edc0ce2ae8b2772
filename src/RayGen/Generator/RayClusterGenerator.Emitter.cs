using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RayGen.Helpers;
using RayGen.Model;

namespace RayGen.Generator
{
    public sealed partial class RayClusterGenerator
    {
        /// <summary>Prints the models. No decisions are made here; every string was computed before.</summary>
        internal static class Emitter
        {
            private const string Runtime = "global::RayGen.";
            private static readonly string GeneratedCode =
                "[global::System.CodeDom.Compiler.GeneratedCode(\"RayGen\", \"" + typeof(RayClusterGenerator).Assembly.GetName().Version!.ToString(3) + "\")]";

            public static SourceText EmitFile(FileEmitModel model, KubeModelDescription? kubernetes = null)
            {
                var writer = new SourceWriter();
                OpenCatalogClass(writer, model.CodeNamespace, model.Public, attributes: false);
                bool first = true;
                foreach (NamedCluster named in model.Clusters)
                {
                    if (!first)
                    {
                        writer.Line();
                    }

                    first = false;
                    EmitCluster(writer, named.Identifier, named.Cluster, kubernetes);
                }

                CloseCatalogClass(writer);
                return writer.ToSourceText();
            }

            public static SourceText EmitCatalog(CatalogModel model)
            {
                var writer = new SourceWriter();
                OpenCatalogClass(writer, model.CodeNamespace, model.Public, attributes: true);
                writer.Line("/// <summary>Every Ray cluster of the project's YAML AdditionalFiles, ordered by source path and document index.</summary>");
                writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Runtime}RayClusterInfo> All {{ get; }} = new {Runtime}RayClusterInfo[]");
                writer.Open();
                foreach (string identifier in model.Identifiers)
                {
                    writer.Line(identifier + ".Info,");
                }

                writer.Close("};");
                CloseCatalogClass(writer);
                return writer.ToSourceText();
            }

            /// <summary>
            /// The <see cref="CSharpNames.LiteralCost"/> of every string literal <see cref="EmitCluster"/> writes
            /// for the cluster, from the model, without writing: the literals of <see cref="EmitCluster"/> and
            /// <see cref="EmitGroup"/> in the same order, then the pod factories' (counted by their own code).
            /// LiteralBudgetTests compare it with the literals of the generated code.
            /// </summary>
            public static long LiteralCost(ClusterOutputModel cluster, KubeModelDescription? kubernetes)
            {
                long cost = CSharpNames.LiteralCost(cluster.Kind) + CSharpNames.LiteralCost(cluster.Name) + CSharpNames.LiteralCost(cluster.Namespace)
                    + CSharpNames.LiteralCost(cluster.SourcePath) + CSharpNames.LiteralCost(cluster.KubeRayVersion);
                cost += GroupLiteralCost(cluster.Head);
                foreach (GroupOutputModel worker in cluster.Workers)
                {
                    cost += GroupLiteralCost(worker);
                }

                if (kubernetes is not null)
                {
                    cost += PodEmitter.LiteralCost(kubernetes, cluster, cluster.Head);
                    foreach (GroupOutputModel worker in cluster.Workers)
                    {
                        cost += PodEmitter.LiteralCost(kubernetes, cluster, worker);
                    }
                }

                return cost;
            }

            /// <summary>Mirrors <see cref="EmitGroup"/>.</summary>
            private static long GroupLiteralCost(GroupOutputModel group)
            {
                long cost = CSharpNames.LiteralCost(group.GroupName) + CSharpNames.LiteralCost(group.ContainerName) + CSharpNames.LiteralCost(group.Image);
                foreach (string item in group.Command)
                {
                    cost += CSharpNames.LiteralCost(item);
                }

                foreach (KeyValue param in group.RayStartParams)
                {
                    cost += CSharpNames.LiteralCost(param.Key) + CSharpNames.LiteralCost(param.Value);
                }

                foreach (TextTemplate args in group.Args)
                {
                    cost += TemplateLiteralCost(args);
                }

                return cost + TemplateLiteralCost(group.RayStartCommand);
            }

            /// <summary>Mirrors <see cref="Template"/>: a text part is a literal, a run-time hole is not.</summary>
            private static long TemplateLiteralCost(TextTemplate template)
            {
                long cost = 0;
                foreach (TemplatePart part in template.Parts)
                {
                    cost += RuntimeHole(part.Kind) is null ? CSharpNames.LiteralCost(part.Text) : 0;
                }

                return cost;
            }

            /// <summary>Member names of a cluster class: <c>Head</c>, then one per worker group.</summary>
            public static IReadOnlyList<string> WorkerMemberNames(string clusterIdentifier, IEnumerable<string> groupNames)
            {
                var members = new NameScope(System.StringComparer.Ordinal, ReservedMemberNames.Append(clusterIdentifier.TrimStart('@')).ToArray());
                return groupNames.Select(g => members.Unique(CSharpNames.ToPascalCase(g, "Group"))).ToArray();
            }

            /// <summary>Opens <c>RayClusters</c>; its doc comment and attribute are written once, by the catalog file.</summary>
            private static void OpenCatalogClass(SourceWriter writer, string codeNamespace, bool isPublic, bool attributes)
            {
                writer.Line("// <auto-generated/>");
                writer.Line("// Generated by RayGen from YAML AdditionalFiles. Do not edit: change the YAML instead.");
                writer.Line("namespace " + codeNamespace);
                writer.Open();
                if (attributes)
                {
                    writer.Line("/// <summary>Ray clusters found in the project's YAML files, as the KubeRay operator would build them.</summary>");
                    writer.Line(GeneratedCode);
                }

                writer.Line((isPublic ? "public" : "internal") + " static partial class RayClusters");
                writer.Open();
            }

            private static void CloseCatalogClass(SourceWriter writer)
            {
                writer.Close();
                writer.Close();
            }

            private static void EmitCluster(SourceWriter writer, string identifier, ClusterOutputModel cluster, KubeModelDescription? kubernetes)
            {
                string where = $"{cluster.Kind} '{cluster.Name}' ({cluster.SourcePath}, document {cluster.DocumentIndex}), KubeRay {cluster.KubeRayVersion}";
                writer.Line($"/// <summary>{CSharpNames.XmlDoc(where)}.</summary>");
                writer.Line(GeneratedCode);
                writer.Line($"public static partial class {identifier}");
                writer.Open();
                writer.Line("/// <summary>The cluster and all its groups.</summary>");
                writer.Line($"public static {Runtime}RayClusterInfo Info {{ get; }} = new {Runtime}RayClusterInfo(");
                writer.Indent();
                writer.Line(CSharpNames.Literal(cluster.Kind) + ",");
                writer.Line(CSharpNames.Literal(cluster.Name) + ",");
                writer.Line((cluster.NameIsPrefix ? "true" : "false") + ",");
                writer.Line(CSharpNames.Literal(cluster.Namespace) + ",");
                writer.Line(CSharpNames.Literal(cluster.SourcePath) + ",");
                writer.Line(cluster.DocumentIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",");
                writer.Line(CSharpNames.Literal(cluster.KubeRayVersion) + ",");
                writer.Line((cluster.LegacyHeadServiceNaming ? "true" : "false") + ",");
                EmitGroup(writer, cluster.Head, ",");
                writer.Line($"new {Runtime}RayGroupInfo[]");
                writer.Open();
                foreach (GroupOutputModel worker in cluster.Workers)
                {
                    EmitGroup(writer, worker, ",");
                }

                writer.Close("});");
                writer.Unindent();
                EmitMember(writer, "Head", cluster.Head, "Info.Head");
                IReadOnlyList<string> members = WorkerMemberNames(identifier, cluster.Workers.Select(w => w.GroupName));
                for (int i = 0; i < cluster.Workers.Count; i++)
                {
                    EmitMember(writer, members[i], cluster.Workers[i], $"Info.WorkerGroups[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
                }

                if (kubernetes is not null)
                {
                    EmitPodFactories(writer, identifier, cluster, members, kubernetes);
                }

                writer.Close();
            }

            /// <summary>Pod factories per group, only when the project references KubernetesClient.</summary>
            private static void EmitPodFactories(SourceWriter writer, string identifier, ClusterOutputModel cluster, IReadOnlyList<string> members, KubeModelDescription kubernetes)
            {
                // Users' YAML may use fields the client marks obsolete (serviceAccount); that is their choice.
                writer.Line("#pragma warning disable CS0612, CS0618");
                var taken = new NameScope(System.StringComparer.Ordinal, ReservedMemberNames.Concat(members).Append("Head").Append(identifier.TrimStart('@')).ToArray());
                var groups = new[] { ("Head", cluster.Head) }.Concat(members.Select((m, i) => (m, cluster.Workers[i])));
                foreach ((string member, GroupOutputModel group) in groups)
                {
                    string name = member.TrimStart('@');
                    PodEmitter.EmitFactories(
                        writer,
                        kubernetes,
                        cluster,
                        group,
                        taken.Unique("Create" + name + "PodTemplate"),
                        taken.Unique("Create" + name + "Pod"));
                }

                writer.Line("#pragma warning restore CS0612, CS0618");
            }

            private static void EmitMember(SourceWriter writer, string name, GroupOutputModel group, string expression)
            {
                writer.Line();
                writer.Line($"/// <summary>Group '{CSharpNames.XmlDoc(group.GroupName)}'.</summary>");
                if (group.Args.Count == 1 && !group.Args[0].HasHoles)
                {
                    writer.Line("/// <remarks>Final args: <c>" + CSharpNames.XmlDoc(group.Args[0].Parts[0].Text) + "</c></remarks>");
                }

                writer.Line($"public static {Runtime}RayGroupInfo {name} => {expression};");
            }

            private static void EmitGroup(SourceWriter writer, GroupOutputModel group, string suffix)
            {
                writer.Line($"new {Runtime}RayGroupInfo(");
                writer.Indent();
                writer.Line(CSharpNames.Literal(group.GroupName) + ",");
                writer.Line(Runtime + "RayNodeType." + (group.IsHead ? "Head" : "Worker") + ",");
                writer.Line(CSharpNames.Literal(group.ContainerName) + ",");
                writer.Line(CSharpNames.Literal(group.Image) + ",");
                writer.Line((group.IsCommandGenerated ? "true" : "false") + ",");
                writer.Line(StringArray(group.Command) + ",");
                writer.Line(StringArray(group.RayStartParams.SelectMany(p => new[] { p.Key, p.Value })) + ",");
                writer.Line($"new {Runtime}RayTemplate[] {{ {string.Join(", ", group.Args.Select(Template))} }},");
                writer.Line(Template(group.RayStartCommand) + ")" + suffix);
                writer.Unindent();
            }

            private static string StringArray(IEnumerable<string> values) =>
                "new string[] { " + string.Join(", ", values.Select(CSharpNames.Literal)) + " }";

            private static string Template(TextTemplate template)
            {
                var builder = new StringBuilder($"new {Runtime}RayTemplate(");
                bool first = true;
                foreach (TemplatePart part in template.Parts)
                {
                    builder.Append(first ? string.Empty : ", ");
                    first = false;
                    builder.Append(RuntimeHole(part.Kind) ?? Runtime + "RayTemplatePart.Text(" + CSharpNames.Literal(part.Text) + ")");
                }

                return builder.Append(')').ToString();
            }

            /// <summary>The run-time part for a hole RayTemplate fills when rendered; <c>null</c> for text (any other kind is written as its text).</summary>
            private static string? RuntimeHole(TemplatePartKind kind) => kind switch
            {
                TemplatePartKind.HeadServiceName => Runtime + "RayTemplatePart.HeadServiceName",
                TemplatePartKind.Namespace => Runtime + "RayTemplatePart.Namespace",
                _ => null,
            };
        }
    }
}
