using System.Collections.Generic;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.PodLayout
{
    public class RayContainerPositionAnalyzerTests
    {
        private static string Head(string containers) =>
            "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: c\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers:\n" + Indent(containers, 8);

        [Fact]
        public void RayContainerAfterASidecarTriggers()
        {
            RuleVerifier.Verify("RAY0060", Head("- name: fluentbit\n  image: fluent/fluent-bit:3.0\n- name: {|RAY0060:ray-head|}\n  image: rayproject/ray:2.52.0\n"));
        }

        [Theory]
        [InlineData("- name: ray-head\n  image: rayproject/ray:2.52.0\n- name: fluentbit\n  image: fluent/fluent-bit:3.0\n")]
        [InlineData("- name: app\n  image: corp/app:1\n- name: sidecar\n  image: corp/side:1\n")]
        [InlineData("- name: main\n  image: $IMAGE\n- name: ray-head\n  image: rayproject/ray:2.52.0\n")]
        [InlineData("- name: main\n  image: corp/app:1\n  args: [\"ray start --head --block\"]\n- name: ray-head\n  image: rayproject/ray:2.52.0\n")]
        public void DoesNotTrigger(string containers)
        {
            RuleVerifier.VerifyNone("RAY0060", Head(containers), allowed: "RAY0020");
        }

        [Fact]
        public void IgnoredBeforeKubeRay10()
        {
            RuleVerifier.VerifyNone("RAY0060",
                Head("- name: fluentbit\n  image: fluent/fluent-bit:3.0\n- name: ray-head\n  image: rayproject/ray:2.52.0\n"),
                new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "0.6" });
        }
    }

    public class DuplicateWaitGcsReadyAnalyzerTests
    {
        private static string WithInit(string init, bool worker = true) => RayCluster("c",
            worker ? Group("") : Group("", extra: null).Replace("  spec:\n", "  spec:\n    initContainers:\n" + Indent(init, 4)),
            worker ? Worker("w", Group("").Replace("  spec:\n", "  spec:\n    initContainers:\n" + Indent(init, 4))) : null);

        [Fact]
        public void WorkerInitContainerNamedWaitGcsReadyTriggers()
        {
            RuleVerifier.Verify("RAY0062", WithInit("- name: {|RAY0062:wait-gcs-ready|}\n  image: busybox\n"));
        }

        [Fact]
        public void HeadAndDisabledInjectionDoNotTrigger()
        {
            RuleVerifier.VerifyNone("RAY0062", WithInit("- name: wait-gcs-ready\n  image: busybox\n", worker: false));
            // With injection off this init container does nothing visible, so RAY0064 rightly says nothing waits for GCS.
            RuleVerifier.VerifyNone("RAY0062", WithInit("- name: wait-gcs-ready\n  image: busybox\n"),
                new Dictionary<string, string> { ["RayGenEnableInitContainerInjection"] = "false" }, "RAY0064");
        }
    }

    public class LegacyServiceWaitAnalyzerTests
    {
        private static string WithInit(string init) => RayCluster("c", Group(""),
            Worker("w", Group("").Replace("  spec:\n", "  spec:\n    initContainers:\n" + Indent(init, 4))));

        [Fact]
        public void NslookupLoopIsInfo()
        {
            var diagnostic = Assert.Single(RuleVerifier.Verify("RAY0063", WithInit(
                "- name: {|RAY0063:init-myservice|}\n  image: busybox:1.28\n  command: ['sh', '-c', \"until nslookup $RAY_IP.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done\"]\n")));
            Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, diagnostic.Severity);
        }

        [Theory]
        [InlineData("- name: setup\n  image: busybox\n  command: ['sh', '-c', 'nslookup example.com']\n")]
        [InlineData("- name: setup\n  image: busybox\n  command: ['sh', '-c', 'until ray health-check --address $FQ_RAY_IP:6379; do sleep 5; done']\n")]
        public void DoesNotTrigger(string init)
        {
            RuleVerifier.VerifyNone("RAY0063", WithInit(init));
        }
    }
}
