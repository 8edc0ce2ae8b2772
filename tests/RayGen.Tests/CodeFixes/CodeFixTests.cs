using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using RayGen.CodeFixes;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.CodeFixes
{
    /// <summary>
    /// Code fixes on diagnostics located in YAML AdditionalFiles, run through a real workspace (the testing
    /// package's CodeFixTest skips diagnostics outside C# documents). After the fix the rule is silent.
    /// </summary>
    public class CodeFixTests
    {
        [Theory]
        [InlineData("command: [\"/home/ray/samples/ray_cluster_resources.sh&\"]", "command: [\"(/home/ray/samples/ray_cluster_resources.sh &)\"]")]
        [InlineData("command: [script.sh &]", "command: [\"(script.sh &)\"]")]
        [InlineData("args: ['echo \"x\"; nohup srv > /tmp/log 2>&1 &']", "args: [\"echo \\\"x\\\"; (nohup srv > /tmp/log 2>&1 &)\"]")]
        [InlineData("args:\n- |-\n  echo start\n  server.sh --port 1 &", "args:\n- |-\n  echo start\n  (server.sh --port 1 &)")]
        public void Ray0001WrapsTheBackgroundCommand(string before, string after)
        {
            Assert.Equal(RayCluster("c", Group(after)), ApplyFix(new WrapBackgroundCommandCodeFix(), "RAY0001", RayCluster("c", Group(before))));
        }

        [Theory]
        [InlineData("args:\n- |\n  pip install x\n", "args:\n- |-\n  pip install x\n")]
        [InlineData("args:\n- >\n  pip install x\n", "args:\n- >-\n  pip install x\n")]
        [InlineData("args:\n- |2\n    pip install x\n", "args:\n- |2-\n    pip install x\n")]
        [InlineData("args:\n- |+\n  pip install x\n\n", "args:\n- |-\n  pip install x\n\n")]
        [InlineData("args: [\"pip install x\\n\"]", "args: [\"pip install x\"]")]
        public void Ray0003StripsTheFinalNewline(string before, string after)
        {
            Assert.Equal(RayCluster("c", Group(after)), ApplyFix(new StripFinalNewlineCodeFix(), "RAY0003", RayCluster("c", Group(before))));
        }

        private static string ApplyFix(CodeFixProvider provider, string id, string yaml)
        {
            var diagnostics = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }).Where(d => d.Id == id).ToArray();
            Diagnostic diagnostic = Assert.Single(diagnostics);

            using var workspace = new AdhocWorkspace();
            Project project = workspace.AddProject("Consumer", LanguageNames.CSharp);
            var documentId = DocumentId.CreateNewId(project.Id);
            Assert.True(workspace.TryApplyChanges(project.Solution.AddAdditionalDocument(documentId, "cluster.yaml", SourceText.From(yaml), filePath: RuleVerifier.Path)));
            TextDocument document = workspace.CurrentSolution.GetAdditionalDocument(documentId)!;
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            provider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
            CodeAction fix = Assert.Single(actions);

            ImmutableArray<CodeActionOperation> operations = fix.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
            Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            string result = changed.GetAdditionalDocument(document.Id)!.GetTextAsync().GetAwaiter().GetResult().ToString();

            Assert.DoesNotContain(GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, result) }), d => d.Id == id || d.Severity == DiagnosticSeverity.Error);
            return result;
        }
    }
}
