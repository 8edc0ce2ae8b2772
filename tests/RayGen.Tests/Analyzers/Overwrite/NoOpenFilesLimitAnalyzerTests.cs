using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class NoOpenFilesLimitAnalyzerTests
    {
        private const string Id = "RAY0025";

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, OverwriteScript("\"echo head; eval \\\"{|RAY0025:$KUBERAY_GEN_RAY_START_CMD|}\\\"\"")));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Single(d.AdditionalLocations);
        }

        [Theory]
        [InlineData("\"ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; echo head; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        [InlineData("\"ulimit -Sn 65536 && $KUBERAY_GEN_RAY_START_CMD\"")]
        [InlineData("\"prlimit --pid $$ --nofile=65536; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        [InlineData("\"ulimit -n 65536; bash -c \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        [InlineData("\"ulimit -n 65536; ray start --head --block\"")]
        [InlineData("\"source /etc/limits.sh; ray start --head --block\"")]
        public void DoesNotTrigger(string script)
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript(script));
        }

        [Theory]
        [InlineData("\"bash -c 'ulimit -n 65536'; {|RAY0025:ray start|} --head --block\"")]
        [InlineData("\"(ulimit -n 65536); {|RAY0025:$KUBERAY_GEN_RAY_START_CMD|}\"")]
        [InlineData("\"{|RAY0025:ray start|} --head --block; ulimit -n 65536\"")]
        public void UlimitInAnotherShellOrAfterwardsDoesNotCount(string script)
        {
            RuleVerifier.Verify(Id, OverwriteScript(script));
        }

        [Fact]
        public void UserStartInSuppressedMode()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(BashC + "args: [\"echo hi; {|RAY0025:ray start|} --head --block\"]")));
        }

        [Fact]
        public void ExecFormStartHasNoShellToRaiseIt()
        {
            RuleVerifier.Verify(Id, OverwriteCluster("command: [{|RAY0025:\"ray\", \"start\"|}, \"--head\", \"--block\"]"));
            RuleVerifier.Verify(Id, OverwriteCluster("command: [\"nohup\", {|RAY0025:\"/usr/bin/ray\", \"--logging-level=info\", \"start\"|}, \"--head\", \"--block\"]"));
        }

        [Theory]
        [InlineData("command: [\"{|RAY0025:/home/ray/samples/start.sh|}\"]", "ray start")]
        [InlineData("command: [\"/bin/sh\", \"{|RAY0025:/home/ray/samples/start.sh|}\"]", "ray start")]
        [InlineData(BashC + "args: [\"echo head; {|RAY0025:/home/ray/samples/start.sh|}\"]", "ray start")]
        [InlineData(BashC + "args: [\"echo head; source {|RAY0025:/home/ray/samples/start.sh|}\"]", "ray start")]
        public void StartInAResolvedScriptWithoutALimit(string container, string start)
        {
            string yaml = OverwriteWithScripts(container, scripts: ("start.sh", "#!/bin/bash\necho starting\nray start --head --block\n"));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("This start (in script '/home/ray/samples/start.sh', ConfigMap 'ray-example' key 'start.sh', line 3) has no open-files limit before it.", d.GetMessage());
            Assert.Equal(new[] { start, "\"true\"" }, d.AdditionalLocations.Select(l => TextAt(yaml, l)));
        }

        [Fact]
        public void GeneratedStartCommandInAScript()
        {
            string yaml = OverwriteWithScripts(BashC + "args: [\"{|RAY0025:/home/ray/samples/start.sh|}\"]", scripts: ("start.sh", "echo head\neval \"$KUBERAY_GEN_RAY_START_CMD\"\n"));
            Assert.Equal("$KUBERAY_GEN_RAY_START_CMD", TextAt(yaml, Assert.Single(RuleVerifier.Verify(Id, yaml)).AdditionalLocations[0]));
        }

        [Theory]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/start.sh\"]", "ray start --head --block\n")] // a child inherits the limit
        [InlineData(BashC + "args: [\"/home/ray/samples/start.sh\"]", "ulimit -n 65536\nray start --head --block\n")]
        [InlineData(BashC + "args: [\"/home/ray/samples/start.sh\"]", "prlimit --pid $$ --nofile=65536\neval \"$KUBERAY_GEN_RAY_START_CMD\"\n")]
        [InlineData(BashC + "args: [\"source /home/ray/samples/start.sh; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]", "ulimit -n 65536\n")] // sourced: the same shell
        [InlineData("command: [\"/home/ray/samples/start.sh\"]", "ulimit -n 65536\nexec ray start --head --block\n")]
        [InlineData(BashC + "args: [\"/home/ray/samples/start.sh\"]", "source /etc/limits.sh\nray start --head --block\n")] // an unreadable sourced file may set it
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/app/start.sh\"]", "ray start --head --block\n")] // an image file (RAY0074)
        public void DoesNotTriggerForScripts(string container, string script)
        {
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(container, scripts: ("start.sh", script)));
        }

        [Fact]
        public void ALimitInAChildScriptDoesNotReachTheStart()
        {
            // Like 'bash -c "ulimit -n 65536"': a script run as its own process raises only its own limit.
            string child = OverwriteWithScripts(BashC + "args: [\"/home/ray/samples/limits.sh; eval \\\"{|RAY0025:$KUBERAY_GEN_RAY_START_CMD|}\\\"\"]", scripts: ("limits.sh", "ulimit -n 65536\n"));
            RuleVerifier.Verify(Id, child);

            // A resolved sourced file that does not set it no longer counts as "might set it".
            string sourced = OverwriteWithScripts(BashC + "args: [\"source /home/ray/samples/env.sh; eval \\\"{|RAY0025:$KUBERAY_GEN_RAY_START_CMD|}\\\"\"]", scripts: ("env.sh", "export A=1\n"));
            RuleVerifier.Verify(Id, sourced);
        }

        [Fact]
        public void ItemsMappingAndAnotherFile()
        {
            const string items = "defaultMode: 0755\nitems:\n- key: limits.sh\n  path: env.sh";
            (string, string) limits = ("limits.sh", "ulimit -n 65536\n");
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(BashC + "args: [\"source /home/ray/samples/env.sh; ray start --head --block\"]", items, limits));
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(BashC + "args: [\"source /home/ray/samples/limits.sh; ray start --head --block\"]", items, limits), allowed: "RAY0073"); // filtered out: RAY0073; not read, so it may set it

            string cluster = OverwriteWithScripts("command: [\"/home/ray/samples/start.sh\"]");
            string configMap = ConfigMap("ray-example", ("start.sh", "ray start --head --block\n")).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", configMap)));
            Assert.Equal("/home/ray/samples/start.sh", TextAt(cluster, d.Location));
            Assert.Equal("/project/ray/scripts.yaml", d.AdditionalLocations[0].GetLineSpan().Path);
            Assert.Equal("/project/ray/cluster.yaml", d.AdditionalLocations[1].GetLineSpan().Path);
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster)));
        }

        [Fact]
        public void AnInnerShellOfAScriptInAnotherFileIsLocatedThere()
        {
            string cluster = OverwriteWithScripts("command: [\"/home/ray/samples/start.sh\"]");
            string configMap = ConfigMap("ray-example", ("start.sh", "echo head\nbash -c 'ray start --head --block'\n")).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", configMap)));
            Assert.Equal("/home/ray/samples/start.sh", TextAt(cluster, d.Location));
            Assert.Equal("/project/ray/scripts.yaml", d.AdditionalLocations[0].GetLineSpan().Path);
            Assert.Equal("ray start", TextAt(configMap, d.AdditionalLocations[0]));
            Assert.Contains("line 2", d.GetMessage());
        }

        [Fact]
        public void GeneratedModeHasKubeRaysUlimit()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"echo hi\"]")));
        }
    }
}
