using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Hooks
{
    public class PostStartWithoutReadinessAnalyzerTests
    {
        private const string Id = "RAY0070";

        private static readonly Dictionary<string, string> NoInjection = new() { ["RayGenEnableInitContainerInjection"] = "false" };

        public static IEnumerable<object[]> BadInEveryKind() =>
            Wrappers(PodGroup(PostStart("{|RAY0070:[\"/bin/sh\", \"-c\", \"serve deploy /home/ray/serve.yaml\"]|}"))).Select(y => new object[] { y });

        [Theory]
        [MemberData(nameof(BadInEveryKind))]
        public void BadSnippetInEveryKind(string yaml)
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("runs 'serve deploy'", d.GetMessage());
        }

        [Theory]
        [InlineData("{|RAY0070:[\"/bin/bash\", \"-c\", \"ray job submit --no-wait -- python /home/ray/job.py\"]|}")]
        [InlineData("{|RAY0070:[\"python\", \"-c\", \"import ray; ray.init(); print(ray.cluster_resources())\"]|}")]
        [InlineData("{|RAY0070:[\"/bin/sh\", \"-c\", \"python3 -c 'import ray; ray.init()'\"]|}")]
        [InlineData("{|RAY0070:[\"ray\", \"status\"]|}")]
        [InlineData("{|RAY0070:[\"serve\", \"run\", \"app:deployment\"]|}")]
        [InlineData("{|RAY0070:[\"sh\", \"-lc\", \"serve status\"]|}")]
        [InlineData("{|RAY0070:[\"/usr/bin/env\", \"bash\", \"-c\", \"serve deploy /x.yaml\"]|}")]
        [InlineData("{|RAY0070:[\"timeout\", \"60\", \"sh\", \"-c\", \"serve deploy /x.yaml\"]|}")]
        [InlineData("{|RAY0070:[\"/bin/sh\", \"-c\", \"serve deploy /x.yaml; until ray health-check; do sleep 1; done\"]|}")]
        [InlineData("{|RAY0070:[\"/bin/sh\", \"-c\", \"(serve deploy /x.yaml &)\"]|}")]
        [InlineData("{|RAY0070:[\"/bin/sh\", \"-c\", \"if ray health-check; then serve deploy /x.yaml; fi\"]|}")]
        [InlineData("{|RAY0070:[\"/bin/sh\", \"-c\", \"nohup python -c 'from ray import serve; serve.run(app)' &\"]|}")]
        [InlineData("{|RAY0070:[\"/bin/bash\", \"-c\", \"python <<'EOF'\\nimport ray\\nray.init()\\nEOF\"]|}")]
        public void Triggers(string command)
        {
            RuleVerifier.Verify(Id, Head(PostStart(command)));
        }

        [Fact]
        public void BlockScalarScriptArgument()
        {
            string hook = "lifecycle:\n  postStart:\n    exec:\n      command:\n      {|RAY0070:- /bin/bash\n      - -c\n      - |\n        echo start\n        ray job submit --no-wait -- python job.py|}\n";
            var diagnostics = GeneratorHarness.Analyze(Head(hook.Replace("{|RAY0070:", string.Empty).Replace("|}", string.Empty)));
            Assert.Contains(diagnostics, d => d.Id == Id);
            RuleVerifier.Verify(Id, Head(hook));
        }

        [Fact]
        public void ResolvedScriptWithoutLoopPointsAtTheHookWithTheScriptLineAsAdditionalLocation()
        {
            string yaml = Head(
                PostStart("{|RAY0070:[\"/bin/sh\", \"-c\", \"/home/ray/samples/deploy.sh\"]|}") + SamplesMount,
                ConfigMapVolume(extra: "defaultMode: 0755"))
                + ConfigMap("ray-example", ("deploy.sh", "#!/bin/sh\necho deploying\nserve deploy /home/ray/serve.yaml\n"));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml));
            Location related = Assert.Single(d.AdditionalLocations);
            Assert.Equal("serve deploy", yaml.Replace("{|RAY0070:", string.Empty).Replace("|}", string.Empty).Substring(related.SourceSpan.Start, related.SourceSpan.Length));
            Assert.Contains("in script '/home/ray/samples/deploy.sh', ConfigMap 'ray-example' key 'deploy.sh', line 3", d.GetMessage());
        }

        [Fact]
        public void ConfigMapInAnotherFileIsResolvedAtCompilationEnd()
        {
            string cluster = Head(PostStart("[\"/home/ray/samples/deploy.sh\"]") + SamplesMount, ConfigMapVolume(extra: "defaultMode: 0755"));
            string configMaps = ConfigMap("ray-example", ("deploy.sh", "#!/bin/bash\nray job submit -- python x.py\n")).Substring(4);
            Diagnostic d = Assert.Single(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", configMaps)));
            Assert.Equal("/project/ray/cluster.yaml", d.Location.GetLineSpan().Path);
            Assert.Equal("/project/ray/scripts.yaml", Assert.Single(d.AdditionalLocations).GetLineSpan().Path);

            // The same script waiting first: nothing.
            string waiting = ConfigMap("ray-example", ("deploy.sh", "#!/bin/bash\nuntil ray health-check; do sleep 1; done\nray job submit -- python x.py\n")).Substring(4);
            Assert.Empty(AnalyzeFiles(Id, null, ("/project/ray/cluster.yaml", cluster), ("/project/ray/scripts.yaml", waiting)));
        }

        [Fact]
        public void WorkerClusterClientsCountOnlyWithoutInjectionOrWithALocalAddress()
        {
            string bad = "{|RAY0070:[\"/bin/sh\", \"-c\", \"ray job submit -- python x.py\"]|}";
            RuleVerifier.VerifyNone(Id, WorkerCluster(PostStart(bad.Replace("{|RAY0070:", string.Empty).Replace("|}", string.Empty))));
            RuleVerifier.Verify(Id, WorkerCluster(PostStart(bad)), NoInjection);
            RuleVerifier.Verify(Id, WorkerCluster(PostStart("{|RAY0070:[\"ray\", \"status\", \"--address\", \"127.0.0.1:6379\"]|}")));

            // Local-node users count on workers either way.
            RuleVerifier.Verify(Id, WorkerCluster(PostStart("{|RAY0070:[\"python\", \"-c\", \"import ray; ray.init()\"]|}")));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Head(PostStart(
                "[\"/bin/sh\", \"-c\", \"timeout 600 sh -c 'until ray health-check >/dev/null 2>&1; do sleep 1; done' && serve deploy /home/ray/serve.yaml\"]")));
            Assert.DoesNotContain(GeneratorHarness.Analyze(Head(PostStart(
                "[\"/bin/sh\", \"-c\", \"timeout 600 sh -c 'until ray health-check >/dev/null 2>&1; do sleep 1; done' && serve deploy /home/ray/serve.yaml\"]"))), d => d.Id == "RAY0071");
        }

        [Fact]
        public void KubeRayHeadCommandSampleWaitsFirst()
        {
            RuleVerifier.VerifyNone(Id, HeadCommandSample);
            var diagnostics = GeneratorHarness.Analyze(HeadCommandSample);
            Assert.Equal(new[] { "RAY0071" }, diagnostics.Select(d => d.Id).ToArray()); // the sample's loop is unbounded: an Info, as rules.md expects
        }

        [Theory]
        [InlineData("[\"/bin/sh\", \"-c\", \"mkdir -p /tmp/x && cp /a /b && echo done\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"echo 'serve deploy /x.yaml' > /tmp/note; echo \\\"ray status\\\"\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"timeout 600 sh -c 'until ray health-check >/dev/null 2>&1; do sleep 1; done' && serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"until ray status; do sleep 1; done; ray job submit -- python x.py\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"while ! ray health-check; do sleep 1; done && serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"for i in $(seq 1 60); do ray health-check && break; sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"until curl -sf http://localhost:8265/api/gcs_healthz; do sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"until wget -q -O- http://127.0.0.1:52365/api/local_raylet_healthz; do sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"while ! nc -z localhost 6379; do sleep 1; done; ray job submit -- python x.py\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"until (echo > /dev/tcp/127.0.0.1/6379) 2>/dev/null; do sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"wait_ray() { until ray health-check; do sleep 1; done; }; wait_ray; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"while true; do if ray health-check; then break; fi; sleep 2; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"until serve status; do sleep 2; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"python\", \"-c\", \"import ray; print(ray.__version__)\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"pip install 'ray[serve]' && ray --version && ray disable-usage-stats\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"ray metrics launch-prometheus\"]")]
        public void DoesNotTrigger(string command)
        {
            RuleVerifier.VerifyNone(Id, Head(PostStart(command)));
        }

        [Fact]
        public void PythonRetryLoopCounts()
        {
            string code = "import ray, time\\nfor _ in range(60):\\n    try:\\n        ray.init()\\n        break\\n    except Exception:\\n        time.sleep(1)\\nfrom ray import serve\\nserve.run(app)";
            RuleVerifier.VerifyNone(Id, Head(PostStart("[\"python\", \"-c\", \"" + code + "\"]")));
        }

        [Fact]
        public void SandboxGvisorInstallerHook()
        {
            string hook = "lifecycle:\n  postStart:\n    exec:\n      command:\n      - /bin/sh\n      - -c\n      - |\n        ARCH=$(uname -m)\n        sudo wget -O /usr/local/bin/runsc \"https://storage.googleapis.com/gvisor/releases/release/latest/${ARCH}/runsc\"\n        sudo chmod +x /usr/local/bin/runsc\n";
            RuleVerifier.VerifyNone(Id, Head(hook));
        }

        [Fact]
        public void OnlyTheRayContainerAndOnlyExecPostStart()
        {
            string yaml = RayCluster("c", Group(string.Empty) + "    - name: sidecar\n      image: busybox\n" + Indent(PostStart("[\"/bin/sh\", \"-c\", \"serve deploy /x.yaml\"]"), 6));
            Assert.Contains("name: sidecar", yaml);
            RuleVerifier.VerifyNone(Id, yaml);

            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  postStart:\n    httpGet:\n      path: /api/gcs_healthz\n      port: 8265\n"));
            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  postStart:\n    sleep:\n      seconds: 5\n"));
            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  postStart:\n    tcpSocket:\n      port: 6379\n"));
            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  preStop:\n    exec:\n      command: [\"/bin/sh\", \"-c\", \"ray stop\"]\n"));
            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  preStop:\n    exec:\n      command: [\"/bin/sh\", \"-c\", \"serve shutdown -y\"]\n"));
        }

        [Fact]
        public void UnreadableScriptIsRay0074NotRay0070()
        {
            string yaml = Head(PostStart("[\"/bin/sh\", \"-c\", \"/opt/scripts/deploy.sh && serve deploy /x.yaml\"]"));
            RuleVerifier.VerifyNone(Id, yaml);
            Assert.Contains(GeneratorHarness.Analyze(yaml), d => d.Id == "RAY0074");
        }

        [Fact]
        public void SuppressionCommentAboveTheHook()
        {
            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  postStart:\n    exec:\n      # raygen-disable-next-line RAY0070\n      command: [\"ray\", \"status\"]\n"));
        }
    }
}
