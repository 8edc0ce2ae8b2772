using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class CommandNeverReturnsAnalyzerTests
    {
        private const string Id = "RAY0007";

        [Fact]
        public void BadExample()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("args: [\"{|RAY0007:jupyter|} lab --ip=0.0.0.0 --no-browser\"]"))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("Final args:", d.GetMessage());
        }

        [Theory]
        [InlineData("args: [\"pip install x; {|RAY0007:exit|} 0\"]")]
        [InlineData("args: [\"{|RAY0007:exec|} python app.py\"]")]
        [InlineData("args: [\"{|RAY0007:sleep|} infinity\"]")]
        [InlineData("args: [\"pip install x && {|RAY0007:sleep|} 1d\"]")]
        [InlineData("args: [\"{|RAY0007:sleep|} 86400\"]")]
        [InlineData("args: [\"{|RAY0007:tail|} -f /dev/null\"]")]
        [InlineData("args: [\"{|RAY0007:tail|} -F /tmp/log | grep x\"]")]
        [InlineData("args: [\"{|RAY0007:python|} -m http.server 8080\"]")]
        [InlineData("args: [\"{|RAY0007:uvicorn|} app:app\"]")]
        [InlineData("args: [\"{|RAY0007:until|} ray health-check; do sleep 1; done\"]")]
        [InlineData("args: [\"{|RAY0007:while|} true; do ray status && break; sleep 2; done\"]")]
        [InlineData("args: [\"timeout 600 sh -c '{|RAY0007:until|} ray health-check; do sleep 1; done'\"]")]
        public void TriggersOnTheHead(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void WorkerLoopOnlyWhenItChecksThisNode()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(""), Worker("w", Group("args: [\"{|RAY0007:until|} curl -s localhost:52365/api/local_raylet_healthz; do sleep 1; done\"]"))));
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(""), Worker("w", Group("args: [\"until ray status; do sleep 1; done\"]"))));
        }

        [Theory]
        [InlineData("args: [\"(jupyter lab --ip=0.0.0.0 --no-browser > /tmp/jupyter.log 2>&1 &)\"]")]
        [InlineData("args: [\"exec > /tmp/log 2>&1\"]")]
        [InlineData("args: [\"test -f x || exit 1\"]")]
        [InlineData("args: [\"if [ -f x ]; then exit 1; fi\"]")]
        [InlineData("args: [\"(exit 1)\"]")]
        [InlineData("args: [\"f() { sleep infinity; }\"]")]
        [InlineData("args: [\"sleep 5\"]")]
        [InlineData("args: [\"ray job submit -- python x.py\"]")]
        [InlineData("args: [\"bash -c 'exit 0'\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)), allowed: new[] { "RAY0001", "RAY0008" }); // RAY0008: Ray-dependent commands fail fast before ray start
        }

        [Fact]
        public void OverwriteAndSuppressedModesAreLeftToRay0022()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-c\"]\nargs: [\"ulimit -n 65536; ray start --head --block; sleep infinity\"]")));
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-c\"]\nargs: [\"ulimit -n 65536; jupyter lab; eval \\\"$KUBERAY_GEN_RAY_START_CMD\\\"\"]"),
                metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n"));
        }

        [Fact]
        public void FixedExample()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"(jupyter lab --ip=0.0.0.0 --no-browser > /tmp/jupyter.log 2>&1 &)\"]")));
        }

        private const string WaitScript = "#!/bin/bash\nuntil ray health-check; do sleep 1; done\necho ready\n";

        private static string ScriptCluster(string command, string script = WaitScript, string? volumeExtra = "defaultMode: 0755") =>
            Head(command + "\n" + SamplesMount, ConfigMapVolume(extra: volumeExtra)) + ConfigMap("ray-example", ("wait.sh", script));

        [Theory]
        [InlineData("args: [\"pip install x && {|RAY0007:/home/ray/samples/wait.sh|}\"]")]
        [InlineData("args: [\"bash {|RAY0007:/home/ray/samples/wait.sh|}\"]")]
        [InlineData("args: [\"source {|RAY0007:/home/ray/samples/wait.sh|}; echo after\"]")]
        [InlineData("command: [\"/bin/bash\", \"-c\"]\nargs: [\"{|RAY0007:/home/ray/samples/wait.sh|}\"]")]
        public void ReadinessLoopInAResolvedForegroundScript(string command)
        {
            string yaml = ScriptCluster(command);
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("in script '/home/ray/samples/wait.sh', ConfigMap 'ray-example' key 'wait.sh', line 2", d.GetMessage());
            Assert.Equal("until", TextAt(yaml, Assert.Single(d.AdditionalLocations)));
        }

        [Fact]
        public void LoopInAScriptThatAResolvedScriptRuns()
        {
            string yaml = Head("args: [\"{|RAY0007:/home/ray/samples/run.sh|}\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("run.sh", "#!/bin/sh\necho start\n/home/ray/samples/wait.sh\n"), ("wait.sh", WaitScript));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("in script '/home/ray/samples/wait.sh'", d.GetMessage());
            Assert.Contains("reached from '/home/ray/samples/run.sh'", d.GetMessage());
        }

        [Fact]
        public void ScriptMountedWithSubPath()
        {
            string yaml = Head("args: [\"{|RAY0007:/home/ray/wait-for-ray.sh|}\"]\nvolumeMounts:\n- mountPath: /home/ray/wait-for-ray.sh\n  name: scripts\n  subPath: wait.sh\n", ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("wait.sh", WaitScript));
            RuleVerifier.Verify(Id, yaml);
        }

        [Fact]
        public void ConfigMapInAnotherFile()
        {
            string cluster = Head("args: [\"/home/ray/samples/wait.sh\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"));
            string configMap = ConfigMap("ray-example", ("wait.sh", WaitScript)).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", configMap)));
            Assert.Equal("/project/ray/cluster.yaml", d.Location.GetLineSpan().Path);
            Assert.Equal("/home/ray/samples/wait.sh", TextAt(cluster, d.Location));
            Location loop = Assert.Single(d.AdditionalLocations);
            Assert.Equal("/project/ray/scripts.yaml", loop.GetLineSpan().Path);
            Assert.Equal("until", TextAt(configMap, loop));

            // Without the other file the script cannot be read: RAY0074's business.
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster)));
        }

        [Theory]
        [InlineData("args: [\"(/home/ray/samples/wait.sh &)\"]", WaitScript)] // in the background
        [InlineData("args: [\"if [ -f /x ]; then /home/ray/samples/wait.sh; fi\"]", WaitScript)] // conditional, like an inline loop there
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\necho no loop here\n")]
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\nwait_ray() { until ray health-check; do sleep 1; done; }\n")] // defined, never called
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\n(until ray health-check; do sleep 1; done; serve deploy /x.yaml) &\n")]
        [InlineData("args: [\"/home/ray/samples/wait.sh\"]", "#!/bin/bash\nsleep infinity\n")] // only readiness loops are read in scripts (rules.md RAY0007)
        [InlineData("args: [\"/home/ray/app/wait.sh\"]", WaitScript)] // an image file: cannot be read (RAY0074)
        [InlineData("args: [\"/home/ray/samples/other.sh\"]", WaitScript)] // not in the ConfigMap (RAY0073)
        public void DoesNotTriggerForScripts(string command, string script)
        {
            RuleVerifier.VerifyNone(Id, ScriptCluster(command, script), allowed: "RAY0073");
        }

        [Fact]
        public void ItemsMapTheKeyToAnotherFileName()
        {
            // items[] puts key wait.sh at /home/ray/samples/ready.sh: the old name does not exist (RAY0073), the new one loops.
            const string items = "defaultMode: 0755\nitems:\n- key: wait.sh\n  path: ready.sh";
            RuleVerifier.VerifyNone(Id, ScriptCluster("args: [\"/home/ray/samples/wait.sh\"]", volumeExtra: items), allowed: "RAY0073");
            RuleVerifier.Verify(Id, ScriptCluster("args: [\"{|RAY0007:/home/ray/samples/ready.sh|}\"]", volumeExtra: items));
        }

        [Fact]
        public void WorkerScriptLoopOnlyWhenItChecksThisNode()
        {
            string worker(string path, string script) => WorkerCluster("args: [\"" + path + "\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("wait.sh", script));

            // A worker's RAY_ADDRESS is the head: waiting for it is fine; waiting for this worker's own raylet is not.
            RuleVerifier.VerifyNone(Id, worker("/home/ray/samples/wait.sh", WaitScript));
            RuleVerifier.Verify(Id, worker("{|RAY0007:/home/ray/samples/wait.sh|}", "until curl -sf localhost:52365/api/local_raylet_healthz; do sleep 1; done\n"));
        }

        [SkippableFact]
        public void ExecWithACommandReplacesTheShellButRedirectionsOnlyDoNot()
        {
            Skip.IfNot(Processes.HasBash);
            var replaced = Processes.Run("/bin/bash", new[] { "-c", "--", " exec echo x  && echo after" });
            Assert.Equal("x\n", replaced.StdOut);
            var kept = Processes.Run("/bin/bash", new[] { "-c", "--", " exec 2>/dev/null  && echo after" });
            Assert.Equal("after\n", kept.StdOut);
        }
    }
}
