using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class InvalidFinalArgsAnalyzerTests
    {
        private const string Id = "RAY0002";

        [Theory]
        [InlineData("args: [\"pip install -r /home/ray/requirements.txt{|RAY0002:;|}\"]")]
        [InlineData("args: [\"make &{|RAY0002:&|}\"]")]
        [InlineData("args: [\"a |{|RAY0002:||}\"]")]
        [InlineData("args: [\"echo {|RAY0002:'|}unclosed\"]")]
        public void Triggers(string container)
        {
            var diagnostic = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group(container))));
            Assert.Contains("bash rejects the final args", diagnostic.GetMessage());
            Assert.Contains("Final args:", diagnostic.GetMessage());
        }

        [Fact]
        public void BlankUserTextPointsAtTheElement()
        {
            var diagnostic = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("args: [{|RAY0002:\"\"|}]"))));
            Assert.Contains("empty or blank", diagnostic.GetMessage());
        }

        [Theory]
        [InlineData("args: [\"pip install -r /home/ray/requirements.txt\"]")]
        [InlineData("command: [\"echo 123\"]\nargs: [\"456\"]")]
        [InlineData("args: [\"if true; then echo a; fi\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void MoreSpecificRulesWin()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"x.sh&\"]")), allowed: "RAY0001");
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args:\n- |\n  echo a\n")), allowed: "RAY0003");
        }

        [Fact]
        public void SuppressedModeChecksAKnownShellsScript()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-lc\", \"--\", \"echo a; ray start --head --block &{|RAY0002:&|}\"]")));
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"/bin/bash\", \"-c\", \"echo a; ray start --head --block\"]")), allowed: "RAY0025");
        }
    }
}
