using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Analyzers.FinalArgs
{
    public class TrailingNewlineAnalyzerTests
    {
        private const string Id = "RAY0003";

        [Theory]
        [InlineData("args:\n- {|RAY0003:||}\n  pip install -r /home/ray/requirements.txt\n  echo \"deps ready\"\n")]
        [InlineData("args:\n- {|RAY0003:>|}\n  pip install x\n")]
        [InlineData("args:\n- {|RAY0003:|+|}\n  pip install x\n\n")]
        [InlineData("args:\n- {|RAY0003:|2|}\n    pip install x\n")]
        [InlineData("args: [{|RAY0003:\"pip install x\\n\"|}]")]
        public void Triggers(string container)
        {
            RuleVerifier.Verify(Id, RayCluster("c", Group(container)));
        }

        [Theory]
        [InlineData("args:\n- |-\n  pip install x\n")]
        [InlineData("args:\n- >-\n  pip install x\n")]
        [InlineData("args:\n- |\n  pip install x\n- echo done\n")]
        [InlineData("args:\n- |\n  pip install x \\\n")]
        public void DoesNotTrigger(string container)
        {
            RuleVerifier.VerifyNone(Id, RayCluster("c", Group(container)));
        }
    }
}
