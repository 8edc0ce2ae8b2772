using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Analyzers.Overwrite.OverwriteTestManifests;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.Overwrite
{
    public class RayStartSubstringAnalyzerTests
    {
        private const string Id = "RAY0020";

        [Fact]
        public void BadExampleWarns()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("args: [\"echo 'preparing before {|RAY0020:ray start|}'; pip install -r /home/ray/req.txt\"]"))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("Final args:", d.GetMessage());
        }

        [Fact]
        public void ShellTextInCommandZeroIsAnError()
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("command: [\"{|RAY0020:ray start|} --head --block\"]"))));
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains("executable file not found", d.GetMessage());
        }

        [Theory]
        [InlineData("args: [\"echo '{|RAY0020:ray start|} later'\"]")]
        [InlineData("args: [\"printf x; echo {|RAY0020:ray start|}\"]")]
        [InlineData("args: [\"true # {|RAY0020:ray start|}\"]")]
        [InlineData("args: [\"echo x; ar{|RAY0020:ray start|}up\"]")]
        public void TextThatIsNotAnInvocationWarns(string args)
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group(BashC + args))));
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.Contains("not a real 'ray start' invocation", d.GetMessage());
        }

        [Theory]
        [InlineData("args: [\"ulimit -n 65536; {|RAY0020:ray start|} --head --block\"]")]
        [InlineData("args: [\"echo 'ray start'; {|RAY0020:ray start|} --head --block\"]")]
        [InlineData("args: [\"ulimit -n 65536; exec /usr/bin/{|RAY0020:ray start|} --head --block\"]")]
        [InlineData("args: [\"ulimit -n 65536; bash -c 'exec {|RAY0020:ray start|} --head --block'\"]")]
        public void RealInvocationIsInfo(string args)
        {
            var d = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group(BashC + args))));
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        }

        [Fact]
        public void BlockScalarPointsAtTheWholeScalar()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(BashC + "args:\n- {|RAY0020:|-\n  ulimit -n 65536\n  ray start --head --block|}\n")));
        }

        [Fact]
        public void WorkerGroupsToo()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(""), Worker("w", Group(BashC + "args: [\"ulimit -n 65536; {|RAY0020:ray start|} --address=x:6379 --block\"]"))));
        }

        [Fact]
        public void OverwriteModeIsNotReported()
        {
            RuleVerifier.VerifyNone(Id, OverwriteScript("\"ulimit -n 65536; ray start --head --block\""));
        }

        [Theory]
        [InlineData("args: [\"echo ray  start\"]")]
        [InlineData("args: [\"echo Ray start\"]")]
        public void NoSubstringNoReport(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void SeparateElementsAreRay0021()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"ray\", \"start\", \"--block\"]")), allowed: "RAY0021");
        }

        [Fact]
        public void FixedExampleIsClean()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"echo 'preparing before starting Ray'; pip install -r /home/ray/req.txt\"]")));
        }
    }
}
