using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class RayCommandBeforeStartAnalyzerTests
    {
        private const string Id = "RAY0008";

        private const string Overwrite = "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n";

        private static readonly Dictionary<string, string> NoInjection = new() { ["RayGenEnableInitContainerInjection"] = "false" };

        public static IEnumerable<object[]> BadInEveryKind() =>
            Wrappers(Group("args: [\"{|RAY0008:serve start|} --http-host 0.0.0.0 --http-port 8100\"]")).Select(y => new object[] { y });

        [Theory]
        [MemberData(nameof(BadInEveryKind))]
        public void BadSnippet(string yaml)
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("KubeRay runs your command before its 'ray start'", d.GetMessage());
            Assert.Contains("Final args: ", d.GetMessage());
        }

        [Theory]
        [InlineData("command: [\"{|RAY0008:ray job submit|} -- python x.py\"]")]
        [InlineData("command: [\"python -c 'import ray; {|RAY0008:ray.init|}()'\"]")]
        [InlineData("command: [\"{|RAY0008:ray status|}\"]")]
        [InlineData("command: [\"echo start;\", \"{|RAY0008:serve deploy|} /x.yaml\"]")]
        [InlineData("command: [\"({|RAY0008:serve deploy|} /x.yaml &)\"]")]
        [InlineData("command: [\"(sleep 30; {|RAY0008:serve deploy|} /x.yaml) &\", \"true\"]")]
        [InlineData("command: [\"setsid -f {|RAY0008:serve run|} app:x\"]")]
        [InlineData("command: [\"bash -c '{|RAY0008:serve run|} app:x'\"]")]
        public void Triggers(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void BackgroundScriptFromAConfigMapWithoutALoop()
        {
            string yaml = Head("command: [\"({|RAY0008:/home/ray/samples/deploy.sh|} &)\"]\n" + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("deploy.sh", "#!/bin/bash\nsleep 10\nserve deploy /home/ray/serve.yaml\n"));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Contains("races 'ray start' and loses", d.GetMessage());
            Assert.Contains("line 3", d.GetMessage());
            Assert.Single(d.AdditionalLocations);
        }

        [Fact]
        public void KubeRaySolution1BackgroundScriptThatWaits()
        {
            // docs "Timing 2, Solution 1": command: ["(/home/ray/samples/ray_cluster_resources.sh&)"] with the looping script.
            string yaml = HeadCommandSample.Replace("command: [\"echo 123\"]\n          args: [\"456\"]", "command: [\"(/home/ray/samples/ray_cluster_resources.sh&)\"]");
            Assert.Contains("ray_cluster_resources.sh&)", yaml);
            RuleVerifier.VerifyNone(Id, yaml, allowed: "RAY0071");
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"( (until ray health-check >/dev/null 2>&1; do sleep 2; done; serve start --http-host 0.0.0.0 --http-port 8100) & )\"]")));
        }

        [Theory]
        [InlineData("command: [\"pip install 'ray[default]' && ray --version\"]")]
        [InlineData("command: [\"python -c 'import ray; print(ray.__version__)'\"]")]
        [InlineData("command: [\"ray stop; ray disable-usage-stats; ray metrics launch-prometheus\"]")]
        [InlineData("command: [\"echo 'serve start' > /tmp/x\"]")]
        [InlineData("command: [\"until ray health-check; do sleep 1; done; serve deploy /x.yaml\"]")] // never returns: RAY0007's report
        [InlineData("command: [\"((for i in $(seq 60); do ray health-check && break; sleep 1; done; ray job submit -- python x.py) &)\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)), allowed: new[] { "RAY0007" });
        }

        [Fact]
        public void WorkerClusterClients()
        {
            string worker(string c) => RayCluster("c", Group(string.Empty), Worker("w", Group(c)));
            RuleVerifier.VerifyNone(Id, worker("command: [\"ray status\"]"));
            RuleVerifier.Verify(Id, worker("command: [\"{|RAY0008:ray status|}\"]"), NoInjection);
            RuleVerifier.Verify(Id, worker("command: [\"{|RAY0008:ray status|} --address=localhost:6379\"]"));
            RuleVerifier.Verify(Id, worker("command: [\"python -c 'import ray; {|RAY0008:ray.init|}()'\"]"));
        }

        [Fact]
        public void SuppressedModeBeforeTheUsersStart()
        {
            string yaml = RayCluster("c", Group("command: [\"/bin/bash\", \"-c\"]\nargs: [\"{|RAY0008:serve start|} && ray start --head --block\"]"));
            Assert.Contains("runs before the 'ray start' in your command", Assert.Single(RuleVerifier.Verify(Id, yaml)).GetMessage());
        }

        [Fact]
        public void SuppressedModeAfterABlockingStartNeverRuns()
        {
            string yaml = RayCluster("c", Group("command: [\"/bin/bash\", \"-c\"]\nargs: [\"ray start --head --block; {|RAY0008:serve deploy|} /x.yaml\"]"));
            Assert.Contains("never runs: the start before it blocks", Assert.Single(RuleVerifier.Verify(Id, yaml)).GetMessage());

            // A non-blocking start returns once Ray is up.
            // RAY0025 rightly notes the missing ulimit.
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-c\"]\nargs: [\"ray start --head && serve deploy /x.yaml && sleep infinity\"]")), allowed: "RAY0025");
        }

        [Fact]
        public void OverwriteModeWithTheGeneratedStartCommand()
        {
            string bad = RayCluster("c", Group("command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; $KUBERAY_GEN_RAY_START_CMD; {|RAY0008:serve deploy|} /x.yaml\"]"), metadataExtra: Overwrite);
            Assert.Contains("never runs", Assert.Single(RuleVerifier.Verify(Id, bad)).GetMessage());

            string good = RayCluster("c", Group("command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"(until ray health-check; do sleep 2; done; serve deploy /x.yaml) & $KUBERAY_GEN_RAY_START_CMD\"]"), metadataExtra: Overwrite);
            RuleVerifier.VerifyNone(Id, good, allowed: "RAY0025");

            // The KubeRay sample ray-cluster.overwrite-command.yaml.
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"ulimit -n 65536; echo head; $KUBERAY_GEN_RAY_START_CMD\"]"), metadataExtra: Overwrite));
        }

        [Fact]
        public void StartCommandVariableNeedsKubeRay110()
        {
            // Before 1.1.0 there is no overwrite annotation and no KUBERAY_GEN_RAY_START_CMD: the text is joined and runs before KubeRay's start.
            string container = "command: [\"/bin/bash\", \"-c\", \"--\"]\nargs: [\"$KUBERAY_GEN_RAY_START_CMD; {|RAY0008:serve deploy|} /x.yaml\"]";
            var v100 = new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.0.0" };
            var v110 = new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.1.0" };
            Assert.Contains("KubeRay runs your command before its 'ray start'", Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group(container), metadataExtra: Overwrite), v100)).GetMessage());
            Assert.Contains("never runs", Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group(container), metadataExtra: Overwrite), v110)).GetMessage());
            Assert.Contains("never runs", Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group(container), metadataExtra: Overwrite))).GetMessage());
        }
    }
}
