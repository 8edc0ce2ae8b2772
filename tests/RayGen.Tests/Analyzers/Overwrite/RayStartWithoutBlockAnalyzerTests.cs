using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class RayStartWithoutBlockAnalyzerTests
    {
        private const string Id = "RAY0022";

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, OverwriteScript("\"ulimit -n 65536; {|RAY0022:ray start|} --head --dashboard-host=0.0.0.0\"")));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains("Final args:", d.GetMessage());
        }

        [Fact]
        public void FixedExample()
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript("\"ulimit -n 65536; ray start --head --dashboard-host=0.0.0.0 --block\""));
        }

        [Theory]
        [InlineData("\"ulimit -n 65536; {|RAY0022:ray start|} --head; echo started\"")]
        [InlineData("\"ulimit -n 65536; {|RAY0022:ray start|} --head; wait\"")]
        [InlineData("\"ulimit -n 65536; {|RAY0022:ray start|} --head; sleep 10\"")]
        [InlineData("\"ulimit -n 65536; {|RAY0022:ray start|} --head && ray status\"")]
        // Readiness loops (rules.md §0.7) end once Ray answers, whether the check is the condition or a break in the body.
        [InlineData("\"ulimit -n 65536; {|RAY0022:ray start|} --head; until ray health-check; do sleep 1; done\"")]
        [InlineData("\"ulimit -n 65536; {|RAY0022:ray start|} --head; while true; do ray health-check && break; sleep 1; done\"")]
        public void NothingAfterItKeepsTheContainerAlive(string script)
        {
            RuleVerifier.Verify(Id, OverwriteScript(script));
        }

        [Fact]
        public void SuppressedModeToo()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(BashC + "args: [\"ulimit -n 65536; {|RAY0022:ray start|} --head\"]")));
        }

        [Fact]
        public void ExecFormWrappersAreLookedThrough()
        {
            RuleVerifier.Verify(Id, OverwriteCluster("command: [\"tini\", \"--\", \"timeout\", \"-s\", \"KILL\", \"3600\", \"/bin/bash\", \"-c\"]\nargs: [\"ulimit -n 65536; {|RAY0022:ray start|} --head\"]"));
        }

        [Fact]
        public void ExecFormStart()
        {
            RuleVerifier.Verify(Id, OverwriteCluster("command: [{|RAY0022:\"ray\", \"start\"|}, \"--head\"]"));
        }

        [Theory]
        [InlineData("\"ulimit -n 65536; ray start --head; sleep infinity\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; tail -f /dev/null\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; exec python -m http.server 8080\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; python /app/server.py\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; jupyter lab & wait\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; while true; do sleep 30; done\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; $KUBERAY_GEN_RAY_START_CMD\"")]
        [InlineData("\"ulimit -n 65536; $KUBERAY_GEN_RAY_START_CMD\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"")]
        [InlineData("\"ulimit -n 65536; ray start --head; source /etc/keepalive.sh\"")]
        [InlineData("\"ulimit -n 65536; /home/ray/start-ray.sh\"")]
        [InlineData("\"ulimit -n 65536; ray start --head $EXTRA_ARGS\"")]
        public void DoesNotTrigger(string script)
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript(script), allowed: "RAY0026");
        }

        [Theory]
        [InlineData(BashC + "args: [\"ulimit -n 65536; {|RAY0022:/home/ray/samples/start.sh|}\"]")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; bash {|RAY0022:/home/ray/samples/start.sh|}\"]")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; source {|RAY0022:/home/ray/samples/start.sh|}\"]")]
        [InlineData("command: [\"{|RAY0022:/home/ray/samples/start.sh|}\"]")]
        [InlineData("command: [\"tini\", \"--\", \"/bin/sh\", \"{|RAY0022:/home/ray/samples/start.sh|}\"]")]
        public void StartInAResolvedScript(string container)
        {
            string yaml = OverwriteWithScripts(container, scripts: ("start.sh", "#!/bin/bash\nulimit -n 65536\nray start --head\necho started\n"));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains("The 'ray start' (in script '/home/ray/samples/start.sh', ConfigMap 'ray-example' key 'start.sh', line 3) has no --block.", d.GetMessage());
            Assert.Equal("ray start", TextAt(yaml, Assert.Single(d.AdditionalLocations)));
        }

        [Fact]
        public void SuppressedModeScriptAndAScriptInAnotherFile()
        {
            const string start = "ray start --head --port=6379\n";
            // Suppressed, not overwrite, mode: the text "ray start" (here in a comment) keeps KubeRay from generating.
            RuleVerifier.Verify(Id, ScriptsCluster(BashC + "args: [\"ulimit -n 65536; {|RAY0022:/home/ray/samples/start.sh|} # ray start\"]", null, "defaultMode: 0755", ("start.sh", start)));

            string cluster = OverwriteWithScripts(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/start.sh\"]");
            string configMap = ConfigMap("ray-example", ("start.sh", start)).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", configMap)));
            Assert.Equal("/home/ray/samples/start.sh", TextAt(cluster, d.Location));
            Assert.Equal("/project/ray/scripts.yaml", Assert.Single(d.AdditionalLocations).GetLineSpan().Path);
            Assert.Equal("ray start", TextAt(configMap, d.AdditionalLocations[0]));

            // Without the ConfigMap the script cannot be read (RAY0074), so its start is not looked at.
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster)));
        }

        [Fact]
        public void ALaterResolvedScriptThatReturnsKeepsNothingAlive()
        {
            // Before scripts were read, any later script counted as "might block"; this one only echoes.
            RuleVerifier.Verify(Id, OverwriteWithScripts(BashC + "args: [\"ulimit -n 65536; {|RAY0022:ray start|} --head; /home/ray/samples/done.sh\"]", scripts: ("done.sh", "#!/bin/sh\necho done\n")));
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(BashC + "args: [\"ulimit -n 65536; ray start --head; /home/ray/samples/keep.sh\"]", scripts: ("keep.sh", "#!/bin/sh\necho done\ntail -f /dev/null\n")));
        }

        [Theory]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/start.sh\"]", "ray start --head --block\n")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/start.sh\"]", "ray start --head\nsleep infinity\n")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/start.sh; sleep infinity\"]", "ray start --head\n")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/start.sh\"]", "ray start --head\nexec python /app/server.py\n")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/start.sh\"]", "ulimit -n 65536\neval \"$KUBERAY_GEN_RAY_START_CMD\"\n")]
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/app/start.sh\"]", "ray start --head\n")] // an image file (RAY0074)
        [InlineData(BashC + "args: [\"ulimit -n 65536; /home/ray/samples/other.sh\"]", "ray start --head\n")] // not in the ConfigMap (RAY0073)
        [InlineData(BashC + "args: [\"ulimit -n 65536; python /home/ray/samples/start.sh\"]", "ray start --head\n")] // Python does not run shell text
        [InlineData("command: [\"/home/ray/samples/start.sh\"]", "ulimit -n 65536\nray start --head\ntail -f /dev/null\n")]
        public void DoesNotTriggerForScripts(string container, string script)
        {
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(container, scripts: ("start.sh", script)), allowed: new[] { "RAY0025", "RAY0073" });
        }

        [Fact]
        public void ItemsAndSubPathDecideWhichScriptRuns()
        {
            const string items = "defaultMode: 0755\nitems:\n- key: start.sh\n  path: run/start-ray.sh";
            (string, string) script = ("start.sh", "ulimit -n 65536\nray start --head\n");
            RuleVerifier.Verify(Id, OverwriteWithScripts(BashC + "args: [\"{|RAY0022:/home/ray/samples/run/start-ray.sh|}\"]", items, script));
            RuleVerifier.VerifyNone(Id, OverwriteWithScripts(BashC + "args: [\"/home/ray/samples/start.sh\"]", items, script), allowed: "RAY0073");

            string subPath = Head("command: [\"{|RAY0022:/opt/start.sh|}\"]\nvolumeMounts:\n- mountPath: /opt/start.sh\n  name: scripts\n  subPath: start.sh\n", ConfigMapVolume(extra: "defaultMode: 0755"), Annotation)
                + ConfigMap("ray-example", script);
            RuleVerifier.Verify(Id, subPath);
        }

        [Fact]
        public void GeneratedModeIsLeftToKubeRay()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"echo hi\"]")));
        }
    }
}
