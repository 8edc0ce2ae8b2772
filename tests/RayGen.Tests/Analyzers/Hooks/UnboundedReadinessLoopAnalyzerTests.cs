using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Hooks.HookManifests;

namespace RayGen.Tests.Analyzers.Hooks
{
    public class UnboundedReadinessLoopAnalyzerTests
    {
        private const string Id = "RAY0071";

        [Theory]
        [InlineData("[\"/bin/sh\", \"-c\", \"{|RAY0071:until|} ray health-check; do sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"{|RAY0071:while|} ! ray status; do sleep 1; done && ray job submit -- python x.py\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"{|RAY0071:while|} true; do ray health-check && break; sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"{|RAY0071:for|} ((;;)); do ray health-check && break; sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"nohup sh -c '{|RAY0071:until|} ray health-check; do sleep 1; done'\"]")]
        [InlineData("[\"python\", \"-c\", \"import ray\\n{|RAY0071:while|} True:\\n    try:\\n        ray.init()\\n        break\\n    except Exception:\\n        pass\"]")]
        public void Triggers(string command)
        {
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, Head(PostStart(command))));
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        }

        public static System.Collections.Generic.IEnumerable<object[]> Kinds() =>
            Wrappers(PodGroup(PostStart("[\"/bin/sh\", \"-c\", \"{|RAY0071:until|} ray health-check; do sleep 1; done; serve deploy /x.yaml\"]"))).Select(y => new object[] { y });

        [Theory]
        [MemberData(nameof(Kinds))]
        public void EveryKind(string yaml)
        {
            RuleVerifier.Verify(Id, yaml);
        }

        [Fact]
        public void LoopInABlockScalarPointsAtTheKeyword()
        {
            string hook = "lifecycle:\n  postStart:\n    exec:\n      command:\n      - /bin/bash\n      - -c\n      - |\n        echo waiting\n        {|RAY0071:until|} ray health-check >/dev/null 2>&1; do\n          sleep 2\n        done\n        serve deploy /x.yaml\n";
            RuleVerifier.Verify(Id, Head(hook));
        }

        [Fact]
        public void CorpusSampleLoopIsReportedAtTheScriptReferenceWithTheLoopAsAdditionalLocation()
        {
            string marked = HeadCommandSample.Replace("\"-c\", \"/home/ray/samples/ray_cluster_resources.sh\"", "\"-c\", \"{|RAY0071:/home/ray/samples/ray_cluster_resources.sh|}\"");
            Diagnostic d = Assert.Single(RuleVerifier.Verify(Id, marked));
            Location loop = Assert.Single(d.AdditionalLocations);
            Assert.Equal("while", HeadCommandSample.Substring(loop.SourceSpan.Start, loop.SourceSpan.Length));
            Assert.Contains("'while' readiness loop (in script '/home/ray/samples/ray_cluster_resources.sh', ConfigMap 'ray-example' key 'ray_cluster_resources.sh', line 4)", d.GetMessage());
        }

        [Theory]
        [InlineData("[\"/bin/sh\", \"-c\", \"timeout 600 sh -c 'until ray health-check >/dev/null 2>&1; do sleep 1; done' && serve deploy /x.yaml\"]")]
        [InlineData("[\"timeout\", \"600\", \"/bin/sh\", \"-c\", \"until ray health-check; do sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"for i in $(seq 1 60); do ray health-check && break; sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"for i in 1 2 3 4 5; do if ray health-check; then break; fi; sleep 5; done\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"for ((i=0; i<60; i++)); do ray health-check && break; sleep 1; done\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"n=0; until ray health-check; do n=$((n+1)); [ $n -ge 60 ] && exit 1; sleep 1; done; serve deploy /x.yaml\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"until ray health-check; do if [[ $SECONDS -gt 600 ]]; then exit 1; fi; sleep 1; done\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"i=0; while [ $i -lt 60 ] && ! ray health-check; do i=$((i+1)); sleep 1; done\"]")]
        [InlineData("[\"/bin/bash\", \"-c\", \"until ray health-check || (( SECONDS > 600 )); do sleep 1; done\"]")]
        [InlineData("[\"python\", \"-c\", \"import ray, time\\nfor _ in range(60):\\n    try:\\n        ray.init()\\n        break\\n    except Exception:\\n        time.sleep(1)\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"(until ray health-check; do sleep 1; done; serve deploy /x.yaml) &\"]")]
        [InlineData("[\"/bin/sh\", \"-c\", \"while true; do echo tick; sleep 10; done\"]")]
        public void DoesNotTrigger(string command)
        {
            RuleVerifier.VerifyNone(Id, Head(PostStart(command)));
        }

        [Fact]
        public void LoopsOutsideThePostStartHookAreNotThisRule()
        {
            // In generated-mode command text, a background job may loop forever without hanging the container.
            RuleVerifier.VerifyNone(Id, Head("command: [\"( (until ray health-check; do sleep 2; done; serve start) & )\"]"));
            RuleVerifier.VerifyNone(Id, Head("lifecycle:\n  preStop:\n    exec:\n      command: [\"/bin/sh\", \"-c\", \"until ray health-check; do sleep 1; done\"]\n"));
        }
    }
}
