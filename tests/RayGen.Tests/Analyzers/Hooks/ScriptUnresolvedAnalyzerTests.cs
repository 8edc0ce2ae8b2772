using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;

namespace RayGen.Tests.Analyzers.Hooks
{
    public class ScriptUnresolvedAnalyzerTests
    {
        private const string Id = "RAY0074";

        [Theory]
        [InlineData("[\"/bin/sh\", \"-c\", \"{|RAY0074:/opt/scripts/deploy.sh|}\"]", "under no volume mount")]
        [InlineData("[\"{|RAY0074:/home/ray/app/deploy.sh|}\"]", "under no volume mount")]
        [InlineData("[\"python\", \"{|RAY0074:/home/ray/app/serve_app.py|}\"]", "under no volume mount")]
        [InlineData("[\"/bin/sh\", \"-c\", \"cd /x && {|RAY0074:./deploy.sh|}\"]", "relative path")]
        public void ImagePathsInThePostStartHook(string command, string reason)
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, Head(PostStart(command))));
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
            Assert.Contains(reason, d.GetMessage());
            Assert.Contains("RAY0070", d.GetMessage());
        }

        [Theory]
        [InlineData("- name: scripts\n  secret:\n    secretName: s\n", "secret volume")]
        [InlineData("- name: scripts\n  persistentVolumeClaim:\n    claimName: p\n", "persistentVolumeClaim volume")]
        [InlineData("- name: scripts\n  emptyDir: {}\n", "emptyDir volume")]
        [InlineData("- name: scripts\n  configMap:\n    name: elsewhere\n", "not among the AdditionalFiles")]
        public void UnreadableVolumes(string volume, string reason)
        {
            string yaml = Head(PostStart("[\"{|RAY0074:/home/ray/samples/deploy.sh|}\"]") + SamplesMount, "volumes:\n" + volume);
            Assert.Contains(reason, Assert.Single(RuleVerifier.Verify(Id, yaml)).GetMessage());
        }

        [Fact]
        public void AmbiguousConfigMapAcrossOtherFiles()
        {
            string cluster = Head(PostStart("[\"/home/ray/samples/deploy.sh\"]") + SamplesMount, ConfigMapVolume());
            string cm = ConfigMap("ray-example", ("deploy.sh", "serve deploy /x.yaml\n")).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/a.yaml", cm), ("/project/b.yaml", cm), ("/project/ray/cluster.yaml", cluster)));
            Assert.Contains("several ConfigMaps named 'ray-example'", d.GetMessage());

            // One in the same file wins over the others.
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/a.yaml", cm), ("/project/b.yaml", cm), ("/project/ray/cluster.yaml", cluster + "---\n" + cm)));
        }

        [Fact]
        public void ExactNamespaceMatchWinsOverTheSameFile()
        {
            string cluster = Head(PostStart("[\"/home/ray/samples/deploy.sh\"]") + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                .Replace("metadata:\n  name: c\n", "metadata:\n  name: c\n  namespace: team\n");
            string local = ConfigMap("ray-example", ("deploy.sh", "echo fine\n"));
            string other = ConfigMapIn("team", "ray-example", ("deploy.sh", "serve deploy /x.yaml\n")).Substring(4);
            Assert.Single(AnalyzeFiles("RAY0070", null, ("/project/ray/cluster.yaml", cluster + local), ("/project/ray/other.yaml", other)));
            Assert.Empty(AnalyzeFiles("RAY0070", null, ("/project/ray/cluster.yaml", cluster + local)));
        }

        [Theory]
        [InlineData("[\"/bin/sh\", \"-c\", \"until ray health-check; do sleep 1; done; /opt/scripts/deploy.sh\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"echo hi\"]")]
        [InlineData("[\"/usr/local/bin/python3\", \"-c\", \"print(1)\"]")]
        [InlineData("[\"/usr/bin/env\", \"bash\", \"-c\", \"/usr/local/bin/mytool --flag\"]")]
        public void NoVerdictDependsOnIt(string command)
        {
            RuleVerifier.VerifyNone(Id, Head(PostStart(command)));
        }

        [Fact]
        public void PreStopAndInitContainersHaveNoDependentVerdict()
        {
            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  preStop:\n    exec:\n      command: [\"/opt/drain.sh\"]\n"));
            RuleVerifier.VerifyNone(Id, Head(string.Empty, "initContainers:\n- name: init\n  image: busybox\n  command: [\"/opt/setup.sh\"]\n"));
        }

        [Fact]
        public void CommandTextInGeneratedMode()
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, Head("command: [\"({|RAY0074:/opt/deploy.sh|} &)\"]")));
            Assert.Contains("RAY0008", d.GetMessage());
        }

        [Fact]
        public void TheMessageNamesTheGroupAAndBRulesThatDependOnIt()
        {
            // Generated mode, foreground: it might loop forever (RAY0007) or call Ray (RAY0008).
            string foreground = Assert.Single(RuleVerifier.Verify(Id, Head("command: [\"{|RAY0074:/opt/setup.sh|}\"]"))).GetMessage();
            Assert.Contains("RAY0007 (commands that never return) and RAY0008", foreground);

            // Overwrite mode: it might start Ray, with or without --block and a raised limit.
            string overwrite = Assert.Single(RuleVerifier.Verify(Id, Head("command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; {|RAY0074:/opt/start.sh|}\"]", metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n"))).GetMessage();
            Assert.Contains("RAY0008 (Ray commands before 'ray start'), RAY0022 ('ray start' without --block), RAY0024 (overwrite mode never starts Ray), RAY0025 (open-files limit) checks", overwrite);
        }

        public static IEnumerable<object[]> Kinds() => System.Linq.Enumerable.Select(Wrappers(PodGroup(PostStart("[\"{|RAY0074:/opt/deploy.sh|}\"]"))), y => new object[] { y });

        [Theory]
        [MemberData(nameof(Kinds))]
        public void EveryKind(string yaml)
        {
            RuleVerifier.Verify(Id, yaml);
        }
    }
}
