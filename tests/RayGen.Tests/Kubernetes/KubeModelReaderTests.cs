using System.Collections;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RayGen.Kubernetes;
using RayGen.Model;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Kubernetes
{
    /// <summary>The model description is read from whatever KubernetesClient shape the compilation has.</summary>
    public class KubeModelReaderTests
    {
        private static System.IO.MemoryStream Emit(Compilation compilation)
        {
            var stream = new System.IO.MemoryStream();
            Assert.True(compilation.Emit(stream).Success);
            stream.Position = 0;
            return stream;
        }

        [Fact]
        public void ReadsNamesJsonNamesAndKindsFromKubernetesClient()
        {
            KubeModelDescription model = KubeModelReader.Describe(GeneratorHarness.Compilation(kubernetes: true), CancellationToken.None)!;
            Assert.Equal(("global::k8s.Models.V1Pod", "global::k8s.Models.V1PodTemplateSpec"), (model.PodType, model.PodTemplateSpecType));

            KubePropertyDescription limits = model.Find("global::k8s.Models.V1ResourceRequirements")!.Property("limits")!;
            Assert.Equal(("Limits", KubeTypeKind.Map, KubeTypeKind.Scalar), (limits.Name, limits.Type.Kind, limits.Type.Element!.Kind));
            Assert.Equal(KubeTypeKind.Int32, model.Find("global::k8s.Models.V1ConfigMapVolumeSource")!.Property("defaultMode")!.Type.Kind);
            Assert.Equal("long?", model.Find("global::k8s.Models.V1Toleration")!.Property("tolerationSeconds")!.Type.CSharpName);
            Assert.Equal("TimeoutSeconds", model.Find("global::k8s.Models.V1Probe")!.Property("timeoutSeconds")!.Name);

            KubeTypeDescription quantity = model.Find("global::k8s.Models.ResourceQuantity")!;
            Assert.True(quantity.StringConstructor);
            KubeTypeDescription intOrString = model.Find("global::k8s.Models.IntOrString")!;
            Assert.True(intOrString.FromInt32 && intOrString.FromString);
            Assert.Null(model.Find("global::k8s.Models.V1Container")!.Property("contaniers"));
        }

        [Fact]
        public void EqualCompilationsGiveEqualDescriptionsAndNoClientGivesNone()
        {
            Compilation compilation = GeneratorHarness.Compilation(kubernetes: true);
            KubeModelDescription first = KubeModelReader.Describe(compilation, CancellationToken.None)!;
            KubeModelDescription second = KubeModelReader.Describe(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class X { }")), CancellationToken.None)!;
            Assert.NotSame(first, second);
            Assert.Equal(first, second);
            Assert.Equal(first.GetHashCode(), second.GetHashCode());
            Assert.Null(KubeModelReader.Describe(GeneratorHarness.Compilation(), CancellationToken.None));
        }

        /// <summary>
        /// An older client's shape: Newtonsoft <c>[JsonProperty]</c>, C# names that differ from JSON names,
        /// concrete <c>List</c>/<c>Dictionary</c>/arrays, and an IntOrString struct built only from a string.
        /// </summary>
        private const string OldClient = """
            namespace Newtonsoft.Json { public sealed class JsonPropertyAttribute : System.Attribute { public JsonPropertyAttribute(string name) { } } }
            namespace k8s.Models
            {
                using System.Collections.Generic;
                using Newtonsoft.Json;
                public struct IntOrString { public IntOrString(string value) { Value = value; } public string Value { get; } }
                public class V1Pod { [JsonProperty("apiVersion")] public string ApiVersion { get; set; } [JsonProperty("kind")] public string Kind { get; set; }
                    [JsonProperty("metadata")] public V1ObjectMeta Metadata { get; set; } [JsonProperty("spec")] public V1PodSpec Spec { get; set; } }
                public class V1PodTemplateSpec { [JsonProperty("metadata")] public V1ObjectMeta Metadata { get; set; } [JsonProperty("spec")] public V1PodSpec Spec { get; set; } }
                public class V1ObjectMeta { [JsonProperty("labels")] public Dictionary<string, string> LabelMap { get; set; } [JsonProperty("generateName")] public string GenerateName { get; set; } }
                public class V1PodSpec { [JsonProperty("containers")] public List<V1Container> ContainerList { get; set; } [JsonProperty("volumes")] public V1Volume[] VolumeArray { get; set; } }
                public class V1Container { [JsonProperty("name")] public string Name { get; set; } [JsonProperty("ports")] public List<V1ContainerPort> Ports { get; set; }
                    [JsonProperty("readinessProbe")] public V1Probe Probe { get; set; } }
                public class V1ContainerPort { [JsonProperty("containerPort")] public int Number { get; set; } }
                public class V1Probe { [JsonProperty("tcpSocket")] public V1TCPSocketAction Tcp { get; set; } }
                public class V1TCPSocketAction { [JsonProperty("port")] public IntOrString Port { get; set; } }
                public class V1Volume { [JsonProperty("name")] public string Name { get; set; } }
            }
            """;

        [Fact]
        public void TheEmitterFollowsAnotherClientShape()
        {
            var client = CSharpCompilation.Create("OldClient", new[] { CSharpSyntaxTree.ParseText(OldClient) }, Basic.Reference.Assemblies.Net100.References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            MetadataReference reference = client.ToMetadataReference();

            string yaml = RayCluster("c", Group("readinessProbe: {tcpSocket: {port: 6379}}\n"), metadataExtra: "namespace: ns\n");
            var texts = new[] { (AdditionalText)new InMemoryAdditionalText("/project/ray/cluster.yaml", yaml) };
            GeneratorDriver driver = GeneratorHarness.Driver(texts);
            driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation().AddReferences(reference), out Compilation output, out var diagnostics);
            Assert.Empty(diagnostics);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));

            string source = output.SyntaxTrees.Single(t => t.ToString().Contains("CreateHeadPodTemplate")).ToString();
            Assert.Contains("ContainerList = new global::System.Collections.Generic.List<global::k8s.Models.V1Container>", source);
            Assert.Contains("VolumeArray = new global::k8s.Models.V1Volume[]", source);
            Assert.Contains("Port = new global::k8s.Models.IntOrString(\"6379\")", source);

            // Run it, with the old client loaded beside it.
            var context = new System.Runtime.Loader.AssemblyLoadContext("old-client", isCollectible: true);
            Assembly clientAssembly = context.LoadFromStream(Emit(client));
            context.Resolving += (_, name) => name.Name == "OldClient" ? clientAssembly : null;
            Assembly generated = context.LoadFromStream(Emit(output));
            RayClusterInfo cluster = PodFactories.Catalog(generated).Single();
            object template = PodFactories.Call(PodFactories.ClusterClass(generated, cluster), "CreateHeadPodTemplate", null);
            object metadata = template.GetType().GetProperty("Metadata")!.GetValue(template)!;
            Assert.Equal("c-head-", metadata.GetType().GetProperty("GenerateName")!.GetValue(metadata));
            var labels = (IDictionary)metadata.GetType().GetProperty("LabelMap")!.GetValue(metadata)!;
            Assert.Equal("c", labels["ray.io/cluster"]);
        }
    }
}
