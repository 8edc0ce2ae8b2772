using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;

namespace RayGen.Tests.Analyzers.Hooks
{
    public class ScriptFileMissingAnalyzerTests
    {
        private const string Id = "RAY0073";

        private static string Cluster(string command, string? volumeExtra = "defaultMode: 0755", string configMaps = "") =>
            Head(PostStart(command) + SamplesMount, ConfigMapVolume(extra: volumeExtra)) + configMaps;

        private static readonly string Scripts = ConfigMap("ray-example", ("run.sh", "#!/bin/sh\necho run\n"), ("other.sh", "#!/bin/sh\necho other\n"));

        [Fact]
        public void KeyMissingFromData()
        {
            string yaml = Cluster("[\"/bin/sh\", \"-c\", \"{|RAY0073:/home/ray/samples/deploy.sh|}\"]", configMaps: Scripts);
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("ConfigMap 'ray-example' has no key 'deploy.sh'", d.GetMessage());
            Location data = d.AdditionalLocations.First();
            Assert.Equal("data", Strip(yaml).Substring(data.SourceSpan.Start, data.SourceSpan.Length));
        }

        [Fact]
        public void FilteredOutByItems()
        {
            string yaml = Cluster("[\"{|RAY0073:/home/ray/samples/other.sh|}\"]", "defaultMode: 0755\nitems:\n- key: run.sh\n  path: run.sh", Scripts);
            Assert.Contains("does not list 'other.sh'", Assert.Single(RuleVerifier.Verify(Id, yaml)).GetMessage());
        }

        [Fact]
        public void ItemsMapTheKeyToAnotherName()
        {
            string yaml = Cluster("[\"{|RAY0073:/home/ray/samples/run.sh|}\"]", "defaultMode: 0755\nitems:\n- key: run.sh\n  path: start.sh", Scripts);
            Assert.Contains("maps key 'run.sh' to another file name", Assert.Single(RuleVerifier.Verify(Id, yaml)).GetMessage());

            // The mapped name works.
            RuleVerifier.VerifyNone(Id, Cluster("[\"/home/ray/samples/start.sh\"]", "defaultMode: 0755\nitems:\n- key: run.sh\n  path: start.sh", Scripts));
        }

        [Theory]
        [InlineData("[\"python\", \"{|RAY0073:/home/ray/samples/app.py|}\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"source {|RAY0073:/home/ray/samples/env.sh|}\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"echo hi && (bash {|RAY0073:/home/ray/samples/sub/run.sh|} &)\"]")]
        public void InterpreterOperandsToo(string command)
        {
            RuleVerifier.Verify(Id, Cluster(command, configMaps: Scripts));
        }

        [Fact]
        public void CommandTextAndInitContainers()
        {
            string yaml = Head("command: [\"({|RAY0073:/home/ray/samples/nope.sh|} &)\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755")) + Scripts;
            RuleVerifier.Verify(Id, yaml);
        }

        [Fact]
        public void MissingScriptCalledFromAResolvedScriptPointsAtTheOuterReference()
        {
            string scripts = ConfigMap("ray-example", ("run.sh", "#!/bin/sh\n/home/ray/samples/helper.sh\n"));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, Cluster("[\"{|RAY0073:/home/ray/samples/run.sh|}\"]", configMaps: scripts)));
            Assert.Equal(2, d.AdditionalLocations.Count);
            Assert.Contains("'/home/ray/samples/helper.sh' (in script '/home/ray/samples/run.sh'", d.GetMessage());
        }

        [Fact]
        public void ConfigMapNotAmongTheFilesIsRay0074()
        {
            string yaml = Cluster("[\"/home/ray/samples/deploy.sh\"]");
            RuleVerifier.VerifyNone(Id, yaml);
            Assert.Contains(GeneratorHarness.Analyze(yaml), d => d.Id == "RAY0074");
        }

        [Fact]
        public void OptionalAbsentConfigMapIsRay0074()
        {
            string yaml = Cluster("[\"/home/ray/samples/deploy.sh\"]", "optional: true");
            RuleVerifier.VerifyNone(Id, yaml);
            Assert.Contains(GeneratorHarness.Analyze(yaml), d => d.Id == "RAY0074" && d.GetMessage().Contains("optional"));
        }

        [Fact]
        public void BinaryDataKeyExists()
        {
            string yaml = Cluster("[\"/home/ray/samples/tool\"]") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ray-example\nbinaryData:\n  tool: AAEC\n";
            RuleVerifier.VerifyNone(Id, yaml, allowed: "RAY0074");
        }

        [Fact]
        public void ConfigMapInAnotherFile()
        {
            string cluster = Cluster("[\"/home/ray/samples/deploy.sh\"]");
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/cm.yaml", Scripts.Substring(4))));
            Assert.Equal("/project/ray/cm.yaml", d.AdditionalLocations[0].GetLineSpan().Path);
        }

        public static System.Collections.Generic.IEnumerable<object[]> Kinds() =>
            Wrappers(PodGroup(PostStart("[\"{|RAY0073:/home/ray/samples/deploy.sh|}\"]") + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755")), Scripts).Select(y => new object[] { y });

        [Theory]
        [MemberData(nameof(Kinds))]
        public void EveryKind(string yaml)
        {
            RuleVerifier.Verify(Id, yaml);
        }

        private static string Strip(string markup) => markup.Replace("{|RAY0073:", string.Empty).Replace("|}", string.Empty);
    }
}
