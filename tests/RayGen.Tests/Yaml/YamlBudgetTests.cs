using System.Linq;
using System.Text;
using RayGen.Yaml;
using Xunit;
using static RayGen.Tests.Yaml.YamlTestHelpers;

namespace RayGen.Tests.Yaml
{
    public class YamlBudgetTests
    {
        [Fact]
        public void Text_over_max_chars_is_not_read()
        {
            YamlReadResult result = YamlReader.Read("a: 12345678", new YamlBudgets(10, 200, 1000, 1000));
            Assert.Empty(result.Documents);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Budget, problem.Kind);
            Assert.Equal(SourceSpan.Empty, problem.Span);
            Assert.True(result.HasErrors);
        }

        [Fact]
        public void Text_at_max_chars_is_read()
        {
            YamlReadResult result = YamlReader.Read("a: 1234567", new YamlBudgets(10, 200, 1000, 1000));
            Assert.Empty(result.Problems);
        }

        [Theory]
        [InlineData("[", 200)]
        [InlineData("- ", 400)]
        [InlineData("{a: ", (199 * 4) + 1)] // the key of the 200th mapping is level 201
        public void Very_deep_nesting_is_a_budget_problem_not_a_stack_overflow(string level, int failingOffset)
        {
            string text = string.Concat(Enumerable.Repeat(level, 100_000)) + "x";
            YamlReadResult result = YamlReader.Read(text);
            Assert.Empty(result.Documents);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Budget, problem.Kind);
            Assert.Equal(failingOffset, problem.Span.Start);
        }

        [Fact]
        public void Deep_indented_mappings_hit_the_depth_budget()
        {
            var text = new StringBuilder();
            for (int i = 0; i < 300; i++)
            {
                text.Append(' ', i).Append("a:\n");
            }

            YamlReadResult result = YamlReader.Read(text.ToString());
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Budget, problem.Kind);

            // Line i holds the mapping at level i + 1 and its key at level i + 2.
            AssertPosition(problem.Span, 199, 199, 199, 200);
        }

        [Fact]
        public void Building_a_very_deep_tree_is_iterative()
        {
            const int depth = 100_000;
            string text = string.Concat(Enumerable.Repeat("- ", depth)) + "x";
            YamlReadResult result = YamlReader.Read(text, new YamlBudgets(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue));
            Assert.Empty(result.Problems);
            YamlNode node = result.Documents[0].Root!;
            Assert.Equal(depth + 1, node.SubtreeNodeCount);
            for (int i = 0; i < depth; i++)
            {
                node = Assert.Single(node.Items);
            }

            Assert.Equal("x", node.Value);
        }

        [Fact]
        public void Depth_counts_through_aliases()
        {
            var budgets = new YamlBudgets(1000, 5, 1000, 1000);
            Assert.Empty(YamlReader.Read("a: &a [[[1]]]\nb: *a\n", budgets).Problems);

            YamlReadResult result = YamlReader.Read("a: &a [[[1]]]\nb: [*a]\n", budgets);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Budget, problem.Kind);
            AssertPosition(problem.Span, 1, 4, 1, 6);
        }

        [Fact]
        public void Node_budget_drops_the_document_and_keeps_earlier_ones()
        {
            string text = string.Concat(Enumerable.Repeat("- 1\n", 50)) + "---\n" + string.Concat(Enumerable.Repeat("- 1\n", 200)) + "---\na: 1\n";
            YamlReadResult result = YamlReader.Read(text, new YamlBudgets(100_000, 200, 100, 1000));
            YamlDocument document = Assert.Single(result.Documents);
            Assert.Equal(51, document.Root!.SubtreeNodeCount);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Budget, problem.Kind);

            // Node 101 of the second document: its root sequence is node 1, so this is item 100.
            AssertPosition(problem.Span, 51 + 99, 2, 51 + 99, 3);
        }

        [Fact]
        public void Billion_laughs_hits_the_alias_budget()
        {
            var text = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (char c = 'b'; c <= 'j'; c++)
            {
                char previous = (char)(c - 1);
                text.Append(c).Append(": &").Append(c).Append(" [")
                    .Append(string.Join(", ", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
            }

            YamlReadResult result = YamlReader.Read(text.ToString());
            Assert.Empty(result.Documents);
            YamlProblem problem = Assert.Single(result.Problems);
            Assert.Equal(YamlProblemKind.Budget, problem.Kind);
            Assert.Contains("expand", problem.Message);
        }

        [Fact]
        public void Alias_budget_counts_each_use()
        {
            var budgets = new YamlBudgets(100_000, 200, 100_000, 30);
            Assert.Empty(YamlReader.Read("a: &a [1, 2]\nb: [" + string.Join(", ", Enumerable.Repeat("*a", 10)) + "]\n", budgets).Problems);

            YamlReadResult result = YamlReader.Read("a: &a [1, 2]\nb: [" + string.Join(", ", Enumerable.Repeat("*a", 11)) + "]\n", budgets);
            Assert.Equal(YamlProblemKind.Budget, Assert.Single(result.Problems).Kind);
        }

        [Fact]
        public void Chained_merges_are_bounded_by_the_alias_budget()
        {
            var text = new StringBuilder("k0: &k0 {a0: 0}\n");
            for (int i = 1; i < 5000; i++)
            {
                text.Append("k").Append(i).Append(": &k").Append(i).Append(" {<<: *k").Append(i - 1).Append(", a").Append(i).Append(": 0}\n");
            }

            YamlReadResult result = YamlReader.Read(text.ToString());
            Assert.Equal(YamlProblemKind.Budget, Assert.Single(result.Problems).Kind);
        }

        [Fact]
        public void Budgets_are_per_document()
        {
            string document = string.Concat(Enumerable.Repeat("- 1\n", 80));
            YamlReadResult result = YamlReader.Read(document + "---\n" + document, new YamlBudgets(100_000, 200, 100, 1000));
            Assert.Empty(result.Problems);
            Assert.Equal(2, result.Documents.Count);
        }
    }
}
