using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class CommentSwallowsTailAnalyzerTests
    {
        private const string Id = "RAY0004";

        [Theory]
        [InlineData("args: [\"pip install 'ray[serve]'  {|RAY0004:# serving extras|}\"]")]
        [InlineData("args: [\"x & {|RAY0004:# bg|}\"]")]
        [InlineData("args: [\"echo a;{|RAY0004:#c|}\"]")]
        public void Triggers(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void BlockScalarPointsAtTheWholeScalar()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group("args:\n- {|RAY0004:|-\n  echo a\n  echo b # done|}\n")));
        }

        [Theory]
        [InlineData("args: [\"echo '# not a comment'\"]")]
        [InlineData("args: [\"echo a#b http://h/#frag\"]")]
        [InlineData("args: [\"echo $# ${#x}\"]")]
        [InlineData("args:\n- |-\n  # setup\n  echo a\n")]
        [InlineData("args:\n- |-\n  cat <<EOF\n  # in heredoc\n  EOF\n  true\n")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void CommentThatLeavesAnOperatorDanglingIsRay0002()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("args: [\"x && # c\"]")), allowed: "RAY0002");
        }
    }
}
