using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.PodLayout
{
    public class MissingGcsWaitAnalyzerTests
    {
        private const string Id = "RAY0064";

        private static readonly Dictionary<string, string> NoInjection = new() { ["RayGenEnableInitContainerInjection"] = "false" };

        /// <summary>The fix of rules.md: an init container that waits with ray health-check --address.</summary>
        private const string WaitInit =
            "initContainers:\n- name: wait-for-gcs\n  image: rayproject/ray:2.52.0\n  command: [\"/bin/bash\", \"-c\", \"until ray health-check --address $FQ_RAY_IP:6379 >/dev/null 2>&1; do sleep 5; done\"]\n";

        /// <summary>A worker group 'w' whose Ray container has <paramref name="container"/> and whose pod spec has <paramref name="pod"/>; its <c>template</c> key is marked when <paramref name="mark"/>.</summary>
        private static string WorkerGroup(string container = "", string? pod = null, bool mark = true) =>
            Worker("w", mark ? PodGroup(container, pod).Replace("template:", "{|RAY0064:template|}:") : PodGroup(container, pod));

        private static string Cluster(string container = "", string? pod = null, bool mark = true, string? trailer = null) =>
            RayCluster("c", Group(string.Empty), WorkerGroup(container, pod, mark)) + (trailer ?? string.Empty);

        private static string Init(string command, string? extra = null) =>
            "initContainers:\n- name: setup\n  image: rayproject/ray:2.52.0\n  command: " + command + "\n" + (extra ?? string.Empty);

        public static IEnumerable<object[]> Kinds() => new[]
        {
            new object[] { Cluster() },
            new object[] { "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: j\nspec:\n  entrypoint: python x.py\n  rayClusterSpec:\n    headGroupSpec:\n" + Indent(Group(string.Empty), 6) + "    workerGroupSpecs:\n" + Indent(WorkerGroup(), 4) },
            new object[] { "apiVersion: ray.io/v1\nkind: RayService\nmetadata:\n  name: s\nspec:\n  rayClusterConfig:\n    headGroupSpec:\n" + Indent(Group(string.Empty), 6) + "    workerGroupSpecs:\n" + Indent(WorkerGroup(), 4) },
            new object[] { "apiVersion: ray.io/v1\nkind: RayCronJob\nmetadata:\n  name: cj\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    entrypoint: python x.py\n    rayClusterSpec:\n      headGroupSpec:\n" + Indent(Group(string.Empty), 8) + "      workerGroupSpecs:\n" + Indent(WorkerGroup(), 6) },
        };

        [Theory]
        [MemberData(nameof(Kinds))]
        public void WorkerWithoutAnyWaitTriggersInEveryKind(string yaml)
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml, NoInjection));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("worker group 'w'", d.GetMessage());
            Assert.Contains("until ray health-check --address $FQ_RAY_IP:6379", d.GetMessage());
            Assert.Empty(d.AdditionalLocations);
        }

        [Theory]
        [MemberData(nameof(Kinds))]
        public void InjectionOnDoesNotTrigger(string yaml)
        {
            RuleVerifier.VerifyNone(Id, yaml.Replace("{|RAY0064:", string.Empty).Replace("|}", string.Empty));
        }

        [Fact]
        public void FixedSnippet()
        {
            RuleVerifier.VerifyNone(Id, Cluster(pod: WaitInit, mark: false), NoInjection);
        }

        [Fact]
        public void HeadGroupIsNotChecked()
        {
            // The head has no wait and needs none; only the worker group is reported.
            RuleVerifier.Verify(Id, Cluster(), NoInjection);
        }

        [Fact]
        public void MessageSuggestsTheHeadPort()
        {
            string yaml = RayCluster("c", Group(string.Empty, "\n  port: \"6380\""), WorkerGroup());
            Assert.Contains("$FQ_RAY_IP:6380", Assert.Single(RuleVerifier.Verify(Id, yaml, NoInjection)).GetMessage());
        }

        [Fact]
        public void BareHealthCheckInAnInitContainerDoesNotCount()
        {
            string yaml = Cluster(pod: Init("[\"sh\", \"-c\", \"until ray health-check; do sleep 1; done\"]"));
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, yaml, NoInjection));
            Assert.Contains("checks without --address", d.GetMessage());
            Assert.Contains("not RAY_ADDRESS", d.GetMessage());
            Location loop = Assert.Single(d.AdditionalLocations);
            Assert.Equal("until", yaml.Replace("{|RAY0064:", string.Empty).Replace("|}", string.Empty).Substring(loop.SourceSpan.Start, loop.SourceSpan.Length));
        }

        [Theory]
        [InlineData("[\"sh\", \"-c\", \"until curl -sf http://localhost:8265/api/gcs_healthz; do sleep 1; done\"]", "checks a local address")]
        [InlineData("[\"sh\", \"-c\", \"until ray health-check --address 127.0.0.1:6379; do sleep 1; done\"]", "checks a local address")]
        [InlineData("[\"mkdir\", \"-p\", \"/data\"]", "waits for the head's GCS:")]
        [InlineData("[\"sh\", \"-c\", \"sleep 30\"]", "waits for the head's GCS:")]
        [InlineData("[\"sh\", \"-c\", \"ray health-check --address $FQ_RAY_IP:6379\"]", "waits for the head's GCS:")] // a check, but no loop
        [InlineData("[\"sh\", \"-c\", \"(until ray health-check --address $FQ_RAY_IP:6379; do sleep 1; done) & echo go\"]", "waits for the head's GCS")] // nothing waits for it
        [InlineData("[\"python\", \"-c\", \"import ray, time\\nwhile True:\\n    try:\\n        ray.init(address='127.0.0.1:6379')\\n        break\\n    except Exception:\\n        time.sleep(1)\\n\"]", "checks a local address")]
        [InlineData("[\"python\", \"-c\", \"import ray, time\\nwhile True:\\n    try:\\n        ray.init()\\n        break\\n    except Exception:\\n        time.sleep(1)\\n\"]", "not RAY_ADDRESS")] // ray.init() reads RAY_ADDRESS, which init containers do not get
        public void InitContainersThatDoNotWaitForTheHead(string command, string message)
        {
            Assert.Contains(message, Assert.Single(RuleVerifier.Verify(Id, Cluster(pod: Init(command)), NoInjection)).GetMessage());
        }

        [Theory]
        [InlineData("[\"/bin/bash\", \"-c\", \"until ray health-check --address $FQ_RAY_IP:6379 >/dev/null 2>&1; do sleep 5; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"until ray health-check --address=$FQ_RAY_IP:6379; do sleep 5; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"until ray health-check --address raycluster-head-svc.default.svc.cluster.local:6379; do sleep 5; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"while ! ray status --address \\\"${FQ_RAY_IP}:6379\\\"; do sleep 2; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"until curl -sf http://$RAY_IP:8265/api/gcs_healthz; do sleep 2; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"until wget -q -O- \\\"http://${FQ_RAY_IP}:52365/api/healthz\\\"; do sleep 2; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"until nc -z $RAY_IP 6379; do sleep 1; done\"]")]
        [InlineData("[\"bash\", \"-c\", \"until (echo > /dev/tcp/$FQ_RAY_IP/6379) 2>/dev/null; do sleep 1; done\"]")]
        [InlineData("[\"timeout\", \"600\", \"sh\", \"-c\", \"until ray health-check --address $FQ_RAY_IP:6379; do sleep 1; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"export RAY_ADDRESS=$FQ_RAY_IP:6379; until ray health-check; do sleep 1; done\"]")]
        [InlineData("[\"sh\", \"-c\", \"RAY_ADDRESS=$FQ_RAY_IP:6379 ray health-check || exit 1; until RAY_ADDRESS=$FQ_RAY_IP:6379 ray health-check; do sleep 1; done\"]")]
        [InlineData("[\"python\", \"-c\", \"import ray, time\\nwhile True:\\n    try:\\n        ray.init(address='ray://head:10001')\\n        break\\n    except Exception:\\n        time.sleep(1)\\n\"]")]
        [InlineData("[\"python\", \"-c\", \"import ray, time\\nwhile True:\\n    try:\\n        ray.init(address=f'ray://{head}:10001')\\n        break\\n    except Exception:\\n        time.sleep(1)\\n\"]")] // built at run time: may be the head
        public void InitContainersThatWaitForTheHead(string command)
        {
            RuleVerifier.VerifyNone(Id, Cluster(pod: Init(command), mark: false), NoInjection);
        }

        [Fact]
        public void KubeRaysOwnWaitScriptCounts()
        {
            // KubeRay's wait-gcs-ready: bash -lc -- with the script in args.
            string script = "SECONDS=0\nwhile true; do\n  if (( SECONDS <= 120 )); then\n    if ray health-check --address $FQ_RAY_IP:6379 > /dev/null 2>&1; then\n      echo \"GCS is ready.\"\n      break\n    fi\n  fi\n  sleep 5\ndone\n";
            string init = "initContainers:\n- name: wait-gcs-ready\n  image: rayproject/ray:2.52.0\n  command: [\"/bin/bash\", \"-lc\", \"--\"]\n  args:\n  - |\n" + Indent(script, 4);
            RuleVerifier.VerifyNone(Id, Cluster(pod: init, mark: false), NoInjection);
        }

        [Fact]
        public void RayAddressInTheInitContainersEnvCounts()
        {
            string init = Init("[\"sh\", \"-c\", \"until ray health-check; do sleep 1; done\"]", "  env:\n  - name: RAY_ADDRESS\n    value: $(FQ_RAY_IP):6379\n");
            RuleVerifier.VerifyNone(Id, Cluster(pod: init, mark: false), NoInjection);
        }

        [Theory]
        [InlineData("args: [\"until ray health-check; do sleep 1; done\"]")]             // RAY_ADDRESS points at the head in the Ray container
        [InlineData("args: [\"until ray health-check --address $RAY_ADDRESS; do sleep 1; done; echo ready\"]")]
        public void CommandPrefixOfTheRayContainerCounts(string container)
        {
            RuleVerifier.VerifyNone(Id, Cluster(container, mark: false), NoInjection);
        }

        [Fact]
        public void LocalLoopInTheCommandPrefixDoesNotCount()
        {
            string container = "args: [\"until curl -sf http://127.0.0.1:8265/api/gcs_healthz; do sleep 1; done\"]";
            Assert.Contains("checks a local address", Assert.Single(RuleVerifier.Verify(Id, Cluster(container), NoInjection)).GetMessage());
        }

        [Fact]
        public void ResolvedConfigMapScriptWithALoopCounts()
        {
            string pod = "initContainers:\n- name: wait\n  image: rayproject/ray:2.52.0\n  command: [\"bash\", \"/scripts/wait.sh\"]\n  volumeMounts:\n  - {name: scripts, mountPath: /scripts}\n" + ConfigMapVolume("waits");
            string good = ConfigMap("waits", ("wait.sh", "until ray health-check --address $FQ_RAY_IP:6379; do sleep 2; done\n"));
            string bad = ConfigMap("waits", ("wait.sh", "until ray health-check; do sleep 2; done\n"));
            RuleVerifier.VerifyNone(Id, Cluster(pod: pod, mark: false, trailer: good), NoInjection);
            RuleVerifier.Verify(Id, Cluster(pod: pod, trailer: bad), NoInjection);
        }

        [Fact]
        public void UnreadableScriptMayWait()
        {
            // A script of the image: RayGen cannot see whether it waits, so it does not guess.
            RuleVerifier.VerifyNone(Id, Cluster(pod: Init("[\"/opt/wait-for-head.sh\"]"), mark: false), NoInjection, "RAY0074");
            RuleVerifier.VerifyNone(Id, Cluster(pod: Init("[\"sh\", \"/opt/wait-for-head.sh\"]"), mark: false), NoInjection, "RAY0074");
        }

        [Fact]
        public void EachWorkerGroupIsReported()
        {
            string yaml = RayCluster("c", Group(string.Empty), WorkerGroup() + Worker("waits", PodGroup(string.Empty, WaitInit)) + Worker("x", PodGroup(string.Empty).Replace("template:", "{|RAY0064:template|}:")));
            Assert.Equal(2, RuleVerifier.Verify(Id, yaml, NoInjection).Count);
        }
    }
}
