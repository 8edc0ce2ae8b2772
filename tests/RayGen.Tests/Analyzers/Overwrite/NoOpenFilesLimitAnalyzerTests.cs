using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
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

        [Fact]
        public void GeneratedModeHasKubeRaysUlimit()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"echo hi\"]")));
        }
    }
}
