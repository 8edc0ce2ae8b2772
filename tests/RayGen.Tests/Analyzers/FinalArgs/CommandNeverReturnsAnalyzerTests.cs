using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
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
