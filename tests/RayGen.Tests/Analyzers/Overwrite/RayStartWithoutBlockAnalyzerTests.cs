using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
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

        [Fact]
        public void GeneratedModeIsLeftToKubeRay()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"echo hi\"]")));
        }
    }
}
