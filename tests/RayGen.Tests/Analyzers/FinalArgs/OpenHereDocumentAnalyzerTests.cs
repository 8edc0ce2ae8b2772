using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class OpenHereDocumentAnalyzerTests
    {
        private const string Id = "RAY0005";

        [Fact]
        public void TerminatorOnTheLastLineIsSwallowed()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group("args:\n- {|RAY0005:|-\n  cat > /tmp/cfg.json <<'EOF'\n  {\"mode\": \"prod\"}\n  EOF|}\n")));
        }

        [Fact]
        public void MissingTerminatorInAQuotedScalar()
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group("args: [\"cat {|RAY0005:<<END|}\"]")));
        }

        [Theory]
        [InlineData("args:\n- |-\n  cat > /tmp/cfg.json <<'EOF'\n  {\"mode\": \"prod\"}\n  EOF\n  true\n")]
        [InlineData("args: [\"cat <<< hello\"]")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }
    }
}
