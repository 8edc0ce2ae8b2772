using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Hooks
{
    public class ScriptNotExecutableAnalyzerTests
    {
        private const string Id = "RAY0072";

        private const string Script = "#!/bin/bash\necho hello\n";

        private static string Cluster(string container, string volume, string? pod = null, string? metadataExtra = null) =>
            Head(container.TrimEnd('\n') + "\n" + SamplesMount, volume + (pod ?? string.Empty), metadataExtra) + ConfigMap("ray-example", ("run.sh", Script));

        /// <summary>The volume with its name marked (no mode anywhere: 0644).</summary>
        private const string MarkedVolume = "volumes:\n- name: {|RAY0072:scripts|}\n  configMap:\n    name: ray-example\n";

        [Fact]
        public void BadSnippetHookRunsItDirectly()
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]"), MarkedVolume)));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains("'/home/ray/samples/run.sh' is run directly, but its file from ConfigMap 'ray-example' has mode 0644", d.GetMessage());
        }

        public static IEnumerable<object[]> Kinds()
        {
            string group = PodGroup(PostStart("[\"/bin/sh\", \"-c\", \"/home/ray/samples/run.sh\"]") + SamplesMount, MarkedVolume);
            foreach (string yaml in Wrappers(group, ConfigMap("ray-example", ("run.sh", Script))))
            {
                yield return new object[] { yaml };
            }
        }

        [Theory]
        [MemberData(nameof(Kinds))]
        public void EveryKind(string yaml)
        {
            Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RuleVerifier.Verify(Id, yaml)).Severity);
        }

        [Theory]
        [InlineData("defaultMode: {|RAY0072:0644|}")]
        [InlineData("defaultMode: {|RAY0072:420|}")]
        [InlineData("defaultMode: {|RAY0072:0o600|}")]
        public void ModeNodeIsTheLocation(string mode)
        {
            string volume = ConfigMapVolume(extra: mode);
            RuleVerifier.Verify(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]"), volume));
        }

        [Fact]
        public void ItemModeWinsOverDefaultMode()
        {
            string volume = ConfigMapVolume(extra: "defaultMode: 0755\nitems:\n- key: run.sh\n  path: run.sh\n  mode: {|RAY0072:0640|}");
            RuleVerifier.Verify(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]"), volume));

            string fine = ConfigMapVolume(extra: "defaultMode: 0644\nitems:\n- key: run.sh\n  path: run.sh\n  mode: 0755");
            RuleVerifier.VerifyNone(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]"), fine));
        }

        [Theory]
        [InlineData("command: [\"/home/ray/samples/run.sh\"]")]
        [InlineData("command: [\"(/home/ray/samples/run.sh &)\"]")]
        [InlineData("command: [\"/bin/bash\", \"-c\", \"/home/ray/samples/run.sh\"]")]
        public void GeneratedModeCommandIsAWarning(string container)
        {
            Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(RuleVerifier.Verify(Id, Cluster(container, MarkedVolume))).Severity);
        }

        [Fact]
        public void OverwriteModeCommandIsAnError()
        {
            string yaml = Cluster("command: [\"/home/ray/samples/run.sh\"]", MarkedVolume, metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n");
            Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RuleVerifier.Verify(Id, yaml)).Severity);
        }

        [Fact]
        public void InitContainerUsesItsOwnMountsAndIsAnError()
        {
            string init = "initContainers:\n- name: setup\n  image: busybox\n  command: [\"/bin/sh\", \"-c\", \"/scripts/run.sh\"]\n  volumeMounts:\n  - mountPath: /scripts\n    name: scripts\n";
            string yaml = Head(string.Empty, MarkedVolume + init) + ConfigMap("ray-example", ("run.sh", Script));
            Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RuleVerifier.Verify(Id, yaml)).Severity);
        }

        [Fact]
        public void OwnerOnlyExecuteBitIsAWarningForTheRayUser()
        {
            string volume = ConfigMapVolume(extra: "defaultMode: {|RAY0072:0744|}");
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]"), volume)));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);

            // Running as root: fine.
            string root = ConfigMapVolume(extra: "defaultMode: 0744");
            RuleVerifier.VerifyNone(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]") + "securityContext:\n  runAsUser: 0\n", root));
        }

        [Fact]
        public void ProjectedVolumeUsesTheProjectedDefaultMode()
        {
            string volume = "volumes:\n- name: scripts\n  projected:\n    defaultMode: {|RAY0072:0644|}\n    sources:\n    - configMap:\n        name: ray-example\n";
            RuleVerifier.Verify(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]"), volume));
        }

        [Fact]
        public void SubPathMountIsTheFileItself()
        {
            string container = PostStart("[\"/usr/local/bin/run.sh\"]") + "volumeMounts:\n- mountPath: /usr/local/bin/run.sh\n  subPath: run.sh\n  name: scripts\n";
            string yaml = Head(container, MarkedVolume) + ConfigMap("ray-example", ("run.sh", Script));
            RuleVerifier.Verify(Id, yaml);
        }

        [Theory]
        [InlineData("[\"/bin/sh\", \"/home/ray/samples/run.sh\"]")]
        [InlineData("[\"bash\", \"/home/ray/samples/run.sh\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"sh /home/ray/samples/run.sh\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"source /home/ray/samples/run.sh && . /home/ray/samples/run.sh\"]")]
        [InlineData("[\"python\", \"/home/ray/samples/run.sh\"]")]
        [InlineData("[\"/opt/image/run.sh\"]")]
        public void InterpreterArgumentsAndImagePathsAreFine(string command)
        {
            RuleVerifier.VerifyNone(Id, Cluster(PostStart(command), ConfigMapVolume()), allowed: "RAY0074");
        }

        [Theory]
        [InlineData("0755")]
        [InlineData("0777")]
        [InlineData("511")]
        [InlineData("493")]
        [InlineData("0o755")]
        [InlineData("0x1ed")]
        public void ExecutableModes(string mode)
        {
            RuleVerifier.VerifyNone(Id, Cluster(PostStart("[\"/home/ray/samples/run.sh\"]"), ConfigMapVolume(extra: "defaultMode: " + mode)));
        }

        [Fact]
        public void KubeRayTlsSampleInitContainers()
        {
            string init = "initContainers:\n- name: ray-head-tls\n  image: rayproject/ray:2.52.0\n  command: [\"/bin/sh\", \"-c\", \"cp -R /etc/ca/tls /etc/ray && /etc/gen/tls/gencert_head.sh\"]\n  volumeMounts:\n  - mountPath: /etc/gen/tls\n    name: gen-tls-script\n";
            string volumes = "volumes:\n- name: gen-tls-script\n  configMap:\n    name: tls\n    defaultMode: 0777\n    items:\n    - key: gencert_head.sh\n      path: gencert_head.sh\n";
            string yaml = Head(string.Empty, volumes + init) + ConfigMap("tls", ("gencert_head.sh", "#!/bin/sh\nopenssl req -nodes\n"));
            RuleVerifier.VerifyNone(Id, yaml);
        }
    }
}
