using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class TrailingBackgroundAnalyzerTests
    {
        private const string Id = "RAY0001";

        [Theory]
        [InlineData("command: [\"/home/ray/samples/ray_cluster_resources.sh{|RAY0001:&|}\"]")]
        [InlineData("command: [\"script.sh {|RAY0001:&|}\"]")]
        [InlineData("command: ['(x) {|RAY0001:&|}']")]
        [InlineData("args: [\"nohup x > /tmp/log 2>&1 {|RAY0001:&|}\"]")]
        [InlineData("command: [echo hi]\nargs: [\"sleep 9{|RAY0001:&|}\", \"  \"]")]
        [InlineData("command: [script.sh{|RAY0001:&|}]")]
        public void Triggers(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void BlockScalarPointsAtTheWholeScalar()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group("args:\n- {|RAY0001:|-\n  echo start\n  server.sh &|}\n")));
        }

        [Fact]
        public void WorkersAndEmbeddedClustersToo()
        {
            string yaml = "apiVersion: ray.io/v1\nkind: RayJob\nmetadata:\n  name: j\nspec:\n  rayClusterSpec:\n    headGroupSpec:\n"
                + Indent(Group(""), 6) + "    workerGroupSpecs:\n" + Indent(Worker("w", Group("command: [\"x.sh{|RAY0001:&|}\"]")), 4);
            RuleVerifier.Verify(Id, yaml);
        }

        [Theory]
        [InlineData("command: [\"a && b\"]")]
        [InlineData("command: [\"x &> /tmp/log\"]")]
        [InlineData("command: [\"x >& /tmp/log\"]")]
        [InlineData("command: [\"x 2>&1\"]")]
        [InlineData("command: [\"echo 'a &'\"]")]
        [InlineData("command: [\"echo a \\\\&\"]")]
        [InlineData("command: [\"(x &)\"]")]
        [InlineData("command: [\"(x&)\"]")]
        [InlineData("command: [\"{ x & }\"]")]
        [InlineData("command: [\"echo $(x &)\"]")]
        [InlineData("command: [\"sleep 9 & wait\"]")]
        [InlineData("command: [\"(/home/ray/samples/ray_cluster_resources.sh &)\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }

        [Fact]
        public void CommentAfterAmpersandIsRay0004NotRay0001()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"x & # bg\"]")), allowed: "RAY0004");
        }

        [Fact]
        public void OverwriteModeIsLeftAlone()
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group("command: [\"x.sh&\"]"), metadataExtra: "annotations:\n  ray.io/overwrite-container-cmd: \"true\"\n"));
        }

        [Fact]
        public void MessageEndsWithTheFinalArgs()
        {
            var diagnostic = Assert.Single(RuleVerifier.Verify(Id, RayCluster("c", Group("command: [\"x.sh{|RAY0001:&|}\"]"))));
            Assert.Contains("Final args:  x.sh&  && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head", diagnostic.GetMessage());
            Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        }
    }
}
